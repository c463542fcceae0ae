import Foundation
import Testing
import XDRIngest
import XDRModel
import XDRTestSupport

/// The writer's guarantees that do not depend on HTTP.
@Suite struct EventWriterTests {
    static func events(_ range: ClosedRange<Int>) throws -> [NormalizedEvent] {
        let format = try #require(FormatRegistry.format(named: "sysmon"))
        let body = range.map { PipelineInputs.sysmon(recordID: $0) }.joined(separator: "\n")
        return IngestPipeline().normalize(body: Array(body.utf8), format: format, context: FormatContext(receivedAt: 0)).events
    }

    /// Several first batches of a month at once all need its partition; losing the race to
    /// create it must not fail the batch (it did: "relation events_2024_03 already exists").
    @Test func concurrentFirstBatchesOfANewMonthAllSucceed() async throws {
        try await offPool {
            let harness = try IngestHarness("writerrace")
            let batches = try (0..<6).map { try Self.events(($0 * 10 + 1)...($0 * 10 + 10)) }
            final class Results: @unchecked Sendable {
                let lock = NSLock()
                var errors: [String] = []
                var inserted = 0
            }
            let results = Results()
            let group = DispatchGroup()
            for batch in batches {
                group.enter()
                Thread {
                    defer { group.leave() }
                    // A writer per batch: each believes the month is new, as separate processes would.
                    let writer = EventWriter(pool: harness.pool)
                    do {
                        let result = try writer.write(batch, tenant: harness.tenant)
                        results.lock.withLock { results.inserted += result.inserted }
                    } catch {
                        results.lock.withLock { results.errors.append("\(error)") }
                    }
                }.start()
            }
            group.wait()
            #expect(results.errors.isEmpty, "\(results.errors)")
            #expect(results.inserted == 60)
            #expect(try harness.eventCount() == 60)
        }
    }
}
