import Foundation
import XDRCore
import XDRPlatform
import XDRStore

/// Fills a migrated database with a provider, its tenants and keys, events, incidents with their
/// members, and the analysts' history, shaped like a month of an MSSP's data — with set-based SQL
/// (`INSERT … SELECT … FROM generate_series`), so ten million events take minutes.
///
/// The events' indexes and unique constraints are dropped during the load and rebuilt after it
/// with their exact definitions (checked), because building an index once is far cheaper than
/// maintaining it row by row.
public struct APIBenchSeeder {
    /// How much data, and over how long.
    public struct Shape: Sendable {
        public var tenants = 50
        public var incidents = 100_000
        public var events = 10_000_000
        public var days = 30.0
        /// Connections loading events at the same time.
        public var loaders = 2
        /// Events per statement.
        public var chunk = 250_000

        public init() {}
    }

    /// What was created, for the load generator and the report.
    public struct Seeded: Sendable {
        public var tenants: [UUID]
        /// One `read` key per tenant, in the order of `tenants`.
        public var tenantKeys: [String]
        /// A `read` operator key of the provider (sees every tenant).
        public var operatorKey: String
        public var operatorKeyID: UUID
        /// Seconds each step took, in order.
        public var steps: [(name: String, seconds: Double)]
        public var totalSeconds: Double { steps.reduce(0) { $0 + $1.seconds } }
    }

    public let adminURL: DatabaseURL
    public let shape: Shape
    /// The dataset's end: the newest event is about this old.
    public let end: Date
    let log: @Sendable (String) -> Void

    public init(adminURL: DatabaseURL, shape: Shape, end: Date = Date(), log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.adminURL = adminURL
        self.shape = shape
        self.end = end
        self.log = log
    }

