import XDRCore

/// Applies migrations in order, each in its own transaction, recorded in `schema_migrations`.
///
/// A session-level advisory lock serialises migrators: when several services or jobs start at once,
/// one applies and the others wait, then find nothing left to do.
public struct Migrator {
    static let lockKey: Int64 = 0x7473_756E_6167_69 // "tsunagi"

    public let migrations: [Migration]
    public let logger: Logger

    public init(migrations: [Migration] = Migrations.all, logger: Logger) {
        self.migrations = migrations
        self.logger = logger
    }

    /// Applies what is missing; returns the versions applied by this call.
    @discardableResult
    public func migrate(_ connection: DatabaseConnection) throws -> [Int] {
        try connection.execute("SELECT pg_advisory_lock($1)", [Self.lockKey])
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock($1)", [Self.lockKey]) }
        try connection.executeScript("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
        let applied = Set(try connection.query("SELECT version FROM schema_migrations").map { try $0.int("version") })
        var done: [Int] = []
        for migration in migrations where !applied.contains(migration.version) {
            logger.info("applying migration", ["migration.version": String(migration.version), "migration.name": migration.name])
            try connection.transaction { connection in
                try connection.executeScript(migration.sql)
                try connection.execute("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name])
            }
            done.append(migration.version)
        }
        // Services read the version to decide readiness.
        try connection.executeScript("""
            DO $$ BEGIN
                IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xdr_service') THEN
                    GRANT SELECT ON schema_migrations TO xdr_service;
                END IF;
            END $$
            """)
        return done
    }

    /// The highest applied version, or 0 for an empty database.
    public static func currentVersion(_ connection: DatabaseConnection) throws -> Int {
        let present = try connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
        guard try present.first?.bool("present") == true else { return 0 }
        let rows = try connection.query("SELECT COALESCE(max(version), 0) AS version FROM schema_migrations")
        return try rows.first?.int("version") ?? 0
    }

    /// Whether the database schema is at least at the version this binary expects.
    public static func isCurrent(_ connection: DatabaseConnection) -> Bool {
        guard let current = try? currentVersion(connection) else { return false }
        return current >= Migrations.latestVersion
    }
}
