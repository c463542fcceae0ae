import XDRModel

/// Recognises high-degree entities (domain controllers, DNS resolvers, proxies, service accounts)
/// that would glue unrelated attacks together: pinned per tenant, or detected by fan-out — a
/// value seen with more than K distinct hosts inside a window. Counts are kept incrementally.
struct HubDetector: Sendable {
    let pinned: Set<String>
    let limit: Int
    let window: Int64

    struct State: Sendable, Equatable {
        /// Entity key → host → latest event time they were seen together (at most limit + 1 hosts).
        var peers: [String: PeerList] = [:]
        /// Keys detected as hubs, with the event time they became one.
        var detected: [String: Int64] = [:]

        var size: Int { peers.values.reduce(0) { $0 + $1.count } + detected.count }
    }

    init(configuration: EngineConfiguration, users: UserDirectory) {
        var keys = configuration.hubs.entityKeys
        for key in keys where key.hasPrefix("user:") {
            keys.insert("user:" + users.canonical(String(key.dropFirst(5)), host: nil))
        }
        pinned = keys
        limit = configuration.fanOutLimit
        window = configuration.fanOutWindow
    }

    func isHub(_ key: String, state: State) -> Bool {
        pinned.contains(key) || state.detected[key] != nil
    }

    /// Counts the hosts this event puts next to each of its entities.
    /// `watermark`: the highest event time seen, which bounds the window the count covers.
    func observe(_ resolved: ResolvedEvent, linkable: [ResolvedEntity], watermark: Int64? = nil, state: inout State) {
        var hosts: [String] = []
        for entity in resolved.entities where entity.type == .host && !hosts.contains(entity.value) { hosts.append(entity.value) }
        let time = resolved.time
        // The resolver a host asks is infrastructure, whatever its fan-out so far.
        if resolved.event.dstPort == 53, let resolverIP = resolved.event.dstIP, EntityNormalizer.isInternal(resolverIP) {
            for key in ["ip:\(resolverIP)"] + linkable.filter({ $0.resolvedFrom == "ip:\(resolverIP)" }).map(\.key) {
                state.detected[key] = state.detected[key] ?? time
            }
        }
        guard !hosts.isEmpty else { return }
        for entity in linkable {
            let key = entity.key
            if let since = state.detected[key] {
                state.detected[key] = max(since, time)
                continue
            }
            guard !pinned.contains(key) else { continue }
            // A host is not its own peer. Skipped in place: a filtered copy of the hosts was an
            // array per entity of every event.
            let itself = entity.type == .host ? entity.value : nil
            guard hosts.contains(where: { $0 != itself }) else { continue }
            // Updated in place (one lookup of the key): copying the peer map out and back cost a
            // copy of it per event.
            let count = Self.see(hosts, except: itself, at: time, in: &state.peers[key, default: PeerList()])
            guard count > limit else { continue }
            // Sightings older than the window do not count, whenever the last sweep was.
            if let watermark {
                state.peers[key] = state.peers[key]!.seen(since: watermark - window)
            }
            if state.peers[key]!.count > limit {
                state.detected[key] = time
                state.peers[key] = nil
            }
        }
    }

    /// Records `hosts` but `excluded` next to a value at `time` (the latest sighting wins); returns
    /// the peer count.
    private static func see(_ hosts: [String], except excluded: String?, at time: Int64, in peers: inout PeerList) -> Int {
        for host in hosts where host != excluded { peers.see(host, at: time) }
        return peers.count
    }

    /// Forgets sightings older than the fan-out window; a detected hub stays one until the
    /// window has passed without it being seen.
    func evict(_ state: inout State, watermark: Int64) {
        let horizon = watermark - window
        // Changes collected first: assigning while iterating copied the whole map.
        var changed: [(key: String, kept: PeerList)] = []
        for (key, peers) in state.peers {
            let kept = peers.seen(since: horizon)
            if kept.count != peers.count { changed.append((key, kept)) }
        }
        for (key, kept) in changed { state.peers[key] = kept.isEmpty ? nil : kept }
        state.detected = state.detected.filter { $0.value >= horizon }
    }
}

extension HubDetector.State: Codable {
    private enum CodingKeys: String, CodingKey { case names, packedPeers, peers, detected }

    /// `names`: every entity key and host once; `packedPeers` (`PackedNumbers`): per entity key
    /// `key index,host index,time,host index,time…`. `peers`, nested objects, is the older form,
    /// still read (the peer map was a fifth of a save through `JSONEncoder`).
    func encode(to encoder: Encoder) throws {
        var index: [String: Int] = [:]
        var names: [String] = []
        func position(_ name: String) -> Int64 {
            if let known = index[name] { return Int64(known) }
            names.append(name)
            index[name] = names.count - 1
            return Int64(names.count - 1)
        }
        var packed = PackedNumbers(reservingRows: peers.count)
        for key in peers.keys.sorted() {
            guard let hosts = peers[key], !hosts.isEmpty else { continue }
            packed.append(position(key))
            for (host, time) in hosts.sorted {
                packed.append(position(host))
                packed.append(time)
            }
            packed.endRow()
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(names, forKey: .names)
        try container.encode(packed.text, forKey: .packedPeers)
        try container.encode(detected, forKey: .detected)
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        detected = try container.decode([String: Int64].self, forKey: .detected)
        guard let text = try container.decodeIfPresent(String.self, forKey: .packedPeers) else {
            let plain = try container.decode([String: [String: Int64]].self, forKey: .peers)
            for (key, hosts) in plain {
                var list = PeerList()
                for (host, time) in hosts { list.see(host, at: time) }
                peers[key] = list
            }
            return
        }
        let names = try container.decode([String].self, forKey: .names)
        func valid(_ row: [Int64]) -> Bool {
            guard row.count % 2 == 1 else { return false }
            // The key, then each host (the odd positions); the times sit between.
            return ([0] + Array(stride(from: 1, to: row.count, by: 2))).allSatisfy { row[$0] >= 0 && row[$0] < names.count }
        }
        guard let rows = PackedNumbers.unpack(text), rows.allSatisfy(valid) else {
            throw DecodingError.dataCorruptedError(forKey: .packedPeers, in: container,
                                                   debugDescription: "not rows of key index, then host index and time pairs")
        }
        for row in rows {
            var hosts = PeerList()
            for pair in stride(from: 1, to: row.count, by: 2) { hosts.see(names[Int(row[pair])], at: row[pair + 1]) }
            peers[names[Int(row[0])]] = hosts
        }
    }
}
