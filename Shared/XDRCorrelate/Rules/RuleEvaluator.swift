import Foundation
import XDRModel

/// What the rules remember between events: correlation groups and first-seen values. Codable so
/// it is persisted with the rest of a tenant's state.
struct RuleState: Sendable, Codable, Equatable {
    /// Correlation rule id → group key → recent matches.
    var groups: [String: [String: CorrelationGroup]] = [:]
    /// First-seen rule id → `per` value → value → (earliest, latest) sighting.
    var sightings: [String: [String: [String: Sighting]]] = [:]

    struct Sighting: Sendable, Codable, Equatable {
        var first: Int64
        var last: Int64
    }

    var size: Int {
        groups.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.matches.count } }
            + sightings.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } }
    }
}

/// Runs base and correlation rules over resolved events.
struct RuleEvaluator {
    let rules: RuleSet
    let tenant: UUID
    let maxEventsPerGroup: Int

    /// The derived detections this event completes (base rules with `generate`, correlations).
    func evaluate(_ resolved: ResolvedEvent, state: inout RuleState, isHub: (String) -> Bool = { _ in false }) -> [DerivedDetection] {
        var derived: [DerivedDetection] = []
        // Conditions first: most events match no rule, and a rule is only copied when one does.
        for index in rules.baseConditions.indices where rules.baseConditions[index].allSatisfy({ $0.holds(for: resolved) }) {
            let rule = rules.baseRules[index]
            guard let spec = rule.detection, !touchesHub(spec, resolved, isHub) else { continue }
            if let first = spec.firstSeen, !isFirstSighting(first, rule: rule.id, resolved, state: &state) { continue }
            if rule.generate { derived.append(single(rule, resolved)) }
            for correlation in rules.consumers[rule.id] ?? [] {
                if let detection = feed(correlation, base: rule.id, resolved, state: &state) { derived.append(detection) }
            }
        }
        return derived
    }

    /// Base rules conditioned on an open incident that this event matches, with the host whose
    /// incident it needs.
    func incidentConditioned(_ resolved: ResolvedEvent, isHub: (String) -> Bool = { _ in false }) -> [(rule: RuleDefinition, host: String)] {
        rules.incidentConditions.indices.compactMap { index in
            guard rules.incidentConditions[index].allSatisfy({ $0.holds(for: resolved) }) else { return nil }
            let rule = rules.incidentRules[index]
            guard let spec = rule.detection, let field = spec.requiresIncidentOn,
                  let host = RuleFields.key(field, of: resolved), !touchesHub(spec, resolved, isHub) else { return nil }
            return (rule, host)
        }
    }

    /// Whether one of the rule's `except_hubs` fields holds a hub.
    private func touchesHub(_ spec: DetectionSpec, _ resolved: ResolvedEvent, _ isHub: (String) -> Bool) -> Bool {
        spec.exceptHubs.contains { field in
            guard let type = RuleFields.entityType(of: field) else { return false }
            return RuleFields.values(field, of: resolved).contains { isHub("\(type.rawValue):\($0.lowercased())") }
        }
    }

    /// A single-event match as a derived detection: one per event, or one per `episode` (group
    /// and time bucket, both functions of the event alone) so a burst of matches is one detection.
    func single(_ rule: RuleDefinition, _ resolved: ResolvedEvent, episode: (group: String, bucket: Int64)? = nil) -> DerivedDetection {
        let id = episode.map {
            StableIdentifier.derivedDetection(tenant: tenant, rule: rule.id, group: $0.group, anchor: "bucket:\($0.bucket)")
        } ?? StableIdentifier.derivedDetection(tenant: tenant, rule: rule.id, group: "", anchor: "event:\(resolved.event.id)")
        return DerivedDetection(id: id, ruleID: rule.id, title: rule.title, severity: rule.severity, tactics: rule.tactics,
                                techniques: rule.techniques, time: resolved.time, anchorTime: resolved.time,
                                groupKey: episode?.group ?? "",
                                eventIDs: [resolved.event.id], entities: resolved.entities,
                                story: rule.story.map { render($0, group: [:], resolved) }, layers: [resolved.event.layer])
    }

