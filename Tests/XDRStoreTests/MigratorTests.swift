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
