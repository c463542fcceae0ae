import XDRModel

/// A detection the correlator derived from telemetry with one of its rules. Its id is a function
/// of rule, group and window anchor (or triggering event), so replays never duplicate it.
public struct DerivedDetection: Sendable, Codable, Hashable {
    public var id: String
    public var ruleID: String
    public var title: String
    public var severity: Severity
    public var tactics: [String]
    public var techniques: [String]
    /// Event time the rule became true (the last contributing event), and the window anchor.
    public var time: Int64
    public var anchorTime: Int64
    /// The group the rule counted in (`host=ws-alice`), empty for single-event rules.
    public var groupKey: String
    /// The events that made the rule fire.
    public var eventIDs: [Int64]
    public var entities: [ResolvedEntity]
    /// The incident-title phrase, placeholders filled.
    public var story: String?
    public var layers: [Layer]

    var orderKey: EventOrderKey { EventOrderKey(time: time, key: id) }
}
