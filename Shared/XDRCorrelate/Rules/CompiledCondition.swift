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

    /// Whether `raw` compares with one of the (lower-case) `expected` values. Compared byte by byte
    /// with ASCII letters folded wherever that gives what `lowercased()` would (`ASCIIFold.isExact`):
    /// nearly all of what rules read, without a lower-case copy of every value of every event.
    /// Other text goes through `lowercased()`.
    static func matches(_ raw: String, _ op: MatchOperator, _ expected: [String]) -> Bool {
        var raw = raw
        var slow: [String] = []
        let folded = raw.withUTF8 { bytes -> Bool in
            let valueIsASCII = bytes.allSatisfy { $0 < 0x80 }
            let foldable = valueIsASCII || ASCIIFold.isExact(bytes)
            return expected.contains { wanted in
                var text = wanted
                let fast = text.withUTF8 { wantedBytes -> Bool? in
                    guard valueIsASCII || (foldable && wantedBytes.allSatisfy { $0 < 0x80 }) else { return nil }
                    return ASCIIFold.matches(bytes, op, wantedBytes)
                }
                if let fast { return fast }
                slow.append(wanted)
                return false
            }
        }
        if folded { return true }
        guard !slow.isEmpty else { return false }
        let value = raw.lowercased()
        return slow.contains { wanted in
            switch op {
            case .equals, .in: value == wanted
            case .contains: ASCIIFold.contains(value, wanted)
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
