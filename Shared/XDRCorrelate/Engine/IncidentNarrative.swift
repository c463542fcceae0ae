import XDRModel

/// How an incident tells its story: the title built along the kill chain, the severity formula
/// (docs/correlation.md), and the part each entity plays.
enum IncidentNarrative {
    /// Phrases of the detections as the attack unfolded (event time, then kill-chain order),
    /// without repeats, at most four.
    static func title(_ incident: IncidentState, phrases: [String: IncidentState.Phrase]) -> String {
        let ordered = phrases.sorted {
            ($0.value.time, $0.value.rank, $0.key) < ($1.value.time, $1.value.rank, $1.key)
        }
        var parts: [String] = []
        for (_, phrase) in ordered where !parts.contains(phrase.text) { parts.append(phrase.text) }
        var title = parts.prefix(4).joined(separator: " → ")
        if parts.count > 4 { title += " → …" }
        if incident.continuedFrom != nil { title = "(continued) " + title }
        return title.isEmpty ? "Incident" : title
    }

    /// Worst signal, raised one step each for: three or more layers; three or more ATT&CK
    /// tactics; progress to lateral movement or later; a critical asset. Capped at Critical;
    /// incidents whose worst signal is Low or below stay at most Medium.
    static func severity(_ incident: IncidentState, criticalAssets: Set<String>) -> Severity {
        let base = max(min(incident.worst, .critical), .low)
        var steps = 0
        if incident.layers.count >= 3 { steps += 1 }
        if incident.tactics.count >= 3 { steps += 1 }
        let late = EntityNormalizer.tacticOrder.firstIndex(of: "lateral_movement")!
        let progress = incident.tactics.compactMap { EntityNormalizer.tacticOrder.firstIndex(of: $0) }.max() ?? 0
        if progress >= late, incident.tactics.count >= 2 { steps += 1 }
        // The map is keyed by entity key already: building `type:value` again per entity and
        // snapshot was a good part of rendering a busy incident.
        if !criticalAssets.isEmpty,
           incident.entities.contains(where: { criticalAssets.contains($0.value.value) || criticalAssets.contains($0.key) }) {
            steps += 1
        }
        let raised = Severity(rawValue: min(base.rawValue + steps, Severity.critical.rawValue)) ?? .critical
        return base <= .low ? min(raised, .medium) : raised
    }

    /// The title phrase of a committed detection, by its leading tactic.
    static func phrase(for resolved: ResolvedEvent) -> String {
        let event = resolved.event
        let tactics = Set(event.attackTactics)
        let place = resolved.deviceHost ?? resolved.dstHost ?? resolved.user ?? event.dstIP ?? event.srcIP ?? "unknown host"
        if tactics.contains("command_and_control") || (event.layer == .network && tactics.isEmpty) {
            let external = [event.dstIP, event.srcIP].compactMap { $0 }.first { !EntityNormalizer.isInternal($0) }
            if let remote = event.domain ?? external { return "C2 \(remote)" }
        }
        if tactics.contains("lateral_movement"), let target = resolved.dstHost ?? event.dstIP {
            return "lateral movement to \(target)"
        }
        if tactics.contains("credential_access") { return "credential theft on \(place)" }
        if event.layer == .email {
            let to = event.emailTo.first.map { " to \($0)" } ?? ""
            return "\(event.title ?? "Malicious email")\(to)"
        }
        return "\(event.title ?? "Detection") on \(place)"
    }

    /// The role an entity plays, from its type, its role in the event and the layer.
    static func role(of entity: ResolvedEntity, layer: Layer, fromDetection: Bool) -> IncidentEntityRole {
        switch entity.type {
        case .host: return .victimHost
        case .ip: return EntityNormalizer.isInternal(entity.value) ? .internalIP : (fromDetection ? .attackerIP : .related)
        case .user, .email:
            if layer == .email { return entity.role == .sender || entity.role == .actor ? .sender : .recipient }
            return fromDetection ? .compromisedUser : .related
        case .hash: return fromDetection || layer == .email ? .maliciousFile : .related
        case .domain, .url: return fromDetection || layer == .email ? .indicator : .related
        case .cloudPrincipal, .accessKey, .cloudAccount: return .cloudPrincipal
        case .k8sPod, .k8sNamespace, .k8sServiceAccount: return .workload
        default: return .related
        }
    }
}
