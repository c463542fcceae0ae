import Foundation

/// Canonical forms for entity values, so that the same thing written differently by two products
/// yields the same join key.
public enum EntityNormalizer {
    /// A hostname as (short, full): lower-case, trailing dot removed. The short name (first label)
    /// is the join key because products disagree on FQDN versus NetBIOS name; the full name is kept.
    public static func host(_ raw: String) -> (short: String, full: String)? {
        var name = raw.trimmed.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        // `DOMAIN\HOST$` (a machine account) names a host too.
        if let slash = name.lastIndex(of: "\\") { name = String(name[name.index(after: slash)...]) }
        if name.hasSuffix("$") { name.removeLast() }
        guard !name.isEmpty, name != "-", name != "localhost", name != "unknown" else { return nil }
        if ip(name) != nil { return nil }
        let short = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
        return (short, name)
    }

    /// An IPv4 or IPv6 address in canonical text form (RFC 5952 for IPv6, IPv4-mapped unwrapped),
    /// or nil if the text is not an address. A `%zone` suffix is dropped.
    public static func ip(_ raw: String) -> String? {
        var text = raw.trimmed
        if text.hasPrefix("[") && text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let percent = text.firstIndex(of: "%") { text = String(text[..<percent]) }
        guard !text.isEmpty, text.count <= 45 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return format(v4: v4) }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        // ::ffff:a.b.c.d is the IPv4 address a.b.c.d for correlation purposes.
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return "\(bytes[12]).\(bytes[13]).\(bytes[14]).\(bytes[15])"
        }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &v6, &buffer, socklen_t(buffer.count)) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func format(v4: in_addr) -> String {
        let value = UInt32(bigEndian: v4.s_addr)
        return "\(value >> 24).\((value >> 16) & 0xFF).\((value >> 8) & 0xFF).\(value & 0xFF)"
    }

    /// Whether an address is private, loopback or link-local (RFC 1918, RFC 4193, …).
    public static func isInternal(_ ip: String) -> Bool {
        // A dotted quad, the form entities hold, is read by `inet_pton` as in `ip(_:)`: the engine
        // asks this for every address of every event an incident takes in, and splitting the text
        // into an array each time was a cost of its own. Anything else is read number by number.
        var v4 = in_addr()
        let octets: (Int, Int)?
        if inet_pton(AF_INET, ip, &v4) == 1 {
            let value = UInt32(bigEndian: v4.s_addr)
            octets = (Int(value >> 24), Int((value >> 16) & 0xFF))
        } else {
            let parts = ip.split(separator: ".").compactMap { Int($0) }
            octets = parts.count == 4 ? (parts[0], parts[1]) : nil
        }
        if let octets {
            switch octets {
            case (10, _), (127, _), (169, 254), (192, 168): return true
            case (172, 16...31), (100, 64...127): return true
            default: return false
            }
        }
        let lower = ip.lowercased()
        return lower == "::1" || lower.hasPrefix("fc") || lower.hasPrefix("fd") || lower.hasPrefix("fe80")
    }

    /// A user principal in canonical form, lower-case:
    /// `CORP\alice` → `corp\alice`, `alice@Corp.Example` → `alice@corp.example`, a bare name stays bare.
    /// `domain`, when the source gives it separately, is prefixed NetBIOS-style. Well-known machine
    /// and system accounts (`SYSTEM`, `LOCAL SERVICE`, `-`) are not people and yield nil.
    public static func user(_ raw: String, domain: String? = nil) -> String? {
        var name = raw.trimmed
        guard !name.isEmpty, name != "-" else { return nil }
        if name.hasPrefix("arn:") { return personInPrincipal(name).flatMap { user($0) } }
        name = name.lowercased()
        if systemAccounts.contains(name) || name.hasSuffix("$") { return nil }
        if name.contains("@") { return email(name) ?? name }
        if name.contains("\\") {
            let parts = name.split(separator: "\\", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            if systemAccounts.contains(String(parts[1])) || parts[1].hasSuffix("$") { return nil }
            if ["nt authority", "window manager", "font driver host"].contains(String(parts[0])) { return nil }
            return "\(parts[0])\\\(parts[1])"
        }
        if let domain = domain?.trimmed.lowercased(), !domain.isEmpty, domain != "-" {
            if ["nt authority", "window manager", "font driver host"].contains(domain) { return nil }
            if domain.contains(".") { return "\(name)@\(domain)" }
            return "\(domain)\\\(name)"
        }
        return name
    }

    static let systemAccounts: Set<String> = [
        "system", "local system", "local service", "localservice", "network service", "networkservice",
        "anonymous logon", "anonymous", "dwm-1", "dwm-2", "dwm-3", "umfd-0", "umfd-1", "umfd-2", "umfd-3",
    ]

    /// An e-mail address, lower-case, angle brackets and display name removed; nil if not an address.
    public static func email(_ raw: String) -> String? {
        var text = raw.trimmed
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            text = String(text[text.index(after: open)..<close])
        }
        text = text.trimmed.lowercased()
        if text.hasPrefix("mailto:") { text.removeFirst(7) }
        guard let at = text.lastIndex(of: "@"), at != text.startIndex, text.index(after: at) != text.endIndex,
              !text.contains(" ") else { return nil }
        return text
    }

    /// A file hash as lower-case hex with its algorithm (`md5`, `sha1`, `sha256`, `sha512`), from
    /// a bare hex string or a prefixed one (`SHA256=ABC…`).
    public static func hash(_ raw: String, algorithm: String? = nil) -> (algorithm: String, value: String)? {
        var text = raw.trimmed.lowercased()
        var named = algorithm?.lowercased().replacingOccurrences(of: "-", with: "")
        if let equals = text.firstIndex(of: "=") {
            named = String(text[..<equals]).replacingOccurrences(of: "-", with: "")
            text = String(text[text.index(after: equals)...])
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isHexDigit }) else { return nil }
        guard !text.allSatisfy({ $0 == "0" }) else { return nil }
        let byLength: String?
        switch text.count {
        case 32: byLength = "md5"
        case 40: byLength = "sha1"
        case 64: byLength = "sha256"
        case 128: byLength = "sha512"
        default: byLength = nil
        }
        guard let algorithmName = byLength ?? named else { return nil }
        return (algorithmName, text)
    }

    /// A domain name, lower-case, no trailing dot; nil for IP literals and single labels without a dot.
    public static func domain(_ raw: String) -> String? {
        var name = raw.trimmed.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        if let colon = name.lastIndex(of: ":"), !name.contains("]"), name.filter({ $0 == ":" }).count == 1 {
            name = String(name[..<colon])
        }
        guard name.contains("."), !name.contains(" "), !name.contains("/"), ip(name) == nil else { return nil }
        return name
    }

    /// A URL with scheme and host lower-cased and any `user:password@` removed, and its host.
    public static func url(_ raw: String) -> (url: String, host: String?)? {
        let text = raw.trimmed
        guard !text.isEmpty, text != "-" else { return nil }
        guard let schemeEnd = text.range(of: "://") else {
            // A bare host/path (Zeek http.log host + uri): treat as http.
            return url("http://" + text)
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd].lowercased()
        if let at = authority.lastIndex(of: "@") { authority = String(authority[authority.index(after: at)...]) }
        var host = authority
        if host.hasPrefix("[") , let close = host.firstIndex(of: "]") {
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        return ("\(scheme)://\(authority)\(rest[authorityEnd...])", host.isEmpty ? nil : host)
    }

    /// A GUID without braces, lower-case.
    public static func guid(_ raw: String) -> String {
        raw.trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "{}")).lowercased()
    }

    /// The last path component, lower-case (Windows and POSIX separators).
    public static func fileName(_ path: String) -> String {
        let trimmed = path.trimmed
        let name = trimmed.split(whereSeparator: { $0 == "\\" || $0 == "/" }).last.map(String.init) ?? trimmed
        return name.lowercased()
    }

    /// A cloud principal as written, but with an STS assumed-role ARN reduced to its stable role
    /// session form (`arn:aws:sts::123:assumed-role/Role/session`) and lower-cased.
    public static func cloudPrincipal(_ raw: String) -> String {
        raw.trimmed.lowercased()
    }

    /// The person inside a principal: an IAM user name, an assumed-role session name that is an
    /// e-mail address or a user name (SSO sessions), or a GCP/Azure principal e-mail.
    public static func personInPrincipal(_ raw: String) -> String? {
        let text = raw.trimmed
        if text.hasPrefix("arn:") {
            let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6 else { return nil }
            let resource = parts[5]
            let segments = resource.split(separator: "/")
            if resource.hasPrefix("assumed-role/"), segments.count >= 3 {
                let session = String(segments[segments.count - 1])
                // Service sessions (i-0123…, botocore-session-…) are not people.
                if session.hasPrefix("i-") || session.hasPrefix("botocore") || session.hasPrefix("aws-go-sdk") { return nil }
                return session.contains("@") ? email(session) : session.lowercased()
            }
            if resource.hasPrefix("user/"), let last = segments.last { return last.lowercased() }
            return nil
        }
        if text.contains("@"), !text.hasSuffix(".gserviceaccount.com") { return email(text) }
        return nil
    }

    /// ATT&CK technique ids in a text (`T1059.001`, `attack.t1059.001`, `T1566`), upper-case.
    public static func techniques(in text: String) -> [String] {
        var found: [String] = []
        let chars = Array(text.uppercased().utf8)
        var index = 0
        while index < chars.count {
            let startsWord = index == 0 || !isAlphanumeric(chars[index - 1])
            guard chars[index] == UInt8(ascii: "T"), startsWord, index + 5 <= chars.count,
                  chars[(index + 1)..<(index + 5)].allSatisfy(isDigit) else {
                index += 1
                continue
            }
            var end = index + 5
            if end + 4 <= chars.count, chars[end] == UInt8(ascii: "."), chars[(end + 1)..<(end + 4)].allSatisfy(isDigit) {
                end += 4
            }
            if end == chars.count || !isAlphanumeric(chars[end]) {
                let id = String(decoding: chars[index..<end], as: UTF8.self)
                if !found.contains(id) { found.append(id) }
            }
            index = end
        }
        return found
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// ATT&CK tactic names in kill-chain order, in the `snake_case` form used throughout Tsunagi.
    public static let tacticOrder = [
        "reconnaissance", "resource_development", "initial_access", "execution", "persistence",
        "privilege_escalation", "defense_evasion", "credential_access", "discovery", "lateral_movement",
        "collection", "command_and_control", "exfiltration", "impact",
    ]

    static let tacticIDs: [String: String] = [
        "TA0043": "reconnaissance", "TA0042": "resource_development", "TA0001": "initial_access",
        "TA0002": "execution", "TA0003": "persistence", "TA0004": "privilege_escalation",
        "TA0005": "defense_evasion", "TA0006": "credential_access", "TA0007": "discovery",
        "TA0008": "lateral_movement", "TA0009": "collection", "TA0011": "command_and_control",
        "TA0010": "exfiltration", "TA0040": "impact",
    ]

    /// A tactic name or id (`Initial Access`, `initial-access`, `TA0001`, `attack.execution`) in
    /// canonical form, or nil.
    public static func tactic(_ raw: String) -> String? {
        let upper = raw.trimmed.uppercased()
        if let byID = tacticIDs[upper] { return byID }
        var name = raw.trimmed.lowercased()
        if name.hasPrefix("attack.") { name.removeFirst(7) }
        name = name.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        if name == "command_and_control" || name == "commandandcontrol" || name == "c2" { return "command_and_control" }
        if name == "privilegeescalation" { return "privilege_escalation" }
        if name == "defenseevasion" { return "defense_evasion" }
        if name == "credentialaccess" { return "credential_access" }
        if name == "lateralmovement" { return "lateral_movement" }
        if name == "initialaccess" { return "initial_access" }
        return tacticOrder.contains(name) ? name : nil
    }
}
