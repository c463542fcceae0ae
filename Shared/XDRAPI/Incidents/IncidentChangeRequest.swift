import XDRHTTP
import XDRJSON

/// A parsed `PATCH /v1/incidents/{id}` body. Unknown members, wrong types and unknown values are
/// 400s that name the member and what it accepts.
struct IncidentChangeRequest {
    static let fields = ["status", "verdict", "assignee", "severity", "severity_reason"]

    var status: IncidentStatus?
    var verdict: IncidentVerdict?
    /// `.some(nil)` clears the assignee.
    var assignee: String??
    var severity: Int?
    var severityReason: String?

    init(body: [UInt8]) throws {
        guard !body.isEmpty else { throw HTTPError.badRequest("the body must be a JSON object with one or more of: \(Self.fields.joined(separator: ", "))") }
        let value: JSONValue
        do { value = try JSONParser.parse(body) } catch {
            throw HTTPError.badRequest("the body is not valid JSON: \(error)")
        }
        guard let object = value.object else { throw HTTPError.badRequest("the body must be a JSON object") }
        let unknown = object.keys.filter { !Self.fields.contains($0) }
        if !unknown.isEmpty {
            throw HTTPError(400, detail: "unknown field(s): \(unknown.joined(separator: ", ")); accepted: \(Self.fields.joined(separator: ", "))",
                            extra: ["fields": .strings(unknown)])
        }
        guard !object.isEmpty else { throw HTTPError.badRequest("nothing to change: give one or more of \(Self.fields.joined(separator: ", "))") }
        if let raw = object["status"] {
            guard let text = raw.strictString, let status = IncidentStatus(rawValue: text) else {
                throw Self.invalid("status", "use one of \(IncidentStatus.names.joined(separator: ", "))")
            }
            self.status = status
        }
        if let raw = object["verdict"] {
            guard let text = raw.strictString, let verdict = IncidentVerdict(rawValue: text) else {
                throw Self.invalid("verdict", "use one of \(IncidentVerdict.names.joined(separator: ", "))")
            }
            self.verdict = verdict
        }
        if let raw = object["assignee"] {
            if raw.isNull {
                assignee = .some(nil)
            } else if let text = raw.strictString, (1...200).contains(text.count) {
                assignee = .some(text)
            } else {
                throw Self.invalid("assignee", "must be a string of 1 to 200 characters, or null to unassign")
            }
        }
        if let raw = object["severity"] {
            let level = raw.int ?? raw.strictString.flatMap(SeverityName.parse)
            guard let level, SeverityName.parse(String(level)) != nil else {
                throw Self.invalid("severity", "use a severity name (\(SeverityName.accepted.joined(separator: ", "))) or id 0-6")
            }
            severity = level
        }
        if let raw = object["severity_reason"] {
            guard let text = raw.strictString, !text.trimmingCharacters(in: .whitespaces).isEmpty, text.count <= 2000 else {
                throw Self.invalid("severity_reason", "must be a non-empty string of at most 2000 characters")
            }
            severityReason = text
        }
        if severity != nil && severityReason == nil {
            throw Self.invalid("severity_reason", "is required when overriding severity: say why")
        }
        if severityReason != nil && severity == nil {
            throw Self.invalid("severity", "is required with severity_reason")
        }
        if verdict != nil && status != .closed {
            throw Self.invalid("verdict", "is given only when closing: send \"status\": \"closed\" with it")
        }
        if status == .closed && verdict == nil {
            throw Self.invalid("verdict", "is required to close an incident; use one of \(IncidentVerdict.names.joined(separator: ", "))")
        }
    }

    static func invalid(_ field: String, _ reason: String) -> HTTPError {
        HTTPError(400, title: "Invalid field", detail: "\(field): \(reason)", extra: ["field": .string(field)])
    }
}

extension JSONValue {
    /// The value only when it is a JSON string: request bodies are strict about types.
    var strictString: String? { if case .string(let text) = self { return text } else { return nil } }
}
