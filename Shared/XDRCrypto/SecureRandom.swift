#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cryptographically secure random bytes from the kernel (`/dev/urandom`), used to mint API keys.
public enum SecureRandom {
    /// Why random bytes could not be read.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// The `errno` reported by the failing call.
        public let errorNumber: Int32
        /// Which step failed (`open /dev/urandom`, `read /dev/urandom`).
        public let operation: String

        public var description: String {
            "\(operation) failed: \(String(cString: strerror(errorNumber)))"
        }
    }

    /// Returns `count` random bytes.
    ///
    /// - Throws: `SecureRandom.Failure` if the device cannot be opened or read; a key must never be
    ///   minted from a weaker source, so there is no fallback.
    public static func bytes(_ count: Int) throws -> [UInt8] {
        precondition(count >= 0, "SecureRandom.bytes: count must not be negative")
        let descriptor = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(errorNumber: errno, operation: "open /dev/urandom") }
        defer { close(descriptor) }

        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBytes { buffer in
            var filled = 0
            while filled < count {
                let result = read(descriptor, buffer.baseAddress! + filled, count - filled)
                if result > 0 {
                    filled += result
                } else if result < 0 && errno == EINTR {
                    continue
                } else {
                    throw Failure(errorNumber: result == 0 ? EIO : errno, operation: "read /dev/urandom")
                }
            }
        }
        return bytes
    }
}
