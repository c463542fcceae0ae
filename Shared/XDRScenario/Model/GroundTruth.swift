import XDRModel

/// What a correct correlator must make of a generated dataset.
public struct GroundTruth: Sendable {
    /// Every attack: each must become exactly one incident.
    public var attacks: [AttackTruth] = []
    /// Alerts from benign activity: they must not end up in a High or Critical incident.
    public var benignAlerts: [RecordReference] = []
    /// Records that must not be linked to a given attack's incident (IP reuse after a DHCP change).
    public var forbiddenLinks: [ForbiddenLink] = []

    public init() {}

    /// The attack with this id.
    public func attack(_ id: String) -> AttackTruth? { attacks.first { $0.id == id } }
}

/// One attack as it should appear as an incident.
public struct AttackTruth: Sendable {
    /// Stable id (`phishing-attachment@tenant-a`).
    public var id: String
    public var kind: ScenarioKind
    public var tenant: String
    /// One line on what happened.
    public var summary: String
    /// The attack's steps in order, each with a short narrative and the records it produced.
    public var steps: [AttackStep]
    /// The records that are detections (alerts) rather than telemetry.
    public var detections: [RecordReference]
    /// Layers the incident should span.
    public var layers: Set<Layer>
    /// Words the incident's title or its detections' titles should contain (case-insensitive).
    public var titleFragments: [String]
    /// The least severity the incident should reach.
    public var minimumSeverity: Severity
    /// Indicators worth asserting as incident entities (C2 IP, attachment hash, principal).
    public var keyEntities: [String]

    /// Every record the attack produced; the incident should hold ≥95% of them and be ≥95% pure.
    public var members: [RecordReference] { steps.flatMap(\.records) }
}

/// One step of an attack: what the attacker did, and the records that show it.
public struct AttackStep: Sendable {
    public var narrative: String
    public var records: [RecordReference]

    public init(narrative: String, records: [RecordReference] = []) {
        self.narrative = narrative
        self.records = records
    }
}

/// A record that must not join an attack's incident, and why.
public struct ForbiddenLink: Sendable {
    public var record: RecordReference
    public var attackID: String
    public var reason: String
}
