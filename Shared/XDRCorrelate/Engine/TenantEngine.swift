import Foundation
import XDRModel

/// The correlator for one tenant: takes committed events in commit order, batch by batch, and
/// returns its decisions as explicit changes. Pure and deterministic: no clock, no database.
/// Tenants never share an engine, so they never share state.
public final class TenantEngine {
    public let tenantID: UUID
    public let configuration: EngineConfiguration
    let rules: RuleSet
    let users: UserDirectory
    let resolver: EventResolver
    let hubDetector: HubDetector
    let evaluator: RuleEvaluator
    let criticalAssets: Set<String>
    var state: TenantState
    var batch = BatchChanges()
    /// Incidents whose whole entity list went to the writer; after that, an update lists the
    /// entities its `entityChanges` names. Not part of the state: a rebuilt engine starts empty and
    /// writes each list (and its pivot keys) once more.
    var handedOver: Set<UUID> = []

    /// Creates an engine, optionally resuming from a persisted `state`.
    public init(tenantID: UUID, configuration: EngineConfiguration, rules: RuleSet, state: TenantState? = nil) {
        self.tenantID = tenantID
        self.configuration = configuration
        self.rules = rules
        users = UserDirectory(configuration: configuration)
        resolver = EventResolver(configuration: configuration, users: users)
        hubDetector = HubDetector(configuration: configuration, users: users)
        evaluator = RuleEvaluator(rules: rules, tenant: tenantID, maxEventsPerGroup: configuration.maxEventsPerRuleGroup)
        // Hosts are keyed by their short name: `filesrv01.corp.example` names `filesrv01`.
        criticalAssets = Set(configuration.criticalAssets.flatMap { asset in
            [asset.lowercased()] + (EntityNormalizer.host(asset).map { [$0.short] } ?? [])
        })
        self.state = state ?? TenantState(tenantID: tenantID)
    }

    /// The state to persist with the checkpoint of the last processed batch.
    public var persistentState: TenantState { state }

    /// Processes a batch of committed events (events of other tenants are ignored) and returns
    /// what changed: derived detections, then created and updated incidents, then merges.
    public func process(_ events: [CorrelationEvent]) -> [EngineChange] {
        process(shared: events.map(SharedEvent.init))
    }

    /// The same for events already boxed (as the stream reader hands them over).
    func process(shared events: [SharedEvent]) -> [EngineChange] {
        batch = BatchChanges(preexisting: Set(state.incidents.keys))
        let before = state.watermark
        for shared in events where shared.event.tenantID == tenantID { ingest(shared) }
        evict(since: before)
        return collectChanges()
    }

    private func ingest(_ shared: SharedEvent) {
        // Read in place from the box: a local copy would retain each of its strings and arrays.
        var event: CorrelationEvent { _read { yield shared.event } }
        state.watermark = max(state.watermark, event.time)
        var relearned: [(ip: String, holder: String, changed: Bool)] = []
        // Most events report no address of their own device: no holder to work out then.
        if !event.deviceIPs.isEmpty, let eventHolder = holder(of: event) {
            let spelled = event.hostname.flatMap(CloudHostNames.address(spelledBy:))
            for ip in event.deviceIPs where AddressScope.namesAMachine(ip) {
                // The address a node's name spells is the node's, even on a record about one of its pods.
                let holder = ip == spelled ? hostHolder(of: event) ?? eventHolder : eventHolder
                // Only a sighting that changes what the IP resolves to needs a second look at the
                // past; extending a known lease (every outbound connection does) does not.
                let previous = state.leases.holder(of: ip, at: event.time, slack: configuration.leaseSlack)
                if state.leases.record(ip: ip, holder: holder, at: event.time) {
                    relearned.append((ip, holder, previous != holder))
                }
            }
        }
        let resolved = resolver.resolve(shared, leases: state.leases)
        let linkable = resolved.linkKeys(configuration)
        hubDetector.observe(resolved, linkable: linkable, watermark: state.watermark, state: &state.hubs)
        state.campaigns.observe(resolved)
        let seeds = event.kind == .detection && event.severity >= configuration.minimumSeedSeverity
        if !seeds {
            let keys = linkable.map(\.key) + linkable.compactMap(\.resolvedFrom)
            let reach = linkable.compactMap { configuration.window(for: $0.type) }.max() ?? 0
            state.buffer.insert(shared, keys: keys, expiry: event.time + reach, cap: configuration.maxBufferedTelemetry)
        }
        let hubs = hubTest()
        for derived in evaluator.evaluate(resolved, state: &state.rules, isHub: { hubs.isHub($0) }) { accept(derived) }
        if seeds {
            link(detection(from: resolved))
        } else {
            attachTelemetry(resolved, linkable: linkable)
        }
        for lease in relearned {
            reresolve(ip: lease.ip, holder: lease.holder, around: event.time, reofferBuffered: lease.changed)
        }
    }

