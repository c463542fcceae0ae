import Glibc

/// Bounds on a message head.
struct HeadLimits: Sendable {
    /// The longest request or status line (without CRLF) → 414 for requests.
    var maximumStartLineBytes: Int
    /// The total size of the header section after the start line → 431.
    var maximumHeaderBytes: Int
}

/// The start line and header fields of a message, syntax-checked but not yet interpreted.
struct MessageHead {
    var startLine: String
    var headers: HTTPHeaders
}

/// Reads HTTP/1.x message heads, lines and bodies from a byte source through a reusable buffer.
///
/// Scanning uses `memchr` over the buffered bytes and resumes where the previous scan stopped, so
/// a head arriving in many small reads is scanned once.
struct MessageReader<Source: ByteSource> {
    var source: Source
    let buffer: ReadBuffer
    /// The buffer never grows beyond this; it fits the largest head the limits allow.
    let maximumBufferBytes: Int
    let limits: HeadLimits

    init(source: Source, limits: HeadLimits, initialCapacity: Int = 8192) {
        self.source = source
        self.limits = limits
        self.maximumBufferBytes = limits.maximumStartLineBytes + limits.maximumHeaderBytes + 1024
        self.buffer = ReadBuffer(capacity: min(initialCapacity, maximumBufferBytes))
    }

    /// Reads more bytes into the buffer. Returns 0 when the peer closed its side.
    mutating func fill(deadline: Deadline) throws -> Int {
        let space = buffer.freeSpace(maximum: maximumBufferBytes)
        guard space.count > 0 else { throw HTTPError(431, detail: "the request head exceeds the buffer") }
        let count = try source.receive(into: space, deadline: deadline)
        buffer.end += count
        return count
    }

    /// Waits until at least one byte is buffered; `false` when the peer closed without sending any.
    mutating func waitForData(deadline: Deadline) throws -> Bool {
        if !buffer.isEmpty { return true }
        return try fill(deadline: deadline) > 0
    }

    /// Reads a complete head (up to and including the empty line), skipping a few leading empty lines.
    /// - Throws: `SocketError.closed` when the peer closed before sending anything, `HTTPError`
    ///   414/431/400 for oversized or malformed heads, `SocketError.timedOut` past `deadline`.
    mutating func readHead(deadline: Deadline) throws -> MessageHead {
        var scan = 0, lineStart = 0, emptyLinesSkipped = 0
        var startLine: Range<Int>?
        var headerLines: [Range<Int>] = []
        while true {
            let view = buffer.readableBytes
            while scan < view.count, let base = view.baseAddress {
                guard let found = memchr(base + scan, 0x0A, view.count - scan) else { scan = view.count; break }
                let newline = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                var lineEnd = newline
                if lineEnd > lineStart && view[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                scan = newline + 1
                if let startRange = startLine {
                    if lineEnd == lineStart {
                        let head = try Self.parseHead(view, startLine: startRange, headerLines: headerLines)
                        buffer.consume(scan)
                        return head
                    }
                    headerLines.append(lineStart..<lineEnd)
                    if scan - startRange.upperBound > limits.maximumHeaderBytes { throw Self.headersTooLarge(limits) }
                } else if lineEnd == lineStart {
                    // RFC 9112 §2.2: tolerate empty lines before the request line (left over after a body).
                    emptyLinesSkipped += 1
                    if emptyLinesSkipped > 16 { throw HTTPError.badRequest("too many empty lines before the request line") }
                } else {
                    if lineEnd - lineStart > limits.maximumStartLineBytes { throw Self.startLineTooLong(limits) }
                    startLine = lineStart..<lineEnd
                }
                lineStart = scan
            }
            if let startRange = startLine {
                if view.count - startRange.upperBound > limits.maximumHeaderBytes + 2 { throw Self.headersTooLarge(limits) }
            } else if view.count - lineStart > limits.maximumStartLineBytes {
                throw Self.startLineTooLong(limits)
            }
            if try fill(deadline: deadline) == 0 {
                if startLine == nil && buffer.readable == lineStart {
                    throw SocketError.closed
                }
                throw HTTPError.badRequest("the connection closed before the request head was complete")
            }
        }
    }

    /// Reads one line of at most `maximum` bytes (without its line ending), consuming it.
    mutating func readLine<T>(maximum: Int, deadline: Deadline, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T {
        var scan = 0
        while true {
            let view = buffer.readableBytes
            if scan < view.count, let base = view.baseAddress, let found = memchr(base + scan, 0x0A, view.count - scan) {
                let newline = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                let lineEnd = newline > 0 && view[newline - 1] == 0x0D ? newline - 1 : newline
                guard lineEnd <= maximum else { throw HTTPError.badRequest("a line in the chunked body is longer than \(maximum) bytes") }
                let result = try body(UnsafeBufferPointer(rebasing: view[0..<lineEnd]))
                buffer.consume(newline + 1)
                return result
            }
            scan = view.count
            guard view.count <= maximum + 1 else { throw HTTPError.badRequest("a line in the chunked body is longer than \(maximum) bytes") }
            if try fill(deadline: deadline) == 0 { throw HTTPError.badRequest("the connection closed in the middle of the body") }
        }
    }

    /// Appends exactly `count` bytes to `body`, from the buffer first and then from the source.
    mutating func read(count: Int, appendingTo body: inout [UInt8], deadline: Deadline) throws {
        var remaining = count
        while remaining > 0 {
            if buffer.isEmpty, try fill(deadline: deadline) == 0 {
                throw HTTPError.badRequest("the connection closed after \(count - remaining) of \(count) body bytes")
            }
            let take = min(remaining, buffer.readable)
            body.append(contentsOf: UnsafeBufferPointer(rebasing: buffer.readableBytes[0..<take]))
            buffer.consume(take)
            remaining -= take
        }
    }

    /// Reads exactly `count` bytes into a new array, receiving straight into it once the buffer is
    /// drained (one copy, few system calls). Use only for counts already checked against a limit.
    mutating func read(exactly count: Int, deadline: Deadline) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: count) { storage, initialized in
            let fromBuffer = min(count, buffer.readable)
            if fromBuffer > 0, let target = storage.baseAddress {
                target.initialize(from: buffer.base + buffer.start, count: fromBuffer)
                buffer.consume(fromBuffer)
            }
            initialized = fromBuffer
            while initialized < count {
                let space = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(storage)[initialized..<count])
                let received = try source.receive(into: space, deadline: deadline)
                if received == 0 {
                    throw HTTPError.badRequest("the connection closed after \(initialized) of \(count) body bytes")
                }
                initialized += received
            }
        }
    }

    static func startLineTooLong(_ limits: HeadLimits) -> HTTPError {
        HTTPError(414, detail: "the request line is longer than \(limits.maximumStartLineBytes) bytes")
    }

    static func headersTooLarge(_ limits: HeadLimits) -> HTTPError {
        HTTPError(431, detail: "the header section is larger than \(limits.maximumHeaderBytes) bytes")
    }
}