    /// Seeds everything; throws on the first failing statement.
    public func seed() throws -> Seeded {
        var steps: [(String, Double)] = []
        func step<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let started = Date()
            let result = try body()
            let seconds = Date().timeIntervalSince(started)
            steps.append((name, seconds))
            log("\(name): \(String(format: "%.1f", seconds)) s")
            return result
        }
        let tenancy = try step("provider, \(shape.tenants) tenants and keys") { try createTenancy() }
        let start = end.addingTimeInterval(-shape.days * 86_400)
        let connection = try DatabaseConnection(url: adminURL)
        // Seeding statements are large but simple: compiling them (JIT) costs more than it saves.
        try connection.execute("SET maintenance_work_mem = '1GB'")
        try connection.execute("SET jit = off")
        try connection.execute("SELECT xdr_ensure_event_partitions($1, $2)", [start.addingTimeInterval(-86_400), end.addingTimeInterval(86_400)])
        let indexes = try step("drop event indexes") { try EventIndexes.drop(on: connection) }
        try step("\(shape.events) events") { try loadEvents(tenants: tenancy.tenants, start: start) }
        try step("rebuild event indexes") { try indexes.rebuild(on: connection) }
        try connection.execute("SELECT setval('events_id_seq', $1)", [max(1, shape.events)])
        // Vacuum now rather than leave it to autovacuum during the measured run: ten million
        // fresh rows need their visibility map set once.
        try step("vacuum and analyze events") { _ = try connection.execute("VACUUM (ANALYZE) events") }
        try step("\(shape.incidents) incidents with members and history") {
            // Anchors stop six hours before the end so that even the largest incident finds its events.
            let spread = max(3_600, shape.days * 86_400 - 6 * 3_600)
            func timed(_ what: String, _ sql: String, _ parameters: [any PostgresEncodable] = []) throws {
                let started = Date()
                try connection.execute(sql, parameters)
                log("  \(what): \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            }
            try timed("plan", Self.incidentPlanTableSQL)
            try timed("plan", Self.incidentPlanSQL, [tenancy.tenants, start, spread, shape.tenants, shape.incidents])
            try timed("analyze plan", "ANALYZE bench_incident_plan")
            // Each incident takes the first N events from its anchor: only an ordered scan of
            // (tenant_id, time) stops after N, but a LIMIT of a column's value gives the planner no
            // N to cost, and it prefers reading every later event and sorting them.
            try connection.execute("SET enable_sort = off")
            try connection.execute("SET enable_bitmapscan = off")
            try timed("members", Self.memberPlanSQL)
            try connection.execute("RESET enable_sort")
            try connection.execute("RESET enable_bitmapscan")
            // Temporary tables get no statistics on their own; without them the joins below go quadratic.
            try timed("analyze members", "ANALYZE bench_members")
            try timed("entities", Self.incidentEntitiesSQL)
            try timed("analyze entities", "ANALYZE bench_incident_entities")
            try timed("incidents", Self.incidentInsertSQL, [end])
            try timed("incident entities", Self.entityInsertSQL)
            try timed("incident members", Self.memberInsertSQL)
            try timed("history", Self.historyInsertSQL, [tenancy.operatorKeyID])
            try connection.execute("DROP TABLE bench_incident_plan, bench_members, bench_incident_entities")
        }
        try step("vacuum and analyze incidents") {
            for table in ["incidents", "incident_members", "incident_history", "incident_changes"] {
                _ = try connection.execute("VACUUM (ANALYZE) \(table)")
            }
        }
        return Seeded(tenants: tenancy.tenants, tenantKeys: tenancy.tenantKeys, operatorKey: tenancy.operatorKey,
                      operatorKeyID: tenancy.operatorKeyID, steps: steps)
    }

    /// The provider, its tenants (slugs `bench-01`…) and keys, created the way `xdrctl` does.
    private func createTenancy() throws -> (tenants: [UUID], tenantKeys: [String], operatorKey: String, operatorKeyID: UUID) {
        let commands = AdminCommands(environment: ["XDR_ADMIN_DATABASE_URL": adminURL.connectionString], output: { _ in })
        let provider = "Bench MSSP"
        _ = try commands.createProvider(name: provider)
        var tenants: [UUID] = []
        var keys: [String] = []
        for index in 1...max(1, shape.tenants) {
            let slug = String(format: "bench-%02d", index)
            tenants.append(try commands.createTenant(provider: provider, name: "Bench customer \(index)", slug: slug))
            keys.append(try commands.createKey(tenant: slug, provider: nil, name: "bench console", scopes: [.read]).key)
        }
        let operatorKey = try commands.createKey(tenant: nil, provider: provider, name: "bench SOC", scopes: [.read])
        return (tenants, keys, operatorKey.key, operatorKey.id)
    }

    /// Loads the events in chunks over `shape.loaders` connections.
    private func loadEvents(tenants: [UUID], start: Date) throws {
        let total = shape.events
        guard total > 0 else { return }
        let chunks = stride(from: 1, through: total, by: shape.chunk).map { ($0, min(total, $0 + shape.chunk - 1)) }
        let secondsPerEvent = shape.days * 86_400 / Double(total)
        let queue = ChunkQueue(chunks)
        let group = DispatchGroup()
        let log = self.log
        for _ in 0..<max(1, min(shape.loaders, chunks.count)) {
            group.enter()
            let adminURL = self.adminURL
            let tenantCount = tenants.count
            Thread {
                defer { group.leave() }
                do {
                    let connection = try DatabaseConnection(url: adminURL)
                    try connection.execute("SET synchronous_commit = off")
                    try connection.execute("SET jit = off")
                    while let (low, high) = queue.next() {
                        try connection.execute(Self.eventInsertSQL, [Int64(low), Int64(high), tenants, start, secondsPerEvent, tenantCount])
                        let done = queue.finished()
                        if done % 8 == 0 || done == chunks.count { log("events: \(done)/\(chunks.count) chunks") }
                    }
                } catch {
                    queue.fail(error)
                }
            }.start()
        }
        group.wait()
        if let error = queue.error { throw error }
    }
}

/// Hands out id ranges to the loading threads and keeps the first failure.
private final class ChunkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [(Int, Int)]
    private var position = 0
    private var done = 0
    private(set) var error: (any Error)?

    init(_ chunks: [(Int, Int)]) { self.chunks = chunks }

    func next() -> (Int, Int)? {
        lock.withLock {
            guard error == nil, position < chunks.count else { return nil }
            defer { position += 1 }
            return chunks[position]
        }
    }

    func finished() -> Int { lock.withLock { done += 1; return done } }
    func fail(_ error: any Error) { lock.withLock { if self.error == nil { self.error = error } } }
}
