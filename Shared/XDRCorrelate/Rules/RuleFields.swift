import XDRModel

/// The field names rules may use, and how each is read from a resolved event. Names follow the
/// normalised schema in snake_case; `details.<key>` reads a detail, `entity.<type>` an entity's values.
enum RuleFields {
    /// Whether rules may use `name`: one of `RuleField`'s names, `details.<key>` or `entity.<type>`.
    static func isKnown(_ name: String) -> Bool {
        switch RuleField(name) {
        case .unknown: false
        case .detail(let key): !key.isEmpty
        default: true
        }
    }

    /// The field's values on an event, as written (comparisons lower-case both sides).
    static func values(_ name: String, of resolved: ResolvedEvent) -> [String] {
        RuleField(name).values(of: resolved)
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
        CompiledCondition(self).holds(for: resolved)
    }
}