    private func isFirstSighting(_ first: FirstSeen, rule: String, _ resolved: ResolvedEvent, state: inout RuleState) -> Bool {
        guard let per = RuleFields.key(first.per, of: resolved), let value = RuleFields.key(first.field, of: resolved) else { return false }
        let time = resolved.time
        let known = state.sightings[rule]?[per]?[value]
        let seenBefore = known.map { $0.first < time && $0.last >= time - first.lookback } ?? false
        let updated = RuleState.Sighting(first: min(known?.first ?? time, time), last: max(known?.last ?? time, time))
        state.sightings[rule, default: [:]][per, default: [:]][value] = updated
        return !seenBefore
    }

    private func feed(_ rule: RuleDefinition, base: String, _ resolved: ResolvedEvent, state: inout RuleState) -> DerivedDetection? {
        guard let spec = rule.correlation else { return nil }
        var groupValues: [String: String] = [:]
        for name in spec.groupBy {
            guard let value = RuleFields.key(spec.field(for: name, rule: base), of: resolved) else { return nil }
            groupValues[name] = value
        }
        let groupKey = spec.groupBy.map { "\($0)=\(groupValues[$0]!)" }.joined(separator: "|")
        var value: String?
        if let field = spec.valueField {
            guard let counted = RuleFields.key(field, of: resolved) else { return nil }
            value = counted
        }
        var group = state.groups[rule.id]?[groupKey] ?? CorrelationGroup()
        for (step, name) in spec.rules.enumerated() where name == base {
            group.insert(.init(time: resolved.time, eventID: resolved.event.id, step: step, value: value,
                               entities: resolved.entities), cap: maxEventsPerGroup)
        }
        let fired = group.fire(around: resolved.time, spec: spec)
        state.groups[rule.id, default: [:]][groupKey] = group
        guard let fired, let anchor = fired.first?.time, let last = fired.map(\.time).max() else { return nil }
        var entities: [ResolvedEntity] = []
        for match in fired {
            for entity in match.entities where !entities.contains(entity) && entities.count < 50 { entities.append(entity) }
        }
        let id = StableIdentifier.derivedDetection(tenant: tenant, rule: rule.id, group: groupKey, anchor: String(anchor))
        return DerivedDetection(id: id, ruleID: rule.id, title: rule.title, severity: rule.severity, tactics: rule.tactics,
                                techniques: rule.techniques, time: last, anchorTime: anchor, groupKey: groupKey,
                                eventIDs: fired.map(\.eventID), entities: entities,
                                story: rule.story.map { render($0, group: groupValues, resolved) }, layers: [resolved.event.layer])
    }

    /// Fills `{name}` (or `{first|second}`) placeholders from group values, then from the event's fields.
    func render(_ template: String, group: [String: String], _ resolved: ResolvedEvent) -> String {
        var output = ""
        RuleDefinition.walkStory(template, text: { output += $0 }, placeholder: { alternatives in
            // `{dst_host|dst_ip}`: the first alternative that has a value.
            output += alternatives.lazy.compactMap { group[$0] ?? RuleFields.values($0, of: resolved).first }.first ?? "?"
        })
        return output
    }

    /// Drops rule state older than the horizon.
    func evict(_ state: inout RuleState, watermark: Int64) {
        for rule in rules.correlations {
            guard let spec = rule.correlation, var groups = state.groups[rule.id] else { continue }
            for (key, var group) in groups {
                group.evict(before: watermark - 2 * spec.timespan, span: spec.timespan)
                groups[key] = group.isEmpty ? nil : group
            }
            state.groups[rule.id] = groups.isEmpty ? nil : groups
        }
        for rule in rules.baseRules {
            guard let first = rule.detection?.firstSeen, var perValues = state.sightings[rule.id] else { continue }
            for (per, values) in perValues {
                let kept = values.filter { $0.value.last >= watermark - first.lookback }
                perValues[per] = kept.isEmpty ? nil : kept
            }
            state.sightings[rule.id] = perValues.isEmpty ? nil : perValues
        }
    }
}
