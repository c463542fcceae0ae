import XDRModel

/// The field names rules may use, and how each is read from a resolved event. Names follow the
/// normalised schema in snake_case; `details.<key>` reads a detail, `entity.<type>` an entity's values.
enum RuleFields {
    static let names: Set<String> = [
        "id", "layer", "kind", "severity", "class_uid", "title", "rule_id", "source_format", "outcome",
        "hostname", "src_host", "dst_host", "user", "user_name", "src_ip", "dst_ip", "dst_port",
        "process_image", "process_command_line", "parent_process_image", "file_path", "url", "domain",
        "hash", "api_operation", "cloud_principal", "email_subject", "email_from", "email_to",
        "email_message_id", "attack_techniques", "attack_tactics", "mailbox_user",
    ]

    static func isKnown(_ name: String) -> Bool {
        if names.contains(name) { return true }
        if name.hasPrefix("details."), name.count > 8 { return true }
        if name.hasPrefix("entity.") { return EntityType(rawValue: String(name.dropFirst(7))) != nil }
        return false
    }

    /// The field's values on an event, as written (comparisons lower-case both sides).
    static func values(_ name: String, of resolved: ResolvedEvent) -> [String] {
        let event = resolved.event
        func one(_ value: String?) -> [String] { value.map { [$0] } ?? [] }
        switch name {
        case "id": return [String(event.id)]
        case "layer": return [event.layer.rawValue]
        case "kind": return [event.kind.rawValue]
        case "severity": return [event.severity.name]
        case "class_uid": return [String(event.classUID)]
        case "title": return one(event.title)
        case "rule_id": return one(event.ruleID)
        case "source_format": return [event.sourceFormat]
        case "outcome": return one(event.outcome)
        case "hostname": return one(resolved.deviceHost)
        case "src_host": return one(resolved.srcHost)
        case "dst_host": return one(resolved.dstHost)
        case "user": return one(resolved.user)
        case "user_name": return one(event.userName)
        case "src_ip": return one(event.srcIP)
        case "dst_ip": return one(event.dstIP)
        case "dst_port": return one(event.dstPort.map(String.init))
        case "process_image": return one(event.processImage)
        case "process_command_line": return one(event.processCommandLine)
        case "parent_process_image": return one(event.parentProcessImage)
        case "file_path": return one(event.filePath)
        case "url": return one(event.url)
        case "domain": return one(event.domain)
        case "hash": return resolved.entities.filter { $0.type == .hash }.map(\.value)
        case "api_operation": return one(event.apiOperation)
        case "cloud_principal": return one(event.cloudPrincipal)
        case "email_subject": return one(event.emailSubject)
        case "email_from": return one(event.emailFrom)
        case "email_to": return event.emailTo
        case "email_message_id": return one(event.emailMessageID)
        case "mailbox_user": return one(resolved.mailboxUser)
        case "attack_techniques": return event.attackTechniques
        case "attack_tactics": return event.attackTactics
        default:
            if name.hasPrefix("details.") { return one(event.details[String(name.dropFirst(8))]) }
            if name.hasPrefix("entity."), let type = EntityType(rawValue: String(name.dropFirst(7))) {
                return resolved.entities.filter { $0.type == type }.map(\.value)
            }
            return []
        }
    }

    /// The entity type a field's values are, for hub checks.
    static func entityType(of name: String) -> EntityType? {
        switch name {
        case "hostname", "src_host", "dst_host": return .host
        case "src_ip", "dst_ip": return .ip
        case "user", "mailbox_user": return .user
        case "domain": return .domain
        case "url": return .url
        case "hash": return .hash
        default:
            guard name.hasPrefix("entity.") else { return nil }
            return EntityType(rawValue: String(name.dropFirst(7)))
        }
    }

    /// The first value, lower-cased, as a group or count key.
    static func key(_ name: String, of resolved: ResolvedEvent) -> String? {
        values(name, of: resolved).first.map { $0.lowercased() }
    }
}

extension FieldCondition {
    /// Whether the condition holds for an event.
    func holds(for resolved: ResolvedEvent) -> Bool {
        switch self {
        case .match(let field, let op, let expected):
            let actual = RuleFields.values(field, of: resolved)
            return actual.contains { raw in
                let value = raw.lowercased()
                return expected.contains { wanted in
                    switch op {
                    case .equals, .in: value == wanted
                    case .contains: value.contains(wanted)
                    case .startswith: value.hasPrefix(wanted)
                    case .endswith: value.hasSuffix(wanted)
                    }
                }
            }
        case .exists(let field):
            return RuleFields.values(field, of: resolved).contains { !$0.isEmpty }
        case .anyOf(let parts): return parts.contains { $0.holds(for: resolved) }
        case .allOf(let parts): return parts.allSatisfy { $0.holds(for: resolved) }
        case .not(let inner): return !inner.holds(for: resolved)
        }
    }
}
