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
    private var addressesByHolder: [String: Set<String>] = [:]
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
        if list.count > Self.maxSightingsPerAddress { list.removeFirst(list.count - Self.maxSightingsPerAddress) }
        sightings[ip] = list
        addressesByHolder[holder, default: []].insert(ip)
        return true
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

    /// Drops sightings older than `horizon` (an IP with none left no longer resolves).
    mutating func evict(before horizon: Int64) {
        for (ip, list) in sightings {
            let kept = list.filter { $0.time >= horizon }
            if kept.isEmpty { sightings[ip] = nil } else if kept.count != list.count { sightings[ip] = kept }
        }
        addressesByHolder = [:]
        for (ip, list) in sightings {
            for sighting in list { addressesByHolder[sighting.holder, default: []].insert(ip) }
        }
    }

    var count: Int { sightings.values.reduce(0) { $0 + $1.count } }
}
