import XDRJSON
import XDRModel

/// The Advanced Hunting tables `DefenderEmail` reads.
enum DefenderTable: String, Sendable, CaseIterable {
    case emailEvents = "EmailEvents"
    case emailAttachmentInfo = "EmailAttachmentInfo"
    case emailUrlInfo = "EmailUrlInfo"
    case urlClickEvents = "UrlClickEvents"
    case cloudAppEvents = "CloudAppEvents"

    /// A table from a streaming category (`AdvancedHunting-EmailEvents`), a Log Analytics `Type`
    /// or a hint, case-insensitively.
    init?(named raw: String) {
        var name = Substring(raw)
        let prefix = "advancedhunting-"
        if name.lowercased().hasPrefix(prefix) { name = name.dropFirst(prefix.count) }
        let lower = name.lowercased()
        guard let table = DefenderTable.allCases.first(where: { $0.rawValue.lowercased() == lower }) else { return nil }
        self = table
    }
}

/// One Advanced Hunting row, unwrapped from the streaming envelope when there is one, with its table.
struct DefenderRow {
    let columns: JSONValue
    let table: DefenderTable
    /// `properties.` when the row came in the streaming envelope, so errors name the field as sent.
    let fieldPrefix: String
    let envelopeTime: String?
    let tenantID: String?

    init(_ record: JSONValue, hint: String?) throws(RecordError) {
        if let properties = record["properties"], let category = record["category"]?.text {
            guard case .object = properties else {
                throw RecordError(field: "properties", "expected an object, got \(properties.kindName)")
            }
            guard let table = DefenderTable(named: category) else {
                throw RecordError(field: "category", "Advanced Hunting table \"\(category)\" is not supported (\(DefenderEmail.supportedTables))\(Self.elsewhere(category))")
            }
            columns = properties
            self.table = table
            fieldPrefix = "properties."
            envelopeTime = record["time"]?.text
            tenantID = record["tenantId"]?.text ?? properties["TenantId"]?.text
            return
        }
        columns = record
        fieldPrefix = ""
        envelopeTime = nil
        tenantID = record["TenantId"]?.text
        if let type = record["Type"]?.text {
            guard let table = DefenderTable(named: type) else {
                throw RecordError(field: "Type", "Advanced Hunting table \"\(type)\" is not supported (\(DefenderEmail.supportedTables))\(Self.elsewhere(type))")
            }
            self.table = table
        } else if let hint, let table = DefenderTable(named: hint) {
            self.table = table
        } else {
            table = try Self.infer(record)
        }
    }

    /// Which table a bare row belongs to, from columns only that table has.
    static func infer(_ row: JSONValue) throws(RecordError) -> DefenderTable {
        // Exports of several tables share one union schema, so a column only counts when it has a value.
        func has(_ key: String) -> Bool {
            switch row[key] {
            case nil, .null: return false
            case .string(let text): return !text.isEmpty
            case .array(let items): return !items.isEmpty
            default: return true
            }
        }
        if has("DeliveryAction") || has("EmailDirection") || has("DeliveryLocation") { return .emailEvents }
        if has("IsClickedThrough") || (has("Url") && has("AccountUpn") && has("ActionType")) { return .urlClickEvents }
        if has("UrlLocation") || (has("Url") && has("NetworkMessageId")) { return .emailUrlInfo }
        if has("NetworkMessageId") && (has("SHA256") || has("FileName")) { return .emailAttachmentInfo }
        let looksLike: String
        if has("InitiatingProcessFileName") || has("DeviceId") {
            looksLike = "a Defender for Endpoint Device* row (send it to the endpoint layer)"
        } else if has("DestinationDeviceName") || has("TargetDeviceName") || row["Application"]?.text == "Active Directory" {
            looksLike = "a Defender for Identity Identity* row (send it to the cloud or endpoint layer)"
        } else if has("ActivityObjects") || has("ActivityType") || (has("Application") && has("ApplicationId")) {
            return .cloudAppEvents
        } else {
            looksLike = "no email table's columns"
        }
        throw RecordError("cannot tell the Advanced Hunting table: the row has \(looksLike); supported tables: \(DefenderEmail.supportedTables); name the table with \"Type\" or the hint")
    }

    private static func elsewhere(_ table: String) -> String {
        let lower = table.lowercased()
        if lower.contains("device") { return "; Device* tables belong to the endpoint layer" }
        if lower.contains("identity") || lower.contains("aad") { return "; Identity* tables belong to the cloud layer" }
        return ""
    }

    subscript(_ column: String) -> JSONValue? { columns[column] }

    func text(_ column: String) -> String? { columns[column]?.text }

    func requiredText(_ column: String) throws(RecordError) -> String {
        guard let value = columns[column], !value.isNull else { throw .missing(fieldPrefix + column) }
        guard case .string(let text) = value, !text.isEmpty else {
            throw RecordError(field: fieldPrefix + column, "expected a non-empty string, got \(value.kindName)")
        }
        return text
    }

    func int(_ column: String) throws(RecordError) -> Int? {
        do throws(RecordError) {
            return try columns.optionalInt(column)
        } catch {
            throw RecordError(field: fieldPrefix + column, error.reason)
        }
    }

    /// `Timestamp` (UTC, up to 7 fractional digits), or the envelope's `time` when the row has none.
    func time() throws(RecordError) -> Int64 {
        if let value = columns["Timestamp"], !value.isNull {
            guard case .string(let text) = value else {
                throw RecordError(field: fieldPrefix + "Timestamp", "expected a date string, got \(value.kindName)")
            }
            guard let micros = EventTime.iso8601(text) else { throw .notADate(fieldPrefix + "Timestamp", text) }
            return micros
        }
        guard let envelopeTime else { throw .missing(fieldPrefix + "Timestamp") }
        guard let micros = EventTime.iso8601(envelopeTime) else { throw .notADate("time", envelopeTime) }
        return micros
    }

    /// `ThreatTypes` as a list (`"Phish, Malware"`; Log Analytics exports sometimes write an array).
    var threatTypes: [String] {
        guard let value = columns["ThreatTypes"] else { return [] }
        if case .array = value { return value.strings }
        return EmailList.split(value.text)
    }
}
