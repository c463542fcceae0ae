import Testing
import XDRModel
@testable import XDRCorrelate

@Suite struct UserDirectoryTests {
    func directory() -> UserDirectory {
        var configuration = EngineConfiguration()
        configuration.userDomains = ["CORP": "corp.example", "LAB": "lab.example"]
        configuration.userAliases = [["a.smith@corp.example", "CORP\\asmith", "adm-asmith@corp.example"]]
        return UserDirectory(configuration: configuration)
    }

    @Test func netbiosNamesBecomeTheirDNSForm() {
        let users = directory()
        #expect(users.canonical(EntityNormalizer.user("CORP\\Alice")!, host: nil) == "alice@corp.example")
        #expect(users.canonical("alice@corp.example", host: nil) == "alice@corp.example")
        #expect(users.canonical("lab\\alice", host: nil) == "alice@lab.example", "a different person")
        #expect(users.canonical("other\\alice", host: nil) == "other\\alice", "unknown domains stay apart")
    }

    @Test func bareNamesJoinOnlyWithinTheHostsDomain() {
        let users = directory()
        #expect(users.canonical("alice", host: "ws-1.corp.example") == "alice@corp.example")
        #expect(users.canonical("alice", host: "ws-9.lab.example") == "alice@lab.example")
        #expect(users.canonical("alice", host: "ws-2") == "alice")
        #expect(users.canonical("alice", host: nil) == "alice")
    }

    @Test func aliasGroupsNameOnePerson() {
        let users = directory()
        #expect(users.canonical("corp\\asmith", host: nil) == "a.smith@corp.example")
        #expect(users.canonical("asmith", host: "ws-1.corp.example") == "a.smith@corp.example")
        #expect(users.canonical("adm-asmith@corp.example", host: nil) == "a.smith@corp.example")
    }
}
