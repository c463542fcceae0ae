import Foundation
import XDRModel

/// A detection about to join an incident: a committed detection event or a derived one.
struct DetectionInput: Sendable {
    var key: String
    var orderKey: EventOrderKey
    var eventID: Int64?
    var derived: DerivedDetection?
    var entities: [ResolvedEntity]
    var severity: Severity
    var tactics: [String]
    var techniques: [String]
    var layers: [Layer]
    /// This detection's phrase in the incident title.
    var phrase: String
    var campaign: EmailCampaigns.Keys?

    var time: Int64 { orderKey.time }
}

/// One open incident as the engine holds it (Codable: part of the tenant state).
struct IncidentState: Sendable, Codable, Equatable {
    struct Phrase: Sendable, Codable, Equatable {
        var rank: Int
        var time: Int64
        var text: String
    }

    var id: UUID
    var seed: EventOrderKey
    var continuedFrom: UUID?
    var members = MemberMap()
    var detectionCount = 0
    var evidenceCount = 0
    var droppedEvidence = 0
    /// Link key → event times at which the incident's detections carried it.
    var anchors: [String: [Int64]] = [:]
    var entities: [String: IncidentEntity] = [:]
    var droppedEntities = 0
    var layers: Set<Layer> = []
    var tactics: Set<String> = []
    var techniques: Set<String> = []
    var worst: Severity = .unknown
    var firstSeen: Int64
    var lastSeen: Int64
    var phrases: [String: Phrase] = [:]
    var derived: [String: DerivedDetection] = [:]
    var campaignKeys: Set<String> = []
    var ownRecipients: Set<String> = []
    var mergedFrom: [UUID] = []
    /// Entities whose written row changed since the writer last got this incident (not saved).
    var entityChanges = EntityChangeLog()

    private enum CodingKeys: String, CodingKey {
        case id, seed, continuedFrom, members, detectionCount, evidenceCount, droppedEvidence, anchors, entities,
             droppedEntities, layers, tactics, techniques, worst, firstSeen, lastSeen, phrases, derived, campaignKeys,
             ownRecipients, mergedFrom
    }

    init(id: UUID, seed: EventOrderKey, continuedFrom: UUID?) {
        self.id = id
        self.seed = seed
        self.continuedFrom = continuedFrom
        firstSeen = seed.time
        lastSeen = seed.time
    }

    /// Whether the incident carries `key` within `window` of `time`.
    func hasAnchor(_ key: String, near time: Int64, window: Int64) -> Bool {
        anchors[key]?.contains { abs($0 - time) <= window } ?? false
    }

    mutating func add(detection: DetectionInput, link: EventLink, anchorKeys: [ResolvedEntity],
                      hub: (String) -> Bool, maxEntities: Int) {
        members[link.memberKey] = link
        detectionCount += 1
        touch(detection.time)
        for entity in anchorKeys where !hub(entity.key) {
            var times = anchors[entity.key] ?? []
            if !times.contains(detection.time) { times.append(detection.time) }
            anchors[entity.key] = times
        }
        for entity in Self.withAddresses(detection.entities) {
            note(entity, time: detection.time, fromDetection: true, layer: detection.layers.first ?? .endpoint,
                 hub: hub(entity.key), maxEntities: maxEntities)
        }
        layers.formUnion(detection.layers)
        tactics.formUnion(detection.tactics)
        techniques.formUnion(detection.techniques)
        worst = max(worst, min(detection.severity, .critical))
        let rank = detection.tactics.compactMap { EntityNormalizer.tacticOrder.firstIndex(of: $0) }.min() ?? 50
        phrases[link.memberKey] = Phrase(rank: rank, time: detection.time, text: detection.phrase)
        if let derived = detection.derived { self.derived[derived.id] = derived }
        if let campaign = detection.campaign { note(campaign) }
    }

    /// Whether telemetry linked by `link` is new here and within the cap; beyond the cap it is
    /// only counted.
    mutating func admits(evidence link: EventLink, maxEvidence: Int) -> Bool {
        guard members[link.memberKey] == nil else { return false }
        guard evidenceCount < maxEvidence else {
            droppedEvidence += 1
            return false
        }
        return true
    }

    /// Adds telemetry that `admits(evidence:maxEvidence:)` let in, with its entities as noted once
    /// for the event.
    mutating func add(evidence resolved: ResolvedEvent, link: EventLink, entities evidence: EvidenceEntities, maxEntities: Int) {
        members[link.memberKey] = link
        evidenceCount += 1
        touch(resolved.time)
        layers.insert(resolved.event.layer)
        for noted in evidence.noted {
            note(noted.entity, role: noted.role, time: resolved.time, fromDetection: false, hub: noted.isHub, maxEntities: maxEntities)
        }
        if let campaign = evidence.campaign { note(campaign) }
    }

