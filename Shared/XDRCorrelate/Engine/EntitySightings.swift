/// An incident entity as incidents list it: first and last sighting widened to five minutes (first
/// down, last up), so a busy host's row changes when such a span passes, not with every event.
/// The timeline has each event's exact time; a finer grain rewrote the entities of a busy incident
/// with nearly every batch, as one of them crossed into a new minute.
enum EntitySightings {
    static let granularity: Int64 = 5 * 60_000_000

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
