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

/// Turns a row of `events` (as `EventStreamReader` selects it) into the correlator's view of the
/// event, reading the values in place.
///
/// It fills exactly what `CorrelationEvent(event:id:tenantID:)` takes from the normalised event the
/// ingest stored (`EventStreamReaderTests` compares the two for events of every format), without
/// building that event first: the columns the correlator never reads are not selected, numbers and
/// times are parsed from the bytes, and only the strings it keeps are made.
enum EventRowDecoder {
    /// Decodes row `row` of `result`, whose columns are `columns` and whose id the reader has
    /// already read (`id`); rows of `tenant` only (the reader asked for them), so the tenant is
    /// compared as text (`tenantText`, lower case) rather than parsed for every row.
    /// `details`: which details to keep (the rest are skipped unread).
    static func decode(_ result: ResultView, row: Int, _ columns: EventColumns, id: Int64, tenant: UUID,
                       tenantText: String, details selection: DetailSelection = .all) throws(EventRowError) -> CorrelationEvent {
        func fail(_ column: EventColumns.Column, _ reason: String) -> EventRowError {
            EventRowError(eventID: id, column: "\(column.name)", reason: reason)
        }
        func bytes(_ column: EventColumns.Column) -> UnsafeRawBufferPointer? { result.bytes(row, column.position) }
        func text(_ column: EventColumns.Column) -> String? { result.text(row, column.position) }
        func quoted(_ bytes: UnsafeRawBufferPointer) -> String { "\"\(String(decoding: bytes.prefix(40), as: UTF8.self))\"" }
        func int(_ column: EventColumns.Column) throws(EventRowError) -> Int? {
            guard let bytes = bytes(column) else { return nil }
            guard let value = PostgresInteger.parse(bytes), let int = Int(exactly: value) else {
                throw fail(column, "is not a valid Int: \(quoted(bytes))")
            }
            return int
        }
        func strings(_ column: EventColumns.Column) throws(EventRowError) -> [String] {
            guard let bytes = bytes(column) else { return [] }
            guard let items = PostgresArrayText.parse(bytes) else { throw fail(column, "is not an array: \(quoted(bytes))") }
            return items.compactMap { $0 }
        }

        guard let tenantBytes = bytes(columns.tenantID) else { throw fail(columns.tenantID, "missing") }
        guard tenantBytes.elementsEqual(tenantText.utf8) else {
            throw fail(columns.tenantID, "belongs to tenant \(String(decoding: tenantBytes, as: UTF8.self)), not \(tenantText)")
        }
        let layerText = text(columns.layer) ?? ""
        guard let layer = Layer(rawValue: layerText) else { throw fail(columns.layer, "unknown layer \"\(layerText)\"") }
        let kindText = text(columns.kind) ?? ""
        guard let kind = EventKind(rawValue: kindText) else { throw fail(columns.kind, "unknown kind \"\(kindText)\"") }
        guard let timeBytes = bytes(columns.time), let time = PostgresTimestamp.parse(timeBytes) else {
            throw fail(columns.time, "is not a timestamp")
        }
        let severity = Severity(rawValue: try int(columns.severityID) ?? 0) ?? .unknown
        var event = CorrelationEvent(id: id, tenantID: tenant, time: time, layer: layer, kind: kind, severity: severity,
                                     classUID: try int(columns.classUID) ?? 0, title: text(columns.title),
                                     sourceFormat: text(columns.sourceFormat) ?? "",
                                     entities: try entities(bytes(columns.entities)) { fail(columns.entities, $0) })
        event.ruleID = text(columns.ruleID)
        event.attackTechniques = try strings(columns.attackTechniques)
        event.attackTactics = try strings(columns.attackTactics)
        event.outcome = text(columns.outcome)
        event.hostname = text(columns.hostname)
        event.srcIP = text(columns.srcIP)
        event.dstIP = text(columns.dstIP)
        event.dstPort = try int(columns.dstPort)
        event.userName = text(columns.userName)
        event.emailFrom = text(columns.emailFrom)
        event.emailTo = try strings(columns.emailTo)
        event.emailSubject = text(columns.emailSubject)
        event.emailMessageID = text(columns.emailMessageID)
        event.processImage = text(columns.processImage)
        event.processCommandLine = text(columns.processCmdline)
        event.parentProcessImage = text(columns.parentImage)
        event.filePath = text(columns.filePath)
        event.domain = text(columns.domain)
        event.url = text(columns.url)
        event.cloudPrincipal = text(columns.cloudPrincipal)
        event.apiOperation = text(columns.apiOperation)
        if let details = bytes(columns.details) {
            event.details = try scalarDetails(details, selection) { fail(columns.details, $0) }
        }
        event.deviceIPs = event.derivedDeviceIPs()
        return event
    }

