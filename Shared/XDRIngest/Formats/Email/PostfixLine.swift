import XDRModel

/// One syslog line of a Postfix maillog, split into its header and message.
///
/// `Nov  2 07:05:01 mail postfix/smtpd[1234]: 4F3A41C2: client=unknown[203.0.113.9]` — BSD syslog
/// (no year; taken from the time the batch arrived) or an RFC 3339 timestamp as rsyslog's
/// high-precision template writes it, optionally behind a `<PRI>`.
struct PostfixLine {
    var time: Int64
    var host: String
    /// `postfix/smtpd`, `postfix-submission/smtpd`, `dovecot`.
    var program: String
    /// The queue id the line is about, or nil (NOQUEUE, warnings, daemon and verbose logging).
    var queueID: String?
    /// The text after `program[pid]: ` and the queue id.
    var message: Substring

    var isPostfix: Bool { program.hasPrefix("postfix") }

    /// Parses one line. `stamps` remembers syslog stamps already converted in this batch: busy
    /// maillogs write many lines per second, and each conversion has to work out the year.
    static func parse(_ text: String, receivedAt: Int64, stamps: inout [String: Int64]) throws(RecordError) -> PostfixLine {
        var rest = Substring(text)
        if rest.first == "<", let close = rest.firstIndex(of: ">"), rest[rest.index(after: rest.startIndex)..<close].allSatisfy(\.isNumber) {
            rest = rest[rest.index(after: close)...]
        }
        let time: Int64
        if let first = rest.first, first.isNumber {
            let stamp = Self.token(&rest)
            guard let micros = EventTime.iso8601(String(stamp)) else {
                throw RecordError(field: "timestamp", "not a date: \"\(stamp.prefix(40))\"")
            }
            time = micros
        } else {
            // "Nov  2 07:05:01": month, day (space-padded), clock.
            let month = Self.token(&rest), day = Self.token(&rest), clock = Self.token(&rest)
            let stamp = "\(month) \(day) \(clock)"
            if let known = stamps[stamp] {
                time = known
            } else {
                guard month.count == 3, !day.isEmpty, clock.count >= 8,
                      let micros = EventTime.syslog(stamp, receivedAt: receivedAt) else {
                    throw RecordError(field: "timestamp", "not a syslog line: expected \"Mmm dd hh:mm:ss host program[pid]: message\", got \"\(text.prefix(40))\"")
                }
                stamps[stamp] = micros
                time = micros
            }
        }
        let host: Substring
        let tag: Substring
        if rest.first == "[", let close = rest.firstIndex(of: "]") {
            // Excerpts without a host name: `Dec 18 16:15:27 [postfix/smtpd] connect from …`.
            host = ""
            tag = rest[rest.index(after: rest.startIndex)..<close] + ":"
            rest = rest[rest.index(after: close)...].drop(while: { $0 == " " })
        } else {
            host = Self.token(&rest)
            tag = Self.token(&rest)
        }
        guard tag.hasSuffix(":"), tag.count > 1 else {
            throw RecordError(field: "program", "no \"program[pid]:\" tag after the host in \"\(text.prefix(60))\"")
        }
        var program = tag.dropLast()
        if let bracket = program.firstIndex(of: "[") { program = program[..<bracket] }
        var queueID: String?
        var message = rest
        if let colon = rest.firstIndex(of: ":"), Self.isQueueID(rest[..<colon]) {
            queueID = String(rest[..<colon])
            message = rest[rest.index(after: colon)...].drop(while: { $0 == " " })
        }
        return PostfixLine(time: time, host: String(host), program: String(program),
                           queueID: queueID, message: message)
    }

    /// Short ids are upper-case hex (`4F3A41C2`); long ids (`enable_long_queue_ids`) are
    /// alphanumeric with digits (`4Lq0Xk1m2Hz4x`). Words such as `warning` or `NOQUEUE` are neither.
    static func isQueueID(_ text: Substring) -> Bool {
        guard text.count >= 6, text.count <= 20 else { return false }
        if text.allSatisfy({ $0.isHexDigit && !$0.isLowercase }) { return true }
        return text.count >= 10 && text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) && text.contains(where: \.isNumber)
    }

    /// The next space-separated word, consuming following spaces.
    private static func token(_ rest: inout Substring) -> Substring {
        rest = rest.drop(while: { $0 == " " })
        let end = rest.firstIndex(of: " ") ?? rest.endIndex
        let word = rest[..<end]
        rest = rest[end...].drop(while: { $0 == " " })
        return word
    }
}

/// `key=value` pairs of a Postfix message: `to=<a@b>, relay=mx[1.2.3.4]:25, dsn=2.0.0, status=sent (250 OK)`,
/// also space-separated (`uid=0 from=<root>`, `from=<a> to=<b> proto=ESMTP helo=<h>`).
enum PostfixFields {
    static func parse(_ text: Substring) -> [(key: Substring, value: Substring)] {
        var pairs: [(key: Substring, value: Substring)] = []
        var rest = text
        while !rest.isEmpty {
            rest = rest.drop(while: { $0 == " " || $0 == "," || $0 == ";" })
            guard let first = rest.first else { break }
            if first == "(" {
                // A parenthesised comment, such as "(queue active)".
                let close = rest.firstIndex(of: ")") ?? rest.index(before: rest.endIndex)
                rest = rest[rest.index(after: close)...]
                continue
            }
            let wordEnd = rest.firstIndex(where: { $0 == "=" || $0 == " " || $0 == "," }) ?? rest.endIndex
            guard wordEnd < rest.endIndex, rest[wordEnd] == "=" else {
                rest = rest[wordEnd...]
                if rest.first != nil, rest.first != " ", rest.first != "," { rest = rest.dropFirst() }
                continue
            }
            let key = rest[..<wordEnd]
            rest = rest[rest.index(after: wordEnd)...]
            let value: Substring
            if key == "status" {
                // The status word and the remote server's reply, to the end of the line.
                value = rest
                rest = rest[rest.endIndex...]
            } else if rest.first == "<" {
                let close = rest.firstIndex(of: ">") ?? rest.index(before: rest.endIndex)
                value = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(where: { $0 == " " || $0 == "," }) ?? rest.endIndex
                value = rest[..<end]
                rest = rest[end...]
            }
            pairs.append((key, value))
        }
        return pairs
    }
}
