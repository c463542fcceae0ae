/// What the writer last got of one incident's entity list: its digest (`EntityListDigest`), to
/// leave an unchanged list out of the update, and the keys already handed over, so only new
/// entities go to the pivot table. An incident's list only grows, so the keys only grow too.
struct WrittenEntityList {
    private(set) var digest: Int?
    private(set) var keys: Set<String> = []

    /// Records `entities` as written with `digest` and returns those not handed over before.
    mutating func record(_ entities: [IncidentEntity], digest: Int) -> [IncidentEntity] {
        self.digest = digest
        var unindexed: [IncidentEntity] = []
        for entity in entities where keys.insert(entity.key).inserted {
            unindexed.append(entity)
        }
        return unindexed
    }
}
