/// What an incident's entity list looks like once rendered — each entity's role, flags and its
/// first and last sighting to five minutes — as one number, so an update can tell whether the list
/// it last wrote is still current without sorting it again. Within one process only (`Hasher` is
/// seeded per process): it is compared with digests this engine computed itself.
enum EntityListDigest {
    /// Sightings are listed to five minutes: the timeline has each event's exact time, and a finer
    /// grain rewrote a busy incident's list (tens of kilobytes, every entity a pivot key) with
    /// nearly every batch, as one of its entities crossed into a new minute.
    static let granularity: Int64 = 5 * 60_000_000

    /// Order-independent: the sum of the entities' own hashes.
    static func of(_ entities: [String: IncidentEntity]) -> Int {
        var sum = 0
        for (key, entity) in entities {
            var hasher = Hasher()
            hasher.combine(key)
            hasher.combine(entity.role)
            hasher.combine(entity.isHub)
            hasher.combine(entity.fromDetection)
            hasher.combine(floorToGrain(entity.firstSeen))
            hasher.combine(ceilToGrain(entity.lastSeen))
            sum = sum &+ hasher.finalize()
        }
        return sum &+ entities.count
    }

    /// The entity as incidents list it: times widened to whole five minutes (first sighting down,
    /// last up), so a busy host's list changes when such a span passes, not with every event.
    static func rendered(_ entity: IncidentEntity) -> IncidentEntity {
        var rendered = entity
        rendered.firstSeen = floorToGrain(entity.firstSeen)
        rendered.lastSeen = ceilToGrain(entity.lastSeen)
        return rendered
    }

    static func floorToGrain(_ time: Int64) -> Int64 {
        let remainder = time % granularity
        return remainder < 0 ? time - remainder - granularity : time - remainder
    }

    static func ceilToGrain(_ time: Int64) -> Int64 {
        let floor = floorToGrain(time)
        return floor == time ? time : floor + granularity
    }
}
