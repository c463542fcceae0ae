import Foundation

/// What one batch changed, collected while it runs and turned into `EngineChange`s at its end.
struct BatchChanges {
    struct Merge {
        var from: UUID
        var into: UUID
        var bridge: EventLink
    }

    /// Incidents open before the batch: they get `incidentUpdated`, the others `incidentCreated`.
    var preexisting: Set<UUID> = []
    var derived: [DerivedDetection] = []
    var created: [UUID] = []
    var newLinks: [UUID: [EventLink]] = [:]
    var merges: [Merge] = []
    /// Incidents created in this batch and merged away in it, as they were when merged.
    var mergedSnapshots: [UUID: IncidentSnapshot] = [:]

    mutating func note(_ link: EventLink) {
        newLinks[link.incidentID, default: []].append(link)
    }
}
