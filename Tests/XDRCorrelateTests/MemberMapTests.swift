import Foundation
import Testing
@testable import XDRCorrelate

@Suite struct MemberMapTests {
    func link(_ incident: UUID, event: Int64?, derived: String? = nil, role: EventLink.Role = .evidence,
              entity: String? = "host:ws-1", window: Int64? = 7_200_000_000) -> EventLink {
        EventLink(incidentID: incident, eventID: event, derivedDetectionID: derived, time: 1_700_000_000_000_000 + (event ?? 0),
                  role: role, reason: event == nil ? "rule:office-spawns-shell" : "entity-window", entity: entity, window: window)
    }

    @Test func savesInColumnsAndLoadsBackEqual() throws {
        let (a, b) = (UUID(), UUID())
        var map = MemberMap()
        for item in [link(a, event: 1, role: .seed, entity: nil, window: nil), link(a, event: 2), link(b, event: 3),
                     link(a, event: nil, derived: "d-123", role: .detection, entity: nil, window: nil)] {
            map[item.memberKey] = item
        }
        let data = try JSONEncoder().encode(map)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"columns\"") && !text.contains("\"keys\""))
        #expect(text.components(separatedBy: a.uuidString).count == 2, "each incident id once")
        let loaded = try JSONDecoder().decode(MemberMap.self, from: data)
        #expect(loaded == map)
        #expect(loaded["d-123"]?.role == .detection && loaded["e1"]?.role == .seed)
    }

    @Test func loadsThePlainObjectOfEarlierSaves() throws {
        let incident = UUID()
        let plain = ["e7": link(incident, event: 7), "e8": link(incident, event: 8)]
        let loaded = try JSONDecoder().decode(MemberMap.self, from: try JSONEncoder().encode(plain))
        #expect(loaded.count == 2 && loaded["e7"] == plain["e7"] && loaded["e8"] == plain["e8"])
    }

    @Test func keepsKeysThatAreNotTheLinksOwn() throws {
        var map = MemberMap()
        map["odd"] = link(UUID(), event: 9)
        let loaded = try JSONDecoder().decode(MemberMap.self, from: try JSONEncoder().encode(map))
        #expect(loaded["odd"] != nil && loaded["e9"] == nil)
    }

    @Test func columnsOfDifferentLengthsAreRefused() throws {
        let broken = #"{"columns":{"incidents":[],"incident":[0],"eventID":[1],"derivedDetectionID":[null],"time":[1],"role":["seed"],"reason":["seed"],"entity":[null],"window":[null]}}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(MemberMap.self, from: Data(broken.utf8)) }
    }
}
