import Foundation
import Testing
import XDRModel
@testable import XDRCorrelate

/// Incidents joined through resolved entities: hashes, pods, late leases, cloud identities.
@Suite struct EntityResolutionTests {
    @Test func anAttachmentHashJoinsTheMailTheFileAndTheProcess() throws {
        var factory = EventFactory()
        let hash = "0123456789abcdef0123456789abcdef01234567"
        let mail = factory.email(0, from: "x@evil.example", to: "zed@corp.example", subject: "CV", hash: hash, kind: .detection)
        let written = factory.make(60, .endpoint, classUID: OCSFClass.fileActivity) {
            $0.addHost("ws-zed")
            $0.addFile("C:\\Users\\zed\\Downloads\\cv.docm")
            $0.addHash(hash)
        }
        let ran = factory.endpointAlert(24 * 60, host: "ws-zed", title: "Suspicious macro document", tactics: ["execution"]) {
            $0.addHash("SHA1=" + hash.uppercased())
        }
        let engine = try builtInEngine()
        _ = engine.process([mail, written, ran])
        let incidents = engine.openIncidents
        #expect(incidents.count == 1)
        #expect(incidents.first?.eventIDs == [mail.id, written.id, ran.id])
        #expect(incidents.first?.entities.first { $0.type == .hash }?.role == .maliciousFile)
    }

    @Test func aPodIPResolvesToThePod() throws {
        var factory = EventFactory()
        let podEvent = factory.make(0, .cloud, classUID: OCSFClass.processActivity, format: "falco") {
            $0.addHost("node-7")
            $0.addKubernetes(namespace: "shop", pod: "cart-5d9f", serviceAccount: nil)
            $0.addIP("10.244.3.17", role: .device)
        }
        let falco = factory.make(1, .cloud, .detection, severity: .high, classUID: OCSFClass.detectionFinding, format: "falco") {
            $0.addKubernetes(namespace: "shop", pod: "cart-5d9f", serviceAccount: nil)
            $0.title = "Terminal shell in container"
            $0.addTactics(["execution"])
        }
        let ids = factory.networkAlert(3, srcIP: "10.244.3.17", dstIP: "203.0.113.80", title: "ET MALWARE miner pool")
        let engine = try builtInEngine()
        _ = engine.process([podEvent, falco, ids])
        let incidents = engine.openIncidents
        #expect(incidents.count == 1)
        #expect(incidents.first?.eventIDs.isSuperset(of: [falco.id, ids.id]) == true)
        #expect(incidents.first?.entities.contains { $0.key == "k8s_pod:shop/cart-5d9f" && $0.role == .workload } == true)
    }

    @Test func aLeaseLearnedLaterBridgesTheIPsIncidentToTheHosts() throws {
        var factory = EventFactory()
        let ids = factory.networkAlert(10, srcIP: "10.0.0.40", dstIP: "203.0.113.5", title: "ET MALWARE beacon")
        let edr = factory.endpointAlert(12, host: "ws-lee", title: "Unsigned binary beaconing", tactics: ["command_and_control"])
        let lease = factory.connection(9, host: "ws-lee", srcIP: "10.0.0.40", dstIP: "198.51.100.1", dstPort: 443)
        let engine = try builtInEngine()
        #expect(engine.process([ids, edr]).created.count == 2)
        let changes = engine.process([lease])
        let merge = try #require(changes.first { if case .incidentMerged = $0 { return true } else { return false } })
        guard case .incidentMerged(_, _, let bridge) = merge else { return }
        #expect(bridge.reason == "resolved")
        #expect(bridge.entity == "host:ws-lee")
        #expect(engine.openIncidents.count == 1)
        #expect(engine.openIncidents.first?.eventIDs == [lease.id, ids.id, edr.id])
    }

    @Test func aPhishedUsersCloudLoginFromANewAddressJoinsTheirIncident() throws {
        var factory = EventFactory()
        let lure = factory.email(0, from: "it@evil.example", to: "alice@corp.example", subject: "Password expiry", kind: .detection)
        let login = factory.make(90, .cloud, classUID: OCSFClass.authentication, format: "cloudtrail") {
            $0.addCloudPrincipal("arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_1a2b/alice@corp.example")
            $0.addIP("203.0.113.66", role: .source)
            $0.apiOperation = "ConsoleLogin"
        }
        let engine = try builtInEngine()
        let changes = engine.process([lure, login])
        #expect(changes.derived.map(\.ruleID) == ["tsunagi.phish-then-cloud-new-ip"])
        let incident = try #require(engine.openIncidents.first)
        #expect(engine.openIncidents.count == 1)
        #expect(incident.layers == [.email, .cloud])
        #expect(incident.title.contains("Cloud sign-in by alice@corp.example from new IP 203.0.113.66"))
        #expect(incident.eventIDs == [lure.id, login.id])
    }
}
