import XDRModel

/// A rule field name read once into what it reads, so evaluating a condition does not compare the
/// name against every known field for every event (the rules run on every event).
enum RuleField: Sendable, Equatable {
    case id, layer, kind, severity, classUID, title, ruleID, sourceFormat, outcome
    case hostname, srcHost, dstHost, user, userName, srcIP, dstIP, dstPort
    case processImage, processCommandLine, parentProcessImage, filePath, url, domain, hash
    case apiOperation, cloudPrincipal, emailSubject, emailFrom, emailTo, emailMessageID, mailboxUser
    case attackTechniques, attackTactics
    case detail(String)
    case entity(EntityType)
    /// A name no event carries: it has no values.
    case unknown

    init(_ name: String) {
        switch name {
        case "id": self = .id
        case "layer": self = .layer
        case "kind": self = .kind
        case "severity": self = .severity
        case "class_uid": self = .classUID
        case "title": self = .title
        case "rule_id": self = .ruleID
        case "source_format": self = .sourceFormat
        case "outcome": self = .outcome
        case "hostname": self = .hostname
        case "src_host": self = .srcHost
        case "dst_host": self = .dstHost
        case "user": self = .user
        case "user_name": self = .userName
        case "src_ip": self = .srcIP
        case "dst_ip": self = .dstIP
        case "dst_port": self = .dstPort
        case "process_image": self = .processImage
        case "process_command_line": self = .processCommandLine
        case "parent_process_image": self = .parentProcessImage
        case "file_path": self = .filePath
        case "url": self = .url
        case "domain": self = .domain
        case "hash": self = .hash
        case "api_operation": self = .apiOperation
        case "cloud_principal": self = .cloudPrincipal
        case "email_subject": self = .emailSubject
        case "email_from": self = .emailFrom
        case "email_to": self = .emailTo
        case "email_message_id": self = .emailMessageID
        case "mailbox_user": self = .mailboxUser
        case "attack_techniques": self = .attackTechniques
        case "attack_tactics": self = .attackTactics
        default:
            if name.hasPrefix("details.") {
                self = .detail(String(name.dropFirst(8)))
            } else if name.hasPrefix("entity."), let type = EntityType(rawValue: String(name.dropFirst(7))) {
                self = .entity(type)
            } else {
                self = .unknown
            }
        }
    }

    /// Whether any of the field's values satisfies `test`, without building the array `values`
    /// returns for the single-valued fields (the rules ask on every event).
    func anyValue(of resolved: ResolvedEvent, _ test: (String) -> Bool) -> Bool {
        if let single = stored(of: resolved) { return single.map(test) ?? false }
        let event = resolved.event
        switch self {
        case .emailTo: return event.emailTo.contains(where: test)
        case .attackTechniques: return event.attackTechniques.contains(where: test)
        case .attackTactics: return event.attackTactics.contains(where: test)
        default: return values(of: resolved).contains(where: test)
        }
    }

    /// The field's values on an event, as written (comparisons lower-case both sides).
    func values(of resolved: ResolvedEvent) -> [String] {
        if let single = stored(of: resolved) { return single.map { [$0] } ?? [] }
        let event = resolved.event
        switch self {
        case .id: return [String(event.id)]
        case .layer: return [event.layer.rawValue]
        case .kind: return [event.kind.rawValue]
        case .severity: return [event.severity.name]
        case .classUID: return [String(event.classUID)]
        case .dstPort: return event.dstPort.map { [String($0)] } ?? []
        case .hash: return resolved.entities.filter { $0.type == .hash }.map(\.value)
        case .emailTo: return event.emailTo
        case .mailboxUser: return resolved.mailboxUser.map { [$0] } ?? []
        case .attackTechniques: return event.attackTechniques
        case .attackTactics: return event.attackTactics
        case .entity(let type): return resolved.entities.filter { $0.type == type }.map(\.value)
        default: return []
        }
    }

    /// For a field that holds at most one string the event already has, that string (or `.some(nil)`
    /// when the event has none); nil for the other fields.
    private func stored(of resolved: ResolvedEvent) -> String?? {
        let event = resolved.event
        switch self {
        case .title: return .some(event.title)
        case .ruleID: return .some(event.ruleID)
        case .sourceFormat: return .some(event.sourceFormat)
        case .outcome: return .some(event.outcome)
        case .hostname: return .some(resolved.deviceHost)
        case .srcHost: return .some(resolved.srcHost)
        case .dstHost: return .some(resolved.dstHost)
        case .user: return .some(resolved.user)
        case .userName: return .some(event.userName)
        case .srcIP: return .some(event.srcIP)
        case .dstIP: return .some(event.dstIP)
        case .processImage: return .some(event.processImage)
        case .processCommandLine: return .some(event.processCommandLine)
        case .parentProcessImage: return .some(event.parentProcessImage)
        case .filePath: return .some(event.filePath)
        case .url: return .some(event.url)
        case .domain: return .some(event.domain)
        case .apiOperation: return .some(event.apiOperation)
        case .cloudPrincipal: return .some(event.cloudPrincipal)
        case .emailSubject: return .some(event.emailSubject)
        case .emailFrom: return .some(event.emailFrom)
        case .emailMessageID: return .some(event.emailMessageID)
        case .detail(let key): return .some(event.details[key])
        default: return nil
        }
    }
}