    /// A derived detection that gained events; its phrase moves to its (possibly earlier) time.
    mutating func refine(_ derived: DerivedDetection) {
        self.derived[derived.id] = derived
        let key = derived.id
        if var phrase = phrases[key] {
            phrase.time = derived.time
            phrases[key] = phrase
        }
        if var link = members[key] {
            link.time = derived.time
            members[key] = link
        }
        firstSeen = min(firstSeen, derived.time)
    }

    /// An entity learned after the fact (the host that held one of the incident's IPs).
    mutating func note(resolvedHolder entity: ResolvedEntity, time: Int64, maxEntities: Int) {
        note(entity, time: time, fromDetection: true, layer: .network, hub: false, maxEntities: maxEntities)
    }

    /// The entities plus the IPs hosts were resolved from: analysts want to see both.
    static func withAddresses(_ entities: [ResolvedEntity]) -> [ResolvedEntity] {
        var all = entities
        for entity in entities {
            guard let from = entity.resolvedFrom, from.hasPrefix("ip:") else { continue }
            let address = ResolvedEntity(type: .ip, value: String(from.dropFirst(3)), role: entity.role)
            if !all.contains(address) { all.append(address) }
        }
        return all
    }

    private mutating func note(_ campaign: EmailCampaigns.Keys) {
        campaignKeys.formUnion(campaign.keys)
        ownRecipients.formUnion(campaign.recipients)
    }

    private mutating func touch(_ time: Int64) {
        firstSeen = min(firstSeen, time)
        lastSeen = max(lastSeen, time)
    }

    private mutating func note(_ entity: ResolvedEntity, time: Int64, fromDetection: Bool, layer: Layer,
                               hub: Bool, maxEntities: Int) {
        note(entity, role: IncidentNarrative.role(of: entity, layer: layer, fromDetection: fromDetection), time: time,
             fromDetection: fromDetection, hub: hub, maxEntities: maxEntities)
    }

    private mutating func note(_ entity: ResolvedEntity, role: IncidentEntityRole, time: Int64, fromDetection: Bool,
                               hub: Bool, maxEntities: Int) {
        let sighting = IncidentEntity(type: entity.type, value: entity.value, role: role, isHub: hub,
                                      fromDetection: fromDetection, firstSeen: time, lastSeen: time)
        if !merge(sighting, under: entity.key, maxEntities: maxEntities) { droppedEntities += 1 }
    }

    /// Widens the entity under `key` by `other` (sightings, flags, the more telling role), or adds
    /// `other` while there is room; logs the entity's row if it changed. False: no room.
    private mutating func merge(_ other: IncidentEntity, under key: String, maxEntities: Int) -> Bool {
        // A known entity is widened where it sits: one lookup of its key, not a second to store it.
        guard let index = entities.index(forKey: key) else {
            guard entities.count < maxEntities else { return false }
            entities[key] = other
            entityChanges.note(key, before: nil, after: other)
            return true
        }
        let known = entities.values[index]
        var merged = known
        merged.firstSeen = min(known.firstSeen, other.firstSeen)
        merged.lastSeen = max(known.lastSeen, other.lastSeen)
        merged.fromDetection = known.fromDetection || other.fromDetection
        merged.isHub = known.isHub || other.isHub
        merged.role = min(known.role, other.role)
        entities.values[index] = merged
        entityChanges.note(key, before: known, after: merged)
        return true
    }

    /// Takes over everything of `other` (merged into this one).
    mutating func absorb(_ other: IncidentState, maxEntities: Int) {
        for (key, link) in other.members where members[key] == nil {
            var moved = link
            moved.incidentID = id
            if moved.role == .seed {
                moved.role = .detection
                moved.reason = "merged"
            }
            members[key] = moved
        }
        detectionCount += other.detectionCount
        evidenceCount += other.evidenceCount
        droppedEvidence += other.droppedEvidence
        for (key, times) in other.anchors { anchors[key] = Array(Set((anchors[key] ?? []) + times)).sorted() }
        for key in other.entities.keys.sorted() {
            guard let entity = other.entities[key] else { continue }
            _ = merge(entity, under: key, maxEntities: maxEntities)
        }
        layers.formUnion(other.layers)
        tactics.formUnion(other.tactics)
        techniques.formUnion(other.techniques)
        worst = max(worst, other.worst)
        firstSeen = min(firstSeen, other.firstSeen)
        lastSeen = max(lastSeen, other.lastSeen)
        phrases.merge(other.phrases) { mine, _ in mine }
        derived.merge(other.derived) { mine, _ in mine }
        campaignKeys.formUnion(other.campaignKeys)
        ownRecipients.formUnion(other.ownRecipients)
        mergedFrom = Array(Set(mergedFrom + other.mergedFrom + [other.id])).sorted()
    }
}
