import XDRModel

/// Reads the pieces of a syslog header from the front of a line, left to right.
struct SyslogScanner {
    private var text: Substring

    init(_ text: Substring) { self.text = text }

    /// `<PRI>`: nil when the line does not start with `<`, an error when it does but is malformed.
    mutating func priority() throws(SyslogParseError) -> Int? {
        guard text.first == "<" else { return nil }
        guard let close = text.prefix(5).firstIndex(of: ">") else { throw SyslogParseError("invalid <PRI>: no closing '>' within 3 digits") }
        let digits = text[text.index(after: text.startIndex)..<close]
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let value = Int(digits), value <= 191 else {
            throw SyslogParseError("invalid <PRI> \"\(text[...close])\": expected 0 to 191")
        }
        text = text[text.index(after: close)...]
        return value
    }

    /// The RFC 5424 VERSION (digits then a space) right after `<PRI>`; nothing is consumed otherwise.
    mutating func version() -> Int? {
        let digits = text.prefix(while: \.isASCIIDigit)
        guard !digits.isEmpty, digits.count <= 2, text.dropFirst(digits.count).first == " " else { return nil }
        text = text.dropFirst(digits.count + 1)
        return Int(digits)
    }

    /// The next space-delimited word, consumed.
    mutating func word() -> Substring? {
        text = text.drop(while: { $0 == " " })
        guard !text.isEmpty else { return nil }
        let word = text.prefix(while: { $0 != " " })
        text = text.dropFirst(word.count)
        return word
    }

    func peekWord() -> Substring? {
        var copy = self
        return copy.word()
    }

    /// RFC 5424 STRUCTURED-DATA: `-`, or one or more `[…]` elements (quotes and `\]` respected).
    mutating func structuredData() throws(SyslogParseError) -> String? {
        text = text.drop(while: { $0 == " " })
        if text.first == "-" {
            text = text.dropFirst()
            return nil
        }
        guard text.first == "[" else {
            if text.isEmpty { return nil }
            throw SyslogParseError("RFC 5424 STRUCTURED-DATA must be \"-\" or start with \"[\", found \"\(text.prefix(20))\"")
        }
        let start = text.startIndex
        var index = start
        var inQuotes = false
        var escaped = false
        while index < text.endIndex {
            let character = text[index]
            if escaped { escaped = false }
            else if character == "\\" { escaped = true }
            else if character == "\"" { inQuotes.toggle() }
            else if character == "]" && !inQuotes {
                let next = text.index(after: index)
                // Elements follow each other without a space; anything else ends the structured data.
                if next == text.endIndex || text[next] != "[" {
                    let data = String(text[start...index])
                    text = text[next...]
                    return data
                }
            }
            index = text.index(after: index)
        }
        throw SyslogParseError("RFC 5424 STRUCTURED-DATA is not closed with \"]\"")
    }

    /// The message: everything after the single space that ends the header.
    mutating func rest() -> Substring {
        if text.first == " " { text = text.dropFirst() }
        return text
    }

    /// A BSD timestamp (`Nov 22 10:00:00`, `Nov  2 10:00:00.123`, `Nov 22 2026 10:00:00`) or an
    /// RFC 3339 one; nil (nothing consumed) when the line does not start with either.
    mutating func bsdTimestamp(receivedAt: Int64) throws(SyslogParseError) -> Int64? {
        var copy = self
        guard let first = copy.word() else { return nil }
        if first.first?.isASCIIDigit == true, let micros = EventTime.iso8601(String(first)) {
            self = copy
            return micros
        }
        guard first.count == 3, let month = Self.months.firstIndex(of: first.lowercased()) else { return nil }
        guard let day = copy.word(), let dayNumber = Int(day), (1...31).contains(dayNumber), var clock = copy.word() else {
            throw SyslogParseError("BSD timestamp \"\(first) …\" is incomplete")
        }
        var year: Int?
        if clock.count == 4, let value = Int(clock) {
            year = value
            guard let next = copy.word() else { throw SyslogParseError("BSD timestamp \"\(first) \(day) \(clock)\" has no time") }
            clock = next
        }
        let text = "\(first) \(day) \(clock)"
        let micros: Int64?
        if let time = Self.clock(clock) {
            micros = year.map {
                EventTime.civil(year: $0, month: month + 1, day: dayNumber, seconds: time.seconds, micros: time.micros, offset: 0)
            } ?? EventTime.syslog(text, receivedAt: receivedAt)
        } else {
            micros = nil
        }
        guard let micros else { throw SyslogParseError("not a BSD syslog timestamp: \"\(text)\"") }
        self = copy
        return micros
    }

    /// `hh:mm:ss` with an optional fraction, as seconds of the day and microseconds.
    static func clock(_ text: Substring) -> (seconds: Int, micros: Int)? {
        let parts = text.split(separator: ":")
        guard parts.count == 3, let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60 else { return nil }
        let secondParts = parts[2].split(separator: ".", maxSplits: 1)
        guard let second = Int(secondParts[0]), second <= 60 else { return nil }
        var micros = 0
        if secondParts.count == 2 {
            guard let fraction = Int((String(secondParts[1]) + "000000").prefix(6)) else { return nil }
            micros = fraction
        }
        return (hour * 3600 + minute * 60 + second, micros)
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// A BSD TAG word (`sshd[42]:`, `app:`) as name and pid, or nil when the word is not one.
    static func tag(_ word: Substring) -> (name: String, pid: String?)? {
        guard word.count >= 2, word.last == ":" else { return nil }
        var name = word.dropLast()
        var pid: String?
        if name.last == "]", let open = name.firstIndex(of: "[") {
            pid = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            name = name[..<open]
        }
        guard !name.isEmpty, name.count <= 48,
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." || $0 == "/" }) else { return nil }
        return (String(name), pid)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
