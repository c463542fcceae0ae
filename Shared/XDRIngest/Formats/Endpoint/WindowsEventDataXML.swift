/// Reads the `<Data Name="…">value</Data>` pairs of a Windows `<EventData>` XML fragment, as Azure
/// Log Analytics stores it in the `EventData` column of the `SecurityEvent` table.
///
/// A small scanner rather than an XML parser: the fragment is machine-written, flat, and only
/// the five predefined entities and numeric character references occur in it.
enum WindowsEventDataXML {
    /// The named data items in document order; unnamed `<Data>` items are skipped.
    static func pairs(in xml: String) -> [(String, String)] {
        var result: [(String, String)] = []
        let bytes = Array(xml.utf8)
        let open = Array("<Data".utf8)
        var index = 0
        while let start = find(open, in: bytes, from: index) {
            index = start + open.count
            guard index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x3E || bytes[index] == 0x2F else { continue }
            guard let tagEnd = bytes[index...].firstIndex(of: 0x3E) else { break }
            let attributes = String(decoding: bytes[index..<tagEnd], as: UTF8.self)
            index = tagEnd + 1
            guard let name = attribute("Name", in: attributes) else { continue }
            if tagEnd > 0, bytes[tagEnd - 1] == 0x2F { continue } // <Data Name="X" /> is empty
            guard let close = find(Array("</Data>".utf8), in: bytes, from: index) else { break }
            let value = unescape(String(decoding: bytes[index..<close], as: UTF8.self))
            index = close + 7
            if !value.isEmpty, value != "-" { result.append((name, value)) }
        }
        return result
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] {
                var matched = true
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    private static func attribute(_ name: String, in text: String) -> String? {
        guard let range = text.range(of: name + "=") else { return nil }
        let rest = text[range.upperBound...]
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let body = rest.dropFirst()
        guard let end = body.firstIndex(of: quote) else { return nil }
        return String(body[..<end])
    }

    /// Replaces XML entities (`&lt;`, `&amp;`, `&#13;`, `&#x0A;`).
    static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                result.append("&")
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "lt": result.append("<")
            case "gt": result.append(">")
            case "amp": result.append("&")
            case "quot": result.append("\"")
            case "apos": result.append("'")
            default:
                var scalar: Unicode.Scalar?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                }
                if let scalar { result.unicodeScalars.append(scalar) } else { result += "&\(entity);" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        result += rest
        return result
    }
}
