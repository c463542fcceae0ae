/// A checked collection of rules: unique ids, correlations that name existing base rules.
public struct RuleSet: Sendable {
    public let rules: [RuleDefinition]
    /// Base rules evaluated on every event (not the ones that need an open incident).
    let baseRules: [RuleDefinition]
    /// Base rules that only match events touching an open incident (evaluated while linking).
    let incidentRules: [RuleDefinition]
    let correlations: [RuleDefinition]
    /// Base rule id → the correlations that consume its matches.
    let consumers: [String: [RuleDefinition]]

    public init(_ rules: [RuleDefinition]) throws(RuleError) {
        var byID: [String: RuleDefinition] = [:]
        for rule in rules {
            if let earlier = byID[rule.id] {
                throw RuleError(source: rule.source, rule: rule.id, field: "id", reason: "duplicate rule id (also in \(earlier.source))")
            }
            byID[rule.id] = rule
        }
        var consumers: [String: [RuleDefinition]] = [:]
        for rule in rules {
            guard let spec = rule.correlation else { continue }
            for (index, name) in spec.rules.enumerated() {
                guard let base = byID[name] else {
                    throw RuleError(source: rule.source, rule: rule.id, field: "correlation.rules[\(index)]", reason: "no rule with id '\(name)'")
                }
                guard let detection = base.detection, detection.requiresIncidentOn == nil else {
                    throw RuleError(source: rule.source, rule: rule.id, field: "correlation.rules[\(index)]",
                                    reason: "'\(name)' must be a base detection rule without requires_incident_on")
                }
                if !(consumers[name]?.contains(where: { $0.id == rule.id }) ?? false) { consumers[name, default: []].append(rule) }
            }
        }
        self.rules = rules
        self.baseRules = rules.filter { $0.detection != nil && $0.detection?.requiresIncidentOn == nil }
        self.incidentRules = rules.filter { $0.detection?.requiresIncidentOn != nil }
        self.correlations = rules.filter { $0.correlation != nil }
        self.consumers = consumers
    }

    /// Built-in rules plus extra (tenant) rules.
    public static func builtIn(adding extra: [RuleDefinition] = []) throws(RuleError) -> RuleSet {
        try RuleSet(BuiltInRules.definitions() + extra)
    }
}
