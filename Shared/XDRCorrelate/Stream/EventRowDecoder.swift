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
    /// Decodes one row of a result whose columns are `columns`, whose id the reader has already
    /// read (`id`); rows of `tenant` only (the reader asked for them), so the tenant is compared as
    /// text rather than parsed for every row.
    static func decode(_ row: Row, _ columns: EventColumns, id: Int64, tenant: UUID, tenantText: String) throws(EventRowError) -> CorrelationEvent {
        func fail(_ column: EventColumns.Column, _ reason: String) -> EventRowError {
            EventRowError(eventID: id, column: column.name, reason: reason)
        }
        func text(_ column: EventColumns.Column) -> String? { row.text(at: column.position) }
        func int(_ column: EventColumns.Column) throws(EventRowError) -> Int? {
            guard let text = text(column) else { return nil }
            guard let value = Int(text) else { throw fail(column, "is not a valid Int: \"\(text.prefix(40))\"") }
            return value
        }
        func strings(_ column: EventColumns.Column) throws(EventRowError) -> [String] {
            guard let items = row.strings(at: column.position) else {
                throw fail(column, "is not an array: \"\((text(column) ?? "").prefix(40))\"")
            }
            return items
        }

        guard let tenantID = text(columns.tenantID) else { throw fail(columns.tenantID, "missing") }
        guard tenantID == tenantText else { throw fail(columns.tenantID, "belongs to tenant \(tenantID), not \(tenantText)") }
        let layerText = text(columns.layer) ?? ""
        guard let layer = Layer(rawValue: layerText) else { throw fail(columns.layer, "unknown layer \"\(layerText)\"") }
        let kindText = text(columns.kind) ?? ""
        guard let kind = EventKind(rawValue: kindText) else { throw fail(columns.kind, "unknown kind \"\(kindText)\"") }
        guard let timeText = text(columns.time), let time = PostgresTimestamp.parse(timeText) else {
            throw fail(columns.time, "is not a timestamp")
        }
        let severityID = try int(columns.severityID) ?? 0
        var event = NormalizedEvent(
            time: time, layer: layer, kind: kind,
            classUID: try int(columns.classUID) ?? 0, activityID: try int(columns.activityID) ?? 0,
            severity: Severity(rawValue: severityID) ?? .unknown,
            sourceProduct: text(columns.sourceProduct) ?? "", sourceFormat: text(columns.sourceFormat) ?? "", raw: "")
        event.sourceEventID = text(columns.sourceEventID)
        event.title = text(columns.title)
        event.ruleID = text(columns.ruleID)
        event.attackTechniques = try strings(columns.attackTechniques)
        event.attackTactics = try strings(columns.attackTactics)
        event.outcome = text(columns.outcome)
        event.hostname = text(columns.hostname)
        event.srcIP = text(columns.srcIP)
        event.srcPort = try int(columns.srcPort)
        event.dstIP = text(columns.dstIP)
        event.dstPort = try int(columns.dstPort)
        event.networkProtocol = text(columns.networkProtocol)
        event.userName = text(columns.userName)
        event.emailFrom = text(columns.emailFrom)
        event.emailTo = try strings(columns.emailTo)
        event.emailSubject = text(columns.emailSubject)
        event.emailMessageID = text(columns.emailMessageID)
        event.processImage = text(columns.processImage)
        event.processCommandLine = text(columns.processCmdline)
        event.processPID = try int(columns.processPID)
        event.processGUID = text(columns.processGUID)
        event.parentProcessImage = text(columns.parentImage)
        event.parentProcessGUID = text(columns.parentGUID)
        event.filePath = text(columns.filePath)
        event.domain = text(columns.domain)
        event.url = text(columns.url)
        event.cloudAccount = text(columns.cloudAccount)
        event.cloudRegion = text(columns.cloudRegion)
        event.cloudPrincipal = text(columns.cloudPrincipal)
        event.cloudAccessKeyID = text(columns.cloudAccessKey)
        event.apiOperation = text(columns.apiOperation)
        event.k8sNamespace = text(columns.k8sNamespace)
        event.k8sPod = text(columns.k8sPod)
        event.k8sServiceAccount = text(columns.k8sServiceAccount)
        if let hashes = try json(columns.fileHashes, text(columns.fileHashes), fail)?.object {
            for member in hashes.members { if let value = member.value.text { event.fileHashes[member.key] = value } }
        }
        for entity in try entities(try json(columns.entities, text(columns.entities), fail), { fail(columns.entities, $0) }) {
            event.add(entity)
        }
        if let details = try json(columns.details, text(columns.details), fail) {
            guard let object = details.object else { throw fail(columns.details, "expected a JSON object") }
            event.details = object
        }
        return CorrelationEvent(event: event, id: id, tenantID: tenant)
    }

    private static func json(_ column: EventColumns.Column, _ text: String?,
                             _ fail: (EventColumns.Column, String) -> EventRowError) throws(EventRowError) -> JSONValue? {
        guard let text else { return nil }
        do { return try JSONParser.parse(text) } catch { throw fail(column, error.description) }
    }

    /// `[{"type", "value", "role", "original"}]`. Entity types this build does not know are left
    /// out (they cannot link anyway); a role it does not know reads as `related`.
    private static func entities(_ value: JSONValue?, _ fail: (String) -> EventRowError) throws(EventRowError) -> [Entity] {
        guard let value else { return [] }
        guard let items = value.array else { throw fail("expected a JSON array") }
        var entities: [Entity] = []
        for (index, item) in items.enumerated() {
            guard let typeName = item["type"]?.string else { throw fail("[\(index)].type is missing") }
            guard let entityValue = item["value"]?.string, !entityValue.isEmpty else {
                throw fail("[\(index)].value is missing")
            }
            guard let type = EntityType(rawValue: typeName) else { continue }
            let role = item["role"]?.string.flatMap(EntityRole.init(rawValue:)) ?? .related
            entities.append(Entity(type, entityValue, role: role, original: item["original"]?.string))
        }
        return entities
    }
}
