import Glibc

/// Where a `MessageReader` gets bytes from: a socket in the server and client, an array in tests.
protocol ByteSource {
    /// Reads at most `buffer.count` bytes, waiting no later than `deadline`.
    /// - Returns: the number of bytes read; 0 means the peer closed its side.
    /// - Throws: `SocketError.timedOut` when the deadline passes, `SocketError.failed` on I/O errors.
    mutating func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int
}

/// Transport failures (as opposed to protocol violations, which are `HTTPError`s).
enum SocketError: Error, CustomStringConvertible {
    case timedOut
    case closed
    case failed(operation: String, errno: Int32)

    var description: String {
        switch self {
        case .timedOut: "timed out"
        case .closed: "connection closed"
        case .failed(let operation, let code): "\(operation) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// Bytes from memory, handed out in pieces of at most `pieceSize` to exercise incremental parsing.
struct ArrayByteSource: ByteSource {
    var bytes: [UInt8]
    var position = 0
    let pieceSize: Int

    init(_ bytes: [UInt8], pieceSize: Int = .max) {
        self.bytes = bytes
        self.pieceSize = max(1, pieceSize)
    }

    mutating func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        let count = min(buffer.count, pieceSize, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<position + count]))
        }
        position += count
        return count
    }
}
