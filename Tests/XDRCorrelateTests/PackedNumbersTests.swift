import Foundation
import Testing
@testable import XDRCorrelate

@Suite struct PackedNumbersTests {
    @Test func rowsRoundTrip() {
        let rows: [[Int64]] = [[1, 2, 3], [-5], [0, Int64.max, Int64.min + 1, 1_763_632_800_123_456]]
        var packed = PackedNumbers()
        for row in rows {
            for number in row { packed.append(number) }
            packed.endRow()
        }
        #expect(packed.text == "1,2,3;-5;0,9223372036854775807,-9223372036854775807,1763632800123456")
        #expect(PackedNumbers.unpack(packed.text) == rows)
        #expect(PackedNumbers.unpack("") == [])
    }

    @Test func anythingElseIsRefused() {
        for text in ["3,60,120,0;", "3,60,,0", "3,6a,120,0", ",1", "1;;2", "--1", "1-2", "-", "99999999999999999999,1"] {
            #expect(PackedNumbers.unpack(text) == nil, "\(text)")
        }
    }
}

@Suite struct HubStateCodingTests {
    @Test func peersAndDetectedHubsRoundTrip() throws {
        var state = HubDetector.State()
        state.peers = ["ip:10.0.0.53": ["ws-1": 10, "ws-2": -20], "user:svc-backup@corp.example": ["ws-1": 30]]
        state.detected = ["domain:update.example": 40]
        let data = try JSONEncoder().encode(state)
        #expect(String(decoding: data, as: UTF8.self).contains("packedPeers"))
        #expect(try JSONDecoder().decode(HubDetector.State.self, from: data) == state)
    }

    @Test func theEarlierNestedFormStillDecodes() throws {
        let old = #"{"peers":{"ip:10.0.0.53":{"ws-1":10}},"detected":{"domain:x.example":5}}"#
        let state = try JSONDecoder().decode(HubDetector.State.self, from: Data(old.utf8))
        #expect(state.peers == ["ip:10.0.0.53": ["ws-1": 10]])
        #expect(state.detected == ["domain:x.example": 5])
    }

    @Test func aRowWithAnUnlistedNameOrAMissingTimeIsRefused() {
        for packed in ["0,5,10", "0,1", "7,1,10"] {
            let text = #"{"names":["ip:10.0.0.53","ws-1"],"packedPeers":"\#(packed)","detected":{}}"#
            #expect(throws: DecodingError.self, "\(packed)") { try JSONDecoder().decode(HubDetector.State.self, from: Data(text.utf8)) }
        }
    }
}
