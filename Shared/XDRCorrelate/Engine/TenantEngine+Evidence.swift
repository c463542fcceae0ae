import Foundation
import XDRModel

extension TenantEngine {
    /// Telemetry joins every incident it shares a non-hub entity with inside that entity's window.
    /// It never creates or merges incidents.
    func attachTelemetry(_ resolved: ResolvedEvent, linkable: [ResolvedEntity]) {
        var joined: [UUID] = []
        var evidence: EvidenceEntities?
        for entity in linkable {
            // Most telemetry shares no entity with an open incident: look the anchors up first.
            guard let anchors = state.anchorIndex[entity.key], !isHub(entity.key), resolved.joins(through: entity.key) else { continue }
            let window = configuration.evidenceWindow(for: entity.type)!
            // A busy key carries many anchors of few incidents: follow each incident's merges once.
            var anchored: [UUID] = []
            var homes: [UUID] = []
            for anchor in anchors where abs(anchor.time - resolved.time) <= window && !anchored.contains(anchor.incident) {
                anchored.append(anchor.incident)
                let id = root(anchor.incident)
                if !homes.contains(id) { homes.append(id) }
            }
            for id in homes.sorted() where !joined.contains(id) && isOpen(id) {
                joined.append(id)
                attach(resolved, to: id, reason: "entity-window", entity: entity.key, window: window, evidence: &evidence)
            }
        }
    }

    /// Pulls buffered telemetry carrying `entity` near `time` into an incident (evidence that
    /// arrived before its detection). For a host, events recorded under the IPs it held count too.
    /// `covered`: times the incident already carried the entity at — their windows were offered
    /// then, so only the rest of this window is (a busy host's incident does not re-scan hours of
    /// telemetry for every new detection).
    func pull(into id: UUID, entity: ResolvedEntity, around time: Int64, covered: [Int64] = []) {
        let window = configuration.evidenceWindow(for: entity.type)!
        var from = time - window
        var to = time + window
        if let below = covered.filter({ $0 <= time }).max() { from = max(from, below + window + 1) }
        if let above = covered.filter({ $0 >= time }).min() { to = min(to, above - window - 1) }
        guard from <= to else { return }
        var events = state.buffer.events(under: entity.key, from: from, to: to)
        if entity.type == .host || entity.type == .k8sPod {
            for ip in state.leases.addresses(heldBy: entity.key, from: from, to: to, slack: configuration.leaseSlack) {
                events += state.buffer.events(under: "ip:\(ip)", from: from, to: to)
            }
        }
        var seen = Set<Int64>()
        for event in events.sorted(by: { $0.event.orderKey < $1.event.orderKey }) where seen.insert(event.id).inserted {
            let resolved = resolver.resolve(event, leases: state.leases)
            // An IP held by someone else at that event's time is not this host's evidence.
            guard resolved.entities.contains(where: { $0.key == entity.key }), resolved.joins(through: entity.key) else { continue }
            attach(resolved, to: root(id), reason: "entity-window", entity: entity.key, window: window)
        }
    }

    /// Adds telemetry as evidence to one incident (see below).
    func attach(_ resolved: ResolvedEvent, to id: UUID, reason: String, entity: String?, window: Int64?) {
        var evidence: EvidenceEntities?
        attach(resolved, to: id, reason: reason, entity: entity, window: window, evidence: &evidence)
    }

