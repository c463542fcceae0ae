import XDRModel

/// A correlation rule, modelled on Sigma and Sigma correlation rules: either a base `detection`
/// (conditions on one event) or a `correlation` over the matches of other rules.
public struct RuleDefinition: Sendable, Codable, Equatable {
    /// Unique rule id; derived detections and their incidents are named after it.
    public var id: String
    /// Sigma's `name`: correlations may reference a rule by it instead of the id.
    public var name: String?
    public var title: String
    public var severity: Severity
    /// ATT&CK tactics (canonical snake_case) and techniques from the rule's `tags`.
    public var tactics: [String]
    public var techniques: [String]
    /// Incident-title phrase with `{field}` placeholders (`Phishing attachment executed on {hostname}`).
    public var story: String?
    /// Whether a match is itself a detection; helper rules only referenced by correlations say false.
    public var generate: Bool
    public var body: Body
    /// Where the rule came from (file path or `builtin`), for error messages.
    public var source: String

    public enum Body: Sendable, Codable, Equatable {
        case detection(DetectionSpec)
        case correlation(CorrelationSpec)
    }

    public init(id: String, title: String, severity: Severity, tactics: [String] = [], techniques: [String] = [],
                story: String? = nil, generate: Bool = true, body: Body, source: String) {
        self.id = id
        self.title = title
        self.severity = severity
        self.tactics = tactics
        self.techniques = techniques
        self.story = story
        self.generate = generate
        self.body = body
        self.source = source
    }

    public var detection: DetectionSpec? {
        if case .detection(let spec) = body { return spec }
        return nil
    }

    public var correlation: CorrelationSpec? {
        if case .correlation(let spec) = body { return spec }
        return nil
    }
}

/// A base rule: conditions on the fields of one event, all of which must hold.
public struct DetectionSpec: Sendable, Codable, Equatable {
    public var conditions: [FieldCondition]
    /// Match only when the event's value of this field (a host) is part of an open incident —
    /// e.g. lateral movement from an already compromised host.
    public var requiresIncidentOn: String?
    /// Match only when `field` has a value not seen for the same `per` value within `lookback`.
    public var firstSeen: FirstSeen?
    /// Fields whose value must not be a hub entity (`dst_host`: a logon to the domain controller
    /// is not lateral movement). Fields of entity-valued kinds only (hosts, IPs, users, …).
    public var exceptHubs: [String]

    public init(conditions: [FieldCondition], requiresIncidentOn: String? = nil, firstSeen: FirstSeen? = nil,
                exceptHubs: [String] = []) {
        self.conditions = conditions
        self.requiresIncidentOn = requiresIncidentOn
        self.firstSeen = firstSeen
        self.exceptHubs = exceptHubs
    }
}

/// "A value never seen before for this principal" (a new source IP for a user).
public struct FirstSeen: Sendable, Codable, Equatable {
    public var field: String
    public var per: String
    public var lookback: Int64
}

/// One condition on an event's fields. Text comparisons ignore case, as in Sigma.
public indirect enum FieldCondition: Sendable, Codable, Equatable {
    /// `field <op> value` holds for any of the field's values and any of `values`.
    case match(field: String, op: MatchOperator, values: [String])
    /// The field has at least one non-empty value.
    case exists(field: String)
    case anyOf([FieldCondition])
    case allOf([FieldCondition])
    case not(FieldCondition)
}

/// How a condition compares a field with its values (Sigma's modifiers; `in` is `equals` a list).
public enum MatchOperator: String, Sendable, Codable, CaseIterable {
    case equals, contains, startswith, endswith, `in`
}

/// Sigma correlation types.
public enum CorrelationType: String, Sendable, Codable, CaseIterable {
    case eventCount = "event_count"
    case valueCount = "value_count"
    case temporal
    case temporalOrdered = "temporal_ordered"
}

/// A correlation over the matches of base rules, grouped by fields, within a timespan.
public struct CorrelationSpec: Sendable, Codable, Equatable {
    public var type: CorrelationType
    /// The base rules whose matches are counted or sequenced (in order, for `temporal_ordered`).
    public var rules: [String]
    /// Group names; each is a field, or an alias resolved per rule through `aliases`.
    public var groupBy: [String]
    public var timespan: Int64
    /// `event_count`/`value_count`: the count that fires (≥).
    public var threshold: Int
    /// `value_count`: the field whose distinct values are counted.
    public var valueField: String?
    /// Group name → rule id → field of that rule's events (`host`: `{a: hostname, b: dst_host}`).
    public var aliases: [String: [String: String]]

    /// The field that supplies group `name` for events of `rule`.
    public func field(for name: String, rule: String) -> String {
        aliases[name]?[rule] ?? name
    }
}
