import Foundation
import XDRJSON
import XDRModel
import XDRStore

/// A row of `events` that could not be turned into a `CorrelationEvent`, naming the column.
public struct EventRowError: Error, Sendable, CustomStringConvertible {
    public var eventID: Int64?
    public var column: String
    public var reason: String

    public var description: String {
        "event \(eventID.map(String.init) ?? "?"): column \(column): \(reason)"
    }
}

/// Turns a row of `events` (as `EventStreamReader` selects it) back into the normalised event the
/// ingest stored, then into the correlator's view of it — the same path the engine's own tests
/// take, so the database adds no mapping of its own.
enum EventRowDecoder {
    static func decode(_ row: Row) throws(EventRowError) -> CorrelationEvent {
        let id = try? row.int64("id")
        func fail(_ column: String, _ reason: String) -> EventRowError {
            EventRowError(eventID: id, column: column, reason: reason)
        }
        func read<T>(_ column: String, _ body: (Row) throws -> T) throws(EventRowError) -> T {
            do { return try body(row) } catch { throw fail(column, (error as? DatabaseError)?.message ?? "\(error)") }
        }
        func text(_ column: String) throws(EventRowError) -> String? { try read(column) { try $0.text(column) } }
        func int(_ column: String) throws(EventRowError) -> Int? { try read(column) { try $0.decode(Int?.self, column) } }

        guard let id else { throw fail("id", "missing") }
        let tenant = try read("tenant_id") { try $0.uuid("tenant_id") }
        let layerText = try text("layer") ?? ""
        guard let layer = Layer(rawValue: layerText) else { throw fail("layer", "unknown layer \"\(layerText)\"") }
        let kindText = try text("kind") ?? ""
        guard let kind = EventKind(rawValue: kindText) else { throw fail("kind", "unknown kind \"\(kindText)\"") }
        let severityID = try int("severity_id") ?? 0
        var event = NormalizedEvent(
            time: try read("time") { try $0.micros("time") }, layer: layer, kind: kind,
            classUID: try int("class_uid") ?? 0, activityID: try int("activity_id") ?? 0,
            severity: Severity(rawValue: severityID) ?? .unknown,
            sourceProduct: try text("source_product") ?? "", sourceFormat: try text("source_format") ?? "", raw: "")
        event.sourceEventID = try text("source_event_id")
        event.title = try text("title")
        event.ruleID = try text("rule_id")
        event.attackTechniques = try read("attack_techniques") { try $0.strings("attack_techniques") }
        event.attackTactics = try read("attack_tactics") { try $0.strings("attack_tactics") }
        event.outcome = try text("outcome")
        event.hostname = try text("hostname")
        event.srcIP = try text("src_ip")
        event.srcPort = try int("src_port")
        event.dstIP = try text("dst_ip")
        event.dstPort = try int("dst_port")
        event.networkProtocol = try text("protocol")
        event.userName = try text("user_name")
        event.emailFrom = try text("email_from")
        event.emailTo = try read("email_to") { try $0.strings("email_to") }
        event.emailSubject = try text("email_subject")
        event.emailMessageID = try text("email_message_id")
        event.processImage = try text("process_image")
        event.processCommandLine = try text("process_cmdline")
        event.processPID = try int("process_pid")
        event.processGUID = try text("process_guid")
        event.parentProcessImage = try text("parent_image")
        event.parentProcessGUID = try text("parent_guid")
        event.filePath = try text("file_path")
        event.domain = try text("domain")
        event.url = try text("url")
        event.cloudAccount = try text("cloud_account")
        event.cloudRegion = try text("cloud_region")
        event.cloudPrincipal = try text("cloud_principal")
        event.cloudAccessKeyID = try text("cloud_access_key")
        event.apiOperation = try text("api_operation")
        event.k8sNamespace = try text("k8s_namespace")
        event.k8sPod = try text("k8s_pod")
        event.k8sServiceAccount = try text("k8s_service_account")
        if let hashes = try json("file_hashes", text("file_hashes"), fail)?.object {
            for member in hashes.members { if let value = member.value.text { event.fileHashes[member.key] = value } }
        }
        for entity in try entities(try json("entities", text("entities"), fail), fail) { event.add(entity) }
        if let details = try json("details", text("details"), fail) {
            guard let object = details.object else { throw fail("details", "expected a JSON object") }
            event.details = object
        }
        return CorrelationEvent(event: event, id: id, tenantID: tenant)
    }

    private static func json(_ column: String, _ text: String?, _ fail: (String, String) -> EventRowError) throws(EventRowError) -> JSONValue? {
        guard let text else { return nil }
        do { return try JSONParser.parse(text) } catch { throw fail(column, error.description) }
    }

    /// `[{"type", "value", "role", "original"}]`. Entity types this build does not know are left
    /// out (they cannot link anyway); a role it does not know reads as `related`.
    private static func entities(_ value: JSONValue?, _ fail: (String, String) -> EventRowError) throws(EventRowError) -> [Entity] {
        guard let value else { return [] }
        guard let items = value.array else { throw fail("entities", "expected a JSON array") }
        var entities: [Entity] = []
        for (index, item) in items.enumerated() {
            guard let typeName = item["type"]?.string else { throw fail("entities", "[\(index)].type is missing") }
            guard let entityValue = item["value"]?.string, !entityValue.isEmpty else {
                throw fail("entities", "[\(index)].value is missing")
            }
            guard let type = EntityType(rawValue: typeName) else { continue }
            let role = item["role"]?.string.flatMap(EntityRole.init(rawValue:)) ?? .related
            entities.append(Entity(type, entityValue, role: role, original: item["original"]?.string))
        }
        return entities
    }
}
