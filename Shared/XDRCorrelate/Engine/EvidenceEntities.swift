import XDRModel

/// What an incident takes from a telemetry event it gains as evidence: the event's entities with
/// the addresses hosts were resolved from, each with its role and hub flag, and its campaign keys.
/// None of it depends on the incident, so it is worked out once per event, not once for each
/// incident the event joins (a busy host's event joins several, and each lookup of a hub or of an
/// address's range was a string hashed or split again).
struct EvidenceEntities {
    struct Noted {
        var entity: ResolvedEntity
        var role: IncidentEntityRole
        var isHub: Bool
    }

    var noted: [Noted]
    var campaign: EmailCampaigns.Keys?

    init(_ resolved: ResolvedEvent, isHub: (String) -> Bool) {
        let layer = resolved.event.layer
        noted = IncidentState.withAddresses(resolved.entities).map { entity in
            Noted(entity: entity, role: IncidentNarrative.role(of: entity, layer: layer, fromDetection: false),
                  isHub: isHub(entity.key))
        }
        campaign = EmailCampaigns.keys(of: resolved)
    }
}
