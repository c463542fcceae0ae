/// What the writer last got of one incident's entities: each entity as it was handed over (a hash
/// of its rendering, by the incident's own entity key), so only new and changed entities are
/// written as rows. An incident never loses entities, so nothing is ever taken back.
struct WrittenEntityList {
    private(set) var entities: [String: Int] = [:]

    /// The entities of `current` (keyed as `IncidentState.entities`) that are new or render
    /// differently from when they were last handed over, rendered; records them as handed over.
    /// In no particular order: readers order the rows.
    mutating func changes(in current: [String: IncidentEntity]) -> [IncidentEntity] {
        var changed: [IncidentEntity] = []
        for (key, entity) in current {
            let rendered = EntitySightings.rendered(entity)
            let hash = rendered.hashValue
            if entities.updateValue(hash, forKey: key) != hash { changed.append(rendered) }
        }
        return changed
    }
}
