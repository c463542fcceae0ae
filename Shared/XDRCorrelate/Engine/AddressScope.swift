/// Addresses that name no particular machine — loopback, unspecified, link-local, multicast,
/// broadcast — and so must neither link events nor be leased to a host (every Windows host logs
/// connections to 127.0.0.1 and fe80::).
enum AddressScope {
    static func namesAMachine(_ ip: String) -> Bool {
        let lower = ip.lowercased()
        if lower.contains(":") {
            return !(lower == "::" || lower == "::1" || lower.hasPrefix("fe80:") || lower.hasPrefix("ff"))
        }
        let parts = ip.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 4 else { return false }
        switch parts[0] {
        case 0, 127: return false
        case 169 where parts[1] == 254: return false
        case 224...255: return false
        default: return true
        }
    }
}
