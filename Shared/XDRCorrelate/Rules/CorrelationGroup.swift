/// The recent matches of one correlation rule for one group (e.g. one host), in event-time order,
/// and the windows that already fired so a burst yields one derived detection, not one per event.
struct CorrelationGroup: Sendable, Codable, Equatable {
    struct Match: Sendable, Codable, Equatable {
        var time: Int64
        var eventID: Int64
        /// Index of the base rule in the correlation's `rules`.
        var step: Int
        /// The counted field's value (`value_count`).
        var value: String?
        var entities: [ResolvedEntity]
    }

    private(set) var matches: [Match] = []
    /// Anchors of windows that fired; matches inside [anchor, anchor + timespan] are spent.
    private(set) var firedAnchors: [Int64] = []

    var isEmpty: Bool { matches.isEmpty && firedAnchors.isEmpty }

    mutating func insert(_ match: Match, cap: Int) {
        let index = matches.firstIndex { ($0.time, $0.eventID) > (match.time, match.eventID) } ?? matches.count
        if index > 0, matches[index - 1].eventID == match.eventID, matches[index - 1].step == match.step { return }
        matches.insert(match, at: index)
        if matches.count > cap { matches.removeFirst(matches.count - cap) }
    }

    /// Checks the windows around `time` and returns the matches of the earliest window that
    /// satisfies the correlation, marking it fired.
    mutating func fire(around time: Int64, spec: CorrelationSpec) -> [Match]? {
        let span = spec.timespan
        guard !isSpent(time, span: span) else { return nil }
        let candidates = matches.filter { $0.time >= time - span && $0.time <= time + span && !isSpent($0.time, span: span) }
        guard let found = satisfying(candidates, spec: spec, mustInclude: time) else { return nil }
        firedAnchors.append(found[0].time)
        return found
    }

    private func isSpent(_ time: Int64, span: Int64) -> Bool {
        firedAnchors.contains { time >= $0 && time <= $0 + span }
    }

    /// The earliest window [start, start + timespan] that contains `time` and satisfies the
    /// correlation. Two pointers with counted maps: each match enters and leaves the window once.
    private func satisfying(_ list: [Match], spec: CorrelationSpec, mustInclude time: Int64) -> [Match]? {
        let span = spec.timespan
        var end = 0
        var values: [String: Int] = [:]
        var steps: [Int: Int] = [:]
        for start in list.indices {
            guard list[start].time <= time else { break }
            let limit = list[start].time + span
            while end < list.count, list[end].time <= limit {
                if let value = list[end].value { values[value, default: 0] += 1 }
                steps[list[end].step, default: 0] += 1
                end += 1
            }
            defer {
                if let value = list[start].value {
                    values[value]! -= 1
                    if values[value] == 0 { values[value] = nil }
                }
                steps[list[start].step]! -= 1
                if steps[list[start].step] == 0 { steps[list[start].step] = nil }
            }
            guard limit >= time else { continue }
            let window = list[start..<end]
            switch spec.type {
            case .eventCount:
                if window.count >= spec.threshold { return Array(window.prefix(spec.threshold)) }
            case .valueCount:
                guard values.count >= spec.threshold else { continue }
                var seen = Set<String>()
                return window.filter { match in
                    guard let value = match.value, seen.count < spec.threshold else { return false }
                    return seen.insert(value).inserted
                }
            case .temporal:
                guard steps.count == spec.rules.count else { continue }
                var firstOfStep: [Int: Match] = [:]
                for match in window where firstOfStep[match.step] == nil { firstOfStep[match.step] = match }
                return firstOfStep.values.sorted { ($0.time, $0.eventID) < ($1.time, $1.eventID) }
            case .temporalOrdered:
                guard list[start].step == 0, steps.count == spec.rules.count else { continue }
                var chain = [list[start]]
                for match in window.dropFirst() where match.step == chain.count && match.time >= chain[chain.count - 1].time {
                    chain.append(match)
                    if chain.count == spec.rules.count { return chain }
                }
            }
        }
        return nil
    }

    /// Forgets matches and fired windows older than `horizon`.
    mutating func evict(before horizon: Int64, span: Int64) {
        matches.removeAll { $0.time < horizon }
        firedAnchors.removeAll { $0 + span < horizon }
    }
}
