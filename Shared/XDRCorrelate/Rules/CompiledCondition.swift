/// A `FieldCondition` with its field names read (`RuleField`) and its values lower-cased once,
/// built when a rule set is checked. Layer, kind and class conditions compare the event's own
/// values without building strings: most rules stop there for most events.
indirect enum CompiledCondition: Sendable {
    case match(RuleField, MatchOperator, [String])
    case exists(RuleField)
    case anyOf([CompiledCondition])
    case allOf([CompiledCondition])
    case not(CompiledCondition)

    init(_ condition: FieldCondition) {
        switch condition {
        case .match(let field, let op, let values): self = .match(RuleField(field), op, values.map { $0.lowercased() })
        case .exists(let field): self = .exists(RuleField(field))
        case .anyOf(let parts): self = .anyOf(parts.map(CompiledCondition.init))
        case .allOf(let parts): self = .allOf(parts.map(CompiledCondition.init))
        case .not(let inner): self = .not(CompiledCondition(inner))
        }
    }

    /// Whether the condition holds for an event (text compared without case, as in Sigma).
    func holds(for resolved: ResolvedEvent) -> Bool {
        switch self {
        case .match(let field, let op, let expected):
            if op == .equals || op == .in, let value = Self.lowercasedScalar(field, of: resolved) {
                return expected.contains(value)
            }
            return field.anyValue(of: resolved) { Self.matches($0, op, expected) }
        case .exists(let field):
            return field.anyValue(of: resolved) { !$0.isEmpty }
        case .anyOf(let parts): return parts.contains { $0.holds(for: resolved) }
        case .allOf(let parts): return parts.allSatisfy { $0.holds(for: resolved) }
        case .not(let inner): return !inner.holds(for: resolved)
        }
    }

    /// Whether `raw` compares with one of the (lower-case) `expected` values. ASCII text, nearly
    /// all of what rules read, is compared byte by byte with its letters folded, without making
    /// a lower-case copy of every value of every event; other text goes through `lowercased()`.
    static func matches(_ raw: String, _ op: MatchOperator, _ expected: [String]) -> Bool {
        var raw = raw
        if let folded = raw.withUTF8({ bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return expected.contains { wanted in
                var wanted = wanted
                return wanted.withUTF8 { ASCIIFold.matches(bytes, op, $0) }
            }
        }) {
            return folded
        }
        let value = raw.lowercased()
        return expected.contains { wanted in
            switch op {
            case .equals, .in: value == wanted
            // On the UTF-8 bytes: with Foundation imported, `String.contains` goes through
            // NSString's search, a percent of the engine on its own.
            case .contains: value.utf8.firstRange(of: wanted.utf8) != nil
            case .startswith: value.hasPrefix(wanted)
            case .endswith: value.hasSuffix(wanted)
            }
        }
    }

    /// The lower-case value of a single-valued field whose values are already lower case.
    private static func lowercasedScalar(_ field: RuleField, of resolved: ResolvedEvent) -> String? {
        switch field {
        case .layer: resolved.event.layer.rawValue
        case .kind: resolved.event.kind.rawValue
        case .classUID: String(resolved.event.classUID)
        default: nil
        }
    }
}
