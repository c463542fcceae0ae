import XDRModel

/// Postfix maillog syslog lines, joined by queue id into one event per message within a batch.
///
/// smtpd (`client=`), cleanup (`message-id=`), qmgr (`from=, size=, nrcpt=`), the delivery agents
/// (`to=, relay=, dsn=, status=`) and `removed` lines of one queue id become one Email Activity
/// event numbered by its first line; each `NOQUEUE:` rejection is an event of its own. Lines that
/// are not about a message — other programs, Postfix warnings, SMTP session state, daemon and
/// verbose logging — are rejected with the reason.
public struct PostfixMaillog: EventFormat {
    public init() {}

    public var name: String { "postfix" }
    public var layer: Layer { .email }
    public var summary: String { "Postfix maillog syslog lines, one event per queue id" }
    public var framing: FormatFraming { .lines }

    public func normalize(_ records: [RawRecord], context: FormatContext) -> [FormatOutcome] {
        var outcomes: [FormatOutcome] = []
        var messages: [PostfixMessage] = []
        // Queue ids are unique per host, not across hosts writing to one log.
        var index: [String: Int] = [:]
        var stamps: [String: Int64] = [:]
        for record in records {
            let line: PostfixLine
            do throws(RecordError) {
                line = try PostfixLine.parse(record.text, receivedAt: context.receivedAt, stamps: &stamps)
            } catch {
                outcomes.append(.rejected(number: record.number, error: error))
                continue
            }
            guard line.isPostfix else {
                outcomes.append(.rejected(number: record.number, error: RecordError(field: "program",
                    "\"\(line.program)\" is not a Postfix program; the postfix format reads postfix/* lines only (Dovecot and other mail-stack logs are not message records)")))
                continue
            }
            if let queueID = line.queueID {
                let key = "\(line.host) \(queueID)"
                if let position = index[key] {
                    messages[position].absorb(line, text: record.text)
                } else {
                    var message = PostfixMessage(first: line, number: record.number)
                    message.absorb(line, text: record.text)
                    index[key] = messages.count
                    messages.append(message)
                }
            } else if line.message.hasPrefix("NOQUEUE: ") {
                var message = PostfixMessage(first: line, number: record.number)
                message.absorb(PostfixLine(time: line.time, host: line.host, program: line.program,
                                           queueID: nil, message: line.message.dropFirst("NOQUEUE: ".count)), text: record.text)
                messages.append(message)
            } else {
                outcomes.append(.rejected(number: record.number, error: RecordError(
                    "\(line.program) line without a queue id is not message activity (\(Self.kind(of: line))); only queue-id lines and NOQUEUE rejections become events")))
            }
        }
        for message in messages {
            outcomes.append(.accepted(number: message.firstNumber, event: message.event(format: name)))
        }
        outcomes.sort { Self.number(of: $0) < Self.number(of: $1) }
        return outcomes
    }

    /// What a line without a queue id is, for the rejection reason.
    static func kind(of line: PostfixLine) -> String {
        let message = line.message
        for prefix in ["warning:", "fatal:", "panic:", "error:"] where message.hasPrefix(prefix) { return "\(prefix.dropLast()) message" }
        let session = ["connect from", "disconnect from", "lost connection", "timeout after", "too many errors",
                       "Anonymous TLS connection", "Trusted TLS connection", "Untrusted TLS connection", "Verified TLS connection",
                       "SSL_accept", "improper command pipelining", "setting up TLS connection", "statistics:"]
        if session.contains(where: { message.hasPrefix($0) }) { return "SMTP session state" }
        return "daemon status or verbose logging"
    }

    static func number(of outcome: FormatOutcome) -> Int {
        switch outcome {
        case .accepted(let number, _), .rejected(let number, _): number
        }
    }
}
