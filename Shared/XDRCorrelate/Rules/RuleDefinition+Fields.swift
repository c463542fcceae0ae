extension RuleDefinition {
    /// Every field name the rule reads: conditions, the incident and first-seen fields, hub
    /// exceptions, group-by and counted fields, aliases, and the story's placeholders.
    var fieldNames: [String] {
        var names = story.map(Self.placeholders) ?? []
        switch body {
        case .detection(let spec):
            for condition in spec.conditions { condition.collectFieldNames(into: &names) }
            names += [spec.requiresIncidentOn, spec.firstSeen?.field, spec.firstSeen?.per].compactMap { $0 }
            names += spec.exceptHubs
        case .correlation(let spec):
            names += spec.groupBy + [spec.valueField].compactMap { $0 }
            names += spec.aliases.values.flatMap(\.values)
        }
        return names
    }

    /// The names inside `{…}` placeholders, alternatives (`{dst_host|dst_ip}`) apart.
    static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        walkStory(template, text: { _ in }, placeholder: { names += $0 })
        return names
    }

    /// Walks a story template in order: the text between placeholders, and each placeholder's
    /// alternatives (`{dst_host|dst_ip}` gives both names).
    static func walkStory(_ template: String, text: (Substring) -> Void, placeholder: ([String]) -> Void) {
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            text(rest[..<open])
            placeholder(rest[rest.index(after: open)..<close].split(separator: "|").map(String.init))
            rest = rest[rest.index(after: close)...]
        }
        text(rest)
    }
}

extension FieldCondition {
    func collectFieldNames(into names: inout [String]) {
        switch self {
        case .match(let field, _, _), .exists(let field): names.append(field)
        case .anyOf(let parts), .allOf(let parts): for part in parts { part.collectFieldNames(into: &names) }
        case .not(let inner): inner.collectFieldNames(into: &names)
        }
    }
}
