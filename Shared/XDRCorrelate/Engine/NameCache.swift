import XDRModel

/// Remembers what host and user spellings resolve to: a tenant's events repeat a few thousand
/// host and user names millions of times, and normalising each one again (trim, lower-case,
/// domain map, aliases) was half of resolving an event. Pure functions memoised, so the answers
/// are the same with or without it; the tables are cleared when they grow past `limit` entries.
final class NameCache {
    private var shortHosts: [String: String?] = [:]
    private var hostKeys: [String: String?] = [:]
    /// Raw host name (or "" for none) → user spelling → canonical user.
    private var users: [String: [String: String]] = [:]
    /// Raw host name (or "") → raw user name → its canonical user, if it names one.
    private var userNames: [String: [String: String?]] = [:]
    private var userEntries = 0
    private let limit: Int

    init(limit: Int = 100_000) {
        self.limit = limit
    }

    /// `EntityNormalizer.host(name)?.short`.
    func shortHost(_ name: String) -> String? {
        if let known = shortHosts[name] { return known }
        if shortHosts.count >= limit { shortHosts.removeAll(keepingCapacity: true) }
        let short = EntityNormalizer.host(name)?.short
        shortHosts[name] = short
        return short
    }

    /// `host:` and the short name: the key of the host `name` names.
    func hostKey(_ name: String) -> String? {
        if let known = hostKeys[name] { return known }
        if hostKeys.count >= limit { hostKeys.removeAll(keepingCapacity: true) }
        let key = shortHost(name).map { "host:" + $0 }
        hostKeys[name] = key
        return key
    }

    /// `directory.canonical(user, host: host?.lowercased())`.
    func canonicalUser(_ user: String, host: String?, directory: UserDirectory) -> String {
        let hostKey = host ?? ""
        if let known = users[hostKey]?[user] { return known }
        makeRoomForAUser()
        let canonical = directory.canonical(user, host: host?.lowercased())
        users[hostKey, default: [:]][user] = canonical
        userEntries += 1
        return canonical
    }

    /// `EntityNormalizer.user(name)` made canonical as `canonicalUser` does.
    func canonicalUserName(_ name: String, host: String?, directory: UserDirectory) -> String? {
        let hostKey = host ?? ""
        if let known = userNames[hostKey]?[name] { return known }
        makeRoomForAUser()
        let canonical = EntityNormalizer.user(name).map { canonicalUser($0, host: host, directory: directory) }
        userNames[hostKey, default: [:]][name] = .some(canonical)
        userEntries += 1
        return canonical
    }

    private func makeRoomForAUser() {
        guard userEntries >= limit else { return }
        users.removeAll(keepingCapacity: true)
        userNames.removeAll(keepingCapacity: true)
        userEntries = 0
    }
}
