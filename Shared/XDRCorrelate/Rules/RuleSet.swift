/// A checked collection of rules: unique ids, correlations that name existing base rules.
public struct RuleSet: Sendable {
    public let rules: [RuleDefinition]
    /// Base rules evaluated on every event (not the ones that need an open incident).
    let baseRules: [RuleDefinition]
    /// Base rules that only match events touching an open incident (evaluated while linking).
    let incidentRules: [RuleDefinition]
    /// The conditions of `baseRules` and `incidentRules`, compiled, by index.
    let baseConditions: [[CompiledCondition]]
    let incidentConditions: [[CompiledCondition]]
    let correlations: [RuleDefinition]
    /// Base rule id → the correlations that consume its matches.
    let consumers: [String: [RuleDefinition]]
    /// The details the rules and the engine read: all the stream reader needs to keep.
    public let detailSelection: DetailSelection

    public init(_ given: [RuleDefinition]) throws(RuleError) {
        var byID: [String: RuleDefinition] = [:]
        var idByName: [String: String] = [:]
        for rule in given {
            if let earlier = byID[rule.id] {
                throw RuleError(source: rule.source, rule: rule.id, field: "id", reason: "duplicate rule id (also in \(earlier.source))")
            }
            byID[rule.id] = rule
            if let name = rule.name { idByName[name] = rule.id }
        }
        // Correlations may name their rules by Sigma `name`: refer to ids from here on.
        let rules = given.map { rule -> RuleDefinition in
            guard var spec = rule.correlation else { return rule }
            spec.rules = spec.rules.map { byID[$0] == nil ? idByName[$0] ?? $0 : $0 }
            spec.aliases = spec.aliases.mapValues { fields in
                Dictionary(fields.map { (byID[$0.key] == nil ? idByName[$0.key] ?? $0.key : $0.key, $0.value) },
                           uniquingKeysWith: { first, _ in first })
            }
            var resolved = rule
            resolved.body = .correlation(spec)
            return resolved
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
        baseConditions = baseRules.map { $0.detection!.conditions.map(CompiledCondition.init) }
        incidentConditions = incidentRules.map { $0.detection!.conditions.map(CompiledCondition.init) }
        self.correlations = rules.filter { $0.correlation != nil }
        self.consumers = consumers
        var detailKeys = CorrelationEvent.detailKeysReadByTheEngine
        for rule in rules {
            for name in rule.fieldNames {
                if case .detail(let key) = RuleField(name) { detailKeys.insert(key) }
            }
        }
        detailSelection = DetailSelection(keys: detailKeys)
    }

    /// Built-in rules plus extra (tenant) rules.
    public static func builtIn(adding extra: [RuleDefinition] = []) throws(RuleError) -> RuleSet {
        try RuleSet(BuiltInRules.definitions() + extra)
    }
}
