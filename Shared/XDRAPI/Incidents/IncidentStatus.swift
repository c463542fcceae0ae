/// The analyst workflow: new → acknowledged → investigating → contained → resolved, forward only,
/// steps may be skipped; `closed` is reachable from any open state and needs a verdict.
enum IncidentStatus: String, CaseIterable {
    case new, acknowledged, investigating, contained, resolved, closed

    static var names: [String] { allCases.map(\.rawValue) }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// The states an incident in this state may move to.
    var allowedNext: [IncidentStatus] {
        switch self {
        case .closed: []
        case .resolved: [.closed]
        default: Self.allCases.filter { $0.rank > rank }
        }
    }
}

/// The verdicts that close an incident.
enum IncidentVerdict: String, CaseIterable {
    case truePositive = "true_positive", falsePositive = "false_positive", benign, duplicate

    static var names: [String] { allCases.map(\.rawValue) }
}
