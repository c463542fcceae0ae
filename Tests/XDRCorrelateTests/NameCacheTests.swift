import Testing
import XDRModel
@testable import XDRCorrelate

@Suite struct NameCacheTests {
    let directory: UserDirectory = {
        var configuration = EngineConfiguration()
        configuration.userDomains = ["corp": "corp.example"]
        configuration.userAliases = [["a.smith@corp.example", "corp\\asmith"]]
        return UserDirectory(configuration: configuration)
    }()

    /// The cache answers exactly what the normalisers answer, also after it was cleared at its limit.
    @Test func answersAsTheNormalisersDo() {
        let cache = NameCache(limit: 3)
        let hosts: [String?] = ["WS-ALICE.corp.example", "ws-bob", nil, "localhost", "10.0.0.5", "FILESRV01$"]
        let users = ["CORP\\alice", "alice", "corp\\asmith", "a.smith@corp.example", "bob@other.example", "-", ""]
        for _ in 0..<2 {
            for host in hosts {
                if let host {
                    #expect(cache.shortHost(host) == EntityNormalizer.host(host)?.short, "\(host)")
                    #expect(cache.hostKey(host) == EntityNormalizer.host(host).map { "host:\($0.short)" }, "\(host)")
                }
                for user in users {
                    let expected = EntityNormalizer.user(user).map { directory.canonical($0, host: host?.lowercased()) }
                    #expect(cache.canonicalUserName(user, host: host, directory: directory) == expected, "\(user) on \(host ?? "-")")
                    if let normalized = EntityNormalizer.user(user) {
                        #expect(cache.canonicalUser(normalized, host: host, directory: directory)
                            == directory.canonical(normalized, host: host?.lowercased()))
                    }
                }
            }
        }
        #expect(cache.canonicalUserName("alice", host: "ws-1.corp.example", directory: directory) == "alice@corp.example")
        #expect(cache.canonicalUserName("CORP\\asmith", host: nil, directory: directory) == "a.smith@corp.example")
    }
}
