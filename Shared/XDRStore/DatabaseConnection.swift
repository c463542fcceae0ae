import CLibpq
import Foundation

/// One PostgreSQL connection, owning its `PGconn`. Not thread-safe: a connection is used by one
/// thread at a time (the pool hands it out inside a closure). Every `PGresult` is copied into
/// `Row` values (or read in place by a `withResult` body) and cleared before a call returns.
public final class DatabaseConnection {
    private var handle: OpaquePointer?
    public let url: DatabaseURL

    /// Connects and sets the session to UTC and ISO dates so timestamps decode uniformly.
    public init(url: DatabaseURL) throws(DatabaseError) {
        self.url = url
        try connect()
    }

    public convenience init(_ text: String) throws(DatabaseError) {
        try self.init(url: DatabaseURL(text))
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    private func connect() throws(DatabaseError) {
        if let handle { PQfinish(handle) }
        let keywords = url.parameters.map { strdup($0.0) } + [nil]
        let values = url.parameters.map { strdup($0.1) } + [nil]
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let connection = keywords.map { UnsafePointer($0) }.withUnsafeBufferPointer { keywordBuffer in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { valueBuffer in
                PQconnectdbParams(keywordBuffer.baseAddress, valueBuffer.baseAddress, 0)
            }
        }
        handle = connection
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let message = connection.map { Self.clean(String(cString: PQerrorMessage($0))) } ?? "out of memory"
            throw DatabaseError(.connection, message: "could not connect to \(url): \(message)")
        }
        try execute("SET TimeZone = 'UTC'")
        try execute("SET DateStyle = 'ISO'")
        try execute("SET client_encoding = 'UTF8'")
        try execute("SET client_min_messages = 'warning'")
    }

    /// Whether the connection is usable and not inside a transaction.
    public var isReady: Bool {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return false }
        return PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    public var isBroken: Bool {
        guard let handle else { return true }
        return PQstatus(handle) != CONNECTION_OK
    }

    /// The server's process id, useful to terminate a connection in tests.
    public var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    // MARK: Statements