    /// Who holds the event's own IPs: its pod when it names one, else its host.
    func holder(of event: CorrelationEvent) -> String? {
        if event.layer == .cloud, let pod = event.entities.first(where: { $0.type == .k8sPod }) { return pod.key }
        return hostHolder(of: event)
    }

    /// The reporting host's key.
    func hostHolder(of event: CorrelationEvent) -> String? {
        event.hostname.flatMap(resolver.names.hostKey)
    }

    // MARK: Detections

    func detection(from resolved: ResolvedEvent) -> DetectionInput {
        let event = resolved.event
        return DetectionInput(key: "e\(event.id)", orderKey: event.orderKey, eventID: event.id, derived: nil,
                              entities: resolved.entities, severity: event.severity,
                              tactics: event.attackTactics.compactMap(EntityNormalizer.tactic),
                              techniques: event.attackTechniques, layers: [event.layer],
                              phrase: IncidentNarrative.phrase(for: resolved), campaign: EmailCampaigns.keys(of: resolved))
    }

    /// A derived detection: emitted once, linked like any detection, its events attached.
    func accept(_ derived: DerivedDetection) {
        guard state.derivedSeen[derived.id] == nil else {
            refine(derived)
            return
        }
        state.derivedSeen[derived.id] = derived.time
        batch.derived.append(derived)
        let input = DetectionInput(key: derived.id, orderKey: derived.orderKey, eventID: nil, derived: derived,
                                   entities: derived.entities, severity: derived.severity, tactics: derived.tactics,
                                   techniques: derived.techniques, layers: derived.layers,
                                   phrase: derived.story ?? derived.title, campaign: nil)
        link(input)
        guard let home = state.detectionHome[derived.id].map(root) else { return }
        for eventID in derived.eventIDs {
            guard let event = state.buffer.event(eventID) else { continue }
            let resolved = resolver.resolve(event, leases: state.leases)
            attach(resolved, to: home, reason: "rule:\(derived.ruleID)", entity: nil, window: nil)
        }
    }

    /// Another match of an episode already derived: the detection gains the event, and takes the
    /// earlier time if this match is earlier, so the result does not depend on arrival order.
    func refine(_ derived: DerivedDetection) {
        guard let home = state.detectionHome[derived.id].map(root),
              var known = state.incidents[home]?.derived[derived.id] else { return }
        let events = Set(known.eventIDs).union(derived.eventIDs)
        guard events.count > known.eventIDs.count else { return }
        known.eventIDs = events.sorted()
        known.time = min(known.time, derived.time)
        known.anchorTime = min(known.anchorTime, derived.anchorTime)
        state.incidents[home]!.refine(known)
        state.derivedSeen[derived.id] = known.time
        batch.derived.removeAll { $0.id == known.id }
        batch.derived.append(known)
        for eventID in derived.eventIDs {
            guard let event = state.buffer.event(eventID) else { continue }
            attach(resolver.resolve(event, leases: state.leases), to: home, reason: "rule:\(derived.ruleID)", entity: nil, window: nil)
        }
    }

    /// Joins a detection to the incidents it shares a non-hub entity with (merging them, the one
    /// with the oldest seed surviving), or seeds a new incident.
    func link(_ detection: DetectionInput) {
        guard state.detectionHome[detection.key] == nil else { return }
        let keys = anchorKeys(detection.entities)
        var found: [UUID: (entity: String, window: Int64)] = [:]
        for entity in keys {
            let window = configuration.window(for: entity.type)!
            for anchor in state.anchorIndex[entity.key] ?? [] where abs(anchor.time - detection.time) <= window {
                let id = root(anchor.incident)
                if isOpen(id), found[id] == nil { found[id] = (entity.key, window) }
            }
        }
        let bySeed = found.keys.sorted { state.incidents[$0]!.seed < state.incidents[$1]!.seed }
        let open = bySeed.filter { state.incidents[$0]!.detectionCount < configuration.maxDetectionsPerIncident }
        guard let oldest = open.first else {
            create(seed: detection, keys: keys, continuedFrom: bySeed.first)
            return
        }
        let survivor: UUID
        if detection.orderKey < state.incidents[oldest]!.seed {
            survivor = create(seed: detection, keys: keys, continuedFrom: nil)
        } else {
            survivor = oldest
            let via = found[oldest]!
            add(detection, to: oldest, keys: keys, link: makeLink(detection, incident: oldest, role: .detection,
                                                                    reason: "entity-window", entity: via.entity, window: via.window))
        }
        for other in open where other != survivor {
            let via = found[other]!
            // Linking can cascade (derived detections), so follow redirects made meanwhile.
            merge(root(other), into: root(survivor), bridge: makeLink(detection, incident: root(survivor), role: .detection,
                                                          reason: "entity-window", entity: via.entity, window: via.window))
        }
    }

