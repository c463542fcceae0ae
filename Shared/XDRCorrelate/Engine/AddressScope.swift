/// Addresses that name no particular machine — loopback, unspecified, link-local, multicast,
/// broadcast — and so must neither link events nor be leased to a host (every Windows host logs
/// connections to 127.0.0.1 and fe80::).
enum AddressScope {
    static func namesAMachine(_ ip: String) -> Bool {
        if ip.utf8.contains(UInt8(ascii: ":")) {
            let lower = ip.lowercased()
            return !(lower == "::" || lower == "::1" || lower.hasPrefix("fe80:") || lower.hasPrefix("ff"))
        }
        // Dotted quad, read byte by byte without an array: this runs for every address of every
        // event. Only the first two octets decide; the rest must be there and valid.
        var first = -1
        var second = -1
        var dots = 0
        var value = -1
        for byte in ip.utf8 {
            if byte == UInt8(ascii: ".") {
                guard value >= 0, dots < 3 else { return false }
                if dots == 0 { first = value } else if dots == 1 { second = value }
                dots += 1
                value = -1
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                value = max(value, 0) * 10 + Int(byte - UInt8(ascii: "0"))
                guard value <= 255 else { return false }
            } else {
                return false
            }
        }
        guard value >= 0, dots == 3 else { return false }
        switch first {
        case 0, 127: return false
        case 169 where second == 254: return false
        case 224...255: return false
        default: return true
        }
    }
}
