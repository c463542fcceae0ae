import Testing
import XDRAPI

@Suite struct ServerLatencyHistogramTests {
    static let before = """
        # TYPE xdr_http_request_duration_seconds histogram
        xdr_http_request_duration_seconds_bucket{route="/v1/incidents",le="0.005"} 10
        xdr_http_request_duration_seconds_bucket{route="/v1/incidents",le="0.05"} 10
        xdr_http_request_duration_seconds_bucket{route="/v1/incidents",le="+Inf"} 10
        xdr_http_requests_total{route="/v1/incidents"} 10
        """
    static let after = """
        xdr_http_request_duration_seconds_bucket{route="/v1/incidents",le="0.005"} 100
        xdr_http_request_duration_seconds_bucket{route="/v1/incidents",le="0.05"} 109
        xdr_http_request_duration_seconds_bucket{route="/v1/incidents",le="+Inf"} 110
        xdr_http_request_duration_seconds_bucket{route="/v1/incidents/{id}",le="0.005"} 3
        xdr_http_request_duration_seconds_bucket{route="/v1/incidents/{id}",le="0.05"} 3
        xdr_http_request_duration_seconds_bucket{route="/v1/incidents/{id}",le="+Inf"} 3
        """

    @Test func countsOnlyTheRequestsOfTheRunAndBoundsTheirPercentiles() {
        let run = ServerLatencyHistogram(metrics: Self.after).subtracting(ServerLatencyHistogram(metrics: Self.before))
        #expect(run.count("/v1/incidents") == 100)
        #expect(run.count("/v1/incidents/{id}") == 3)
        #expect(run.percentileBound(90, route: "/v1/incidents") == 0.005)
        #expect(run.percentileBound(99, route: "/v1/incidents") == 0.05)
        #expect(run.percentileBound(100, route: "/v1/incidents") == .infinity)
        #expect(run.percentileBound(50, route: "/v1/unknown") == nil)
    }
}
