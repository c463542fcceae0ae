import Foundation
import Testing
import XDRCore
import XDRHTTP
import XDRStore
import XDRTestSupport

/// PostgreSQL crashes (immediate stop) and comes back in the middle of a load: every batch
/// answered 2xx is stored exactly once, every failure is a 503 with Retry-After, and the service
/// recovers without help.
@Suite struct DatabaseRestartTests {
    struct Outcome: Sendable { var batch: Int; var status: Int; var retryAfter: String? }

    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Outcome] = []
        func add(_ outcome: Outcome) { lock.withLock { items.append(outcome) } }
        var all: [Outcome] { lock.withLock { items } }
    }

    static let batchSize = 40

    static func batch(_ number: Int) -> [UInt8] {
        Array((0..<batchSize).map { PipelineInputs.sysmon(recordID: number * 1000 + $0) }.joined(separator: "\n").utf8)
    }

    @Test(.timeLimit(.minutes(2))) func acknowledgedBatchesSurviveACrashExactlyOnce() throws {
        let postgres = try TestServer()
        defer { postgres.destroy() }
        let admin = try postgres.adminURL()
        try Migrator(logger: Logger(label: "test", level: .error)).migrate(DatabaseConnection(url: admin))
        let harness = try IngestHarness(layer: .endpoint, appURL: try postgres.appURL(), adminURL: admin)
        let log = Log()
        let stop = ManagedFlag()
        let loaders = (0..<2).map { loader in
            Thread {
                let connection = HTTPClientConnection(host: "127.0.0.1", port: harness.port, timeout: 30)
                var headers = HTTPHeaders()
                headers.add("Authorization", "Bearer \(harness.key)")
                var number = loader
                while !stop.isSet {
                    let status: Int
                    var retryAfter: String?
                    do {
                        let response = try connection.send("POST", "/v1/ingest/sysmon", headers: headers, body: Self.batch(number))
                        status = response.status
                        retryAfter = response.headers["retry-after"]
                    } catch {
                        status = -1
                        connection.close()
                    }
                    log.add(Outcome(batch: number, status: status, retryAfter: retryAfter))
                    number += 2
                    if status != 200 { Thread.sleep(forTimeInterval: 0.05) }
                }
            }
        }
        loaders.forEach { $0.start() }
        Thread.sleep(forTimeInterval: 1.5)
        try postgres.stop(mode: "immediate")
        Thread.sleep(forTimeInterval: 1.5)
        try postgres.start()
        // The service must find its way back by itself: wait for fresh successes after the restart.
        let restartedAt = log.all.count
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline && log.all.dropFirst(restartedAt).filter({ $0.status == 200 }).count < 4 {
            Thread.sleep(forTimeInterval: 0.1)
        }
        stop.set()
        while loaders.contains(where: { !$0.isFinished }) { Thread.sleep(forTimeInterval: 0.05) }

        let outcomes = log.all
        let acknowledged = outcomes.filter { $0.status == 200 }
        let failed = outcomes.filter { $0.status != 200 }
        #expect(!failed.isEmpty, "the crash was noticed")
        #expect(acknowledged.count > 4)
        for failure in failed {
            #expect(failure.status == 503, "batch \(failure.batch) failed with \(failure.status)")
            #expect(failure.retryAfter != nil)
        }
        #expect(outcomes.suffix(4).allSatisfy { $0.status == 200 }, "recovered by itself")
        let stored = try harness.rows("""
            SELECT (regexp_match(raw, '"record_id":"(\\d+)"'))[1]::bigint / 1000 AS batch, count(*) AS count FROM events GROUP BY 1
            """)
        var perBatch: [Int: Int] = [:]
        for row in stored { perBatch[try row.int("batch")] = try row.int("count") }
        for batch in acknowledged {
            #expect(perBatch[batch.batch] == Self.batchSize, "acknowledged batch \(batch.batch) stored \(perBatch[batch.batch] ?? 0) times its records")
        }
        #expect(perBatch.values.allSatisfy { $0 == Self.batchSize }, "no batch partly stored or duplicated")
    }
}

/// A flag set once from one thread and read from others.
final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
