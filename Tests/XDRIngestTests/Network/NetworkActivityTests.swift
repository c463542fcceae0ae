import Testing
@testable import XDRIngest
import XDRModel

@Suite struct NetworkActivityTests {
    @Test func mapsHTTPMethodsToOCSFActivities() {
        #expect(NetworkActivity.http(method: "get") == 3)
        #expect(NetworkActivity.http(method: "POST") == 6)
        #expect(NetworkActivity.http(method: "PROPFIND") == 99)
        #expect(NetworkActivity.http(method: nil) == 0)
    }

    @Test func buildsURLsFromHostAndTarget() {
        #expect(NetworkActivity.url(host: "a.example", target: "/x?y=1", port: 80) == "http://a.example/x?y=1")
        #expect(NetworkActivity.url(host: "a.example", target: "/x", port: 8080) == "http://a.example:8080/x")
        #expect(NetworkActivity.url(host: "a.example:81", target: "/x", port: 81) == "http://a.example:81/x")
        #expect(NetworkActivity.url(host: "proxy", target: "http://b.example/", port: 3128) == "http://b.example/")
        #expect(NetworkActivity.url(host: nil, target: "/x", port: 80) == nil)
    }

    @Test func normalisesMACAddresses() {
        #expect(NetworkActivity.mac("00-0C-29-AA-BB-CC") == "00:0c:29:aa:bb:cc")
        #expect(NetworkActivity.mac("000c.29aa.bbcc") == "00:0c:29:aa:bb:cc")
        #expect(NetworkActivity.mac("00:00:00:00:00:00") == nil)
        #expect(NetworkActivity.mac("not a mac") == nil)
    }

    @Test func summarisesTheConnection() {
        var event = NormalizedEvent(time: 0, layer: .network, kind: .telemetry, classUID: 4001, severity: .informational,
                                    sourceProduct: "t", sourceFormat: "t", raw: "")
        event.addIP("2001:db8::1", role: .source, port: 5000)
        event.addIP("10.0.0.2", role: .destination)
        event.networkProtocol = "udp"
        #expect(NetworkActivity.summary(event) == "udp [2001:db8::1]:5000 → 10.0.0.2")
    }
}
