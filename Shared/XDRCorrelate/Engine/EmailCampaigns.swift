import XDRModel

/// Remembers who received which mail (by sender + subject, attachment hash, URL, message id) and
/// what recipients later did with the attachment or link, to list an incident's blast radius.
struct EmailCampaigns: Sendable, Codable, Equatable {
    /// The campaign keys of one mail and its recipients.
    struct Keys: Sendable, Codable, Equatable {
        var keys: [String]
        var recipients: [String]
    }

    struct Receipt: Sendable, Codable, Equatable {
        var time: Int64
    }

    /// Campaign key → recipient → earliest receipt.
    private(set) var recipients: [String: [String: Receipt]] = [:]
    /// Indicator (`hash:…`, `url:…`) → user → action → latest time.
    private(set) var actions: [String: [String: [String: Int64]]] = [:]

    var size: Int {
        recipients.values.reduce(0) { $0 + $1.count } + actions.values.reduce(0) { $0 + $1.count }
    }

    /// The campaign keys of an e-mail event, or nil if it is not a message.
    static func keys(of resolved: ResolvedEvent) -> Keys? {
        let event = resolved.event
        guard event.layer == .email, !event.emailTo.isEmpty || event.emailFrom != nil else { return nil }
        var keys: [String] = []
        if let from = event.emailFrom, let subject = event.emailSubject?.lowercased(), !subject.isEmpty {
            keys.append("sender-subject:\(from)|\(subject)")
        }
        if let message = event.emailMessageID { keys.append("message:\(message.lowercased())") }
        for entity in resolved.entities where entity.type == .hash || entity.type == .url {
            keys.append(entity.key)
        }
        let recipients = resolved.entities.filter { $0.type == .email && $0.role == .recipient }.map(\.value)
        return Keys(keys: keys, recipients: recipients.isEmpty ? event.emailTo : recipients)
    }

    /// Learns from an event: receipts from mail, actions from clicks and executions.
    mutating func observe(_ resolved: ResolvedEvent) {
        if let mail = Self.keys(of: resolved) {
            for key in mail.keys {
                for recipient in mail.recipients {
                    let known = recipients[key]?[recipient]
                    if known == nil || known!.time > resolved.time {
                        recipients[key, default: [:]][recipient] = Receipt(time: resolved.time)
                    }
                }
            }
        }
        // Only clicks and runs of a mailed indicator count: most events carry none, and naming
        // the action costs a lower-casing and a search.
        guard resolved.entities.contains(where: { $0.type == .hash || $0.type == .url }),
              let action = Self.action(of: resolved), let user = resolved.user else { return }
        for entity in resolved.entities where entity.type == .hash || entity.type == .url {
            let previous = actions[entity.key]?[user]?[action] ?? resolved.time
            actions[entity.key, default: [:]][user, default: [:]][action] = max(previous, resolved.time)
        }
    }

    private static let clickWords = ["click"]

    /// What a user did with an indicator this event carries, if anything.
    static func action(of resolved: ResolvedEvent) -> String? {
        let event = resolved.event
        // Each part searched in place, without case: "click" holds no space, so it cannot straddle
        // the two, and a joined lower-case copy of them was most of this for every event.
        func mentionsClick(_ text: String?) -> Bool { text.map { CompiledCondition.matches($0, .contains, clickWords) } ?? false }
        if mentionsClick(event.title) || mentionsClick(event.details[CorrelationEvent.activityNameDetail]) { return "clicked" }
        if event.layer == .email { return nil }
        if event.classUID == OCSFClass.processActivity { return "ran" }
        if event.classUID == OCSFClass.fileActivity { return "opened" }
        if event.url != nil, event.layer == .network || event.classUID == OCSFClass.httpActivity { return "clicked" }
        return nil
    }

    /// The other recipients of an incident's mails and what each did.
    /// Keys with more than `bulkAbove` recipients are bulk mail and left out; receipts and actions
    /// before `since` (older than the campaign window, not yet swept) are not counted.
    func blastRadius(keys: Set<String>, own: Set<String>, users: UserDirectory, since: Int64 = .min,
                     bulkAbove: Int = .max) -> EmailBlastRadius? {
        let keys = keys.filter { (recipients[$0]?.count ?? 0) <= bulkAbove }
        guard !keys.isEmpty else { return nil }
        var found: [String: Int64] = [:]
        for key in keys {
            for (address, receipt) in recipients[key] ?? [:] where !own.contains(address) && receipt.time >= since {
                found[address] = min(found[address] ?? receipt.time, receipt.time)
            }
        }
        let indicators = keys.filter { $0.hasPrefix("hash:") || $0.hasPrefix("url:") }
        let others = found.keys.sorted().map { address -> EmailBlastRadius.Recipient in
            let user = users.canonical(address, host: nil)
            var done = Set<String>()
            for indicator in indicators {
                for (action, time) in actions[indicator]?[user] ?? actions[indicator]?[address] ?? [:] where time >= since {
                    done.insert(action)
                }
            }
            return .init(address: address, actions: done.sorted(), receivedAt: found[address]!)
        }
        return EmailBlastRadius(campaignKeys: keys.sorted(), otherRecipients: others)
    }

    /// Forgets mail and actions older than `horizon`.
    mutating func evict(before horizon: Int64) {
        for (key, list) in recipients {
            let kept = list.filter { $0.value.time >= horizon }
            recipients[key] = kept.isEmpty ? nil : kept
        }
        for (indicator, byUser) in actions {
            var keptUsers: [String: [String: Int64]] = [:]
            for (user, done) in byUser {
                let kept = done.filter { $0.value >= horizon }
                if !kept.isEmpty { keptUsers[user] = kept }
            }
            actions[indicator] = keptUsers.isEmpty ? nil : keptUsers
        }
    }
}
