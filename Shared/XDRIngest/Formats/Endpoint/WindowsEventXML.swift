import XDRModel

/// The `<System>` header of a rendered Windows event (`<Event><System><EventID>…`), as Sysmon for
/// Linux writes it to syslog and event forwarders pass it on. The `<EventData>` items are read by
/// `WindowsEventDataXML`.
struct WindowsEventXML {
    var eventID: Int
    var time: Int64
    var channel: String?
    var computer: String?
    var provider: String?
    var recordID: String?
    var level: Int?

    /// Reads the header, naming `field` (the member that held the XML) in errors.
    init(_ xml: String, field: String) throws(RecordError) {
        guard let idText = Self.element("EventID", in: xml) else { throw RecordError(field: field, "event XML has no <EventID>") }
        guard let id = Int(idText), (0...65_535).contains(id) else {
            throw RecordError(field: field, "event XML <EventID> is not an event id: \"\(idText.prefix(20))\"")
        }
        eventID = id
        guard let created = Self.attribute("SystemTime", of: "TimeCreated", in: xml) else {
            throw RecordError(field: field, "event XML has no <TimeCreated SystemTime=…>")
        }
        guard let micros = EventTime.iso8601(created) else { throw .notADate("\(field) TimeCreated", created) }
        time = micros
        channel = Self.element("Channel", in: xml)
        computer = Self.element("Computer", in: xml)
        provider = Self.attribute("Name", of: "Provider", in: xml)
        recordID = Self.element("EventRecordID", in: xml)
        level = Self.element("Level", in: xml).flatMap { Int($0) }
    }

    /// The text of the first `<name …>text</name>` element (attributes allowed).
    static func element(_ name: String, in xml: String) -> String? {
        var search = xml[...]
        while let open = search.range(of: "<\(name)") {
            let after = search[open.upperBound...]
            guard let next = after.first else { return nil }
            guard next == ">" || next == " " else { search = after; continue }
            guard let tagEnd = after.firstIndex(of: ">") else { return nil }
            if tagEnd > after.startIndex, after[after.index(before: tagEnd)] == "/" { return nil }
            let content = after[after.index(after: tagEnd)...]
            guard let close = content.range(of: "</\(name)>") else { return nil }
            let text = WindowsEventDataXML.unescape(String(content[..<close.lowerBound]))
            return text.isEmpty ? nil : text
        }
        return nil
    }

    /// The value of `attribute` on the first `<element …>` tag.
    static func attribute(_ attribute: String, of element: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(element) ") else { return nil }
        let tag = xml[open.upperBound...].prefix { $0 != ">" }
        guard let start = tag.range(of: "\(attribute)=\"") else { return nil }
        let value = tag[start.upperBound...].prefix { $0 != "\"" }
        return value.isEmpty ? nil : WindowsEventDataXML.unescape(String(value))
    }
}