    /// `[{"type", "value", "role", "original"}]`, as `NormalizedEvent.add` keeps them (no repeats).
    /// Entity types this build does not know are left out (they cannot link anyway); a role it does
    /// not know reads as `related`. Members read as `JSONValue.string` reads them, the first of a
    /// repeated name counting (as `JSONObject`'s subscript has it).
    private static func entities(_ bytes: UnsafeRawBufferPointer?, _ fail: (String) -> EventRowError) throws(EventRowError) -> [Entity] {
        guard let bytes else { return [] }
        return try walk(bytes, fail) { reader in
            guard try reader.kind() == .array else { throw fail("expected a JSON array") }
            var entities: [Entity] = []
            try reader.beginArray()
            var index = 0
            while try reader.nextElement() {
                defer { index += 1 }
                var type, value, role, original: String?
                if try reader.kind() == .object {
                    try reader.beginObject()
                    while let key = try reader.nextMember() {
                        switch key {
                        case "type" where type == nil: type = try reader.scalarText()
                        case "value" where value == nil: value = try reader.scalarText()
                        case "role" where role == nil: role = try reader.scalarText()
                        case "original" where original == nil: original = try reader.scalarText()
                        default: try reader.skipValue()
                        }
                    }
                } else {
                    try reader.skipValue()
                }
                guard let type else { throw fail("[\(index)].type is missing") }
                guard let value, !value.isEmpty else { throw fail("[\(index)].value is missing") }
                guard let entityType = EntityType(rawValue: type) else { continue }
                let entity = Entity(entityType, value, role: role.flatMap(EntityRole.init(rawValue:)) ?? .related, original: original)
                if !entities.contains(entity) { entities.append(entity) }
            }
            return entities
        }
    }

    /// The details rules can read (`CorrelationEvent.scalarDetails`), straight from the object's text.
    private static func scalarDetails(_ bytes: UnsafeRawBufferPointer, _ selection: DetailSelection,
                                      _ fail: (String) -> EventRowError) throws(EventRowError) -> [String: String] {
        try walk(bytes, fail) { reader in
            guard try reader.kind() == .object else { throw fail("expected a JSON object") }
            var details: [String: String] = [:]
            if selection.keys == nil { details.reserveCapacity(16) }
            try reader.beginObject()
            while let key = try reader.nextMember() {
                guard selection.keeps(key) else {
                    try reader.skipValue()
                    continue
                }
                if let text = try reader.scalarText() { details[key] = text }
            }
            return details
        }
    }

    /// Runs `body` over a JSON document that must end where it does; a syntax error becomes the
    /// column's error.
    private static func walk<T>(_ bytes: UnsafeRawBufferPointer, _ fail: (String) -> EventRowError,
                                _ body: (inout JSONReader) throws -> T) throws(EventRowError) -> T {
        do {
            var reader = JSONReader(buffer: bytes)
            let result = try body(&reader)
            try reader.finish()
            return result
        } catch let error as EventRowError {
            throw error
        } catch {
            throw fail("\(error)")
        }
    }
}