    /// Adds telemetry as evidence and runs the rules that need an open incident on its host.
    /// `evidence`: what incidents take from this event, worked out when first needed and kept for
    /// the next incident the same event joins.
    func attach(_ resolved: ResolvedEvent, to id: UUID, reason: String, entity: String?, window: Int64?,
                evidence: inout EvidenceEntities?) {
        guard isOpen(id) else { return }
        let link = EventLink(incidentID: id, eventID: resolved.event.id, derivedDetectionID: nil, time: resolved.time,
                             role: .evidence, reason: reason, entity: entity, window: window)
        if state.incidents[id]!.admits(evidence: link, maxEvidence: configuration.maxEvidencePerIncident) {
            if evidence == nil {
                let hubs = hubTest()
                evidence = EvidenceEntities(resolved, isHub: { hubs.isHub($0) })
            }
            state.incidents[id]!.add(evidence: resolved, link: link, entities: evidence!,
                                     maxEntities: configuration.maxEntitiesPerIncident)
            batch.note(link)
        }
        // Re-checked for known members too: a lease learned later can make the rule apply now.
        let hostWindow = configuration.window(for: .host) ?? 0
        for match in evaluator.incidentConditioned(resolved, isHub: { self.isHub($0) }) {
            let current = root(id)
            guard let incident = state.incidents[current],
                  incident.hasAnchor("host:\(match.host)", near: resolved.time, window: hostWindow) else { continue }
            // One detection per source → destination pair per host window, not one per connection.
            let destination = resolved.event.dstIP ?? resolved.deviceHost ?? "?"
            let bucket = hostWindow > 0 ? resolved.time / hostWindow : resolved.time
            accept(evaluator.single(match.rule, resolved, episode: ("\(match.host)→\(destination)", bucket)))
        }
    }

    /// A new lease taught that an IP the incident carried belonged to a host at that time: the
    /// incident now carries the host too, which may bridge it to the host's incidents.
    /// `reofferBuffered` (the sighting changed the holder at its time) also offers the host's
    /// buffered events to its incidents again — costly, so not for a mere lease extension.
    func reresolve(ip: String, holder: String, around time: Int64, reofferBuffered: Bool) {
        guard let colon = holder.firstIndex(of: ":"), let type = EntityType(rawValue: String(holder[..<colon])),
              let window = configuration.window(for: type), !isHub(holder) else { return }
        let entity = ResolvedEntity(type: type, value: String(holder[holder.index(after: colon)...]), role: .related,
                                    resolvedFrom: "ip:\(ip)")
        let slack = configuration.leaseSlack
        for anchor in state.anchorIndex["ip:\(ip)"] ?? [] where abs(anchor.time - time) <= slack {
            guard state.leases.holder(of: ip, at: anchor.time, slack: slack) == holder else { continue }
            let id = root(anchor.incident)
            guard isOpen(id), !state.incidents[id]!.hasAnchor(holder, near: anchor.time, window: 0) else { continue }
            state.incidents[id]!.anchors[holder, default: []].append(anchor.time)
            state.incidents[id]!.note(resolvedHolder: entity, time: anchor.time, maxEntities: configuration.maxEntitiesPerIncident)
            state.anchorIndex[holder, default: []].append(.init(incident: id, time: anchor.time))
            let others = (state.anchorIndex[holder] ?? []).filter { abs($0.time - anchor.time) <= window }
                .map { root($0.incident) }.filter { isOpen($0) }
            let all = Set(others + [id]).sorted { state.incidents[$0]!.seed < state.incidents[$1]!.seed }
            guard let survivor = all.first else { continue }
            for other in all.dropFirst() {
                let bridge = EventLink(incidentID: survivor, eventID: nil, derivedDetectionID: nil, time: anchor.time,
                                       role: .detection, reason: "resolved", entity: holder, window: window)
                merge(root(other), into: root(survivor), bridge: bridge)
            }
            pull(into: root(survivor), entity: entity, around: anchor.time)
        }
        // Buffered events under the IP now resolve to the holder: offer them to its incidents.
        guard reofferBuffered else { return }
        var offered = Set<UUID>()
        for anchor in state.anchorIndex[holder] ?? [] where abs(anchor.time - time) <= window + slack {
            let id = root(anchor.incident)
            guard isOpen(id), offered.insert(id).inserted else { continue }
            pull(into: id, entity: entity, around: anchor.time)
        }
    }
}
