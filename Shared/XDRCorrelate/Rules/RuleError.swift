/// A rule that cannot be used, naming the file, the rule and the field at fault.
public struct RuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rule file path (or `builtin`).
    public var source: String
    /// The rule id, when it was readable.
    public var rule: String?
    /// The field path inside the rule (`correlation.timespan`, `detection.conditions[2].field`).
    public var field: String
    public var reason: String

    public init(source: String, rule: String?, field: String, reason: String) {
        self.source = source
        self.rule = rule
        self.field = field
        self.reason = reason
    }

    public var description: String {
        let name = rule.map { " rule '\($0)'" } ?? ""
        return "\(source):\(name): \(field): \(reason)"
    }
}
