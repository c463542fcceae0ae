import Foundation
import XDRHTTP
import XDRJSON
import XDRModel

extension IngestRoutes {
    /// Aliases for index names shippers use by default.
    static let indexAliases: [String: String] = [
        "winlogbeat": "sysmon", "logs-windows": "sysmon", "logs-system.security": "sysmon",
        "auditbeat": "ecs", "logs-endpoint": "ecs", "logs-suricata": "suricata", "logs-zeek": "zeek",
        "logs-aws.cloudtrail": "cloudtrail", "logs-aws.guardduty": "guardduty",
    ]

    /// The format an index name (or `pipeline` parameter) names: the format name itself, or an
    /// index starting with it (`suricata-2026.11.22`), or a known shipper default.
    func format(forIndex index: String) -> (any EventFormat)? {
        let lower = index.lowercased()
        if let exact = formats.first(where: { $0.name == lower }) { return exact }
        for (alias, name) in Self.indexAliases where lower.hasPrefix(alias) {
            if let format = formats.first(where: { $0.name == name }) { return format }
        }
        return formats.sorted { $0.name.count > $1.name.count }.first { lower.hasPrefix($0.name + "-") || lower.hasPrefix($0.name + "_") || lower.hasPrefix($0.name + ".") }
    }

    /// Elasticsearch `_bulk`: action/document line pairs; answered in Elasticsearch's shape with a
    /// status per item. Items are stored per format in one commit before the response is sent.
    func bulk(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let started = Date()
        let principal = try authenticator.require(request, scope: .ingest)
        let tenant = try Self.tenant(of: principal, request: request)
        let defaultIndex = context.parameters["index"] ?? request.query("index")
        let pipelineName = request.query("pipeline")
        let receivedAt = Int64(started.timeIntervalSince1970 * 1_000_000)
        let lines = BodyFraming.split(request.body, framing: .lines).records

        struct Item { var action: String; var index: String; var status: Int; var error: String?; var format: String? }
        var items: [Item] = []
        var eventsByFormat: [String: [NormalizedEvent]] = [:]
        
        var position = 0
        while position < lines.count {
            let actionLine = lines[position]
            position += 1
            guard let action = try? JSONParser.parse(actionLine.text), case .object(let object) = action,
                  let verb = object.keys.first, let meta = object[verb] else {
                items.append(Item(action: "index", index: defaultIndex ?? "", status: 400,
                                  error: "line \(actionLine.number): expected an action line like {\"index\":{}}"))
                continue
            }
            let index = meta["_index"]?.text ?? defaultIndex ?? ""
            if verb == "delete" {
                items.append(Item(action: verb, index: index, status: 400, error: "line \(actionLine.number): delete is not supported"))
                continue
            }
            guard position < lines.count else {
                items.append(Item(action: verb, index: index, status: 400, error: "line \(actionLine.number): the action has no document line after it"))
                break
            }
            let documentLine = lines[position]
            position += 1
            guard let format = format(forIndex: meta["pipeline"]?.text ?? pipelineName ?? index) else {
                items.append(Item(action: verb, index: index, status: 400,
                                  error: "line \(documentLine.number): cannot tell the format from index \"\(index.prefix(64))\": name it in the index (\(formats.first?.name ?? "format")-…) or the pipeline parameter; this service accepts \(formats.map(\.name).joined(separator: ", "))"))
                continue
            }
            let json = try? JSONParser.parse(documentLine.text)
            guard json != nil || format.framing == .lines else {
                items.append(Item(action: verb, index: index, status: 400, error: "line \(documentLine.number): the document is not valid JSON"))
                continue
            }
            let record = RawRecord(number: documentLine.number, text: documentLine.text, json: json)
            switch pipeline.normalize(document: record, format: format, context: FormatContext(receivedAt: receivedAt, hint: index)) {
            case .success(let events):
                eventsByFormat[format.name, default: []].append(contentsOf: events)

                items.append(Item(action: verb, index: index, status: 201, error: nil, format: format.name))
            case .failure(let error):
                items.append(Item(action: verb, index: index, status: 400, error: "line \(documentLine.number): \(error.description)"))
            }
        }
        for (format, events) in eventsByFormat.sorted(by: { $0.key < $1.key }) {
            _ = try store(events, tenant: tenant, format: format, context: context)
        }
        let errors = items.contains { $0.error != nil }
        let rendered: [JSONValue] = items.enumerated().map { offset, item in
            var result: JSONObject = ["_index": .string(item.index), "_id": .string("\(receivedAt)-\(offset)"), "status": .int(item.status)]
            if let error = item.error {
                result["error"] = ["type": "mapper_parsing_exception", "reason": .string(error)]
            } else {
                result["result"] = "created"
                result["_version"] = 1
            }
            return .object(JSONObject([JSONObject.Member(key: item.action, value: .object(result))]))
        }
        let took = Int(Date().timeIntervalSince(started) * 1000)
        return ElasticsearchCompatibility.tagged(.json(["took": .int(took), "errors": .bool(errors), "items": .array(rendered)]))
    }
}
