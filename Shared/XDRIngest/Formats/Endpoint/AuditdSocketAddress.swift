/// The `saddr` of a SOCKADDR record: a `struct sockaddr` in hex. Only IPv4 and IPv6 carry an
/// address worth joining on.
struct AuditdSocketAddress {
    var ip: String
    var port: Int

    /// `02000050C0A80001…` → 192.168.0.1 port 80; `0A00…` (AF_INET6) likewise. The family is
    /// host byte order (little-endian on the architectures audited here), the port network order.
    init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count >= 16, utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index + 1 < utf8.count {
            guard let value = UInt8(String(decoding: utf8[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(value)
            index += 2
        }
        let family = Int(bytes[0]) | Int(bytes[1]) << 8
        port = Int(bytes[2]) << 8 | Int(bytes[3])
        switch family {
        case 2:
            ip = "\(bytes[4]).\(bytes[5]).\(bytes[6]).\(bytes[7])"
        case 10 where bytes.count >= 24:
            var groups: [String] = []
            for offset in stride(from: 8, to: 24, by: 2) {
                groups.append(String(Int(bytes[offset]) << 8 | Int(bytes[offset + 1]), radix: 16))
            }
            ip = groups.joined(separator: ":")
        default:
            return nil
        }
    }
}
