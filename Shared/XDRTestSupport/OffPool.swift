import Foundation

/// Runs blocking test work (sockets, database round trips, sleeps) on a thread of its own and
/// awaits it, so the test does not hold one of the few threads of the cooperative pool that
/// every other suite's async tests need meanwhile.
///
/// At most `offPoolWidth` such bodies run at once, as many as the pool would have run, so moving
/// work off the pool does not turn into every test competing for the CPU at the same time.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            offPoolSlots.wait()
            defer { offPoolSlots.signal() }
            continuation.resume(with: Result { try body() })
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

/// How many off-pool bodies may run at once.
public let offPoolWidth = max(2, ProcessInfo.processInfo.activeProcessorCount)
private let offPoolSlots = DispatchSemaphore(value: offPoolWidth)
