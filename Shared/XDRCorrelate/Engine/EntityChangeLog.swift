/// The entities of an incident whose row, as the writer renders it, changed since the incident
/// was last handed to the writer — so an update writes only those, without comparing all of a busy
/// incident's (up to 200) entities with every batch: that comparison was a tenth of the
/// correlator's time on a five-million-event backlog.
///
/// Not part of the persisted state (nor of its equality): a rebuilt engine hands each incident's
/// whole list over once (`TenantEngine.handedOver`), after which the log says what changed.
struct EntityChangeLog: Sendable {
    private(set) var keys: Set<String> = []

    /// Records `key` if the row its entity renders to differs between `before` and `after`.
    mutating func note(_ key: String, before: IncidentEntity?, after: IncidentEntity) {
        if before.map({ RenderedRow($0) != RenderedRow(after) }) ?? true { keys.insert(key) }
    }

    /// What `EntitySightings.rendered(entity)` makes of an entity that can change: the five-minute
    /// sightings, the role and the flags (type and value are the key and never change).
    struct RenderedRow: Equatable {
        var firstSeen: Int64
        var lastSeen: Int64
        var role: IncidentEntityRole
        var isHub: Bool
        var fromDetection: Bool

        init(_ entity: IncidentEntity) {
            firstSeen = EntitySightings.floorToGrain(entity.firstSeen)
            lastSeen = EntitySightings.ceilToGrain(entity.lastSeen)
            role = entity.role
            isHub = entity.isHub
            fromDetection = entity.fromDetection
        }
    }
}

extension EntityChangeLog: Equatable {
    /// Always equal: what was handed to the writer is not part of what the engine decided.
    static func == (_: EntityChangeLog, _: EntityChangeLog) -> Bool { true }
}
