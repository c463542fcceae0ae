import Foundation
import Testing
import XDRJSON

extension APITests {
    @Suite struct IncidentTimelineTests {
        @Test func listsEventsOldestFirstWithLinkReasonAndTheOriginalRecordVerbatim() async throws {
            let fixture = try await APIFixture.make("timeline")
            let seed = IncidentSeed(admin: fixture.admin)
            let tenant = fixture.tenantA1
            let incident = try seed.incident(tenant: tenant, title: "Timeline")
            let raw = "{\"winlog\": {\"event_id\": 1},  \"message\": \"caf\u{e9} \\\"quoted\\\"\"}"
            var events: [Int64] = []
            for minute in [3, 1, 2] {
                let time = "2026-11-20 09:0\(minute):00+00"
                let id = try seed.event(tenant: tenant, time: time, raw: minute == 1 ? raw : "{\"m\":\(minute)}")
                try seed.member(tenant: tenant, incident: incident, event: id, time: time, role: minute == 1 ? "seed" : "evidence",
                                reason: minute == 1 ? "seed" : "entity-window")
                events.append(id)
            }
            let first = try await fixture.get("/v1/incidents/\(incident)/events?limit=2", key: fixture.a1Read)
            #expect(first.status == 200)
            let items = try #require(first.json["items"]?.array)
            #expect(items.map { $0["time"]?.string } == ["2026-11-20T09:01:00.000000Z", "2026-11-20T09:02:00.000000Z"])
            let oldest = items[0]
            #expect(oldest["original"]?.string == raw)
            #expect(oldest["link"]?["role"]?.string == "seed")
            #expect(oldest["layer"]?.string == "endpoint")
            #expect(oldest["class_uid"]?.int == 1007)
            #expect(oldest["hostname"]?.string == "ws-alice")
            #expect(oldest["src_ip"]?.string == "10.0.0.5")
            #expect(oldest["source_format"]?.string == "sysmon_winlogbeat_json")
            #expect(oldest["source_event_id"]?.string == "rec-1")
            #expect(oldest["entities"]?.array?.first?["value"]?.string == "ws-alice")
            #expect(items[1]["link"]?["reason"]?.string == "entity-window")
            #expect(items[1]["link"]?["entity"]?.string == "host:ws-alice")

            let cursor = try #require(first.json["next_cursor"]?.string)
            let second = try await fixture.get("/v1/incidents/\(incident)/events?limit=2&cursor=\(cursor)", key: fixture.a1Read)
            #expect(second.json["items"]?.array?.map { $0["id"]?.int } == [Int(events[0])])
            #expect(second.json["next_cursor"]?.isNull == true)

            let single = try await fixture.get("/v1/events/\(events[1])", key: fixture.a1Read)
            #expect(single.status == 200)
            #expect(single.json["original"]?.string == raw)
            #expect(single.json["incident_ids"]?.strings == [incident.uuidString.lowercased()])
        }
    }
}
