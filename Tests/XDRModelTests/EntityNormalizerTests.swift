import Testing
import XDRModel

@Suite struct EntityNormalizerTests {
    @Test func hostsJoinOnTheShortLowerCaseName() {
        #expect(EntityNormalizer.host("WS-ALICE.corp.example.")! == ("ws-alice", "ws-alice.corp.example"))
        #expect(EntityNormalizer.host("CORP\\FILESRV01$")! == ("filesrv01", "filesrv01"))
        #expect(EntityNormalizer.host("10.0.0.5") == nil)
        #expect(EntityNormalizer.host("-") == nil)
    }

    @Test func addressesAreCanonical() {
        #expect(EntityNormalizer.ip(" 10.0.1.21 ") == "10.0.1.21")
        #expect(EntityNormalizer.ip("2001:DB8:0:0:0:0:0:1") == "2001:db8::1")
        #expect(EntityNormalizer.ip("::ffff:192.0.2.7") == "192.0.2.7")
        #expect(EntityNormalizer.ip("[fe80::1%eth0]") == "fe80::1")
        #expect(EntityNormalizer.ip("10.0.1.256") == nil)
        #expect(EntityNormalizer.ip("ec2.amazonaws.com") == nil)
        #expect(EntityNormalizer.isInternal("172.20.1.1"))
        #expect(!EntityNormalizer.isInternal("203.0.113.50"))
    }

    @Test func internalAddressesAreThePrivateLoopbackLinkLocalAndSharedRanges() {
        for ip in ["10.0.0.1", "10.255.255.255", "127.0.0.1", "169.254.1.1", "192.168.0.10", "172.16.0.1", "172.31.255.1",
                   "100.64.0.1", "100.127.9.9", "::1", "fd00::1", "fe80::1", "FC00::2"] {
            #expect(EntityNormalizer.isInternal(ip), "\(ip)")
        }
        for ip in ["11.0.0.1", "172.15.0.1", "172.32.0.1", "169.253.1.1", "192.169.0.1", "100.63.0.1", "100.128.0.1",
                   "8.8.8.8", "2001:db8::1", "corp.example", "", "1.2.3", "1.2.3.4.5"] {
            #expect(!EntityNormalizer.isInternal(ip), "\(ip)")
        }
        // Not a plain dotted quad: read as before, number by number.
        #expect(EntityNormalizer.isInternal("10.x.1.2.3"))
        #expect(!EntityNormalizer.isInternal("1000.0.0.1"))
    }

    @Test func usersKeepTheirDomainAndDropSystemAccounts() {
        #expect(EntityNormalizer.user("CORP\\Alice") == "corp\\alice")
        #expect(EntityNormalizer.user("Alice@Corp.Example") == "alice@corp.example")
        #expect(EntityNormalizer.user("alice", domain: "CORP") == "corp\\alice")
        #expect(EntityNormalizer.user("alice", domain: "corp.example") == "alice@corp.example")
        #expect(EntityNormalizer.user("NT AUTHORITY\\SYSTEM") == nil)
        #expect(EntityNormalizer.user("SYSTEM") == nil)
        #expect(EntityNormalizer.user("WS-ALICE$", domain: "CORP") == nil)
        #expect(EntityNormalizer.user("arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123/bob@corp.example") == "bob@corp.example")
    }

    @Test func findsThePersonInCloudPrincipals() {
        #expect(EntityNormalizer.personInPrincipal("arn:aws:iam::111122223333:user/Carol") == "carol")
        #expect(EntityNormalizer.personInPrincipal("arn:aws:sts::111122223333:assumed-role/node-role/i-0abc123") == nil)
        #expect(EntityNormalizer.personInPrincipal("svc@project.iam.gserviceaccount.com") == nil)
        #expect(EntityNormalizer.personInPrincipal("dave@corp.example") == "dave@corp.example")
    }

    @Test func hashesAreLowerCaseWithTheirAlgorithm() {
        #expect(EntityNormalizer.hash("SHA256=" + String(repeating: "AB", count: 32))! == ("sha256", String(repeating: "ab", count: 32)))
        #expect(EntityNormalizer.hash(String(repeating: "0", count: 32)) == nil)
        #expect(EntityNormalizer.hash("xyz") == nil)
        #expect(EntityNormalizer.hash(String(repeating: "c", count: 40))?.algorithm == "sha1")
    }

    @Test func emailsDomainsAndURLs() {
        #expect(EntityNormalizer.email("Alice Example <Alice@Corp.Example>") == "alice@corp.example")
        #expect(EntityNormalizer.email("not an address") == nil)
        #expect(EntityNormalizer.domain("CDN.Example.COM.") == "cdn.example.com")
        #expect(EntityNormalizer.domain("localhost") == nil)
        let url = EntityNormalizer.url("HTTPS://User@Evil.Example:8443/Path?q=1")
        // Credentials in the authority are dropped: the same resource joins with or without them.
        #expect(url?.url == "https://evil.example:8443/Path?q=1")
        #expect(url?.host == "evil.example")
    }

    @Test func findsTechniquesAndTactics() {
        #expect(EntityNormalizer.techniques(in: "attack.t1059.001, T1566 and xT1000 T12345") == ["T1059.001", "T1566"])
        #expect(EntityNormalizer.tactic("Initial Access") == "initial_access")
        #expect(EntityNormalizer.tactic("TA0011") == "command_and_control")
        #expect(EntityNormalizer.tactic("attack.lateral-movement") == "lateral_movement")
        #expect(EntityNormalizer.tactic("cooking") == nil)
    }

    @Test func eventsCollectDistinctEntityKeys() {
        var event = NormalizedEvent(time: 0, layer: .endpoint, kind: .telemetry, classUID: OCSFClass.processActivity,
                                    severity: .informational, sourceProduct: "test", sourceFormat: "test", raw: "{}")
        event.addHost("WS-ALICE.corp.example")
        event.addIP("10.0.1.21", role: .source, port: 49_152)
        event.addEmail("Alice@Corp.Example", role: .recipient)
        event.addHash("SHA256=" + String(repeating: "a", count: 64))
        event.addURL("https://cdn.example.com/x")
        #expect(event.hostname == "ws-alice.corp.example")
        #expect(event.srcIP == "10.0.1.21" && event.srcPort == 49_152)
        #expect(event.entityKeys == ["host:ws-alice", "ip:10.0.1.21", "email:alice@corp.example", "user:alice@corp.example",
                                     "hash:" + String(repeating: "a", count: 64), "url:https://cdn.example.com/x", "domain:cdn.example.com"])
    }
}
