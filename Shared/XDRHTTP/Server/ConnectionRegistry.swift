import Foundation
import Glibc
import XDRCore

/// The server's open connections: admission against the maximum, idle/busy phases, and the
/// wake-ups that shutdown needs.
///
/// The registry keeps each `Socket` alive while registered, so `shutdown(2)` from the draining
/// thread can never hit a descriptor number that has been closed and reused.
final class ConnectionRegistry: @unchecked Sendable {
    enum Phase { case idle, busy }

    private struct Entry {
        let socket: Socket
        var phase: Phase
    }

    private let condition = NSCondition()
    private var entries: [Int: Entry] = [:]
    private var nextID = 0
    private var draining = false
    private let maximum: Int
    private let metrics: MetricsRegistry?

    init(maximum: Int, metrics: MetricsRegistry?) {
        self.maximum = maximum
        self.metrics = metrics
    }

    var count: Int {
        condition.lock(); defer { condition.unlock() }
        return entries.count
    }

    var isDraining: Bool {
        condition.lock(); defer { condition.unlock() }
        return draining
    }

    /// Admits a connection; `nil` when the server is full or draining.
    func register(_ socket: Socket) -> Int? {
        condition.lock(); defer { condition.unlock() }
        guard !draining, entries.count < maximum else { return nil }
        nextID += 1
        entries[nextID] = Entry(socket: socket, phase: .busy)
        publish()
        return nextID
    }

    /// Marks the connection as waiting for its next request; `false` means close it now (draining).
    func markIdle(_ id: Int) -> Bool {
        condition.lock(); defer { condition.unlock() }
        guard !draining else { return false }
        entries[id]?.phase = .idle
        return true
    }

    /// Marks the connection as serving a request; `false` when draining already woke it as idle.
    func markBusy(_ id: Int) -> Bool {
        condition.lock(); defer { condition.unlock() }
        guard let entry = entries[id] else { return false }
        if draining && entry.phase == .idle { return false }
        entries[id]?.phase = .busy
        return true
    }

    func remove(_ id: Int) {
        condition.lock()
        entries[id] = nil
        publish()
        condition.broadcast()
        condition.unlock()
    }

    /// Stops admissions and wakes idle connections by shutting down their read side.
    func beginDraining() {
        condition.lock(); defer { condition.unlock() }
        draining = true
        for entry in entries.values where entry.phase == .idle { entry.socket.shutdown(Int32(SHUT_RD)) }
    }

    /// Waits until every connection has finished or `deadline` passes; returns whether all finished.
    func waitUntilEmpty(before deadline: Date) -> Bool {
        condition.lock(); defer { condition.unlock() }
        while !entries.isEmpty {
            if !condition.wait(until: deadline) { break }
        }
        return entries.isEmpty
    }

    /// Cuts every remaining connection so blocked reads and writes fail promptly.
    func closeAll() {
        condition.lock(); defer { condition.unlock() }
        for entry in entries.values { entry.socket.shutdown(Int32(SHUT_RDWR)) }
    }

    private func publish() {
        metrics?.set("xdr_http_connections", Double(entries.count))
    }
}
