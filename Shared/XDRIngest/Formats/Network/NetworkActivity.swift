import XDRJSON
import XDRModel

/// OCSF activity ids and small summaries shared by the network formats, so that Suricata, Zeek and
/// CEF describe the same traffic the same way.
enum NetworkActivity {
    /// OCSF Network Activity (4001) activity ids.
    static let open = 1, close = 2, reset = 3, fail = 4, refuse = 5, traffic = 6, other = 99
    /// OCSF DNS Activity (4003) activity ids.
    static let dnsQuery = 1, dnsResponse = 2, dnsTraffic = 6

    /// OCSF HTTP Activity (4002) activity id for a request method.
    static func http(method: String?) -> Int {
        switch method?.uppercased() {
        case "CONNECT": 1
        case "DELETE": 2
        case "GET": 3
        case "HEAD": 4
        case "OPTIONS": 5
        case "POST": 6
        case "PUT": 7
        case "TRACE": 8
        case nil: 0
        default: 99
        }
    }

    /// `tcp 10.0.0.1:5353 → 10.0.0.2:53`, for telemetry titles.
    static func summary(_ event: NormalizedEvent) -> String {
        func side(_ ip: String?, _ port: Int?) -> String {
            guard let ip else { return "?" }
            let host = ip.contains(":") ? "[\(ip)]" : ip
            return port.map { "\(host):\($0)" } ?? host
        }
        let proto = event.networkProtocol.map { "\($0) " } ?? ""
        return "\(proto)\(side(event.srcIP, event.srcPort)) → \(side(event.dstIP, event.dstPort))"
    }

    /// An HTTP URL from a Host header and a request target (which may already be absolute).
    static func url(host: String?, target: String?, port: Int?) -> String? {
        guard let target, !target.isEmpty else { return host.map { "http://\($0)/" } }
        if target.hasPrefix("http://") || target.hasPrefix("https://") { return target }
        guard let host, !host.isEmpty else { return nil }
        let authority = (port == nil || port == 80 || host.contains(":")) ? host : "\(host):\(port!)"
        return "http://\(authority)\(target.hasPrefix("/") ? "" : "/")\(target)"
    }

    /// A MAC address as lower-case `aa:bb:cc:dd:ee:ff` (from colons, dashes or dots), or nil.
    static func mac(_ raw: String) -> String? {
        var digits: [Character] = []
        for character in raw.lowercased() {
            if character.isHexDigit { digits.append(character) }
            else if character != ":" && character != "-" && character != "." { return nil }
        }
        guard digits.count == 12, digits.contains(where: { $0 != "0" }) else { return nil }
        return stride(from: 0, to: 12, by: 2).map { String(digits[$0..<$0 + 2]) }.joined(separator: ":")
    }

    /// Adds a MAC address entity (layer-2 address of a source or destination).
    static func addMAC(_ raw: String?, role: EntityRole, to event: inout NormalizedEvent) {
        guard let raw, let value = mac(raw) else { return }
        event.add(Entity(.mac, value, role: role, original: raw))
    }
}
