import Testing
@testable import XDRIngest

@Suite struct LagSamplerTests {
    @Test func readsTheWorstTenantLagFromPrometheusText() {
        let text = """
            # HELP xdr_correlator_lag_seconds Seconds between ingestion of the newest event read and now; 0 when caught up.
            # TYPE xdr_correlator_lag_seconds gauge
            xdr_correlator_lag_seconds{tenant="a"} 0.25
            xdr_correlator_lag_seconds{tenant="b"} 1.5
            xdr_correlator_events_processed_total 120
            """
        #expect(LagSampler.lag(in: text) == 1.5)
    }

    @Test func noGaugeYetIsNoSample() {
        #expect(LagSampler.lag(in: "xdr_correlator_events_processed_total 0\n") == nil)
    }
}
