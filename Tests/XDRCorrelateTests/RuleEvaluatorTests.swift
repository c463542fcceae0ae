import Foundation
import Testing
import XDRModel
@testable import XDRCorrelate

@Suite struct RuleEvaluatorTests {
    /// Runs events through rules in the given order and returns the derived detections.
    func derive(_ rulesJSON: String, _ events: [CorrelationEvent], builtIn: Bool = false) throws -> [DerivedDetection] {
        let extra = rulesJSON.isEmpty ? [] : try RuleDecoder.decode(text: rulesJSON, source: "test.json")
        let set = builtIn ? try RuleSet.builtIn(adding: extra) : try RuleSet(extra)
        let configuration = corpConfiguration()
        let resolver = EventResolver(configuration: configuration, users: UserDirectory(configuration: configuration))
        let evaluator = RuleEvaluator(rules: set, tenant: EventFactory().tenant, maxEventsPerGroup: 100)
        var state = RuleState()
        return events.flatMap { evaluator.evaluate(resolver.resolve($0, leases: AddressLeases()), state: &state) }
    }

    static let bruteForce = #"""
    [{"id": "failed-logon", "generate": false, "detection": {"conditions": [
        {"field": "class_uid", "equals": "3002"}, {"field": "outcome", "equals": "failure"}]}},
     {"id": "brute-force", "title": "Brute force", "severity": "medium", "tags": ["attack.credential_access"],
      "correlation": {"type": "event_count", "rules": ["failed-logon"], "group-by": ["hostname"], "timespan": "5m",
                      "condition": {"gte": 5}}}]
    """#

    func failedLogon(_ factory: inout EventFactory, _ minutes: Double, host: String = "srv1") -> CorrelationEvent {
        factory.make(minutes, .endpoint, classUID: OCSFClass.authentication) {
            $0.addHost(host)
            $0.addUser("CORP\\admin", role: .target)
            $0.outcome = "failure"
        }
    }

    @Test func eventCountFiresOnceAtTheThresholdWithinTheTimespan() throws {
        var factory = EventFactory()
        let burst = (0..<7).map { failedLogon(&factory, Double($0) * 0.5) }
        let fired = try derive(Self.bruteForce, burst)
        #expect(fired.count == 1)
        #expect(fired.first?.eventIDs == burst.prefix(5).map(\.id))
        #expect(fired.first?.groupKey == "hostname=srv1")
        #expect(fired.first?.anchorTime == burst[0].time)

        let four = try derive(Self.bruteForce, Array(burst.prefix(4)))
        #expect(four.isEmpty)

        var spread = EventFactory()
        let slow = (0..<6).map { failedLogon(&spread, Double($0) * 2) }
        #expect(try derive(Self.bruteForce, slow).isEmpty, "six failures over ten minutes never reach five in five")

        var hosts = EventFactory()
        let split = (0..<6).map { failedLogon(&hosts, Double($0) * 0.1, host: $0 % 2 == 0 ? "srv1" : "srv2") }
        #expect(try derive(Self.bruteForce, split).isEmpty, "groups are counted apart")
    }

    @Test func eventCountFiresAgainForALaterBurstAndCountsLateEventsByEventTime() throws {
        var factory = EventFactory()
        let first = (0..<5).map { failedLogon(&factory, Double($0)) }
        let second = (0..<5).map { failedLogon(&factory, 30 + Double($0)) }
        #expect(try derive(Self.bruteForce, first + second).count == 2)
        let reversed = try derive(Self.bruteForce, (first + second).reversed())
        #expect(reversed.count == 2)
        #expect(Set(reversed.map(\.anchorTime)) == [first[0].time, second[0].time])
    }

    static let portScan = #"""
    [{"id": "conn", "generate": false, "detection": {"conditions": [{"field": "class_uid", "equals": "4001"}]}},
     {"id": "scan", "title": "Port scan", "severity": "low",
      "correlation": {"type": "value_count", "rules": ["conn"], "group-by": ["src_ip"], "timespan": "1m",
                      "condition": {"field": "dst_port", "gte": 10}}}]
    """#

    @Test func valueCountFiresOnDistinctValuesOnly() throws {
        var factory = EventFactory()
        var events: [CorrelationEvent] = []
        for port in 1...9 {
            events.append(factory.connection(Double(port) / 100, host: "ws-1", srcIP: "10.0.0.9", dstIP: "10.0.0.1", dstPort: port))
            events.append(factory.connection(Double(port) / 100, host: "ws-1", srcIP: "10.0.0.9", dstIP: "10.0.0.1", dstPort: port))
        }
        #expect(try derive(Self.portScan, events).isEmpty, "18 connections to 9 ports")
        events.append(factory.connection(0.5, host: "ws-1", srcIP: "10.0.0.9", dstIP: "10.0.0.1", dstPort: 10))
        let fired = try derive(Self.portScan, events)
        #expect(fired.count == 1)
        #expect(fired.first?.eventIDs.count == 10)
        #expect(fired.first?.groupKey == "src_ip=10.0.0.9")
    }

    func kubernetes(_ factory: inout EventFactory, _ minutes: Double, user: String, operation: String) -> CorrelationEvent {
        factory.make(minutes, .cloud, classUID: OCSFClass.apiActivity, format: "k8s_audit") {
            $0.addUser(user)
            $0.apiOperation = operation
            $0.addKubernetes(namespace: "prod", pod: "web-1", serviceAccount: nil)
        }
    }

    static let anyOrder = #"""
    [{"id": "exec", "generate": false, "detection": {"conditions": [{"field": "api_operation", "contains": "pods/exec"}]}},
     {"id": "rbac", "generate": false, "detection": {"conditions": [{"field": "api_operation", "contains": "rolebindings"}]}},
     {"id": "both", "title": "Exec and RBAC", "severity": "high",
      "correlation": {"type": "temporal", "rules": ["exec", "rbac"], "group-by": ["user"], "timespan": "30m"}}]
    """#

    @Test func temporalNeedsEveryRuleInTheWindowInAnyOrder() throws {
        var factory = EventFactory()
        let rbacFirst = kubernetes(&factory, 0, user: "mallory@corp.example", operation: "create rolebindings")
        let execLater = kubernetes(&factory, 10, user: "mallory@corp.example", operation: "create pods/exec")
        #expect(try derive(Self.anyOrder, [rbacFirst, execLater]).map(\.ruleID) == ["both"])
        let otherUser = kubernetes(&factory, 10, user: "bob@corp.example", operation: "create pods/exec")
        #expect(try derive(Self.anyOrder, [rbacFirst, otherUser]).isEmpty)
        let tooLate = kubernetes(&factory, 45, user: "mallory@corp.example", operation: "create pods/exec")
        #expect(try derive(Self.anyOrder, [rbacFirst, tooLate]).isEmpty)
    }

    @Test func temporalOrderedFollowsEventTimeNotArrival() throws {
        var factory = EventFactory()
        let exec = kubernetes(&factory, 0, user: "mallory@corp.example", operation: "create pods/exec")
        let rbac = kubernetes(&factory, 10, user: "mallory@corp.example", operation: "create clusterrolebindings")
        let rule = "tsunagi.k8s-exec-then-rbac-change"
        #expect(try derive("", [exec, rbac], builtIn: true).map(\.ruleID) == [rule])
        #expect(try derive("", [rbac, exec], builtIn: true).map(\.ruleID) == [rule], "late arrival, right event-time order")
        let rbacBefore = kubernetes(&factory, -5, user: "mallory@corp.example", operation: "create clusterrolebindings")
        #expect(try derive("", [rbacBefore, exec], builtIn: true).isEmpty, "RBAC change before the exec")
        let rbacLate = kubernetes(&factory, 31, user: "mallory@corp.example", operation: "create clusterrolebindings")
        #expect(try derive("", [exec, rbacLate], builtIn: true).isEmpty, "outside the 30 minute span")
    }

    func cloudLogin(_ factory: inout EventFactory, _ minutes: Double, session: String, ip: String) -> CorrelationEvent {
        factory.make(minutes, .cloud, classUID: OCSFClass.authentication, format: "cloudtrail") {
            $0.addCloudPrincipal("arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_1a2b/\(session)")
            $0.addIP(ip, role: .source)
            $0.apiOperation = "ConsoleLogin"
        }
    }

    @Test func temporalOrderedJoinsRulesThroughAliases() throws {
        var factory = EventFactory()
        let lure = factory.email(0, from: "it@evil.example", to: "alice@corp.example", subject: "Reset", kind: .detection)
        let usual = cloudLogin(&factory, -600, session: "alice@corp.example", ip: "198.51.100.10")
        let sameIP = cloudLogin(&factory, 30, session: "alice@corp.example", ip: "198.51.100.10")
        let newIP = cloudLogin(&factory, 40, session: "alice@corp.example", ip: "203.0.113.66")
        let rule = "tsunagi.phish-then-cloud-new-ip"
        let fired = try derive("", [usual, lure, sameIP, newIP], builtIn: true).filter { $0.ruleID == rule }
        #expect(fired.count == 1)
        #expect(fired.first?.eventIDs == [lure.id, newIP.id])
        #expect(fired.first?.story == "Cloud sign-in by alice@corp.example from new IP 203.0.113.66")
        #expect(try derive("", [usual, sameIP, lure], builtIn: true).filter { $0.ruleID == rule }.isEmpty,
                "the known IP was used after the lure: nothing new")
        let bob = cloudLogin(&factory, 40, session: "bob@corp.example", ip: "203.0.113.66")
        #expect(try derive("", [lure, bob], builtIn: true).filter { $0.ruleID == rule }.isEmpty, "another person")
    }

    @Test func singleEventRulesNameTheirStoryAndAreStable() throws {
        var factory = EventFactory()
        let spawn = factory.processStart(0, host: "ws-alice", user: "CORP\\alice", image: "C:\\Windows\\System32\\mshta.exe",
                                         parent: "C:\\Program Files\\Microsoft Office\\OUTLOOK.EXE")
        let first = try derive("", [spawn], builtIn: true)
        let again = try derive("", [spawn], builtIn: true)
        #expect(first.map(\.ruleID) == ["tsunagi.office-spawns-shell"])
        #expect(first.first?.story == "Phishing attachment executed on ws-alice")
        #expect(first.map(\.id) == again.map(\.id))
        let benign = factory.processStart(1, host: "ws-alice", user: "CORP\\alice", image: "C:\\Windows\\System32\\cmd.exe",
                                          parent: "C:\\Windows\\explorer.exe")
        #expect(try derive("", [benign], builtIn: true).isEmpty)
        let dump = factory.processStart(2, host: "ws-alice", user: "CORP\\alice", image: "C:\\Windows\\System32\\rundll32.exe",
                                        parent: "C:\\Windows\\System32\\cmd.exe",
                                        commandLine: "rundll32.exe C:\\windows\\System32\\comsvcs.dll, MiniDump 624 C:\\temp\\l.dmp full")
        #expect(try derive("", [dump], builtIn: true).map(\.ruleID) == ["tsunagi.lsass-credential-access"])
    }
}
