import Dispatch
import Foundation
import Glibc
import Testing
import XDRCore
@testable import XDRHTTP

/// Collects a value produced on another thread.
final class Box<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    var value: Value? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

@Suite struct HTTPServerShutdownTests {
    @Test func finishesInFlightRequestsAndRefusesNewConnections() throws {
        let handlerStarted = DispatchSemaphore(value: 0)
        let server = try TestServer { router in
            router.get("/slow") { _, _ in
                handlerStarted.signal()
                usleep(700_000)
                return .text("finished")
            }
        }
        let result = Box<HTTPClientResponse>()
        let requestDone = DispatchSemaphore(value: 0)
        let url = server.baseURL + "/slow"
        Thread {
            result.value = try? HTTPClient.send("GET", url: url)
            requestDone.signal()
        }.start()
        #expect(handlerStarted.wait(timeout: .now() + 5) == .success)

        let stopped = DispatchSemaphore(value: 0)
        Thread { server.stop(); stopped.signal() }.start()
        usleep(100_000)
        // The listener is closed: a new connection is refused.
        #expect(throws: SocketError.self) { try RawConnection(port: server.port) }
        #expect(requestDone.wait(timeout: .now() + 5) == .success)
        #expect(result.value?.status == 200)
        #expect(result.value?.text == "finished")
        #expect(result.value?.headers["Connection"] == "close")
        #expect(stopped.wait(timeout: .now() + 5) == .success)
    }

    @Test func cancellingRunClosesIdleKeepAliveConnectionsPromptly() throws {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0, idleTimeout: 60)
        // A long drain timeout: if idle connections were not closed, the drain would wait all of it.
        // The bound below is far from both, so a loaded machine cannot make it flake.
        configuration.drainTimeout = 40
        var router = Router()
        router.get("/ok") { _, _ in .text("ok") }
        let server = HTTPServer(configuration: configuration, router: router, logger: Logger(label: "t", sink: .memory()))
        let port = try server.start()
        let entered = DispatchSemaphore(value: 0)
        let returned = DispatchSemaphore(value: 0)
        let running = Task {
            entered.signal()
            try? await server.run()
            returned.signal()
        }

        let raw = try RawConnection(port: port)
        try raw.send("GET /ok HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(raw.read(until: "ok").hasSuffix("ok"))

        // Timed on this thread from the moment the task runs: a full run of the suites keeps the
        // cooperative threads busy for tens of seconds, and resuming a task after run() returned
        // waited for one of them (26 s once), which timed the test machinery, not the server.
        // On a machine busy beside the tests the task waited over 120 s to start: these two waits
        // bound only a hang (they end as soon as signalled), so they allow ten minutes.
        #expect(entered.wait(timeout: .now() + 600) == .success)
        let started = Date()
        running.cancel()
        #expect(raw.readUntilClosed(seconds: 25).closed, "the idle connection is closed by the cancellation")
        server.shutdown() // already draining: waits until the drain has ended
        #expect(Date().timeIntervalSince(started) < 25)
        #expect(returned.wait(timeout: .now() + 600) == .success, "run() returned")
    }

    @Test func endsStreamsOnShutdown() throws {
        let server = try TestServer { router in
            router.get("/events") { _, _ in
                .eventStream { writer in
                    var count = 0
                    while writer.pause(0.05) {
                        count += 1
                        try writer.sendEvent("\(count)")
                    }
                }
            }
        }
        let raw = try server.connect()
        try raw.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(raw.read(until: "data: 2").contains("data: 1"))
        let started = Date()
        server.stop()
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(raw.readUntilClosed(seconds: 2).closed)
    }

    @Test func stopsStreamsWhenTheClientGoesAway() throws {
        let ended = DispatchSemaphore(value: 0)
        let server = try TestServer { router in
            router.get("/events") { _, _ in
                .eventStream { writer in
                    defer { ended.signal() }
                    while writer.pause(0.02) { try writer.write(":keepalive\n\n") }
                }
            }
        }
        defer { server.stop() }
        do {
            let raw = try server.connect()
            try raw.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = raw.read(until: "keepalive")
        }
        #expect(ended.wait(timeout: .now() + 3) == .success)
    }
}
