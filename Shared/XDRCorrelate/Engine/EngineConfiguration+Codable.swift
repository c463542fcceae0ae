import XDRModel

/// Tenant settings are stored as JSON in which every key is optional (a tenant sets only what
/// differs from the defaults) and windows are keyed by entity type name: `{"windows": {"host":
/// 7200000000}, "userDomains": {"corp": "corp.example"}}`.
extension EngineConfiguration: Codable {
    enum CodingKeys: String, CodingKey {
        case windows, evidenceWindows, allowedLateness, leaseSlack, minimumSeedSeverity, hubs, fanOutLimit, fanOutWindow, userDomains, userAliases
        case criticalAssets, maxDetectionsPerIncident, maxEvidencePerIncident, maxEntitiesPerIncident
        case maxBufferedTelemetry, maxEventsPerRuleGroup, campaignWindow, maxCampaignRecipients, maxOpenIncidents
    }

    /// Windows keyed by entity type name; an unknown type is an error naming it.
    private static func typedWindows(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> [EntityType: Int64]? {
        guard let named = try container.decodeIfPresent([String: Int64].self, forKey: key) else { return nil }
        var windows: [EntityType: Int64] = [:]
        for (name, window) in named {
            guard let type = EntityType(rawValue: name) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "unknown entity type '\(name)'")
            }
            windows[type] = window
        }
        return windows
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        windows = try Self.typedWindows(container, .windows) ?? windows
        evidenceWindows = try Self.typedWindows(container, .evidenceWindows) ?? evidenceWindows
        allowedLateness = try container.decodeIfPresent(Int64.self, forKey: .allowedLateness) ?? allowedLateness
        leaseSlack = try container.decodeIfPresent(Int64.self, forKey: .leaseSlack) ?? leaseSlack
        minimumSeedSeverity = try container.decodeIfPresent(Severity.self, forKey: .minimumSeedSeverity) ?? minimumSeedSeverity
        hubs = try container.decodeIfPresent(HubLists.self, forKey: .hubs) ?? hubs
        fanOutLimit = try container.decodeIfPresent(Int.self, forKey: .fanOutLimit) ?? fanOutLimit
        fanOutWindow = try container.decodeIfPresent(Int64.self, forKey: .fanOutWindow) ?? fanOutWindow
        userDomains = try container.decodeIfPresent([String: String].self, forKey: .userDomains) ?? userDomains
        userAliases = try container.decodeIfPresent([[String]].self, forKey: .userAliases) ?? userAliases
        criticalAssets = try container.decodeIfPresent([String].self, forKey: .criticalAssets) ?? criticalAssets
        maxDetectionsPerIncident = try container.decodeIfPresent(Int.self, forKey: .maxDetectionsPerIncident) ?? maxDetectionsPerIncident
        maxEvidencePerIncident = try container.decodeIfPresent(Int.self, forKey: .maxEvidencePerIncident) ?? maxEvidencePerIncident
        maxEntitiesPerIncident = try container.decodeIfPresent(Int.self, forKey: .maxEntitiesPerIncident) ?? maxEntitiesPerIncident
        maxBufferedTelemetry = try container.decodeIfPresent(Int.self, forKey: .maxBufferedTelemetry) ?? maxBufferedTelemetry
        maxEventsPerRuleGroup = try container.decodeIfPresent(Int.self, forKey: .maxEventsPerRuleGroup) ?? maxEventsPerRuleGroup
        campaignWindow = try container.decodeIfPresent(Int64.self, forKey: .campaignWindow) ?? campaignWindow
        maxCampaignRecipients = try container.decodeIfPresent(Int.self, forKey: .maxCampaignRecipients) ?? maxCampaignRecipients
        maxOpenIncidents = try container.decodeIfPresent(Int.self, forKey: .maxOpenIncidents) ?? maxOpenIncidents
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Dictionary(uniqueKeysWithValues: windows.map { ($0.key.rawValue, $0.value) }), forKey: .windows)
        try container.encode(Dictionary(uniqueKeysWithValues: evidenceWindows.map { ($0.key.rawValue, $0.value) }),
                             forKey: .evidenceWindows)
        try container.encode(allowedLateness, forKey: .allowedLateness)
        try container.encode(leaseSlack, forKey: .leaseSlack)
        try container.encode(minimumSeedSeverity, forKey: .minimumSeedSeverity)
        try container.encode(hubs, forKey: .hubs)
        try container.encode(fanOutLimit, forKey: .fanOutLimit)
        try container.encode(fanOutWindow, forKey: .fanOutWindow)
        try container.encode(userDomains, forKey: .userDomains)
        try container.encode(userAliases, forKey: .userAliases)
        try container.encode(criticalAssets, forKey: .criticalAssets)
        try container.encode(maxDetectionsPerIncident, forKey: .maxDetectionsPerIncident)
        try container.encode(maxEvidencePerIncident, forKey: .maxEvidencePerIncident)
        try container.encode(maxEntitiesPerIncident, forKey: .maxEntitiesPerIncident)
        try container.encode(maxBufferedTelemetry, forKey: .maxBufferedTelemetry)
        try container.encode(maxOpenIncidents, forKey: .maxOpenIncidents)
        try container.encode(maxEventsPerRuleGroup, forKey: .maxEventsPerRuleGroup)
        try container.encode(campaignWindow, forKey: .campaignWindow)
        try container.encode(maxCampaignRecipients, forKey: .maxCampaignRecipients)
    }
}

extension HubLists {
    enum CodingKeys: String, CodingKey {
        case domainControllers, dnsResolvers, proxies, natEgressIPs, scanners, serviceAccounts, commonHashes, commonDomains
    }

    /// Windows keyed by entity type name; an unknown type is an error naming it.
    private static func typedWindows(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> [EntityType: Int64]? {
        guard let named = try container.decodeIfPresent([String: Int64].self, forKey: key) else { return nil }
        var windows: [EntityType: Int64] = [:]
        for (name, window) in named {
            guard let type = EntityType(rawValue: name) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "unknown entity type '\(name)'")
            }
            windows[type] = window
        }
        return windows
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func list(_ key: CodingKeys) throws -> [String] { try container.decodeIfPresent([String].self, forKey: key) ?? [] }
        domainControllers = try list(.domainControllers)
        dnsResolvers = try list(.dnsResolvers)
        proxies = try list(.proxies)
        natEgressIPs = try list(.natEgressIPs)
        scanners = try list(.scanners)
        serviceAccounts = try list(.serviceAccounts)
        commonHashes = try list(.commonHashes)
        commonDomains = try list(.commonDomains)
    }
}
