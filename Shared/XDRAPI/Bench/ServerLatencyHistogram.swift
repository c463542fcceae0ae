/// The server's own request-duration histogram by route (`xdr_http_request_duration_seconds` on
/// `/metrics`), read before and after a run: how long xdr-api took from a request's first byte to
/// its response's end, without the client's queueing. Bucket bounds are the server's (1 ms, 2.5 ms,
/// 5 ms, 10 ms, 25 ms, 50 ms, 100 ms, …), so percentiles are known only to a bucket.
public struct ServerLatencyHistogram: Sendable, Equatable {
    /// Cumulative counts per upper bound in seconds, by route.
    public var routes: [String: [(bound: Double, count: Int)]]

    public static func == (a: Self, b: Self) -> Bool {
        a.routes.keys.sorted() == b.routes.keys.sorted()
            && a.routes.allSatisfy { key, value in b.routes[key].map { $0.map(\.bound) == value.map(\.bound) && $0.map(\.count) == value.map(\.count) } ?? false }
    }

    public init(routes: [String: [(bound: Double, count: Int)]]) { self.routes = routes }

    /// Parses the `…_bucket{…route="…",le="…"} N` lines of a Prometheus text exposition.
    public init(metrics text: String, name: String = "xdr_http_request_duration_seconds") {
        var routes: [String: [(bound: Double, count: Int)]] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix(name + "_bucket{") {
            guard let close = line.lastIndex(of: "}"), let count = Int(line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)) else { continue }
            let labels = line[line.index(line.startIndex, offsetBy: name.count + 8)..<close]
            func label(_ key: String) -> String? {
                guard let start = labels.range(of: "\(key)=\"") else { return nil }
                let rest = labels[start.upperBound...]
                return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
            }
            guard let route = label("route"), let le = label("le") else { continue }
            routes[route, default: []].append((le == "+Inf" ? .infinity : Double(le) ?? .infinity, count))
        }
        self.routes = routes.mapValues { $0.sorted { $0.bound < $1.bound } }
    }

    /// The requests counted after `earlier` (same routes and bounds).
    public func subtracting(_ earlier: ServerLatencyHistogram) -> ServerLatencyHistogram {
        ServerLatencyHistogram(routes: routes.mapValues { buckets in buckets }.reduce(into: [:]) { result, entry in
            let before = earlier.routes[entry.key] ?? []
            result[entry.key] = entry.value.map { bucket in
                (bucket.bound, bucket.count - (before.first { $0.bound == bucket.bound }?.count ?? 0))
            }
        })
    }

    /// Requests of `route` in the histogram.
    public func count(_ route: String) -> Int { routes[route]?.last?.count ?? 0 }

    /// The smallest bucket bound (seconds) at or under which `percent` % of `route`'s requests fell.
    public func percentileBound(_ percent: Double, route: String) -> Double? {
        guard let buckets = routes[route], let total = buckets.last?.count, total > 0 else { return nil }
        let needed = Int((percent / 100 * Double(total)).rounded(.up))
        return buckets.first { $0.count >= needed }?.bound
    }
}
