import Foundation
import XDRCore
import XDRModel

/// Syslog over TCP for one tenant (syslog carries no credentials, so the listener is bound to a
/// tenant by configuration): RFC 6587 octet-counted or newline-framed messages, each an RFC 5424
/// or RFC 3164 line carrying CEF, normalised by the `cef` format and written in batches.
///
/// One thread per connection, at most `maximumConnections`. A connection's messages are written
/// when `batchSize` have arrived or `batchInterval` has passed. When the database is down the
/// connection stops reading until its batch is written: the sender sees TCP back-pressure and
/// memory stays bounded at one batch per connection.
public final class SyslogListener: Service, @unchecked Sendable {
    public struct Configuration: Sendable {
        public var listen: ListenAddress
        public var tenant: UUID
        public var maximumConnections = 64
        public var batchSize = 1_000
        public var batchInterval = 0.2
        public var maximumMessageBytes = SyslogFraming.defaultMaximumMessageBytes

        public init(listen: ListenAddress, tenant: UUID) {
            self.listen = listen
            self.tenant = tenant
        }
    }

    public let name = "syslog"
    public let configuration: Configuration
    private let writer: EventWriter
    private let logger: Logger
    private let metrics: MetricsRegistry?
    private let format = CEF()
    private let lock = NSLock()
    private var listener: SyslogSocket?
    private var stopping = false
    private var connections = 0
    private let finished = NSCondition()

    public init(configuration: Configuration, writer: EventWriter, logger: Logger, metrics: MetricsRegistry? = nil) {
        self.configuration = configuration
        self.writer = writer
        self.logger = logger.with(["listener": "syslog"])
        self.metrics = metrics
        metrics?.describe("xdr_syslog_messages_total", type: "counter", help: "Syslog messages received, by outcome (stored, duplicate, rejected).")
        metrics?.describe("xdr_syslog_connections", type: "gauge", help: "Open syslog connections.")
    }

    /// Reads `XDR_SYSLOG_LISTEN` (unset or empty: no listener) and `XDR_SYSLOG_TENANT` (required
    /// when listening), recording problems in `environment.errors`.
    public static func configuration(from environment: inout EnvironmentReader) -> Configuration? {
        guard let text = environment.string("XDR_SYSLOG_LISTEN"), !text.isEmpty else { return nil }
        guard let listen = ListenAddress(parsing: text) else {
            environment.fail("XDR_SYSLOG_LISTEN: expected host:port, got \"\(text)\"")
            return nil
        }
        guard let tenantText = environment.string("XDR_SYSLOG_TENANT"), !tenantText.isEmpty else {
            environment.fail("XDR_SYSLOG_TENANT: required when XDR_SYSLOG_LISTEN is set (the id of the tenant whose devices send to this listener)")
            return nil
        }
        guard let tenant = UUID(uuidString: tenantText) else {
            environment.fail("XDR_SYSLOG_TENANT: not a tenant id (uuid): \"\(tenantText)\"")
            return nil
        }
        return Configuration(listen: listen, tenant: tenant)
    }

    /// Binds and starts accepting; returns the bound port (useful with port 0).
    @discardableResult
    public func start() throws -> Int {
        let socket = try SyslogSocket.listen(host: configuration.listen.host, port: configuration.listen.port)
        lock.withLock { listener = socket }
        let thread = Thread { [self] in acceptLoop(socket) }
        thread.name = "syslog-accept"
        thread.start()
        logger.info("syslog listener started", ["listen": configuration.listen.description, "tenant": configuration.tenant.uuidString.lowercased()])
        return socket.port
    }

    /// Stops accepting, lets every connection write what it holds, and returns when they are done.
    public func shutdown() {
        lock.withLock { stopping = true }
        finished.lock()
        while connections > 0 { _ = finished.wait(until: Date().addingTimeInterval(0.1)) }
        finished.unlock()
    }

