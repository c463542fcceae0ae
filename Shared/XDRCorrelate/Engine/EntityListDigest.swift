/// What an incident's entity list looks like once rendered — each entity's role, flags and its
/// first and last sighting to the minute — as one number, so an update can tell whether the list
/// it last wrote is still current without sorting it again. Within one process only (`Hasher` is
/// seeded per process): it is compared with digests this engine computed itself.
enum EntityListDigest {
    static let minute: Int64 = 60_000_000

    /// Order-independent: the sum of the entities' own hashes.
    static func of(_ entities: [String: IncidentEntity]) -> Int {
        var sum = 0
        for (key, entity) in entities {
            var hasher = Hasher()
            hasher.combine(key)
            hasher.combine(entity.role)
            hasher.combine(entity.isHub)
            hasher.combine(entity.fromDetection)
            hasher.combine(floorMinute(entity.firstSeen))
            hasher.combine(ceilMinute(entity.lastSeen))
            sum = sum &+ hasher.finalize()
        }
        return sum &+ entities.count
    }

    /// The entity as incidents list it: times widened to whole minutes (first sighting down, last
    /// up), so a busy host's list changes when a minute passes, not with every event.
    static func rendered(_ entity: IncidentEntity) -> IncidentEntity {
        var rendered = entity
        rendered.firstSeen = floorMinute(entity.firstSeen)
        rendered.lastSeen = ceilMinute(entity.lastSeen)
        return rendered
    }

    static func floorMinute(_ time: Int64) -> Int64 {
        let remainder = time % minute
        return remainder < 0 ? time - remainder - minute : time - remainder
    }

    static func ceilMinute(_ time: Int64) -> Int64 {
        let floor = floorMinute(time)
        return floor == time ? time : floor + minute
    }
}
