import XDRJSON
import XDRModel

/// The `threatsInfoMap` of a TAP message: what was found, how it was classified, whether it stands.
struct ProofpointThreats {
    struct Threat {
        var value: String?
        /// `url`, `attachment` or `message`.
        var type: String
        /// `malware`, `phish`, `spam` or `impostor`.
        var classification: String
        /// `active`, `cleared` or `falsePositive`.
        var status: String?
        var id: String?
        var campaignID: String?
    }

    let all: [Threat]

    init(_ entries: [JSONValue], prefix: String) throws(RecordError) {
        var threats: [Threat] = []
        for (index, entry) in entries.enumerated() {
            guard case .object = entry else {
                throw RecordError(field: "\(prefix)[\(index)]", "expected an object, got \(entry.kindName)")
            }
            guard let classification = entry["classification"]?.text?.lowercased() else {
                throw RecordError.missing("\(prefix)[\(index)].classification")
            }
            threats.append(Threat(value: entry["threat"]?.text, type: entry["threatType"]?.text?.lowercased() ?? "unknown",
                                  classification: classification, status: entry["threatStatus"]?.text,
                                  id: entry["threatID"]?.text, campaignID: entry["campaignID"]?.text ?? entry["campaignId"]?.text))
        }
        all = threats
    }

    /// Threats not withdrawn as false positives: these make the item a detection.
    var active: [Threat] { all.filter { $0.status?.lowercased() != "falsepositive" } }

    /// Malware → High; phish and impostor → Medium; spam → Low (the worst threat wins).
    var severity: Severity { active.map { Self.severity(of: $0.classification) }.max() ?? .informational }

    static func severity(of classification: String) -> Severity {
        switch classification {
        case "malware": .high
        case "phish", "impostor": .medium
        case "spam": .low
        default: .medium
        }
    }

    /// Anything but spam is an attack attempt (ATT&CK Phishing).
    var isAttack: Bool { active.contains { $0.classification != "spam" } }

    /// `Malware, Phish` — distinct classifications in order, capitalised.
    var classificationTitle: String {
        var seen: [String] = []
        for threat in active where !seen.contains(threat.classification) { seen.append(threat.classification) }
        return seen.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: ", ")
    }

    func addDetails(to event: inout NormalizedEvent) {
        guard !all.isEmpty else { return }
        event.setDetail("finding_info.types", .strings(active.map(\.classification)))
        let ids = all.compactMap(\.id)
        if !ids.isEmpty { event.setDetail("finding_info.uid", .strings(ids)) }
        let campaigns = all.compactMap(\.campaignID)
        if !campaigns.isEmpty { event.setDetail("finding_info.campaign_uid", .strings(campaigns)) }
        let statuses = all.compactMap(\.status)
        if !statuses.isEmpty { event.setDetail("finding_info.status", .strings(statuses)) }
    }
}
