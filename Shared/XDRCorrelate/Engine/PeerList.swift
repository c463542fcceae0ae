/// The hosts seen next to one value in the fan-out window, each with the latest time they were
/// seen together. Most values (an outside address, a domain, a file hash) are seen next to one
/// host only: that one is held inline, without a table of its own — a table per value was most
/// of the fan-out map, three million entries on a five-million-event backlog.
struct PeerList: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// `many` never holds exactly one host, so equal lists have equal storage.
    private enum Storage: Sendable, Equatable {
        case one(host: String, time: Int64)
        case many([String: Int64])
    }

    private var storage: Storage = .many([:])

    init() {}

    init(dictionaryLiteral elements: (String, Int64)...) {
        for (host, time) in elements { see(host, at: time) }
    }

    var count: Int {
        switch storage {
        case .one: 1
        case .many(let hosts): hosts.count
        }
    }

    var isEmpty: Bool { count == 0 }

    /// When `host` was last seen next to the value.
    subscript(host: String) -> Int64? {
        switch storage {
        case .one(let only, let time): only == host ? time : nil
        case .many(let hosts): hosts[host]
        }
    }

    /// Records `host` at `time` (the latest sighting wins).
    mutating func see(_ host: String, at time: Int64) {
        switch storage {
        case .one(let only, let seen):
            if only == host {
                if time > seen { storage = .one(host: host, time: time) }
            } else {
                storage = .many([only: seen, host: time])
            }
        case .many(var hosts):
            if hosts.isEmpty {
                storage = .one(host: host, time: time)
                return
            }
            if let seen = hosts[host], seen >= time { return }
            // Out of the enum first, so the table is changed in place rather than copied.
            storage = .many([:])
            hosts[host] = time
            storage = .many(hosts)
        }
    }

    /// The hosts seen at or after `horizon`.
    func seen(since horizon: Int64) -> PeerList {
        switch storage {
        case .one(_, let time): return time >= horizon ? self : PeerList()
        case .many(let hosts):
            var kept = PeerList()
            for (host, time) in hosts where time >= horizon { kept.see(host, at: time) }
            return kept
        }
    }

    /// Hosts and times, by host.
    var sorted: [(host: String, time: Int64)] {
        switch storage {
        case .one(let host, let time): [(host, time)]
        case .many(let hosts): hosts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
    }
}
