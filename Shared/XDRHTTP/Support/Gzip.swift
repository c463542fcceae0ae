import CZlib

/// gzip and zlib (de)compression through the system zlib.
public enum Gzip {
    /// Why decompression failed.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The decompressed data would exceed `limit` bytes.
        case tooLarge(limit: Int)
        /// The input is not valid gzip, zlib or raw deflate data.
        case corrupt(String)

        public var description: String {
            switch self {
            case .tooLarge(let limit): "decompressed data exceeds \(limit) bytes"
            case .corrupt(let reason): "invalid compressed data: \(reason)"
            }
        }
    }

    /// Decompresses gzip (including concatenated members) or zlib data, or raw deflate when the
    /// input has neither header, stopping as soon as the output would exceed `limit`.
    /// - Throws: `Gzip.Failure`.
    public static func decompress(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        do {
            // 15 + 32: the largest window, with automatic gzip/zlib header detection.
            return try inflate(input, windowBits: 15 + 32, limit: limit)
        } catch Failure.corrupt(let reason) {
            // Some clients label raw deflate as "deflate"; try it before giving up.
            if let raw = try? inflate(input, windowBits: -15, limit: limit) { return raw }
            throw Failure.corrupt(reason)
        }
    }

    /// Compresses `input` into a gzip member.
    public static func compress(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: the largest window, with a gzip header and trailer.
        let status = deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "deflateInit2 failed with \(status)")
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        var input = input
        let written: Int = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                let result = deflate(&stream, Z_FINISH)
                precondition(result == Z_STREAM_END, "deflate did not finish within deflateBound (\(result))")
                return target.count - Int(stream.avail_out)
            }
        }
        output.removeSubrange(written...)
        return output
    }

    private static func inflate(_ input: [UInt8], windowBits: Int32, limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure.corrupt("zlib could not be initialised")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(input.count * 4, 4096)))
        var scratch = [UInt8](repeating: 0, count: 64 * 1024)
        var input = input
        try input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while true {
                let (result, produced) = scratch.withUnsafeMutableBufferPointer { target -> (Int32, Int) in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    let result = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (result, target.count - Int(stream.avail_out))
                }
                guard produced <= limit - output.count else { throw Failure.tooLarge(limit: limit) }
                output.append(contentsOf: scratch[0..<produced])
                switch result {
                case Z_STREAM_END:
                    // gzip allows several members back to back; continue with the next one.
                    guard stream.avail_in > 0, windowBits > 0 else { return }
                    guard inflateReset(&stream) == Z_OK else { throw Failure.corrupt("could not continue after a gzip member") }
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    throw Failure.corrupt("the data is truncated")
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "error \(result)"
                    throw Failure.corrupt(message)
                }
            }
        }
        return output
    }
}
