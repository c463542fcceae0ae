import XDRModel

/// Per-tenant tuning of the correlator. Every field has a default that works for a typical
/// Windows + Microsoft 365 + AWS customer; all times are microseconds.
public struct EngineConfiguration: Sendable, Equatable {
    public static let second: Int64 = 1_000_000
    public static let minute: Int64 = 60 * second
    public static let hour: Int64 = 60 * minute
    public static let day: Int64 = 24 * hour

    /// How far apart in event time two occurrences of an entity may be and still link. Entity
    /// types without a window (files by name, namespaces, cloud accounts) never link.
    public var windows: [EntityType: Int64] = [
        .host: 2 * hour, .user: 24 * hour, .email: 24 * hour, .ip: 1 * hour, .hash: 7 * day,
        .domain: 24 * hour, .url: 24 * hour, .emailMessage: 7 * day, .cloudPrincipal: 24 * hour,
        .accessKey: 24 * hour, .process: 2 * hour, .k8sPod: 2 * hour, .k8sServiceAccount: 24 * hour,
    ]
    /// How far from a detection telemetry still counts as evidence when it shares only an entity
    /// of this type (types not listed: their link window). A person's alerts a day apart belong
    /// together, but their routine logons hours after an alert are not evidence of it.
    public var evidenceWindows: [EntityType: Int64] = [.user: 2 * hour]
    /// How late (behind the highest event time seen) an event may arrive and still link as if it
    /// had arrived in order: state is kept for its window plus this. Shippers batch and retry,
    /// and outages delay whole hours of telemetry.
    public var allowedLateness: Int64 = 24 * hour
    /// How long after its last sighting an IP still resolves to the host that held it.
    public var leaseSlack: Int64 = 2 * hour
    /// Detections below this severity are kept as evidence only: they never seed an incident.
    public var minimumSeedSeverity: Severity = .low
    /// Known high-degree infrastructure, by kind; these values never link or merge incidents.
    public var hubs = HubLists()
    /// A value seen with more than this many distinct hosts within `fanOutWindow` becomes a hub.
    public var fanOutLimit = 20
    public var fanOutWindow: Int64 = 24 * hour
    /// NetBIOS domain → DNS domain (`corp` → `corp.example`), so `CORP\alice` is `alice@corp.example`.
    public var userDomains: [String: String] = [:]
    /// Groups of names for the same person (`["a.smith@corp.example", "corp\\asmith"]`); the
    /// first name of a group is the canonical one.
    public var userAliases: [[String]] = []
    /// Hosts, users or IPs whose involvement raises an incident's severity (file servers, DCs, CFO).
    public var criticalAssets: [String] = []
    /// Detections per incident (Sentinel's 150); beyond it a new incident continues the story.
    public var maxDetectionsPerIncident = 150
    /// Telemetry kept as evidence per incident; further evidence is counted, not kept.
    public var maxEvidencePerIncident = 1_000
    /// Entities listed per incident.
    public var maxEntitiesPerIncident = 200
    /// Buffered telemetry per tenant (recent events waiting for a detection).
    public var maxBufferedTelemetry = 100_000
    /// Incidents a tenant's engine keeps open for linking. Beyond it, the ones quiet the longest
    /// (earliest last event) are closed for linking — their rows stay as they are, and a later
    /// detection on their entities starts a new incident — so the engine's memory has a total
    /// bound (this times the per-incident caps), not only one per incident. A tenant past it is
    /// in an alert storm; the count is reported as `xdr_correlator_open_incidents`.
    public var maxOpenIncidents = 2_000
    /// Events kept per correlation-rule group.
    public var maxEventsPerRuleGroup = 1_000
    /// How long an e-mail campaign (sender + subject, attachment, URL) is remembered for blast radius.
    public var campaignWindow: Int64 = 7 * day
    /// A campaign key (sender + subject, attachment, URL) that reached more recipients than this is
    /// bulk mail — a newsletter, an all-staff notice — and is left out of blast radii, the way hub
    /// entities are left out of links.
    public var maxCampaignRecipients = 500

    public init() {}

    /// The link window of an entity type, or nil if that type does not link.
    public func window(for type: EntityType) -> Int64? { windows[type] }

    /// How far telemetry sharing only this type's entity reaches a detection: never further than
    /// the link window; nil if the type does not link.
    public func evidenceWindow(for type: EntityType) -> Int64? {
        guard let window = windows[type] else { return nil }
        return min(window, evidenceWindows[type] ?? window)
    }

    /// The longest link window.
    public var longestWindow: Int64 { windows.values.max() ?? 0 }

    /// How far behind the watermark state is kept at most: the longest window plus lateness.
    public var horizon: Int64 {
        max(longestWindow, fanOutWindow, campaignWindow, leaseSlack) + allowedLateness
    }
}

/// Typed per-tenant lists of infrastructure that many unrelated hosts touch.
public struct HubLists: Sendable, Codable, Equatable {
    public var domainControllers: [String] = []
    public var dnsResolvers: [String] = []
    public var proxies: [String] = []
    public var natEgressIPs: [String] = []
    public var scanners: [String] = []
    public var serviceAccounts: [String] = []
    public var commonHashes: [String] = []
    public var commonDomains: [String] = []

    public init() {}

    /// Every pinned value as the entity keys it can appear under.
    var entityKeys: Set<String> {
        var keys = Set<String>()
        for host in domainControllers + proxies + scanners {
            if let name = EntityNormalizer.host(host) { keys.insert("host:\(name.short)") }
            if let ip = EntityNormalizer.ip(host) { keys.insert("ip:\(ip)") }
        }
        for ip in dnsResolvers + proxies + natEgressIPs + scanners + domainControllers {
            if let ip = EntityNormalizer.ip(ip) { keys.insert("ip:\(ip)") }
        }
        for account in serviceAccounts {
            if let user = EntityNormalizer.user(account) { keys.insert("user:\(user)") }
        }
        for hash in commonHashes {
            if let hash = EntityNormalizer.hash(hash) { keys.insert("hash:\(hash.value)") }
        }
        for domain in commonDomains {
            if let name = EntityNormalizer.domain(domain) { keys.insert("domain:\(name)") }
        }
        return keys
    }
}
