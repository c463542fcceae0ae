import XDRModel

/// What Defender's `ThreatTypes` say about a message, file, URL or click.
///
/// Only `Phish` and `Malware` make a row a detection: `Spam` and `Bulk` verdicts are filtered mail,
/// common enough that seeding incidents from them would bury the real ones.
struct DefenderVerdict {
    let threats: [String]

    init(_ threats: [String]) { self.threats = threats }

    var isMalware: Bool { threats.contains { $0.lowercased().contains("malware") } }
    var isPhish: Bool { threats.contains { $0.lowercased().contains("phish") } }
    var isThreat: Bool { isMalware || isPhish }
    var isSpamOnly: Bool { !isThreat && !threats.isEmpty }

    /// Malware → High, Phish → High with a `High` confidence else Medium, Spam/Bulk → Low,
    /// nothing → Informational.
    func severity(highConfidence: Bool = false) -> Severity {
        if isMalware { return .high }
        if isPhish { return highConfidence ? .high : .medium }
        if isSpamOnly { return .low }
        return .informational
    }
}

extension Severity {
    /// One step worse, at most Critical: a threat that reached the user is worse than one stopped.
    var raised: Severity { self >= .critical ? self : (Severity(rawValue: rawValue + 1) ?? self) }
}
