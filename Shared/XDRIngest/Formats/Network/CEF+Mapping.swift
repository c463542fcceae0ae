import XDRJSON
import XDRModel

extension CEF {
    /// CEF severity (0–10 or its names) as an OCSF severity: 0–3 Low, 4–6 Medium, 7–8 High,
    /// 9–10 Very-High → Critical.
    static func severity(_ text: String) throws(RecordError) -> Severity {
        if let level = Int(text) {
            switch level {
            case 0...3: return .low
            case 4...6: return .medium
            case 7...8: return .high
            case 9...10: return .critical
            default: break
            }
        } else {
            switch text.lowercased() {
            case "low": return .low
            case "medium": return .medium
            case "high": return .high
            case "very-high", "very high", "veryhigh": return .critical
            case "unknown", "": return .unknown
            default: break
            }
        }
        throw RecordError(field: "severity", "expected 0 to 10 or Low, Medium, High, Very-High, Unknown, got \"\(text.prefix(20))\"")
    }

    /// Action words (in `act`, or the action suffix of a `vendor.action` signature id) that mean
    /// the device stopped something.
    static let stoppingActions = ["deny", "denied", "drop", "block", "reject", "quarantin", "prevent",
                                  "terminat", "disinfect", "delete", "kill", "reset", "sinkhole"]
    /// Words in the signature id, name or category that mean a threat was recognised.
    static let threatWords = ["threat", "intrusion", "malware", "virus", "exploit", "spyware", "ransom",
                              "trojan", "attack", "vulnerab", "c2", "botnet", "phish"]

    /// Why a record counts as a detection.
    enum DetectionReason { case highSeverity, stoppingAction, threat }

    /// The detection rule documented in docs/formats/cef.md; nil for telemetry.
    static func detectionReason(_ record: CEFRecord, severity: Severity) -> DetectionReason? {
        if severity >= .high { return .highSeverity }
        if isThreat(record) { return .threat }
        var actions: [String] = []
        if let action = record.first("act", "deviceAction") { actions.append(action.lowercased()) }
        if record.signatureID.contains("."), let suffix = record.signatureID.split(separator: ".").last {
            actions.append(suffix.lowercased())
        }
        return actions.contains(where: { action in stoppingActions.contains { action.contains($0) } }) ? .stoppingAction : nil
    }

    private static let threatWordBytes = threatWords.map { Array($0.utf8) }

    /// Whether a threat word starts a word of the signature id, name or category: after a
    /// non-alphanumeric character or at a CamelCase boundary (`AntiMalware`), so that `c2` does not
    /// match inside `ec2` or a hex string.
    private static func isThreat(_ record: CEFRecord) -> Bool {
        let original = Array("\(record.signatureID) \(record.name) \(record.first("cat", "deviceEventCategory") ?? "")".utf8)
        let lower = original.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        for word in threatWordBytes where word.count <= lower.count {
            for start in 0...(lower.count - word.count) where lower[start] == word[0] {
                guard lower[start..<(start + word.count)].elementsEqual(word) else { continue }
                let isUpper = original[start] >= 0x41 && original[start] <= 0x5A
                if start == 0 || !isAlphanumeric(original[start - 1]) || isUpper { return true }
            }
        }
        return false
    }

    static let loginWords = ["authenticat", "logon", "login", "logoff", "logout", "sign-in", "signin"]

    /// OCSF class, activity and title.
    static func classify(_ record: CEFRecord, detection: DetectionReason?, event: inout NormalizedEvent) {
        let name = record.name.isEmpty ? record.signatureID : record.name
        let label = "\(record.signatureID) \(record.name)".lowercased()
        if let detection {
            event.classUID = OCSFClass.detectionFinding
            event.activityID = 1
            event.title = name
            // A firewall's denied-traffic record is named after the log (`TRAFFIC|end`): say what was stopped.
            if detection == .stoppingAction, event.srcIP != nil || event.dstIP != nil, let action = record.first("act", "deviceAction") {
                event.title = "\(record.signatureID.isEmpty ? name : record.signatureID) \(action) \(NetworkActivity.summary(event))"
            }
        } else if loginWords.contains(where: { label.contains($0) }) {
            event.classUID = OCSFClass.authentication
            event.activityID = label.contains("logoff") || label.contains("logout") ? 2 : 1
            event.title = name
        } else if event.url != nil {
            event.classUID = OCSFClass.httpActivity
            event.activityID = NetworkActivity.http(method: record.first("requestMethod"))
            event.title = "\(name) \(event.url!)"
        } else if event.srcIP != nil || event.dstIP != nil {
            event.classUID = OCSFClass.networkActivity
            event.activityID = NetworkActivity.traffic
            event.title = "\(name) \(NetworkActivity.summary(event))"
        } else {
            event.classUID = 0 // OCSF Base Event: an audit or status record with no closer class
            event.activityID = 0
            event.title = name
        }
    }

