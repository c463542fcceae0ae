/// A parsed route pattern such as `/v1/incidents/{id}` or `/static/{rest...}`.
struct RoutePattern: Sendable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
        /// Matches the remaining segments (possibly none); only allowed last.
        case wildcard(String)
    }

    let text: String
    let segments: [Segment]

    /// Parses `text`; a malformed pattern is a programming error and stops the process at startup.
    init(_ text: String) {
        precondition(text.hasPrefix("/"), "route pattern must start with /: \(text)")
        self.text = text
        let parts = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        var segments: [Segment] = []
        for (index, part) in parts.enumerated() {
            if part.hasPrefix("{") && part.hasSuffix("}") && part.count > 2 {
                let name = part.dropFirst().dropLast()
                if name.hasSuffix("...") {
                    precondition(index == parts.count - 1, "wildcard must be the last segment: \(text)")
                    segments.append(.wildcard(String(name.dropLast(3))))
                } else {
                    segments.append(.parameter(String(name)))
                }
            } else {
                precondition(!part.contains("{") && !part.contains("}"), "braces must enclose a whole segment: \(text)")
                segments.append(.literal(String(part)))
            }
        }
        self.segments = segments
    }

    /// Matches raw (still percent-encoded) path segments; returns decoded parameters and a
    /// specificity score (higher wins) when the pattern matches.
    func match(_ path: [Substring]) -> (parameters: [String: String], score: [Int])? {
        var parameters: [String: String] = [:]
        var score: [Int] = []
        score.reserveCapacity(segments.count)
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .literal(let literal):
                guard index < path.count, path[index] == literal[...] else { return nil }
                score.append(3)
            case .parameter(let name):
                guard index < path.count, !path[index].isEmpty else { return nil }
                parameters[name] = PercentDecoding.decode(path[index], plusAsSpace: false)
                score.append(2)
            case .wildcard(let name):
                let rest = path[min(index, path.count)...]
                parameters[name] = rest.map { PercentDecoding.decode($0, plusAsSpace: false) }.joined(separator: "/")
                score.append(1)
                return (parameters, score)
            }
        }
        guard path.count == segments.count else { return nil }
        return (parameters, score)
    }
}
