import Foundation

/// Identifiers derived from content, identical on every run and every replica, so that replaying
/// the same events never creates a second incident or a second derived detection.
enum StableIdentifier {
    /// 64-bit FNV-1a of the UTF-8 bytes, seeded differently for the two halves of a UUID.
    static func fnv1a(_ text: String, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// A version-8 (custom) UUID built from two independent FNV-1a hashes of `text`.
    static func uuid(_ text: String) -> UUID {
        let high = fnv1a(text)
        let low = fnv1a(text, seed: 0x84222325cbf29ce4 ^ 0x9E37_79B9_7F4A_7C15)
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(index)))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(index)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// The incident seeded by `seedKey` (an event id or a derived detection id) in a tenant.
    static func incident(tenant: UUID, seedKey: String) -> UUID {
        uuid("incident|\(tenant.uuidString.lowercased())|\(seedKey)")
    }

    /// A derived detection: rule, group key and window anchor (or the triggering event).
    static func derivedDetection(tenant: UUID, rule: String, group: String, anchor: String) -> String {
        let id = uuid("derived|\(tenant.uuidString.lowercased())|\(rule)|\(group)|\(anchor)")
        return "d-\(id.uuidString.lowercased())"
    }
}