    public func run() async throws {
        try start()
        while !Task.isCancelled { try? await Task.sleep(nanoseconds: 100_000_000) }
        shutdown()
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    private func acceptLoop(_ socket: SyslogSocket) {
        defer { socket.close() }
        while !isStopping {
            guard let client = socket.accept(timeout: 0.2) else { continue }
            finished.lock()
            guard connections < configuration.maximumConnections else {
                finished.unlock()
                logger.warning("syslog connection refused: too many connections", ["limit": String(configuration.maximumConnections)])
                client.close()
                continue
            }
            connections += 1
            metrics?.set("xdr_syslog_connections", Double(connections))
            finished.unlock()
            let thread = Thread { [self] in
                serve(client)
                finished.lock()
                connections -= 1
                metrics?.set("xdr_syslog_connections", Double(connections))
                finished.broadcast()
                finished.unlock()
            }
            thread.name = "syslog-connection"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Reads one connection until it closes (or shutdown), writing a batch whenever one is due.
    private func serve(_ client: SyslogSocket) {
        defer { client.close() }
        var framing = SyslogFraming(maximumMessageBytes: configuration.maximumMessageBytes)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var batch = SyslogBatch()
        var open = true
        while open {
            let count = client.receive(into: &buffer, timeout: batch.isEmpty ? 0.5 : max(0.01, batch.secondsUntilDue(configuration.batchInterval)))
            if let count {
                if count == 0 {
                    // A last message without its newline still counts.
                    for result in framing.finish() { batch.add(result) }
                    open = false
                } else {
                    for result in framing.feed(Array(buffer[0..<count])) { batch.add(result) }
                }
            }
            if isStopping { open = false }
            if !batch.isEmpty && (!open || batch.count >= configuration.batchSize || batch.secondsUntilDue(configuration.batchInterval) <= 0) {
                // Not reading while this blocks is the back-pressure: the sender's TCP window fills.
                guard flush(&batch) else { return }
            }
        }
    }

    /// Writes the batch, retrying while the database is unavailable; false only when shutting
    /// down with the batch unwritten (the sender never got it acknowledged, TCP has no acks).
    private func flush(_ batch: inout SyslogBatch) -> Bool {
        let receivedAt = Int64(Date().timeIntervalSince1970 * 1_000_000)
        let records = batch.messages.enumerated().map { RawRecord(number: $0.offset + 1, text: $0.element) }
        var events: [NormalizedEvent] = []
        var rejected = batch.framingErrors
        for outcome in format.normalize(records, context: FormatContext(receivedAt: receivedAt, hint: nil)) {
            switch outcome {
            case .accepted(_, let event): events.append(event)
            case .rejected(let number, let error):
                rejected += 1
                if rejected <= 3 { logger.notice("syslog message rejected", ["message": String(number), "error": error.description]) }
            }
        }
        if let framingError = batch.firstFramingError {
            logger.notice("syslog stream had unreadable frames", ["count": String(batch.framingErrors), "error": framingError.description])
        }
        var delay = 0.2
        while true {
            do {
                let result = try writer.write(events, tenant: configuration.tenant)
                metrics?.increment("xdr_syslog_messages_total", by: Double(result.inserted), labels: ["outcome": "stored"])
                metrics?.increment("xdr_syslog_messages_total", by: Double(result.duplicates), labels: ["outcome": "duplicate"])
                metrics?.increment("xdr_syslog_messages_total", by: Double(rejected), labels: ["outcome": "rejected"])
                batch = SyslogBatch()
                return true
            } catch {
                logger.warning("syslog batch not stored; holding the connection until the database is back",
                               ["error": "\(error)", "retry_s": String(delay)])
                if isStopping { return false }
                Thread.sleep(forTimeInterval: delay)
                delay = min(5, delay * 2)
            }
        }
    }
}

/// Messages of one connection waiting to be written, and when the first of them arrived.
struct SyslogBatch {
    var messages: [String] = []
    var framingErrors = 0
    var firstFramingError: SyslogFramingError?
    private var startedAt: Date?

    var isEmpty: Bool { messages.isEmpty && framingErrors == 0 }
    var count: Int { messages.count }

    mutating func add(_ result: Result<String, SyslogFramingError>) {
        if startedAt == nil { startedAt = Date() }
        switch result {
        case .success(let message): messages.append(message)
        case .failure(let error):
            framingErrors += 1
            if firstFramingError == nil { firstFramingError = error }
        }
    }

    func secondsUntilDue(_ interval: Double) -> Double {
        guard let startedAt else { return interval }
        return interval - Date().timeIntervalSince(startedAt)
    }
}
