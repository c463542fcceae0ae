import Foundation
import XDRJSON
import XDRModel

/// The lines of one queue id (or one NOQUEUE rejection) gathered into what Postfix did with a message.
struct PostfixMessage {
    struct Delivery {
        var to: String
        var originalTo: String?
        var relay: String?
        var dsn: String?
        var status: String?
        var reply: String?
        var delay: String?
    }

    let queueID: String?
    let host: String
    let time: Int64
    let firstNumber: Int
    var lines: [String] = []
    var clientName: String?
    var clientIP: String?
    var saslUser: String?
    var saslMethod: String?
    var localUID: String?
    var messageID: String?
    var from: String?
    var size: Int?
    var recipientCount: Int?
    var subject: String?
    var helo: String?
    var deliveries: [Delivery] = []
    var rejections: [String] = []
    var removed = false

    init(first line: PostfixLine, number: Int) {
        queueID = line.queueID
        host = line.host
        time = line.time
        firstNumber = number
    }

    mutating func absorb(_ line: PostfixLine, text: String) {
        lines.append(text)
        let message = line.message
        if message.hasPrefix("client=") {
            for (key, value) in PostfixFields.parse(message) {
                switch key {
                case "client": setClient(value)
                case "sasl_username": saslUser = String(value)
                case "sasl_method": saslMethod = String(value)
                default: break
                }
            }
        } else if message.hasPrefix("message-id=") {
            messageID = PostfixFields.parse(message).first.map { String($0.value) }
        } else if message.hasPrefix("uid=") || message.hasPrefix("from=") {
            for (key, value) in PostfixFields.parse(message) {
                switch key {
                case "uid": localUID = String(value)
                case "from": from = String(value)
                case "size": size = Int(value)
                case "nrcpt": recipientCount = Int(value)
                default: break
                }
            }
        } else if message.hasPrefix("to=") {
            absorbDelivery(message)
        } else if message == "removed" {
            removed = true
        } else if let colon = message.firstIndex(of: ":"), Self.actions.contains(String(message[..<colon])) {
            absorbAction(String(message[..<colon]), message[message.index(after: colon)...].drop(while: { $0 == " " }))
        }
    }

    /// smtpd/cleanup actions whose line names the client, the envelope and the reason.
    static let actions: Set<String> = ["reject", "milter-reject", "discard", "hold", "redirect", "filter", "warning", "info", "reject_warning"]
    static let refusals: Set<String> = ["reject", "milter-reject", "discard"]

    private mutating func absorbDelivery(_ message: Substring) {
        var delivery = Delivery(to: "")
        for (key, value) in PostfixFields.parse(message) {
            switch key {
            case "to": delivery.to = String(value)
            case "orig_to": delivery.originalTo = String(value)
            case "relay": delivery.relay = String(value)
            case "dsn": delivery.dsn = String(value)
            case "delay": delivery.delay = String(value)
            case "status":
                let word = value.prefix(while: { $0 != " " })
                delivery.status = String(word)
                let reply = value.dropFirst(word.count).drop(while: { $0 == " " })
                if reply.hasPrefix("("), reply.hasSuffix(")") { delivery.reply = String(reply.dropFirst().dropLast()) }
            default: break
            }
        }
        if !delivery.to.isEmpty { deliveries.append(delivery) }
    }

    /// `RCPT from unknown[203.0.113.9]: 554 5.7.1 <x@y>: Relay access denied; from=<a> to=<b> proto=ESMTP helo=<h>`
    /// or, from header checks, `header Subject: Hello from host[ip]; from=<a> to=<b> proto=ESMTP helo=<h>: 5.7.1 reason`.
    private mutating func absorbAction(_ action: String, _ body: Substring) {
        let envelopeStart = body.range(of: "; from=")?.lowerBound ?? body.range(of: "; to=")?.lowerBound ?? body.endIndex
        let head = body[..<envelopeStart]
        let envelope = body[envelopeStart...]
        var recipient: String?
        for (key, value) in PostfixFields.parse(envelope) {
            switch key {
            case "from": if from == nil { from = String(value) }
            case "to": recipient = String(value)
            case "helo": helo = String(value)
            default: break
            }
        }
        var reason: Substring = ""
        if head.hasPrefix("header ") || head.hasPrefix("body ") {
            let afterKind = head.drop(while: { $0 != " " }).dropFirst()
            if let nameEnd = afterKind.range(of: ": ") {
                let name = afterKind[..<nameEnd.lowerBound]
                var value = afterKind[nameEnd.upperBound...]
                if let origin = value.range(of: " from ", options: .backwards) {
                    setClient(value[origin.upperBound...])
                    value = value[..<origin.lowerBound]
                }
                if name.lowercased() == "subject", subject == nil { subject = String(value) }
            }
            if let replyStart = envelope.range(of: ">: ", options: .backwards) { reason = envelope[replyStart.upperBound...] }
        } else if let fromRange = head.range(of: " from "), let replyStart = head.range(of: "]: ") {
            setClient(head[fromRange.upperBound..<head.index(after: replyStart.lowerBound)])
            reason = head[replyStart.upperBound...]
        }
        if Self.refusals.contains(action) {
            rejections.append(reason.isEmpty ? action : "\(action): \(reason)")
            if let recipient { deliveries.append(Delivery(to: recipient, status: action, reply: reason.isEmpty ? nil : String(reason))) }
        }
    }

    /// `unknown[203.0.113.9]`, `mail.example.com[203.0.113.9]`.
    private mutating func setClient(_ value: Substring) {
        guard clientIP == nil, let open = value.firstIndex(of: "["), let close = value.lastIndex(of: "]"), open < close else { return }
        clientName = String(value[..<open])
        clientIP = String(value[value.index(after: open)..<close])
    }
}