    /// Runs one parameterised statement and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws(DatabaseError) -> [Row] {
        try run(sql, parameters).rows
    }

    /// Runs one parameterised statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) throws(DatabaseError) -> Int {
        try run(sql, parameters).affected
    }

    /// Runs a script of several statements without parameters (migrations).
    public func executeScript(_ sql: String) throws(DatabaseError) {
        let handle = try liveHandle()
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
    }

    /// Runs one parameterised query and hands its result to `body` in place (`ResultView`),
    /// without copying it into `Row`s; the view must not outlive the body.
    public func withResult<T>(_ sql: String, _ parameters: [any PostgresEncodable] = [],
                              _ body: (ResultView) throws(DatabaseError) -> T) throws(DatabaseError) -> T {
        let result = try send(sql, parameters)
        defer { PQclear(result) }
        return try body(ResultView(result))
    }

    private func run(_ sql: String, _ parameters: [any PostgresEncodable]) throws(DatabaseError) -> (rows: [Row], affected: Int) {
        let result = try send(sql, parameters)
        defer { PQclear(result) }
        return (Self.rows(of: result), Int(String(cString: PQcmdTuples(result))) ?? 0)
    }

    /// Sends one parameterised statement; the caller clears the (successful) result.
    private func send(_ sql: String, _ parameters: [any PostgresEncodable]) throws(DatabaseError) -> OpaquePointer {
        let handle = try liveHandle()
        let texts = parameters.map { $0.postgresText.map { strdup($0) } ?? nil }
        defer { texts.forEach { free($0) } }
        let result: OpaquePointer? = texts.map { UnsafePointer($0) }.withUnsafeBufferPointer { buffer in
            PQexecParams(handle, sql, Int32(parameters.count), nil, buffer.baseAddress, nil, nil, 0)
        }
        do {
            try check(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
        } catch {
            PQclear(result)
            throw error
        }
        return result!
    }

    private static func rows(of result: OpaquePointer) -> [Row] {
        let view = ResultView(result)
        guard view.rowCount > 0 else { return [] }
        let columns = RowColumns(names: (0..<view.columnCount).map(view.name(at:)),
                                 types: (0..<view.columnCount).map { PQftype(result, Int32($0)) })
        return (0..<view.rowCount).map { row in
            Row(columns: columns, values: (0..<view.columnCount).map { view.text(row, $0) })
        }
    }

    // MARK: Transactions

    @discardableResult
    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    public func transaction<T>(_ body: (DatabaseConnection) throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body(self)
            try execute("COMMIT")
            return value
        } catch {
            if !isBroken { _ = try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Runs `body` in a transaction whose row-level-security scope is `tenants`
    /// (`SET LOCAL xdr.tenant_ids`): rows of other tenants are invisible to every statement in it,
    /// and the scope ends with the transaction.
    @discardableResult
    public func withTenantScope<T>(_ tenants: [UUID], _ body: (DatabaseConnection) throws -> T) throws -> T {
        try transaction { connection in
            try connection.execute("SELECT set_config('xdr.tenant_ids', $1, true)", [tenants])
            return try body(connection)
        }
    }

    // MARK: COPY

    /// Streams rows into `COPY … FROM STDIN` (text format); `write` is called with a closure that
    /// sends one chunk of already-encoded COPY text. Returns the number of rows copied.
    @discardableResult
    public func copyIn(_ sql: String, _ write: ((([UInt8]) throws(DatabaseError) -> Void)) throws -> Void) throws -> Int {
        let handle = try liveHandle()
        let start = PQexec(handle, sql)
        let status = PQresultStatus(start)
        if status != PGRES_COPY_IN {
            defer { PQclear(start) }
            try check(start, expecting: [PGRES_COPY_IN])
        }
        PQclear(start)
        var failure: Error?
        do {
            try write { (chunk: [UInt8]) throws(DatabaseError) in
                let sent = chunk.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                        PQputCopyData(handle, $0, Int32(buffer.count))
                    }
                }
                if sent != 1 { throw DatabaseError(.connection, message: "COPY data could not be sent: \(Self.clean(String(cString: PQerrorMessage(handle))))") }
            }
        } catch {
            failure = error
        }
        let ended = failure == nil ? PQputCopyEnd(handle, nil) : PQputCopyEnd(handle, "aborted by client")
        if ended != 1 && failure == nil {
            failure = DatabaseError(.connection, message: "COPY could not be ended: \(Self.clean(String(cString: PQerrorMessage(handle))))")
        }
        var affected = 0
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            if failure == nil {
                do { try check(result, expecting: [PGRES_COMMAND_OK]) } catch { failure = error }
                affected = Int(String(cString: PQcmdTuples(result))) ?? 0
            }
        }
        if let failure { throw failure }
        return affected
    }

    // MARK: LISTEN / NOTIFY

    /// Subscribes this connection to a channel. Channel names are identifiers, validated here
    /// because LISTEN cannot take a bind parameter.
    public func listen(_ channel: String) throws(DatabaseError) {
        guard Self.isIdentifier(channel) else {
            throw DatabaseError(.query, message: "invalid channel name \"\(channel.prefix(64))\"")
        }
        try execute("LISTEN \(channel)")
    }

    public func notify(_ channel: String, payload: String = "") throws(DatabaseError) {
        try execute("SELECT pg_notify($1, $2)", [channel, payload])
    }

    public struct Notification: Sendable, Equatable {
        public var channel: String
        public var payload: String

        public init(channel: String, payload: String) {
            self.channel = channel
            self.payload = payload
        }
    }

    /// Waits up to `timeout` seconds for notifications on the channels this connection listens to.
    public func waitForNotifications(timeout: Double) throws(DatabaseError) -> [Notification] {
        let handle = try liveHandle()
        var notifications = drainNotifications(handle)
        if !notifications.isEmpty { return notifications }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(0, timeout) * 1000))
        if ready > 0 {
            if PQconsumeInput(handle) != 1 {
                throw DatabaseError(.connection, message: "connection lost while waiting for notifications")
            }
            notifications = drainNotifications(handle)
        }
        return notifications
    }

    private func drainNotifications(_ handle: OpaquePointer) -> [Notification] {
        _ = PQconsumeInput(handle)
        var out: [Notification] = []
        while let notice = PQnotifies(handle) {
            out.append(Notification(channel: String(cString: notice.pointee.relname), payload: String(cString: notice.pointee.extra)))
            PQfreemem(notice)
        }
        return out
    }

    // MARK: Errors

    private func liveHandle() throws(DatabaseError) -> OpaquePointer {
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            throw DatabaseError(.connection, message: "connection is closed")
        }
        return handle
    }

    private func check(_ result: OpaquePointer?, expecting: [ExecStatusType]) throws(DatabaseError) {
        guard let result else {
            throw DatabaseError(.connection, message: handle.map { Self.clean(String(cString: PQerrorMessage($0))) } ?? "no connection")
        }
        let status = PQresultStatus(result)
        if expecting.contains(status) { return }
        let sqlState = Self.field(result, "C")
        let primary = Self.field(result, "M") ?? handle.map { Self.clean(String(cString: PQerrorMessage($0))) } ?? "unknown error"
        let detail = Self.field(result, "D")
        let broken = handle.map { PQstatus($0) != CONNECTION_OK } ?? true
        throw DatabaseError(broken && sqlState == nil ? .connection : .query, sqlState: sqlState, message: primary, detail: detail)
    }

    private static func field(_ result: OpaquePointer, _ code: Character) -> String? {
        guard let pointer = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
        return String(cString: pointer)
    }

    private static func clean(_ message: String) -> String {
        message.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " ")
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= 63 else { return false }
        guard first == "_" || ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }
}