    /// The detection's entities that may link: a window for their type, not a hub, unique.
    func anchorKeys(_ entities: [ResolvedEntity]) -> [ResolvedEntity] {
        var seen = Set<String>()
        return entities.filter {
            configuration.window(for: $0.type) != nil && ($0.type != .ip || AddressScope.namesAMachine($0.value))
                && !isHub($0.key) && seen.insert($0.key).inserted
        }
    }

    func isHub(_ key: String) -> Bool { hubDetector.isHub(key, state: state.hubs) }

    /// A hub test over a copy of the hub state, safe to call while `state` is being modified.
    /// A value, passed on as a non-escaping closure literal (`{ hubs.isHub($0) }`): a returned
    /// closure was a heap allocation for every event and every attachment.
    func hubTest() -> HubTest { HubTest(detector: hubDetector, hubs: state.hubs) }

    struct HubTest {
        let detector: HubDetector
        let hubs: HubDetector.State

        func isHub(_ key: String) -> Bool { detector.isHub(key, state: hubs) }
    }

    @discardableResult
    func create(seed: DetectionInput, keys: [ResolvedEntity], continuedFrom: UUID?) -> UUID {
        let id = StableIdentifier.incident(tenant: tenantID, seedKey: seed.key)
        // Only a replay of a forgotten detection can meet its own incident again: rejoin it.
        if isOpen(root(id)) {
            let existing = root(id)
            add(seed, to: existing, keys: keys, link: makeLink(seed, incident: existing, role: .detection, reason: "replay",
                                                              entity: nil, window: nil))
            return existing
        }
        state.incidents[id] = IncidentState(id: id, seed: seed.orderKey, continuedFrom: continuedFrom)
        batch.created.append(id)
        add(seed, to: id, keys: keys, link: makeLink(seed, incident: id, role: .seed, reason: "seed", entity: nil, window: nil))
        return id
    }

    func makeLink(_ detection: DetectionInput, incident: UUID, role: EventLink.Role, reason: String,
                  entity: String?, window: Int64?) -> EventLink {
        EventLink(incidentID: incident, eventID: detection.eventID, derivedDetectionID: detection.derived?.id,
                  time: detection.time, role: role, reason: reason, entity: entity, window: window)
    }

    func add(_ detection: DetectionInput, to id: UUID, keys: [ResolvedEntity], link: EventLink) {
        let maxEntities = configuration.maxEntitiesPerIncident
        let covered = keys.map { state.incidents[id]!.anchors[$0.key] ?? [] }
        let hubs = hubTest()
        state.incidents[id]!.add(detection: detection, link: link, anchorKeys: keys, hub: { hubs.isHub($0) }, maxEntities: maxEntities)
        state.detectionHome[detection.key] = id
        batch.note(link)
        for entity in keys {
            var anchors = state.anchorIndex[entity.key] ?? []
            if !anchors.contains(where: { $0.incident == id && $0.time == detection.time }) {
                anchors.append(.init(incident: id, time: detection.time))
                state.anchorIndex[entity.key] = anchors
            }
        }
        for (entity, times) in zip(keys, covered) { pull(into: id, entity: entity, around: detection.time, covered: times) }
    }

    /// Moves `from` into `into`, leaving a redirect. Refused when the result would exceed the
    /// detection cap (as Defender refuses such merges); the detection then stays in `into` only.
    func merge(_ from: UUID, into: UUID, bridge: EventLink) {
        guard from != into, let source = state.incidents[from], let target = state.incidents[into] else { return }
        guard source.detectionCount + target.detectionCount <= configuration.maxDetectionsPerIncident else { return }
        if !batch.preexisting.contains(from) { batch.mergedSnapshots[from] = snapshot(of: source) }
        state.incidents[into]!.absorb(source, maxEntities: configuration.maxEntitiesPerIncident)
        state.incidents[from] = nil
        handedOver.remove(from)
        state.redirects[from] = .init(into: into, time: source.lastSeen)
        for (_, link) in source.members.sorted(by: { $0.key < $1.key }) {
            if link.role != .evidence, link.derivedDetectionID != nil || link.eventID != nil {
                state.detectionHome[link.derivedDetectionID ?? "e\(link.eventID!)"] = into
            }
            var moved = link
            moved.incidentID = into
            if moved.role == .seed {
                moved.role = .detection
                moved.reason = "merged"
            }
            batch.note(moved)
        }
        batch.merges.append(.init(from: from, into: into, bridge: bridge))
    }

    /// Whether the incident is open. Looked up by index: `state.incidents[id] != nil` copied the
    /// whole incident out (a retain of each of its tables) for every anchor it was asked about.
    func isOpen(_ id: UUID) -> Bool { state.incidents.index(forKey: id) != nil }

    /// The surviving incident an id was merged into (itself if never merged).
    func root(_ id: UUID) -> UUID {
        var current = id
        var hops = 0
        while let next = state.redirects[current]?.into, hops < 64 {
            current = next
            hops += 1
        }
        return current
    }
}
