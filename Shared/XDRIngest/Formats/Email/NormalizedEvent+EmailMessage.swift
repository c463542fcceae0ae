import Foundation
import XDRModel

extension NormalizedEvent {
    /// Adds a message identifier as an `email_message` entity so that every record about one
    /// message (its delivery, attachments, URLs, clicks) joins on it.
    ///
    /// Internet Message-IDs lose their angle brackets and surrounding space; all ids are
    /// lower-cased (Defender's NetworkMessageId is a GUID whose case varies between tables).
    /// The first id added also fills `emailMessageID`, so callers add the Internet Message-ID first.
    mutating func addEmailMessage(_ raw: String?, role: EntityRole = .related) {
        guard let raw, let id = EmailMessageID.normalize(raw) else { return }
        add(Entity(.emailMessage, id, role: role, original: raw))
        if emailMessageID == nil { emailMessageID = id }
    }
}

/// Normalises message identifiers for joining.
enum EmailMessageID {
    /// `<CAF=x@mail.example.com>` → `caf=x@mail.example.com`; a GUID written without dashes or
    /// with braces (`2bbad36aa4674c7ba82f4b307fff549f`, as message trace examples show it) gets the
    /// dashed form Defender uses; nil for empty or placeholder values.
    static func normalize(_ raw: String) -> String? {
        var text = Substring(raw)
        while let first = text.first, first.isWhitespace || first == "<" || first == "{" { text.removeFirst() }
        while let last = text.last, last.isWhitespace || last == ">" || last == "}" { text.removeLast() }
        guard !text.isEmpty, text != "-" else { return nil }
        let lower = text.lowercased()
        if lower.utf8.count == 32, lower.allSatisfy(\.isHexDigit) {
            let characters = Array(lower)
            return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
        }
        return lower
    }
}

/// Splits the comma- or semicolon-separated lists sources write in one string (`"Phish, Malware"`).
enum EmailList {
    static func split(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(whereSeparator: { $0 == "," || $0 == ";" }).compactMap { part in
            let item = String(part).trimmingCharacters(in: .whitespaces)
            return item.isEmpty ? nil : item
        }
    }
}
