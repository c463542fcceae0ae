import Foundation
import XDRCore
import XDRHTTP
import XDRJSON
import XDRModel

/// Replays the built-in cross-layer attack through the real ingestion endpoints, step by step, in
/// each source's native format, and reports what each service answered.
public struct DemoReplay {
    public struct Endpoints: Sendable {
        public var ingest: [Layer: String]
        public var api: String

        public init(ingest: [Layer: String], api: String) {
            self.ingest = ingest
            self.api = api
        }

        /// The local ports `./xdr demo` uses.
        public static let local = Endpoints(
            ingest: [.endpoint: "http://127.0.0.1:8081", .email: "http://127.0.0.1:8082",
                     .network: "http://127.0.0.1:8083", .cloud: "http://127.0.0.1:8084"],
            api: "http://127.0.0.1:8080")
    }

    public let attack: DemoAttack
    public let endpoints: Endpoints
    public let ingestKey: String
    public let output: (String) -> Void

    public init(attack: DemoAttack = DemoAttack(), endpoints: Endpoints = .local, ingestKey: String, output: @escaping (String) -> Void = { print($0) }) {
        self.attack = attack
        self.endpoints = endpoints
        self.ingestKey = ingestKey
        self.output = output
    }

    public struct StepFailure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Posts every step's batches; throws if a service refuses a batch.
    public func run() throws {
        output("Replaying a cross-layer attack (\(attack.records.count) records in \(attack.formats.joined(separator: ", "))):")
        for step in attack.steps {
            output("  \(step.number). \(step.narrative)")
            for batch in step.batches {
                guard let base = endpoints.ingest[batch.layer] else { continue }
                var headers = HTTPHeaders()
                headers.add("Authorization", "Bearer \(ingestKey)")
                headers.add("Content-Type", "application/x-ndjson")
                let response = try HTTPClient.send("POST", url: base + batch.path, headers: headers, body: batch.body, timeout: 30)
                let answer = (try? JSONParser.parse(response.body)) ?? .null
                guard response.status == 200 else {
                    throw StepFailure(description: "\(batch.path) answered \(response.status): \(response.text.prefix(300))")
                }
                let stored = answer["stored"]?.int ?? 0
                let duplicates = answer["duplicates"]?.int ?? 0
                output("       → POST \(batch.path) (\(batch.recordCount) \(batch.format) records): \(stored) stored\(duplicates > 0 ? ", \(duplicates) already stored" : "")")
            }
        }
    }
}
