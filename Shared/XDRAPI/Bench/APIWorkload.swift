import Foundation
import XDRHTTP
import XDRStore

/// One request of the load: what kind it is reported under, a label for its variant, the target
/// and the key it is sent with.
public struct BenchRequest: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case list = "incident list"
        case detail = "incident detail"
        case timeline = "timeline page"
    }

    public var kind: Kind
    public var label: String
    public var target: String
    public var key: String
}

/// The request mix: what SOC consoles, portals and ticketing do most — incident lists with their
/// common filters and later pages, tenant keys and operator keys, incident details, and timeline
/// pages (first and later). Later pages follow real cursors fetched before the measured run.
struct APIWorkload {
    /// A variant of a request with its share of the load and a way to make one.
    struct Variant {
        var kind: BenchRequest.Kind
        var label: String
        var weight: Int
        var make: (inout SplitMix64) -> (target: String, key: String)
    }

    let variants: [Variant]

    /// Samples incidents from the database and follows first pages over HTTP for cursors.
    init(seeded: APIBenchSeeder.Seeded, adminURL: DatabaseURL, port: Int) throws {
        let admin = try DatabaseConnection(url: adminURL)
        let keyOf = Dictionary(uniqueKeysWithValues: zip(seeded.tenants, seeded.tenantKeys))
        let sample = try admin.query("SELECT id, tenant_id FROM incidents ORDER BY md5(id::text) LIMIT 5000")
            .map { (id: try $0.string("id"), key: keyOf[try $0.uuid("tenant_id")] ?? seeded.operatorKey) }
        let large = try admin.query("SELECT id, tenant_id FROM incidents WHERE event_count > 100 ORDER BY md5(id::text) LIMIT 200")
            .map { (id: try $0.string("id"), key: keyOf[try $0.uuid("tenant_id")] ?? seeded.operatorKey) }
        guard !sample.isEmpty, !seeded.tenantKeys.isEmpty else { throw APIBenchError("the database has no incidents or tenants to ask for") }

        let client = HTTPClientConnection(host: "127.0.0.1", port: port, timeout: 60)
        func nextCursor(_ target: String, _ key: String) throws -> String? {
            var headers = HTTPHeaders()
            headers.add("Authorization", "Bearer \(key)")
            let response = try client.send("GET", target, headers: headers)
            guard response.status == 200 else { throw APIBenchError("preparing \(target): \(response.status) \(response.text.prefix(200))") }
            return try response.json()["next_cursor"]?.string
        }
        var random = SplitMix64(seed: 42)
        var listPages: [(String, String)] = []
        var operatorPages: [(String, String)] = []
        for round in 0..<60 {
            let key = seeded.tenantKeys[random.below(seeded.tenantKeys.count)]
            let base = round % 2 == 0 ? "/v1/incidents?" : "/v1/incidents?sort=severity&"
            if let page2 = try nextCursor(base + "limit=50", key) {
                listPages.append((base + "cursor=\(page2)", key))
                if round % 3 == 0, let page3 = try nextCursor(base + "cursor=\(page2)", key) { listPages.append((base + "cursor=\(page3)", key)) }
            }
        }
        for round in 0..<20 {
            let base = round % 2 == 0 ? "/v1/incidents?" : "/v1/incidents?status=new,acknowledged,investigating&"
            var target = base + "limit=50"
            for _ in 0..<(1 + round % 3) {
                guard let cursor = try nextCursor(target, seeded.operatorKey) else { break }
                target = base + "cursor=\(cursor)"
                operatorPages.append((target, seeded.operatorKey))
            }
        }
        var timelinePages: [(String, String)] = []
        for incident in large {
            if let cursor = try nextCursor("/v1/incidents/\(incident.id)/events", incident.key) {
                timelinePages.append(("/v1/incidents/\(incident.id)/events?cursor=\(cursor)", incident.key))
            }
        }
        if listPages.isEmpty { listPages = [("/v1/incidents", seeded.tenantKeys[0])] }
        if operatorPages.isEmpty { operatorPages = [("/v1/incidents", seeded.operatorKey)] }
        if timelinePages.isEmpty { timelinePages = sample.prefix(10).map { ("/v1/incidents/\($0.id)/events", $0.key) } }

        let tenantKeys = seeded.tenantKeys, tenants = seeded.tenants, operatorKey = seeded.operatorKey
        func tenantList(_ label: String, _ weight: Int, _ query: @escaping (inout SplitMix64) -> String) -> Variant {
            Variant(kind: .list, label: "tenant key, \(label)", weight: weight) { random in
                ("/v1/incidents" + query(&random), tenantKeys[random.below(tenantKeys.count)])
            }
        }
        func operatorList(_ label: String, _ weight: Int, _ query: @escaping (inout SplitMix64) -> String) -> Variant {
            Variant(kind: .list, label: "operator key, \(label)", weight: weight) { random in ("/v1/incidents" + query(&random), operatorKey) }
        }
        func pick(_ items: [(String, String)]) -> (inout SplitMix64) -> (target: String, key: String) {
            { random in let item = items[random.below(items.count)]; return (item.0, item.1) }
        }
        variants = [
            tenantList("last activity", 10) { _ in "" },
            tenantList("status open", 5) { _ in "?status=new,acknowledged,investigating" },
            tenantList("min severity high", 4) { _ in "?min_severity=high" },
            tenantList("layer email", 3) { _ in "?layer=email" },
            tenantList("entity host", 4) { random in "?entity=host:ws-\(String(format: "%04d", 12 + random.below(500)))" },
            tenantList("text", 3) { random in "?q=" + ["powershell", "smb", "login", "beacon"][random.below(4)] },
            tenantList("sort severity, open", 5) { _ in "?sort=severity&status=new,acknowledged,investigating" },
            Variant(kind: .list, label: "tenant key, next page", weight: 5, make: pick(listPages)),
            operatorList("last activity", 4) { _ in "" },
            operatorList("open, min severity high", 3) { _ in "?status=new,acknowledged,investigating&min_severity=high" },
            operatorList("one tenant", 2) { random in "?tenant=\(tenants[random.below(tenants.count)].uuidString.lowercased())" },
            operatorList("sort severity", 1) { _ in "?sort=severity" },
            Variant(kind: .list, label: "operator key, next page", weight: 1, make: pick(operatorPages)),
            Variant(kind: .detail, label: "tenant key", weight: 20) { random in
                let incident = sample[random.below(sample.count)]
                return ("/v1/incidents/\(incident.id)", incident.key)
            },
            Variant(kind: .detail, label: "operator key", weight: 5) { random in ("/v1/incidents/\(sample[random.below(sample.count)].id)", operatorKey) },
            Variant(kind: .timeline, label: "first page", weight: 15) { random in
                let incident = sample[random.below(sample.count)]
                return ("/v1/incidents/\(incident.id)/events", incident.key)
            },
            Variant(kind: .timeline, label: "later page", weight: 10, make: pick(timelinePages)),
        ]
    }

    /// `count` requests drawn by weight with a fixed seed, so runs are repeatable.
    func requests(count: Int, seed: UInt64 = 7) -> [BenchRequest] {
        let total = variants.reduce(0) { $0 + $1.weight }
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            var ticket = random.below(total)
            var chosen = variants[0]
            for variant in variants {
                if ticket < variant.weight { chosen = variant; break }
                ticket -= variant.weight
            }
            let made = chosen.make(&random)
            return BenchRequest(kind: chosen.kind, label: chosen.label, target: made.target, key: made.key)
        }
    }
}

/// A small, fast, seeded pseudo-random generator (SplitMix64), for repeatable request mixes.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
