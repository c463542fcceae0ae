import Foundation

/// Polls `condition` every `interval` seconds until it holds; returns whether it did within
/// `timeout` seconds' worth of polls.
///
/// The budget is counted in polls, not on the wall clock: while CPU-bound suites hold every
/// thread of the cooperative pool, neither this loop nor the task it waits for runs, and a wall
/// clock deadline would pass before the awaited task had its first turn.
public func eventually(_ timeout: Double = 60, interval: Double = 0.05,
                       _ condition: () throws -> Bool) async throws -> Bool {
    let polls = max(1, Int((timeout / interval).rounded(.up)))
    for _ in 0..<polls {
        if try condition() { return true }
        try await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
    }
    return try condition()
}
