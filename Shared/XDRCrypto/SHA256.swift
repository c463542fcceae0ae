/// SHA-256 (FIPS 180-4), one-shot or incremental.
///
/// Every ingested record is hashed for de-duplication, so the hasher avoids heap work: the
/// pending partial block lives inline in the value, full blocks are compressed straight from the
/// caller's buffer, and the message schedule is a temporary stack allocation per `update` call.
///
/// ```swift
/// let digest = SHA256.hash(Array("abc".utf8))
/// var hasher = SHA256()
/// hasher.update(part1); hasher.update(part2)
/// let same = hasher.finalize()
/// ```
public struct SHA256: Sendable {
    /// Length of a digest in bytes.
    public static let digestByteCount = 32
    /// Length of one compression block in bytes.
    public static let blockByteCount = 64

    var state = SHA256.State.initial
    /// Bytes of a block not yet compressed; only the first `pendingCount` bytes are meaningful.
    private var pending = SHA256.PendingBlock()
    private var pendingCount = 0
    /// Total message length in bytes, needed for the final padding.
    private var messageByteCount: UInt64 = 0

    /// Creates a hasher holding the FIPS 180-4 initial hash value.
    public init() {}

    /// Hashes `bytes` in one call and returns the 32-byte digest.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Feeds more message bytes into the hash.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(bytes: UnsafeRawBufferPointer(buffer))
        }
        if handled == nil {
            // Non-contiguous collections (lazy views, rare) pay for one copy.
            Array(bytes).withUnsafeBytes { update(bytes: $0) }
        }
    }

    /// Feeds the bytes of a raw buffer into the hash.
    public mutating func update(bytes buffer: UnsafeRawBufferPointer) {
        guard var input = buffer.baseAddress, buffer.count > 0 else { return }
        var remaining = buffer.count
        messageByteCount &+= UInt64(remaining)

        if pendingCount > 0 {
            let taken = min(remaining, Self.blockByteCount - pendingCount)
            let filled = pendingCount
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress!.advanced(by: filled).copyMemory(from: input, byteCount: taken)
            }
            pendingCount += taken
            input += taken
            remaining -= taken
            guard pendingCount == Self.blockByteCount else { return }
            compressPendingBlock()
        }

        let wholeBlocks = remaining / Self.blockByteCount
        if wholeBlocks > 0 {
            state.compress(blocks: input, count: wholeBlocks)
            input += wholeBlocks * Self.blockByteCount
            remaining -= wholeBlocks * Self.blockByteCount
        }

        if remaining > 0 {
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress!.copyMemory(from: input, byteCount: remaining)
            }
            pendingCount = remaining
        }
    }

    /// Returns the digest of everything fed so far; the hasher itself is left unchanged.
    public func finalize() -> [UInt8] {
        var copy = self
        return copy.pad()
    }

    /// Appends 0x80, zeros, and the 64-bit big-endian bit length, then emits the state big-endian.
    private mutating func pad() -> [UInt8] {
        let bitLength = messageByteCount &* 8
        var count = pendingCount
        withUnsafeMutableBytes(of: &pending) { block in
            block[count] = 0x80
            count += 1
            // No room for the length: finish this block with zeros and start a fresh one.
            if count > Self.blockByteCount - 8 {
                for index in count..<Self.blockByteCount { block[index] = 0 }
                state.compress(blocks: UnsafeRawPointer(block.baseAddress!), count: 1)
                count = 0
            }
            for index in count..<(Self.blockByteCount - 8) { block[index] = 0 }
            block.storeBytes(of: bitLength.bigEndian, toByteOffset: Self.blockByteCount - 8, as: UInt64.self)
            state.compress(blocks: UnsafeRawPointer(block.baseAddress!), count: 1)
        }
        return state.digest()
    }

    private mutating func compressPendingBlock() {
        withUnsafeBytes(of: &pending) { block in
            state.compress(blocks: block.baseAddress!, count: 1)
        }
        pendingCount = 0
    }
}

extension SHA256 {
    /// 64 bytes of inline storage for a partial block, so a hasher never allocates.
    struct PendingBlock: Sendable {
        var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    }
}
