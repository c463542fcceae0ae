import Foundation
import XDRModel

extension TenantEngine {
    /// The incident as the integrator persists it. `members: false` leaves the member list empty
    /// (an update's new links say what changed; sorting a thousand members of every busy incident
    /// with every batch was a good part of the engine's time). `forWriter`: the snapshot goes to
    /// the incident tables, so its entities are remembered and only those new or changed since
    /// they were last handed over are listed, in no particular order (a busy incident has up to
    /// 200; sorting them all for every update was most of the snapshot's time).
    func snapshot(of incident: IncidentState, members includeMembers: Bool = true, forWriter: Bool = false) -> IncidentSnapshot {
        let entities: [IncidentEntity]
        if forWriter {
            let changed = handedOver.insert(incident.id).inserted ? Array(incident.entities.values)
                : incident.entityChanges.keys.compactMap { incident.entities[$0] }
            entities = changed.map(EntitySightings.rendered)
            if !incident.entityChanges.keys.isEmpty { state.incidents[incident.id]?.entityChanges = EntityChangeLog() }
        } else {
            // Sorted by keys built once per entity, not once per comparison.
            entities = incident.entities.map { (key: $0.key, entity: EntitySightings.rendered($0.value)) }
                .sorted { ($0.entity.role, $0.key) < ($1.entity.role, $1.key) }
                .map(\.entity)
        }
        let (derived, phrases) = current(incident)
        let tacticRank = { (tactic: String) in EntityNormalizer.tacticOrder.firstIndex(of: tactic) ?? 99 }
        return IncidentSnapshot(
            id: incident.id, tenantID: tenantID, seedKey: Self.seedKey(of: incident),
            title: IncidentNarrative.title(incident, phrases: phrases),
            severity: IncidentNarrative.severity(incident, criticalAssets: criticalAssets),
            firstSeen: incident.firstSeen, lastSeen: incident.lastSeen,
            layers: Layer.allCases.filter { incident.layers.contains($0) },
            tactics: incident.tactics.sorted { (tacticRank($0), $0) < (tacticRank($1), $1) },
            techniques: incident.techniques.sorted(),
            entities: entities,
            members: includeMembers ? incident.members.values.sorted { ($0.time, $0.memberKey) < ($1.time, $1.memberKey) } : [],
            eventCount: incident.members.count + incident.droppedEvidence,
            derivedDetections: derived,
            // Who else got the mail is the question of a phishing story (initial access), not of every
            // incident that pulled its user's everyday mail in as context.
            blastRadius: incident.tactics.contains("initial_access")
                ? state.campaigns.blastRadius(keys: incident.campaignKeys, own: incident.ownRecipients, users: users,
                                              since: campaignHorizon,
                                              bulkAbove: configuration.maxCampaignRecipients)
                : nil,
            mergedFrom: incident.mergedFrom, continuedFrom: incident.continuedFrom,
            droppedEvidence: incident.droppedEvidence)
    }

    /// Mail and actions older than this are outside the campaign window (swept or not yet).
    var campaignHorizon: Int64 {
        state.watermark > .min ? state.watermark - configuration.campaignWindow - configuration.allowedLateness : .min
    }

    /// The member key of the incident's seed link: its seed's key (looked up, not searched for
    /// among a thousand members with every snapshot).
    static func seedKey(of incident: IncidentState) -> String {
        if incident.members[incident.seed.key]?.role == .seed { return incident.seed.key }
        return incident.members.values.first(where: { $0.role == .seed })?.memberKey ?? incident.seed.key
    }

    /// The incident's derived detections and title phrases, single-event ones re-resolved from
    /// their earliest still-buffered event: an IP learned to belong to a host after the rule fired
    /// then names the host, whatever the arrival order.
    func current(_ incident: IncidentState) -> (derived: [DerivedDetection], phrases: [String: IncidentState.Phrase]) {
        var phrases = incident.phrases
        var derived: [DerivedDetection] = []
        for detection in incident.derived.values.sorted(by: { $0.orderKey < $1.orderKey }) {
            var updated = detection
            let rule = rules.rules.first { $0.id == detection.ruleID }
            if rule?.detection != nil,
               let event = detection.eventIDs.compactMap({ state.buffer.event($0) }).min(by: { $0.event.orderKey < $1.event.orderKey }) {
                let resolved = resolver.resolve(event, leases: state.leases)
                updated.entities = resolved.entities
                if let template = rule?.story {
                    updated.story = evaluator.render(template, group: [:], resolved)
                    phrases[detection.id]?.text = updated.story!
                }
            }
            derived.append(updated)
        }
        return (derived, phrases)
    }

    /// Open incidents, oldest seed first.
    public var openIncidents: [IncidentSnapshot] {
        state.incidents.values.sorted { $0.seed < $1.seed }.map { snapshot(of: $0) }
    }

    /// An open incident by id (following merges).
    public func incident(_ id: UUID) -> IncidentSnapshot? {
        state.incidents[root(id)].map { snapshot(of: $0) }
    }

