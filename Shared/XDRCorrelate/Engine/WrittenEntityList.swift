/// What the writer last got of one incident's entities: for each entity (by the incident's own
/// entity key) what can change in its row — the five-minute sightings, the role and the flags — so
/// only new and changed entities are written as rows. An incident never loses entities, so nothing
/// is ever taken back. Type and value are the key itself and never change.
struct WrittenEntityList {
    struct Written: Equatable {
        var firstSeen: Int64
        var lastSeen: Int64
        var role: IncidentEntityRole
        var isHub: Bool
        var fromDetection: Bool

        /// What `EntitySightings.rendered(entity)` would write, without copying the entity.
        init(_ entity: IncidentEntity) {
            firstSeen = EntitySightings.floorToGrain(entity.firstSeen)
            lastSeen = EntitySightings.ceilToGrain(entity.lastSeen)
            role = entity.role
            isHub = entity.isHub
            fromDetection = entity.fromDetection
        }
    }

    private(set) var entities: [String: Written] = [:]

    /// The entities of `current` (keyed as `IncidentState.entities`) that are new or render
    /// differently from when they were last handed over, rendered; records them as handed over.
    /// In no particular order: readers order the rows. Busy incidents are snapshotted with every
    /// batch: comparing these few numbers, rather than hashing each rendered entity (its strings
    /// included), kept that from being a third of the engine in batches of a thousand events.
    mutating func changes(in current: [String: IncidentEntity]) -> [IncidentEntity] {
        var changed: [IncidentEntity] = []
        for (key, entity) in current {
            let written = Written(entity)
            if entities.updateValue(written, forKey: key) != written { changed.append(EntitySightings.rendered(entity)) }
        }
        return changed
    }
}
