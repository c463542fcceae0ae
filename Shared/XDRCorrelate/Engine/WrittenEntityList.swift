/// What the writer last got of one incident's entities: the list's digest (`EntityListDigest`),
/// to pass over an unchanged list without looking at its entities, and each entity as it was
/// handed over (a hash of its rendering), so only new and changed entities are written as rows.
struct WrittenEntityList {
    private(set) var digest: Int?
    private(set) var entities: [String: Int] = [:]

    /// Records `rendered` (the incident's whole list) as written with `digest` and returns the
    /// entities that are new or differ from what was handed over before, in the list's order.
    mutating func record(_ rendered: [IncidentEntity], digest: Int) -> [IncidentEntity] {
        self.digest = digest
        var changed: [IncidentEntity] = []
        for entity in rendered {
            let hash = entity.hashValue
            if entities.updateValue(hash, forKey: entity.key) != hash { changed.append(entity) }
        }
        return changed
    }
}
