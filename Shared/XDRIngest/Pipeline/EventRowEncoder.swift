import XDRCrypto
import XDRJSON
import XDRModel
import XDRStore

/// Encodes normalised events as `COPY … FROM STDIN` text rows for the staging table.
///
/// Column order matches `EventWriter.stagingColumns`. Text escaping follows PostgreSQL's COPY text
/// format: backslash, tab, newline and carriage return are escaped, `\N` is NULL.
enum EventRowEncoder {
    static func append(_ event: NormalizedEvent, tenant: String, to out: inout [UInt8]) {
        field(tenant, &out)
        field(PostgresTimestamp.format(micros: event.time), &out)
        field(event.layer.rawValue, &out)
        field(event.kind.rawValue, &out)
        field(String(event.classUID), &out)
        field(String(event.activityID), &out)
        field(String(event.typeUID), &out)
        field(String(event.categoryUID), &out)
        field(String(event.severity.rawValue), &out)
        field(event.sourceProduct, &out)
        field(event.sourceFormat, &out)
        field(event.sourceEventID, &out)
        field(event.title, &out)
        field(event.ruleID, &out)
        field(arrayLiteral(event.attackTechniques), &out)
        field(arrayLiteral(event.attackTactics), &out)
        field(event.outcome, &out)
        field(event.hostname, &out)
        field(event.srcIP, &out)
        field(event.srcPort.map(String.init), &out)
        field(event.dstIP, &out)
        field(event.dstPort.map(String.init), &out)
        field(event.networkProtocol, &out)
        field(event.userName, &out)
        field(event.emailFrom, &out)
        field(event.emailTo.isEmpty ? nil : arrayLiteral(event.emailTo), &out)
        field(event.emailSubject, &out)
        field(event.emailMessageID, &out)
        field(event.processImage, &out)
        field(event.processCommandLine, &out)
        field(event.processPID.map(String.init), &out)
        field(event.processGUID, &out)
        field(event.parentProcessImage, &out)
        field(event.parentProcessGUID, &out)
        field(event.filePath, &out)
        field(event.fileHashes.isEmpty ? nil : JSONWriter.serialize(.object(JSONObject(event.fileHashes.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: .string($0.value)) }))), &out)
        field(event.domain, &out)
        field(event.url, &out)
        field(event.cloudAccount, &out)
        field(event.cloudRegion, &out)
        field(event.cloudPrincipal, &out)
        field(event.cloudAccessKeyID, &out)
        field(event.apiOperation, &out)
        field(event.k8sNamespace, &out)
        field(event.k8sPod, &out)
        field(event.k8sServiceAccount, &out)
        field(arrayLiteral(event.entityKeys), &out)
        field(entitiesJSON(event.entities), &out)
        field(JSONWriter.serialize(.object(event.details)), &out)
        field(ByteA(fingerprint(event)).postgresText, &out)
        field(event.raw, &out, last: true)
    }

    /// De-duplication key: the same bytes of the same format for a tenant are the same record.
    static func fingerprint(_ event: NormalizedEvent) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(Array(event.sourceFormat.utf8))
        hasher.update([0x0A])
        hasher.update(Array(event.raw.utf8))
        // Formats that derive several events from one record tell them apart by source id.
        if let id = event.sourceEventID { hasher.update([0x0A]); hasher.update(Array(id.utf8)) }
        hasher.update(Array(String(event.classUID).utf8))
        return Array(hasher.finalize().prefix(16))
    }

    static func entitiesJSON(_ entities: [Entity]) -> String {
        var out = "["
        for (index, entity) in entities.enumerated() {
            if index > 0 { out += "," }
            out += "{\"type\":\"\(entity.type.rawValue)\",\"value\":"
            JSONWriter.appendQuoted(entity.value, to: &out)
            out += ",\"role\":\"\(entity.role.rawValue)\""
            if let original = entity.original {
                out += ",\"original\":"
                JSONWriter.appendQuoted(original, to: &out)
            }
            out += "}"
        }
        return out + "]"
    }

    static func arrayLiteral(_ items: [String]) -> String {
        var out = "{"
        for (index, item) in items.enumerated() {
            if index > 0 { out += "," }
            out += "\""
            for scalar in item.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { out += "\\" }
                out.unicodeScalars.append(scalar)
            }
            out += "\""
        }
        return out + "}"
    }

    @inline(__always)
    static func field(_ value: String?, _ out: inout [UInt8], last: Bool = false) {
        if var value {
            value.withUTF8 { appendEscaped($0, to: &out) }
        } else {
            out.append(0x5C)
            out.append(UInt8(ascii: "N"))
        }
        out.append(last ? 0x0A : 0x09)
    }

    /// Copies `bytes` in runs, escaping only the few bytes COPY text treats specially: appending
    /// byte by byte was the ingestor's largest cost.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x00 else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            switch byte {
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
            default: break // text columns cannot hold NUL; JSON escapes keep it in raw as \u0000
            }
            runStart = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }
}
