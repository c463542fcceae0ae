import Testing
import XDRModel
@testable import XDRCorrelate

/// What telemetry may join an incident as evidence, beyond sharing an entity inside its window.
@Suite struct EvidenceReachTests {
    @Test func otherPeoplesLogonsAtAServerDoNotJoinItsIncident() throws {
        var factory = EventFactory()
        let engine = try builtInEngine()
        let alert = factory.endpointAlert(0, host: "filesrv01.corp.example", user: "CORP\\alice", title: "Ransomware")
        let attacker = factory.logon(5, host: "filesrv01.corp.example", srcIP: "10.0.1.21", user: "CORP\\alice", type: 3)
        let colleague = factory.logon(6, host: "filesrv01.corp.example", srcIP: "10.0.2.40", user: "CORP\\judy", type: 3)
        let local = factory.processStart(7, host: "filesrv01.corp.example", user: "CORP\\judy", image: "C:\\x.exe",
                                         parent: "C:\\Windows\\explorer.exe")
        _ = engine.process([alert, attacker, colleague, local])
        let members = Set(try #require(engine.openIncidents.first).members.compactMap(\.eventID))
        #expect(members.contains(attacker.id), "the alert's user")
        #expect(!members.contains(colleague.id), "a remote session only landed on the host")
        #expect(members.contains(local.id), "activity on the host itself still joins through it")
    }

    @Test func aPersonsRoutineActivityHoursLaterIsNotEvidence() throws {
        var factory = EventFactory()
        let engine = try builtInEngine()
        let alert = factory.endpointAlert(0, host: "ws-carol.corp.example", user: "CORP\\carol", title: "Payload download")
        let soon = factory.logon(60, host: "dc01.corp.example", srcIP: "10.0.1.93", user: "CORP\\carol", type: 3)
        let later = factory.logon(220, host: "dc01.corp.example", srcIP: "10.0.1.93", user: "CORP\\carol", type: 3)
        let alertLater = factory.endpointAlert(600, host: "ws-other.corp.example", user: "CORP\\carol", title: "Second alert")
        _ = engine.process([alert, soon, later, alertLater])
        let incidents = engine.openIncidents
        #expect(incidents.count == 1, "alerts about one person still link over the user's 24 h window")
        let members = Set(try #require(incidents.first).members.compactMap(\.eventID))
        #expect(members.contains(soon.id))
        #expect(!members.contains(later.id), "beyond the user's 2 h evidence window of both alerts")
    }

    @Test func anEC2NodeHoldsTheAddressItsNameSpells() throws {
        var factory = EventFactory()
        let engine = try builtInEngine()
        let falco = factory.make(0, .cloud, .detection, severity: .high, classUID: OCSFClass.detectionFinding, format: "falco") {
            $0.addHost("ip-10-0-20-15.ec2.internal")
            $0.addKubernetes(namespace: "shop", pod: "web-7d9f", serviceAccount: nil)
            $0.title = "Terminal shell in container"
        }
        let call = factory.make(5, .cloud, classUID: OCSFClass.apiActivity, format: "cloudtrail") {
            $0.addIP("10.0.20.15", role: .source)
            $0.addCloudPrincipal("arn:aws:sts::111122223333:assumed-role/eks-node-role/i-0abc")
            $0.title = "secretsmanager:GetSecretValue"
        }
        let otherNode = factory.make(6, .cloud, classUID: OCSFClass.apiActivity, format: "cloudtrail") {
            $0.addIP("10.0.20.16", role: .source)
            $0.title = "ec2:DescribeInstances"
        }
        _ = engine.process([falco, call, otherNode])
        let members = Set(try #require(engine.openIncidents.first).members.compactMap(\.eventID))
        #expect(members.contains(call.id))
        #expect(!members.contains(otherNode.id))
    }
}
