/// Which host (or pod) held an IP address over time, learned from sightings, so that an IP
/// resolves to its holder *at the event's time*: DHCP hands addresses to other machines later.
struct AddressLeases: Sendable, Codable, Equatable {
    /// One sighting of `holder` (an entity key: `host:ws-alice`, `k8s_pod:ns/web-1`) with the IP.
    struct Sighting: Sendable, Codable, Equatable {
        var time: Int64
        var holder: String
    }

    /// Sightings per IP in time order; runs of the same holder keep only their first and last.
    private(set) var sightings: [String: [Sighting]] = [:]
    /// Holder → IPs it was seen with (reverse index for pulls by host).
    private(set) var addressesByHolder: [String: Set<String>] = [:]
    static let maxSightingsPerAddress = 64

    /// Records a sighting; returns whether it changed what the IP resolves to anywhere.
    @discardableResult
    mutating func record(ip: String, holder: String, at time: Int64) -> Bool {
        var list = sightings[ip] ?? []
        let index = list.firstIndex(where: { $0.time > time }) ?? list.count
        let before = index > 0 ? list[index - 1] : nil
        let after = index < list.count ? list[index] : nil
        if before?.holder == holder && after?.holder == holder { return false }
        if before?.time == time && before?.holder == holder { return false }
        list.insert(Sighting(time: time, holder: holder), at: index)
        // Collapse the middle of a run of three sightings of the same holder.
        for middle in [index + 1, index, index - 1] where middle > 0 && middle < list.count - 1 {
            if list[middle - 1].holder == list[middle].holder && list[middle + 1].holder == list[middle].holder {
                list.remove(at: middle)
                break
            }
        }
        var dropped: ArraySlice<Sighting> = []
        if list.count > Self.maxSightingsPerAddress {
            dropped = list[..<(list.count - Self.maxSightingsPerAddress)]
            list.removeFirst(dropped.count)
        }
        sightings[ip] = list
        addressesByHolder[holder, default: []].insert(ip)
        forget(ip, for: dropped, keeping: list)
        return true
    }

    /// Takes `ip` off the reverse index of the holders of `dropped` that `kept` no longer names,
    /// so the index stays exactly what the sightings say.
    private mutating func forget(_ ip: String, for dropped: some Collection<Sighting>, keeping kept: [Sighting]) {
        for holder in Set(dropped.map(\.holder)) where !kept.contains(where: { $0.holder == holder }) {
            addressesByHolder[holder]?.remove(ip)
            if addressesByHolder[holder]?.isEmpty == true { addressesByHolder[holder] = nil }
        }
    }

    /// The holder of `ip` at `time`: the holder on both sides of that time, or the nearest
    /// sighting within `slack`.
    func holder(of ip: String, at time: Int64, slack: Int64) -> String? {
        guard let list = sightings[ip], !list.isEmpty else { return nil }
        let index = list.firstIndex(where: { $0.time > time }) ?? list.count
        let before = index > 0 ? list[index - 1] : nil
        let after = index < list.count ? list[index] : nil
        if let before, let after, before.holder == after.holder { return before.holder }
        let beforeGap = before.map { time - $0.time }
        let afterGap = after.map { $0.time - time }
        switch (beforeGap, afterGap) {
        case (let gap?, nil) where gap <= slack: return before?.holder
        case (nil, let gap?) where gap <= slack: return after?.holder
        case (let left?, let right?):
            if left <= right, left <= slack { return before?.holder }
            if right < left, right <= slack { return after?.holder }
            return nil
        default: return nil
        }
    }

    /// IPs `holder` held within [from, to], for pulling buffered events recorded under the IP.
    func addresses(heldBy holder: String, from: Int64, to: Int64, slack: Int64) -> [String] {
        (addressesByHolder[holder] ?? []).compactMap { ip in
            sightings[ip]?.contains { $0.holder == holder && $0.time >= from - slack && $0.time <= to + slack } == true ? ip : nil
        }.sorted()
    }

    /// Drops sightings older than `horizon` (an IP with none left no longer resolves). Runs with
    /// every batch: only the addresses with something to drop are touched (rebuilding the reverse
    /// index from every sighting each time was most of a small batch's eviction).
    mutating func evict(before horizon: Int64) {
        // Lists are in time order: the first sighting says whether anything is old. Collected
        // first: changing the table while iterating it copied the whole table.
        let stale = sightings.compactMap { ip, list in (list.first.map { $0.time < horizon } ?? true) ? ip : nil }
        for ip in stale {
            let list = sightings[ip] ?? []
            let kept = list.filter { $0.time >= horizon }
            sightings[ip] = kept.isEmpty ? nil : kept
            forget(ip, for: list.filter { $0.time < horizon }, keeping: kept)
        }
    }

    var count: Int { sightings.values.reduce(0) { $0 + $1.count } }
}
