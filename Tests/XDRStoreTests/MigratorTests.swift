import Foundation
import Testing
import XDRCore
import XDRStore
import XDRTestSupport

@Suite struct MigratorTests {
    let logger = Logger(label: "test", level: .error)

    private func emptyDatabase() throws -> (DatabaseURL, () -> Void) {
        let server = try TestDatabase.environmentURL()
        let name = "m_\(UUID().uuidString.prefix(8).lowercased())"
        try DatabaseConnection(url: server).execute("CREATE DATABASE \(name)")
        return (server.with("dbname", name), {
            _ = try? DatabaseConnection(url: server).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        })
    }

    /// A new database migrated up to (not including) `version`, and its cleanup.
    private func database(before version: Int) throws -> (DatabaseConnection, () -> Void) {
        let (url, cleanup) = try emptyDatabase()
        let connection = try DatabaseConnection(url: url)
        try Migrator(migrations: Migrations.all.filter { $0.version < version }, logger: logger).migrate(connection)
        return (connection, cleanup)
    }

    /// A provider and a tenant of it; returns the tenant.
    private func insertTenant(on connection: DatabaseConnection) throws -> UUID {
        let provider = UUID(), tenant = UUID()
        try connection.execute("INSERT INTO providers (id, name) VALUES ($1, 'MSSP')", [provider])
        try connection.execute("INSERT INTO tenants (id, provider_id, name, slug) VALUES ($1, $2, 'Acme', 'acme')", [tenant, provider])
        return tenant
    }

    @Test func appliesOnceAndTheSecondRunIsANoOp() throws {
        let (url, cleanup) = try emptyDatabase()
        defer { cleanup() }
        let connection = try DatabaseConnection(url: url)
        #expect(try Migrator.currentVersion(connection) == 0)
        #expect(!Migrator.isCurrent(connection))
        let first = try Migrator(logger: logger).migrate(connection)
        #expect(first == Migrations.all.map(\.version))
        let second = try Migrator(logger: logger).migrate(connection)
        #expect(second.isEmpty)
        #expect(try Migrator.currentVersion(connection) == Migrations.latestVersion)
        #expect(Migrator.isCurrent(connection))
    }

    /// After migration 8 a new session compresses with LZ4 by default (the ingest's staging table
    /// is created per session) and the events' large columns name LZ4 themselves, in partitions
    /// made before the migration and after it.
    @Test func largeValuesAreCompressedWithLZ4() throws {
        let (url, cleanup) = try emptyDatabase()
        defer { cleanup() }
        let owner = try DatabaseConnection(url: url)
        try Migrator(migrations: Migrations.all.filter { $0.version < 8 }, logger: logger).migrate(owner)
        try owner.execute("SELECT xdr_ensure_event_partitions($1, $2)", [Micros(1_795_334_400_000_000), Micros(1_795_334_400_000_000)])
        try Migrator(logger: logger).migrate(owner)
        try owner.execute("SELECT xdr_ensure_event_partitions($1, $2)", [Micros(1_800_000_000_000_000), Micros(1_800_000_000_000_000)])
        let session = try DatabaseConnection(url: url)
        let partitions = try session.query("""
            SELECT count(*) FILTER (WHERE a.attcompression = 'l') AS lz4, count(*) AS total FROM pg_inherits i
            JOIN pg_attribute a ON a.attrelid = i.inhrelid AND a.attname = 'raw' WHERE i.inhparent = 'events'::regclass
            """)[0]
        #expect(try partitions.int("total") >= 2, "a partition from before the migration and one from after")
        #expect(try partitions.int("lz4") == partitions.int("total"))
        #expect(try session.query("SHOW default_toast_compression")[0].text("default_toast_compression") == "lz4")
        let columns = try session.query("""
            SELECT attname, attcompression::text AS method FROM pg_attribute
            WHERE attrelid = 'events'::regclass AND attname IN ('raw', 'entities', 'details', 'entity_keys', 'file_hashes')
            """)
        #expect(columns.count == 5 && columns.allSatisfy { (try? $0.text("method")) == "l" })
        let text = (0..<400).map { "<Data Name='Field\($0)'>value \($0 % 17)</Data>" }.joined()
        try session.execute("CREATE TEMP TABLE staging (raw text)")
        try session.execute("INSERT INTO staging VALUES ($1)", [text])
        #expect(try session.query("SELECT pg_column_compression(raw) AS method FROM staging")[0].text("method") == "lz4")
    }

