import XDRStore

/// The indexes and unique constraints of `events`, captured before a bulk load drops them and
/// rebuilt afterwards from their own definitions.
struct EventIndexes {
    struct Constraint { var name: String; var definition: String }
    struct Index { var name: String; var definition: String }

    var constraints: [Constraint]
    var indexes: [Index]

    /// Captures the definitions, then drops the indexes and constraints of `events`.
    static func drop(on connection: DatabaseConnection) throws -> EventIndexes {
        let current = try capture(on: connection)
        for index in current.indexes { try connection.execute("DROP INDEX \(quoted(index.name))") }
        for constraint in current.constraints { try connection.execute("ALTER TABLE events DROP CONSTRAINT \(quoted(constraint.name))") }
        return current
    }

    /// Recreates what `drop` removed and checks that the definitions came back unchanged.
    func rebuild(on connection: DatabaseConnection) throws {
        for constraint in constraints {
            try connection.execute("ALTER TABLE events ADD CONSTRAINT \(Self.quoted(constraint.name)) \(constraint.definition)")
        }
        // The catalog prints a partitioned table's index as `ON ONLY events`, which would create the
        // parent index alone (invalid, used by no scan); without ONLY it is built on every partition.
        for index in indexes { try connection.execute(index.definition.replacingOccurrences(of: " ON ONLY ", with: " ON ")) }
        let invalid = try connection.query("""
            SELECT count(*) AS n FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
            WHERE NOT x.indisvalid AND x.indrelid IN (SELECT oid FROM pg_class WHERE relname = 'events' OR relname LIKE 'events\\_%')
            """).first?.int("n") ?? 0
        guard invalid == 0 else { throw APIBenchError("\(invalid) indexes of events are invalid after the rebuild") }
        let rebuilt = try Self.capture(on: connection)
        guard rebuilt.constraints.map(\.definition) == constraints.map(\.definition),
              rebuilt.indexes.map(\.definition) == indexes.map(\.definition) else {
            throw APIBenchError("the rebuilt indexes of events differ from the migrated ones")
        }
    }

    static func capture(on connection: DatabaseConnection) throws -> EventIndexes {
        let constraints = try connection.query("""
            SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
            WHERE conrelid = 'events'::regclass AND contype IN ('p', 'u') ORDER BY conname
            """).map { Constraint(name: try $0.string("conname"), definition: try $0.string("definition")) }
        let owned = Set(constraints.map(\.name))
        let indexes = try connection.query("""
            SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'events' ORDER BY indexname
            """).map { Index(name: try $0.string("indexname"), definition: try $0.string("indexdef")) }
            .filter { !owned.contains($0.name) }
        return EventIndexes(constraints: constraints, indexes: indexes)
    }

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
