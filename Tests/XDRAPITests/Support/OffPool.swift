import Foundation

/// Runs blocking work (sockets, database) on its own thread and awaits it, so a test waiting on
/// I/O does not hold one of the few cooperative-pool threads other suites' async tests need.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
