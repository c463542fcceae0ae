import Foundation
import XDRCore
import XDRJSON
import XDRModel

/// Frames a request body, normalises its records and collects per-record errors, for one format.
public struct IngestPipeline: Sendable {
    public struct Outcome: Sendable {
        public var events: [NormalizedEvent] = []
        /// (record number, error), in record order.
        public var rejected: [(number: Int, error: RecordError)] = []
    }

    public init() {}

    public func normalize(body: [UInt8], format: any EventFormat, context: FormatContext) -> Outcome {
        let framed = BodyFraming.split(body, framing: format.framing)
        var outcome = Outcome()
        outcome.rejected = framed.rejected
        for result in format.normalize(framed.records, context: context) {
            switch result {
            case .accepted(_, let event): outcome.events.append(event)
            case .rejected(let number, let error): outcome.rejected.append((number, error))
            }
        }
        outcome.rejected.sort { $0.number < $1.number }
        return outcome
    }

    /// Normalises one document that arrived inside an envelope (an Elasticsearch bulk item). A
    /// shipper that did not decode the source line sends it as `message`: if the document itself
    /// is not understood, its `message` is tried as the original record.
    public func normalize(document: RawRecord, format: any EventFormat, context: FormatContext) -> Result<[NormalizedEvent], RecordError> {
        let message = document.json?["message"]?.string
        if format.framing == .lines {
            guard let line = message ?? (document.json == nil ? document.text : nil) else {
                return .failure(RecordError(field: "message", "missing: a \(format.name) line is expected in \"message\""))
            }
            return collect(format.normalize([RawRecord(number: document.number, text: line)], context: context))
        }
        let direct = collect(format.normalize([document], context: context))
        if case .failure = direct, let message, message.first == "{",
           let json = try? JSONParser.parse(message) {
            let inner = collect(format.normalize([RawRecord(number: document.number, text: message, json: json)], context: context))
            if case .success = inner { return inner }
        }
        return direct
    }

    private func collect(_ results: [FormatOutcome]) -> Result<[NormalizedEvent], RecordError> {
        var events: [NormalizedEvent] = []
        for result in results {
            switch result {
            case .accepted(_, let event): events.append(event)
            case .rejected(_, let error): return .failure(error)
            }
        }
        return .success(events)
    }
}
