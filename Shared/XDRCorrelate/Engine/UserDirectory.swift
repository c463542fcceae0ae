import XDRModel

/// Turns the many spellings of one person into one user key: `CORP\alice` and `alice@corp.example`
/// through the tenant's NetBIOS → DNS domain map, explicit alias groups, and bare names qualified
/// only by the domain of the host they were seen on (never across domains).
struct UserDirectory: Sendable {
    private let dnsDomainByNetBIOS: [String: String]
    private let dnsDomains: Set<String>
    private let canonicalByAlias: [String: String]

    init(configuration: EngineConfiguration) {
        var domains: [String: String] = [:]
        for (netbios, dns) in configuration.userDomains { domains[netbios.lowercased()] = dns.lowercased() }
        dnsDomainByNetBIOS = domains
        dnsDomains = Set(domains.values)
        var aliases: [String: String] = [:]
        for group in configuration.userAliases {
            guard let first = group.first.flatMap({ EntityNormalizer.user($0) }) else { continue }
            let canonical = Self.qualify(first, domains: domains)
            for name in group {
                guard let user = EntityNormalizer.user(name) else { continue }
                aliases[user] = canonical
                aliases[Self.qualify(user, domains: domains)] = canonical
            }
        }
        canonicalByAlias = aliases
    }

    private static func qualify(_ user: String, domains: [String: String]) -> String {
        guard let slash = user.firstIndex(of: "\\") else { return user }
        let netbios = String(user[..<slash])
        guard let dns = domains[netbios] else { return user }
        return "\(user[user.index(after: slash)...])@\(dns)"
    }

    /// The canonical key value of a normalised user name seen on `host` (full host name, if known).
    func canonical(_ user: String, host: String?) -> String {
        if let alias = canonicalByAlias[user] { return alias }
        var name = Self.qualify(user, domains: dnsDomainByNetBIOS)
        if !name.contains("@"), !name.contains("\\"), let host, let dot = host.firstIndex(of: ".") {
            let domain = String(host[host.index(after: dot)...])
            if dnsDomains.contains(domain) { name = "\(name)@\(domain)" }
        }
        return canonicalByAlias[name] ?? name
    }
}
