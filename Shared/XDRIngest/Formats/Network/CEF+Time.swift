import XDRJSON
import XDRModel

extension CEF {
    /// The event time: `rt` (the device's receipt time), else `end`, else `start`, else the syslog
    /// header's timestamp, else WithSecure's `details_clientTimestamp`, else the time the batch was
    /// received. The source is recorded in `details["time_source"]`.
    static func time(_ record: CEFRecord, syslog: SyslogMessage?, receivedAt: Int64) throws(RecordError) -> (micros: Int64, source: String) {
        let zone = record["dtz"].flatMap { zoneOffset(Substring($0)) } ?? 0
        func read(_ key: String) throws(RecordError) -> Int64? {
            guard let text = record[key] else { return nil }
            guard let micros = parseTime(text, defaultOffset: zone, receivedAt: receivedAt) else { throw .notADate(key, text) }
            return micros
        }
        for key in ["rt", "deviceReceiptTime", "end", "endTime", "start", "startTime"] {
            if let micros = try read(key) { return (micros, key) }
        }
        if let header = syslog?.timestamp { return (header, "syslog") }
        if let micros = try read("details_clientTimestamp") { return (micros, "details_clientTimestamp") }
        return (receivedAt, "received")
    }

    /// CEF times: epoch milliseconds, `MMM dd yyyy HH:mm:ss[.SSS] [zone]`, `MMM dd HH:mm:ss` (year
    /// from the receipt time) or RFC 3339. A time without a zone is in `dtz`, or UTC.
    static func parseTime(_ text: String, defaultOffset: Int, receivedAt: Int64) -> Int64? {
        if text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") }) {
            return EventTime.epoch(text)
        }
        if let first = text.utf8.first, first >= 0x30 && first <= 0x39 { return EventTime.iso8601(text) }
        var scanner = SyslogScanner(Substring(text))
        guard let local = try? scanner.bsdTimestamp(receivedAt: receivedAt) else { return nil }
        let rest = scanner.rest().drop(while: { $0 == " " })
        let offset = rest.isEmpty ? defaultOffset : zoneOffset(rest)
        guard let offset else { return nil }
        return local - Int64(offset) * 1_000_000
    }

    /// `UTC`, `GMT`, `Z`, `+01:00`, `-0500`, `GMT+01:00` as seconds east of UTC; nil for zone names
    /// that would need a time-zone database.
    static func zoneOffset(_ text: Substring) -> Int? {
        var zone = text
        for prefix in ["UTC", "GMT", "Z"] where zone.hasPrefix(prefix) { zone = zone.dropFirst(prefix.count); break }
        if zone.isEmpty { return 0 }
        guard let sign = zone.first, sign == "+" || sign == "-" else { return nil }
        let digits = zone.dropFirst().filter { $0 != ":" }
        guard digits.count == 4 || digits.count == 2, let value = Int(digits) else { return nil }
        let hours = digits.count == 4 ? value / 100 : value
        let minutes = digits.count == 4 ? value % 100 : 0
        guard hours <= 14, minutes < 60 else { return nil }
        return (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
    }

    /// Details beyond the entity columns, in OCSF naming where OCSF has one.
    static func addDetails(_ record: CEFRecord, syslog: SyslogMessage?, timeSource: String, to event: inout NormalizedEvent) {
        event.setDetail("time_source", timeSource)
        event.setDetail("metadata.product.vendor_name", record.vendor)
        event.setDetail("metadata.product.name", record.product)
        event.setDetail("metadata.product.version", record.deviceVersion)
        event.setDetail("metadata.event_code", record.signatureID)
        event.setDetail("severity_source", record.severity)
        event.setDetail("message", record["msg"])
        event.setDetail("category", record.first("cat", "deviceEventCategory"))
        event.setDetail("disposition", record.first("act", "deviceAction"))
        event.setDetail("app_name", record["app"])
        event.setDetail("device.uid", record["deviceExternalId"])
        event.setDetail("device.process_name", record["deviceProcessName"])
        event.setDetail("http_request.user_agent", record["requestClientApplication"])
        event.setDetail("http_request.http_method", record["requestMethod"])
        event.setDetail("traffic.bytes_in", record["in"].flatMap(Int.init).map { JSONValue.int($0) })
        event.setDetail("traffic.bytes_out", record["out"].flatMap(Int.init).map { JSONValue.int($0) })
        event.setDetail("count", record["cnt"].flatMap(Int.init).map { JSONValue.int($0) })
        event.setDetail("reason", record["reason"])
        for (label, value) in customStrings(record) { event.setDetail("unmapped.\(label)", value) }
        if let syslog {
            event.setDetail("syslog.facility", syslog.facility.map { JSONValue.int($0) })
            event.setDetail("syslog.severity", syslog.severity.map { JSONValue.int($0) })
            event.setDetail("syslog.app_name", syslog.appName)
            event.setDetail("syslog.hostname", syslog.hostname)
        }
    }
}
