import XDRCore

/// The server's Prometheus series. Labels are bounded: routes are patterns, methods a fixed set.
enum ServerMetrics {
    static let requests = "xdr_http_requests_total"
    static let duration = "xdr_http_request_duration_seconds"
    static let connections = "xdr_http_connections"

    private static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    static func describe(_ metrics: MetricsRegistry?) {
        guard let metrics else { return }
        metrics.describe(requests, type: "counter", help: "HTTP requests answered, by route pattern, method and status.")
        metrics.describe(duration, type: "histogram", help: "Seconds from the first byte of a request to the end of its response, by route.")
        metrics.describe(connections, type: "gauge", help: "Open HTTP connections.")
    }

    static func record(_ metrics: MetricsRegistry?, route: String, method: String, status: Int, seconds: Double) {
        guard let metrics else { return }
        let method = knownMethods.contains(method) ? method : "OTHER"
        metrics.increment(requests, labels: ["route": route, "method": method, "status": String(status)])
        metrics.observe(duration, seconds, labels: ["route": route])
    }
}
