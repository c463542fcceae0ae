import Foundation
import Testing
import XDRJSON

extension APITests {
    @Suite struct EntityAndOCSFTests {
        @Test func entityPivotFindsIncidentsAndEventsOnlyInTheCallersTenants() async throws {
            let fixture = try await APIFixture.make("pivot")
            let seed = IncidentSeed(admin: fixture.admin)
            let mine = try seed.incident(tenant: fixture.tenantA1, title: "Mine")
            try seed.incident(tenant: fixture.tenantB1, title: "Theirs")
            let event = try seed.event(tenant: fixture.tenantA1, time: "2026-11-20 09:00:00+00", raw: "{}")
            _ = try seed.event(tenant: fixture.tenantB1, time: "2026-11-20 09:00:00+00", raw: "{}")

            let response = try await fixture.get("/v1/entities/host/ws-alice", key: fixture.a1Read)
            #expect(response.status == 200)
            #expect(response.json["incidents"]?.array?.map { $0["id"]?.string } == [mine.uuidString.lowercased()])
            #expect(response.json["recent_events"]?.array?.map { $0["id"]?.int } == [Int(event)])
            let unknownType = try await fixture.get("/v1/entities/planet/mars", key: fixture.a1Read)
            #expect(unknownType.status == 400)
            #expect(unknownType.json["detail"]?.string?.contains("host") == true)
        }

        @Test func exportsAnOCSFIncidentFindingWithItsDetections() async throws {
            let fixture = try await APIFixture.make("ocsf")
            let seed = IncidentSeed(admin: fixture.admin)
            let incident = try seed.incident(tenant: fixture.tenantA1, title: "Export me", severity: 5)
            let detection = try seed.event(tenant: fixture.tenantA1, time: "2026-11-20 09:00:00+00", raw: "{}")
            try seed.member(tenant: fixture.tenantA1, incident: incident, event: detection, time: "2026-11-20 09:00:00+00", role: "seed", reason: "seed", entity: nil)
            let evidence = try seed.event(tenant: fixture.tenantA1, time: "2026-11-20 09:01:00+00", raw: "{}")
            try seed.member(tenant: fixture.tenantA1, incident: incident, event: evidence, time: "2026-11-20 09:01:00+00")

            let finding = try await fixture.get("/v1/incidents/\(incident)/ocsf", key: fixture.a1Read).json
            #expect(finding["class_uid"]?.int == 2005)
            #expect(finding["category_uid"]?.int == 2)
            #expect(finding["type_uid"]?.int == 200501)
            #expect(finding["severity_id"]?.int == 5)
            #expect(finding["status_id"]?.int == 1)
            let list = try #require(finding["finding_info_list"]?.array)
            #expect(list.map { $0["uid"]?.string } == ["e\(detection)"])
            #expect(list.first?["first_seen_time"]?.int == 1_795_165_200_000)
        }
    }
}
