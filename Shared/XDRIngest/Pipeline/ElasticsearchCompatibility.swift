import XDRHTTP
import XDRJSON
import XDRModel

/// The answers Elasticsearch clients expect on connect, so Beats, Logstash, Fluent Bit, Vector and
/// the official clients can point their Elasticsearch output at an ingestor unchanged. Every
/// response carries `X-Elastic-Product: Elasticsearch`, without which the official clients refuse
/// to continue.
enum ElasticsearchCompatibility {
    static let version = "8.13.0"

    static func tagged(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        response.headers.replaceOrAdd("X-Elastic-Product", "Elasticsearch")
        return response
    }

    static func rootInfo(layer: Layer) -> HTTPResponse {
        tagged(.json([
            "name": .string("tsunagi-\(layer.rawValue)"),
            "cluster_name": "tsunagi",
            "cluster_uuid": "tsunagi",
            "version": [
                "number": .string(version), "build_flavor": "default", "build_type": "tar",
                "lucene_version": "9.10.0", "minimum_wire_compatibility_version": "7.17.0",
                "minimum_index_compatibility_version": "7.0.0",
            ],
            "tagline": "You Know, for Search",
        ]))
    }

    static func license() -> HTTPResponse {
        tagged(.json(["license": ["status": "active", "type": "basic", "uid": "tsunagi"]]))
    }

    static func xpack() -> HTTPResponse {
        tagged(.json(["build": [:], "license": ["status": "active", "type": "basic", "mode": "basic"], "features": [:]]))
    }

    static func nodes() -> HTTPResponse { tagged(.json(["_nodes": ["total": 1, "successful": 1, "failed": 0], "nodes": [:]])) }
    static func clusterHealth() -> HTTPResponse { tagged(.json(["cluster_name": "tsunagi", "status": "green"])) }
    static func acknowledged() -> HTTPResponse { tagged(.json(["acknowledged": true])) }
    static func notFound() -> HTTPResponse { tagged(.json([:], status: 404)) }
}
