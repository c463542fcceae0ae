import Foundation
import Testing
import XDRModel
@testable import XDRCorrelate

@Suite struct EngineConfigurationTests {
    @Test func aPartialTenantSettingKeepsTheDefaultsForTheRest() throws {
        let json = #"{"userDomains": {"corp": "corp.example"}, "windows": {"host": 60000000}, "hubs": {"dnsResolvers": ["10.0.0.2"]}}"#
        let configuration = try JSONDecoder().decode(EngineConfiguration.self, from: Data(json.utf8))
        #expect(configuration.userDomains == ["corp": "corp.example"])
        #expect(configuration.window(for: .host) == 60_000_000)
        #expect(configuration.window(for: .user) == nil, "a tenant that lists windows lists all it wants")
        #expect(configuration.hubs.dnsResolvers == ["10.0.0.2"])
        #expect(configuration.fanOutLimit == EngineConfiguration().fanOutLimit)
    }

    @Test func roundTripsAndRejectsUnknownEntityTypes() throws {
        var configuration = EngineConfiguration()
        configuration.criticalAssets = ["filesrv01"]
        let data = try JSONEncoder().encode(configuration)
        #expect(try JSONDecoder().decode(EngineConfiguration.self, from: data) == configuration)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(EngineConfiguration.self, from: Data(#"{"windows": {"hosts": 1}}"#.utf8))
        }
    }

    @Test func evidenceWindowsNeverReachBeyondTheLinkWindow() throws {
        let defaults = EngineConfiguration()
        #expect(defaults.evidenceWindow(for: .user) == 2 * EngineConfiguration.hour)
        #expect(defaults.evidenceWindow(for: .hash) == defaults.window(for: .hash), "unlisted types use their link window")
        let json = #"{"windows": {"user": 3600000000}, "evidenceWindows": {"user": 36000000000}}"#
        let configuration = try JSONDecoder().decode(EngineConfiguration.self, from: Data(json.utf8))
        #expect(configuration.evidenceWindow(for: .user) == EngineConfiguration.hour)
        #expect(configuration.evidenceWindow(for: .host) == nil, "a type that does not link has no evidence window")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(EngineConfiguration.self, from: Data(#"{"evidenceWindows": {"users": 1}}"#.utf8))
        }
    }

    @Test func pinnedHubsBecomeEntityKeys() {
        var hubs = HubLists()
        hubs.domainControllers = ["DC01.corp.example"]
        hubs.natEgressIPs = ["198.51.100.1"]
        hubs.serviceAccounts = ["svc_backup@corp.example"]
        #expect(hubs.entityKeys == ["host:dc01", "ip:198.51.100.1", "user:svc_backup@corp.example"])
    }
}
