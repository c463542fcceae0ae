import XDRModel

/// One ArcSight Common Event Format record: `CEF:Version|Device Vendor|Device Product|Device
/// Version|Signature ID|Name|Severity|Extension`, parsed with CEF's escaping rules (`\|` and `\\`
/// in the header; `\=`, `\\`, `\n`, `\r` in extension values, which may contain spaces).
struct CEFRecord: Sendable {
    var version: String
    var vendor: String
    var product: String
    var deviceVersion: String
    var signatureID: String
    var name: String
    var severity: String
    /// Extension pairs in the order written.
    var extensions: [(key: String, value: String)]

    /// The value of extension `key` when present and not empty.
    subscript(key: String) -> String? {
        for pair in extensions where pair.key == key { return pair.value.isEmpty ? nil : pair.value }
        return nil
    }

    /// The first non-empty value among keys (short and full CEF names: `src`, `sourceAddress`).
    func first(_ keys: String...) -> String? {
        for key in keys { if let value = self[key] { return value } }
        return nil
    }

    /// Parses the text starting at `CEF:`.
    static func parse(_ text: Substring) throws(RecordError) -> CEFRecord {
        guard text.hasPrefix("CEF:") else { throw RecordError(field: "header", "not a CEF record: expected \"CEF:\"") }
        var fields: [String] = []
        var current: [UInt8] = []
        var bytes = Array(text.utf8.dropFirst(4))[...]
        // Seven `|`-terminated header fields; `\|` and `\\` are escapes.
        while fields.count < 7, let byte = bytes.first {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: "\\"), let next = bytes.first, next == UInt8(ascii: "|") || next == UInt8(ascii: "\\") {
                current.append(next)
                bytes = bytes.dropFirst()
            } else if byte == UInt8(ascii: "|") {
                fields.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(byte)
            }
        }
        // A record without extension may also omit the `|` after Severity.
        if fields.count == 6, !current.isEmpty { fields.append(String(decoding: current, as: UTF8.self)) }
        guard fields.count == 7 else {
            throw RecordError(field: "header", "CEF header ends after \(fields.count) of its 7 \"|\"-separated fields (Version|Vendor|Product|Version|SignatureID|Name|Severity)")
        }
        let version = fields[0]
        guard version == "0" || version == "1" else {
            throw RecordError(field: "version", "CEF version \"\(version.prefix(10))\" is not supported (0, 1)")
        }
        return CEFRecord(version: version, vendor: fields[1], product: fields[2], deviceVersion: fields[3],
                         signatureID: fields[4], name: fields[5], severity: String(fields[6].drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()),
                         extensions: parseExtension(Array(bytes)))
    }

    /// `key=value` pairs separated by spaces. A value runs to the space before the next key: an
    /// unescaped `=` preceded by a word that is a valid key name. An `=` after a word that cannot be
    /// a key (`http://host/?a=b`) stays part of the value.
    static func parseExtension(_ bytes: [UInt8]) -> [(key: String, value: String)] {
        var pairs: [(key: String, value: String)] = []
        var keyStart: Int?      // start of the current key
        var keyEnd = 0          // index of its `=`
        var index = 0
        var wordStart = 0       // start of the word being scanned
        func closeValue(at end: Int) {
            guard let start = keyStart else { return }
            var valueEnd = end
            while valueEnd > keyEnd + 1, bytes[valueEnd - 1] == 0x20 { valueEnd -= 1 }
            let key = String(decoding: bytes[start..<keyEnd], as: UTF8.self)
            pairs.append((key, unescape(bytes[(keyEnd + 1)..<max(valueEnd, keyEnd + 1)])))
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") { index += 2; continue }
            if byte == 0x20 { wordStart = index + 1 }
            else if byte == UInt8(ascii: "="), index > wordStart, isKey(bytes[wordStart..<index]) {
                // The previous value ends where this key's word starts.
                closeValue(at: wordStart)
                keyStart = wordStart
                keyEnd = index
                wordStart = index + 1
            }
            index += 1
        }
        closeValue(at: bytes.count)
        return pairs
    }

    private static func isKey(_ word: ArraySlice<UInt8>) -> Bool {
        word.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
        }
    }

    /// Extension value escapes: `\=`, `\\`, `\|`, `\n`, `\r`.
    private static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "\\")) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.endIndex {
                let next = bytes[index + 1]
                switch next {
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "="), UInt8(ascii: "\\"), UInt8(ascii: "|"): output.append(next)
                default: output.append(byte); output.append(next)
                }
                index += 2
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
