import Foundation
import Testing
import XDRModel
@testable import XDRCorrelate

@Suite struct CorrelationEngineTests {
    let tenantA = UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")!
    let tenantB = UUID(uuidString: "00000000-0000-0000-0000-0000000000B2")!

    @Test func tenantsWithTheSameAddressesAndUsersNeverMix() throws {
        var factoryA = EventFactory(tenant: tenantA, firstID: 1)
        var factoryB = EventFactory(tenant: tenantB, firstID: 1000)
        let campaignA = PhishingScenario(factory: &factoryA)
        let campaignB = PhishingScenario(factory: &factoryB, offset: 3)
        var interleaved: [CorrelationEvent] = []
        for index in 0..<max(campaignA.events.count, campaignB.events.count) {
            if index < campaignA.events.count { interleaved.append(campaignA.events[index]) }
            if index < campaignB.events.count { interleaved.append(campaignB.events[index]) }
        }
        let engine = CorrelationEngine(rules: try RuleSet.builtIn()) { _ in corpConfiguration() }
        let changes = engine.process(interleaved)
        #expect(Set(changes.keys) == [tenantA, tenantB])
        let incidentsA = engine.engine(for: tenantA).openIncidents
        let incidentsB = engine.engine(for: tenantB).openIncidents
        #expect(incidentsA.count == 1)
        #expect(incidentsB.count == 1)
        #expect(incidentsA[0].id != incidentsB[0].id)
        #expect(incidentsA[0].eventIDs.allSatisfy { $0 < 1000 })
        #expect(incidentsB[0].eventIDs.allSatisfy { $0 >= 1000 })
        #expect(incidentsA[0].tenantID == tenantA)
        #expect(engine.loadedTenants == [tenantA, tenantB])
    }

    @Test func aTenantEngineIgnoresOtherTenantsEvents() throws {
        var factory = EventFactory(tenant: tenantB)
        let engine = try builtInEngine(tenant: tenantA)
        let changes = engine.process([factory.endpointAlert(0, host: "ws-1", title: "Alert")])
        #expect(changes.isEmpty)
        #expect(engine.openIncidents.isEmpty)
    }

    @Test func statsAddUpAcrossTenants() throws {
        var factoryA = EventFactory(tenant: tenantA)
        var factoryB = EventFactory(tenant: tenantB, firstID: 50)
        let engine = CorrelationEngine(rules: try RuleSet.builtIn())
        _ = engine.process([factoryA.endpointAlert(0, host: "ws-1", title: "A"), factoryB.endpointAlert(0, host: "ws-1", title: "B")])
        #expect(engine.stats.openIncidents == 2)
    }

    @Test func eachTenantGetsItsOwnRulesAndSettings() throws {
        let custom = try RuleDecoder.decode(text: #"""
        {"id": "acme.rdp-from-anywhere", "title": "RDP logon", "severity": "medium",
         "detection": {"conditions": [{"field": "details.logon.type", "equals": "10"}]}}
        """#, source: "tenant-a.json")
        let rulesA = try RuleSet.builtIn(adding: custom)
        let rulesB = try RuleSet.builtIn()
        let engine = CorrelationEngine { tenant in (corpConfiguration(), tenant == tenantA ? rulesA : rulesB) }
        var factoryA = EventFactory(tenant: tenantA)
        var factoryB = EventFactory(tenant: tenantB, firstID: 100)
        let changes = engine.process([factoryA.logon(0, host: "srv", srcIP: "198.51.100.3", user: "CORP\\x", type: 10),
                                      factoryB.logon(0, host: "srv", srcIP: "198.51.100.3", user: "CORP\\x", type: 10)])
        #expect(changes[tenantA]?.derived.map(\.ruleID) == ["acme.rdp-from-anywhere"])
        #expect(changes[tenantB]?.derived.isEmpty == true)
        engine.unload(tenantA)
        #expect(engine.loadedTenants == [tenantB])
    }
}