    /// Events stored before migration 10 keep their entities and details (as the same JSON), and
    /// new ones are kept exactly as written; text that is not JSON is still refused.
    @Test func eventDocumentsBecomeJSONTextWithTheSameContent() throws {
        let (connection, cleanup) = try database(before: 10)
        defer { cleanup() }
        let tenant = try insertTenant(on: connection)
        try connection.execute("SELECT xdr_ensure_event_partitions(now(), now())")
        func insert(_ fingerprint: String, entities: String, details: String) throws {
            try connection.execute("""
                INSERT INTO events (tenant_id, time, layer, kind, class_uid, activity_id, type_uid, category_uid, severity_id,
                                    source_product, source_format, entities, details, fingerprint, raw)
                VALUES ($1, now(), 'endpoint', 'telemetry', 1007, 1, 100701, 1, 1, 'Sysmon', 'sysmon', $2::json, $3::json,
                        convert_to($4, 'UTF8'), '{}')
                """, [tenant, entities, details, fingerprint])
        }
        let entities = #"[{"type":"host","value":"ws-alice","role":"device"}]"#
        try insert("before", entities: entities, details: #"{"logon.type":"3","process.pid":4242}"#)
        try Migrator(logger: logger).migrate(connection)
        try insert("after", entities: entities, details: #"{"b":"2","a":"1"}"#)
        let rows = try connection.query("""
            SELECT convert_from(fingerprint, 'UTF8') AS f, entities::text AS e, details::text AS d,
                   pg_typeof(entities)::text AS type, details->>'logon.type' AS logon FROM events ORDER BY f DESC
            """)
        #expect(try rows.map { try $0.string("type") } == ["json", "json"])
        #expect(try rows[0].string("f") == "before")
        #expect(try rows[0].string("logon") == "3")
        #expect(try rows[0].string("d").replacingOccurrences(of: " ", with: "") == #"{"logon.type":"3","process.pid":4242}"#)
        #expect(try rows[1].string("e") == entities)
        #expect(try rows[1].string("d") == #"{"b":"2","a":"1"}"#, "kept as written")
        #expect(throws: DatabaseError.self) { try insert("bad", entities: "[", details: "{}") }
    }

    /// A state saved in the checkpoint's row (before migration 9) moves to `correlator_states`
    /// with its position; a checkpoint without one gets no state row.
    @Test func savedStatesMoveToTheirOwnRows() throws {
        let (connection, cleanup) = try database(before: 9)
        defer { cleanup() }
        let saved = UUID(), fresh = UUID()
        try connection.execute("""
            INSERT INTO correlator_checkpoints (tenant_id, last_xid, last_id, state, state_xid, state_id)
            VALUES ($1, '900'::xid8, 40, convert_to('{"tenantID":"x"}', 'UTF8'), '800'::xid8, 30), ($2, '5'::xid8, 1, NULL, '0'::xid8, 0)
            """, [saved, fresh])
        try Migrator(logger: logger).migrate(connection)
        let rows = try connection.query("""
            SELECT tenant_id, convert_from(state, 'UTF8') AS state, state_xid::text AS x, state_id FROM correlator_states
            """)
        #expect(rows.count == 1)
        #expect(try rows.first?.uuid("tenant_id") == saved)
        #expect(try rows.first?.string("state") == #"{"tenantID":"x"}"#)
        #expect(try rows.first?.string("x") == "800")
        #expect(try rows.first?.int64("state_id") == 30)
        let columns = try connection.query("""
            SELECT column_name FROM information_schema.columns WHERE table_name = 'correlator_checkpoints' AND column_name LIKE 'state%'
            """)
        #expect(columns.isEmpty, "the checkpoint keeps only its position")
    }

    /// Incidents stored with an entity list (before migration 7) keep their entities as rows,
    /// roles, flags and sightings included, in the order the list had.
    @Test func entityListsBecomeRowsWithTheirRolesAndSightings() throws {
        let (connection, cleanup) = try database(before: 7)
        defer { cleanup() }
        let tenant = try insertTenant(on: connection), incident = UUID()
        let list = """
            [{"type":"host","value":"ws-alice","role":"victim_host","isHub":false,"fromDetection":true,"firstSeen":100,"lastSeen":400},
             {"type":"ip","value":"10.0.0.53","role":"related","isHub":true,"fromDetection":false,"firstSeen":200,"lastSeen":300}]
            """
        try connection.execute("""
            INSERT INTO incidents (id, tenant_id, title, severity_id, first_seen, last_seen, entities, snapshot)
            VALUES ($1, $2, 'Phishing', 4, now(), now(), $3::jsonb, '{}')
            """, [incident, tenant, list])
        // Migration 6's trigger wrote the keys.
        #expect(try connection.query("SELECT count(*) AS n FROM incident_entity_keys").first?.int("n") == 2)
        try Migrator(logger: logger).migrate(connection)
        let rows = try connection.query("""
            SELECT entity_value, role, role_rank, is_hub, from_detection, first_seen_us, last_seen_us FROM incident_entities
            WHERE incident_id = $1 ORDER BY role_rank
            """, [incident])
        #expect(try rows.map { try $0.string("entity_value") } == ["ws-alice", "10.0.0.53"])
        #expect(try rows.map { try $0.string("role") } == ["victim_host", "related"])
        #expect(try rows.map { try $0.int("role_rank") } == [0, 10])
        #expect(try rows.map { try $0.bool("is_hub") } == [false, true])
        #expect(try rows.map { try $0.bool("from_detection") } == [true, false])
        #expect(try rows.map { try $0.int64("first_seen_us") } == [100, 200])
        #expect(try rows.map { try $0.int64("last_seen_us") } == [400, 300])
        let rendered = try connection.query("SELECT xdr_incident_entities($1)::text AS list", [incident]).first?.string("list")
        #expect(rendered?.contains(#""isHub": true"#) == true)
        #expect(rendered?.hasPrefix(#"[{"role": "victim_host""#) == true)
    }

    @Test func concurrentMigratorsDoNotCollide() throws {
        let (url, cleanup) = try emptyDatabase()
        defer { cleanup() }
        let results = ResultBox()
        let group = DispatchGroup()
        for _ in 0..<4 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let connection = try DatabaseConnection(url: url)
                    results.add(.success(try Migrator(logger: Logger(label: "test", level: .error)).migrate(connection)))
                } catch {
                    results.add(.failure(error))
                }
            }
        }
        group.wait()
        let outcomes = results.values
        #expect(outcomes.count == 4)
        let applied = outcomes.compactMap { try? $0.get() }
        #expect(applied.count == 4, "every migrator succeeds")
        #expect(applied.filter { !$0.isEmpty }.count == 1, "exactly one applies the migrations")
    }

    @Test func everyMigrationFileIsListedInOrder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Shared/XDRStore/Migrations").standardizedFileURL
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        let listed = Migrations.all.map { String(format: "%04d_%@.sql", $0.version, $0.name) }
        #expect(files == listed)
        #expect(Migrations.all.map(\.version) == Array(1...Migrations.all.count))
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Result<[Int], Error>] = []
    func add(_ item: Result<[Int], Error>) { lock.withLock { items.append(item) } }
    var values: [Result<[Int], Error>] { lock.withLock { items } }
}