    public var stats: EngineStats {
        var stats = EngineStats()
        stats.openIncidents = state.incidents.count
        stats.redirects = state.redirects.count
        stats.bufferedTelemetry = state.buffer.count
        stats.anchors = state.anchorIndex.values.reduce(0) { $0 + $1.count }
        stats.leaseSightings = state.leases.count
        stats.hubState = state.hubs.size
        stats.ruleState = state.rules.size
        stats.campaignState = state.campaigns.size
        stats.detectionKeys = state.detectionHome.count + state.derivedSeen.count
        return stats
    }

    func collectChanges() -> [EngineChange] {
        var changes = batch.derived.map(EngineChange.derivedDetection)
        for id in batch.created {
            if let incident = state.incidents[id] {
                changes.append(.incidentCreated(snapshot(of: incident, forWriter: true)))
            } else if let merged = batch.mergedSnapshots[id] {
                changes.append(.incidentCreated(merged))
            }
        }
        let updated = batch.preexisting.compactMap { state.incidents[$0] }
            .filter { batch.newLinks[$0.id] != nil }
            .sorted { $0.seed < $1.seed }
        for incident in updated {
            let links = (batch.newLinks[incident.id] ?? []).sorted { ($0.time, $0.memberKey) < ($1.time, $1.memberKey) }
            changes.append(.incidentUpdated(snapshot(of: incident, members: false, forWriter: true), newLinks: links))
        }
        for merge in batch.merges { changes.append(.incidentMerged(from: merge.from, into: merge.into, bridge: merge.bridge)) }
        return changes
    }

    /// Forgets what no future event can link to: state older than the watermark minus its window
    /// and the allowed lateness (the watermark, not the current event's time, so a late event
    /// never trims state). The fan-out and campaign maps, swept whole, are swept when the
    /// watermark (`before` at the batch's start) crosses a sixteenth of their window: their
    /// readers skip what is older anyway, and a sweep per batch was a sixth of the engine's time.
    func evict(since before: Int64) {
        let watermark = state.watermark
        guard watermark > .min else { return }
        let lateness = configuration.allowedLateness
        let horizon = watermark - configuration.horizon
        let longest = configuration.longestWindow
        state.buffer.evict(expiredBy: watermark - lateness)
        // Changes collected first and only where something goes: assigning every list back while
        // iterating the table copied the whole table with every batch.
        var trimmed: [(key: String, kept: [TenantState.Anchor])] = []
        for (key, anchors) in state.anchorIndex {
            let window = Self.entityType(of: key).flatMap(configuration.window(for:)) ?? longest
            let kept = anchors.filter { $0.time >= watermark - window - lateness && isOpen(root($0.incident)) }
            if kept.count != anchors.count { trimmed.append((key, kept)) }
        }
        for (key, kept) in trimmed { state.anchorIndex[key] = kept.isEmpty ? nil : kept }
        let closed = state.incidents.compactMap { $0.value.lastSeen < watermark - longest - lateness ? $0.key : nil }
        for id in closed {
            state.incidents[id] = nil
            handedOver.remove(id)
        }
        if state.incidents.count > configuration.maxOpenIncidents {
            let quietest = state.incidents.values.map { (lastSeen: $0.lastSeen, id: $0.id) }
                .sorted { ($0.lastSeen, $0.id) < ($1.lastSeen, $1.id) }
                .prefix(state.incidents.count - max(0, configuration.maxOpenIncidents))
            for incident in quietest {
                state.incidents[incident.id] = nil
                handedOver.remove(incident.id)
            }
        }
        // Rebuilt only when something goes (a rebuild per batch re-hashed every entry).
        let redirectKept = { (entry: (key: UUID, value: TenantState.Redirect)) in
            self.isOpen(self.root(entry.key)) || entry.value.time >= horizon
        }
        if !state.redirects.allSatisfy(redirectKept) { state.redirects = state.redirects.filter(redirectKept) }
        let homeKept = { (entry: (key: String, value: UUID)) in self.isOpen(self.root(entry.value)) }
        if !state.detectionHome.allSatisfy(homeKept) { state.detectionHome = state.detectionHome.filter(homeKept) }
        if !state.derivedSeen.allSatisfy({ $0.value >= horizon }) { state.derivedSeen = state.derivedSeen.filter { $0.value >= horizon } }
        state.leases.evict(before: watermark - configuration.leaseSlack - longest - lateness)
        func crossed(_ window: Int64) -> Bool {
            let step = max(window / 16, EngineConfiguration.second)
            return before == .min || before / step != watermark / step
        }
        if crossed(configuration.fanOutWindow) { hubDetector.evict(&state.hubs, watermark: watermark) }
        evaluator.evict(&state.rules, watermark: watermark - lateness)
        if crossed(configuration.campaignWindow) {
            state.campaigns.evict(before: campaignHorizon)
        }
    }

    static func entityType(of key: String) -> EntityType? {
        key.firstIndex(of: ":").flatMap { EntityType(rawValue: String(key[..<$0])) }
    }
}
