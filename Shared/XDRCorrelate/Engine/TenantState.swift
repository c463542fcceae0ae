import Foundation

/// Everything a tenant's engine remembers between batches. Codable: persist it beside the stream
/// checkpoint (same transaction) and hand it back to `TenantEngine(…, state:)` after a restart.
public struct TenantState: Sendable, Codable, Equatable {
    public internal(set) var tenantID: UUID
    /// The highest event time seen: windows and eviction are measured against it.
    public internal(set) var watermark: Int64 = .min

    var leases = AddressLeases()
    var hubs = HubDetector.State()
    var rules = RuleState()
    var buffer = TelemetryBuffer()
    var campaigns = EmailCampaigns()
    var incidents: [UUID: IncidentState] = [:]
    /// Merged incident → survivor.
    var redirects: [UUID: Redirect] = [:]
    /// Link key → the incidents whose detections carried it, at which event time.
    var anchorIndex: [String: [Anchor]] = [:]
    /// Detection key (`e<id>` or derived id) → incident it joined: a replayed detection is a no-op.
    var detectionHome: [String: UUID] = [:]
    /// Derived detections already emitted, with their event time.
    var derivedSeen: [String: Int64] = [:]

    struct Redirect: Sendable, Codable, Equatable {
        var into: UUID
        var time: Int64
    }

    struct Anchor: Sendable, Codable, Equatable {
        var incident: UUID
        var time: Int64
    }

    public init(tenantID: UUID) {
        self.tenantID = tenantID
    }
}

/// Sizes of a tenant's in-memory state, to watch that it stays bounded.
public struct EngineStats: Sendable, Codable, Equatable {
    public var openIncidents = 0
    public var redirects = 0
    public var bufferedTelemetry = 0
    public var anchors = 0
    public var leaseSightings = 0
    public var hubState = 0
    public var ruleState = 0
    public var campaignState = 0
    public var detectionKeys = 0

    public init() {}

    /// The sum of all counters: one number that must not grow without bound on a long stream.
    public var total: Int {
        openIncidents + redirects + bufferedTelemetry + anchors + leaseSightings + hubState + ruleState
            + campaignState + detectionKeys
    }

    static func + (a: EngineStats, b: EngineStats) -> EngineStats {
        var sum = EngineStats()
        sum.openIncidents = a.openIncidents + b.openIncidents
        sum.redirects = a.redirects + b.redirects
        sum.bufferedTelemetry = a.bufferedTelemetry + b.bufferedTelemetry
        sum.anchors = a.anchors + b.anchors
        sum.leaseSightings = a.leaseSightings + b.leaseSightings
        sum.hubState = a.hubState + b.hubState
        sum.ruleState = a.ruleState + b.ruleState
        sum.campaignState = a.campaignState + b.campaignState
        sum.detectionKeys = a.detectionKeys + b.detectionKeys
        return sum
    }
}