    /// Join keys from the CEF dictionary's address, host, user, file and URL keys (short or full names).
    static func addEntities(_ record: CEFRecord, to event: inout NormalizedEvent) throws(RecordError) {
        let srcPort = try port(record, "spt", "sourcePort")
        let dstPort = try port(record, "dpt", "destinationPort")
        try addIP(record, keys: ["src", "sourceAddress", "c6a2"], role: .source, port: srcPort, to: &event)
        try addIP(record, keys: ["dst", "destinationAddress", "c6a3"], role: .destination, port: dstPort, to: &event)
        try addIP(record, keys: ["dvc", "deviceAddress"], role: .device, port: nil, to: &event)
        // NAT addresses belong to the same connection: related, not the endpoints themselves.
        for key in ["sourceTranslatedAddress", "destinationTranslatedAddress"] {
            if let value = record[key], EntityNormalizer.ip(value) != nil { event.addIP(value, role: .related) }
        }
        if let proto = record.first("proto", "transportProtocol") {
            event.networkProtocol = ["6": "tcp", "17": "udp", "1": "icmp", "58": "ipv6-icmp"][proto] ?? proto.lowercased()
        }
        event.addHost(record.first("dvchost", "deviceHostName"), role: .device)
        event.addHost(record.first("shost", "sourceHostName"), role: .source)
        event.addHost(record.first("dhost", "destinationHostName"), role: .destination)
        NetworkActivity.addMAC(record.first("smac", "sourceMacAddress"), role: .source, to: &event)
        NetworkActivity.addMAC(record.first("dmac", "destinationMacAddress"), role: .destination, to: &event)
        event.addUser(record.first("suser", "sourceUserName"), domain: record.first("sntdom", "sourceNtDomain"), role: .actor)
        event.addUser(record.first("duser", "destinationUserName"), domain: record.first("dntdom", "destinationNtDomain"), role: .target)
        if let url = record.first("request", "requestURL") { event.addURL(url, role: .destination) }
        let directory = record.first("filePath")
        let fileName = record.first("fname", "fileName")
        event.addFile(directory.map { path in fileName.map { "\(path)\(path.hasSuffix("\\") || path.hasSuffix("/") ? "" : "/")\($0)" } ?? path } ?? fileName, role: .target)
        event.addHash(record["fileHash"], role: .target)
        event.addHash(record["oldFileHash"], role: .related)
        if let process = record.first("sproc", "sourceProcessName") {
            event.addProcess(image: process, pid: Int(record.first("spid", "sourceProcessId") ?? ""), role: .actor)
        }
        for (label, value) in customStrings(record) {
            let lower = label.lowercased()
            if lower.contains("technique") { event.addTechniques([value]) }
            if lower.contains("tactic") { event.addTactics(value.split(separator: ",").map(String.init)) }
        }
        if let outcome = record["outcome"]?.lowercased() {
            switch outcome {
            case "success", "true", "succeeded", "allow", "allowed": event.outcome = "success"
            case "failure", "false", "failed", "fail", "deny", "denied": event.outcome = "failure"
            default: break
            }
        }
    }

    private static func port(_ record: CEFRecord, _ keys: String...) throws(RecordError) -> Int? {
        for key in keys {
            guard let text = record[key] else { continue }
            guard let port = Int(text), (0...65535).contains(port) else {
                throw RecordError(field: key, "expected a port number (0-65535), got \"\(text.prefix(20))\"")
            }
            return port
        }
        return nil
    }

    private static func addIP(_ record: CEFRecord, keys: [String], role: EntityRole, port: Int?, to event: inout NormalizedEvent) throws(RecordError) {
        for key in keys {
            guard let text = record[key] else { continue }
            guard EntityNormalizer.ip(text) != nil else { throw RecordError(field: key, "not an IP address: \"\(text.prefix(64))\"") }
            event.addIP(text, role: role, port: port)
            return
        }
    }

    /// `csN`/`cnN`/`flexStringN` values with their `…Label` (or the key when unlabelled).
    static func customStrings(_ record: CEFRecord) -> [(label: String, value: String)] {
        var result: [(label: String, value: String)] = []
        for prefix in ["cs", "cn", "cfp", "flexString", "flexNumber", "deviceCustomDate", "c6a"] {
            for index in 1...6 {
                let key = "\(prefix)\(index)"
                guard let value = record[key] else { continue }
                result.append((record["\(key)Label"] ?? key, value))
            }
        }
        return result
    }
}
