/// Why bytes from a syslog stream did not yield a message.
public enum SyslogFramingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An octet-counted frame declared more bytes than allowed; its bytes are skipped.
    case frameTooLarge(declaredLength: Int, limit: Int)
    /// A newline-framed message grew past the limit without a newline; the rest of it is skipped.
    case lineTooLong(limit: Int)
    /// The stream ended inside an octet-counted frame.
    case truncatedFrame(declaredLength: Int, received: Int)
    /// The message is not valid UTF-8.
    case invalidUTF8

    public var description: String {
        switch self {
        case .frameTooLarge(let length, let limit): "octet-counted frame of \(length) bytes exceeds the limit of \(limit) bytes"
        case .lineTooLong(let limit): "message longer than \(limit) bytes without a newline"
        case .truncatedFrame(let length, let received): "stream ended after \(received) of \(length) bytes of an octet-counted frame"
        case .invalidUTF8: "message is not valid UTF-8"
        }
    }
}

/// An incremental decoder for syslog over a TCP byte stream (RFC 6587): octet counting
/// (`MSG-LEN SP SYSLOG-MSG`) and non-transparent framing (messages ended by LF, or by NUL as some
/// senders do), detected per message, so one connection may mix them.
///
/// A frame is taken as octet-counted when it starts with a non-zero digit, its digits are followed
/// by one space and then by `<` (every counted syslog message starts with its `<PRI>`); anything
/// else is read as a line. Feed bytes as they arrive; chunk boundaries may fall anywhere.
public struct SyslogFraming: Sendable {
    /// The default largest message, in bytes (RFC 5425 asks receivers to handle at least 2 KiB;
    /// firewall CEF records reach several KiB).
    public static let defaultMaximumMessageBytes = 64 * 1024

    public let maximumMessageBytes: Int

    private enum Mode: Sendable {
        case frameStart
        case length(Int)                  // reading MSG-LEN digits (kept in `buffer` in case it is a line)
        case afterLength(Int)             // MSG-LEN and its space read; the next byte decides
        case octets(remaining: Int, declared: Int)
        case skipOctets(remaining: Int)
        case line
        case skipLine
    }

    private var mode = Mode.frameStart
    private var buffer: [UInt8] = []

    public init(maximumMessageBytes: Int = SyslogFraming.defaultMaximumMessageBytes) {
        precondition(maximumMessageBytes > 0, "maximumMessageBytes must be positive")
        self.maximumMessageBytes = maximumMessageBytes
    }

    /// Consumes the next chunk of the stream and returns the messages (or errors) it completed.
    public mutating func feed(_ bytes: [UInt8]) -> [Result<String, SyslogFramingError>] {
        var output: [Result<String, SyslogFramingError>] = []
        var index = 0
        while index < bytes.count {
            switch mode {
            case .octets(let remaining, let declared):
                // Copy as much of the frame as this chunk holds in one go.
                let take = min(remaining, bytes.count - index)
                buffer.append(contentsOf: bytes[index..<(index + take)])
                index += take
                if take == remaining {
                    output.append(Self.decode(Self.trimmed(buffer)))
                    reset()
                } else {
                    mode = .octets(remaining: remaining - take, declared: declared)
                }
            case .skipOctets(let remaining):
                let take = min(remaining, bytes.count - index)
                index += take
                mode = take == remaining ? .frameStart : .skipOctets(remaining: remaining - take)
            default:
                consume(bytes[index], into: &output)
                index += 1
            }
        }
        return output
    }

    /// Ends the stream: a last message without its newline is returned, a cut-off counted frame
    /// is reported.
    public mutating func finish() -> [Result<String, SyslogFramingError>] {
        defer { reset() }
        switch mode {
        case .line, .length, .afterLength:
            return buffer.isEmpty ? [] : [Self.decode(Self.trimmed(buffer))]
        case .octets(let remaining, let declared):
            return [.failure(.truncatedFrame(declaredLength: declared, received: declared - remaining))]
        case .frameStart, .skipLine, .skipOctets:
            return []
        }
    }

    private mutating func consume(_ byte: UInt8, into output: inout [Result<String, SyslogFramingError>]) {
        switch mode {
        case .frameStart:
            // Stray line ends and padding between frames are not messages.
            if byte == 0x0A || byte == 0x0D || byte == 0x00 || byte == 0x20 || byte == 0x09 { return }
            if byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") {
                mode = .length(Int(byte - UInt8(ascii: "0")))
                buffer.append(byte)
            } else {
                mode = .line
                lineByte(byte, into: &output)
            }
        case .length(let value):
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") && buffer.count < 10 {
                mode = .length(value * 10 + Int(byte - UInt8(ascii: "0")))
                buffer.append(byte)
            } else if byte == 0x20 {
                mode = .afterLength(value)
                buffer.append(byte)
            } else {
                mode = .line
                lineByte(byte, into: &output)
            }
        case .afterLength(let length):
            guard byte == UInt8(ascii: "<") else {
                mode = .line
                lineByte(byte, into: &output)
                return
            }
            buffer.removeAll(keepingCapacity: true)
            if length > maximumMessageBytes {
                output.append(.failure(.frameTooLarge(declaredLength: length, limit: maximumMessageBytes)))
                mode = length == 1 ? .frameStart : .skipOctets(remaining: length - 1)
            } else if length == 1 {
                output.append(Self.decode([byte]))
                reset()
            } else {
                buffer.append(byte)
                mode = .octets(remaining: length - 1, declared: length)
            }
        case .line:
            lineByte(byte, into: &output)
        case .skipLine:
            if byte == 0x0A || byte == 0x00 { mode = .frameStart }
        case .octets, .skipOctets:
            preconditionFailure("octet modes are handled in bulk by feed")
        }
    }

    private mutating func lineByte(_ byte: UInt8, into output: inout [Result<String, SyslogFramingError>]) {
        if byte == 0x0A || byte == 0x00 {
            let line = Self.trimmed(buffer)
            if !line.isEmpty { output.append(Self.decode(line)) }
            reset()
            return
        }
        guard buffer.count < maximumMessageBytes else {
            output.append(.failure(.lineTooLong(limit: maximumMessageBytes)))
            buffer.removeAll(keepingCapacity: false)
            mode = .skipLine
            return
        }
        buffer.append(byte)
    }

    private mutating func reset() {
        mode = .frameStart
        buffer.removeAll(keepingCapacity: buffer.count <= 4096)
    }

    /// A message without trailing CR/LF (CRLF senders, and counted frames that include the newline).
    private static func trimmed(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0D || bytes[end - 1] == 0x0A { end -= 1 }
        return bytes[0..<end]
    }

    private static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Result<String, SyslogFramingError> {
        guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(.invalidUTF8) }
        return .success(text)
    }
}
