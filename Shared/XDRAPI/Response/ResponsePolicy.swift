import XDRHTTP
import XDRJSON

/// A tenant's response policy, kept in `tenants.config` under `response_policy`:
/// - `mode`: `investigate_first` (default: nothing is isolated without an analyst) or
///   `isolate_on_detection` (victim hosts of incidents at or above `auto_isolate_min_severity`
///   are recommended for automatic isolation);
/// - `critical_hosts`: hosts never isolated automatically, and only with explicit confirmation.
struct ResponsePolicy: Equatable {
    static let modes = ["investigate_first", "isolate_on_detection"]
    static let fields = ["mode", "auto_isolate_min_severity", "critical_hosts"]

    var mode = "investigate_first"
    var autoIsolateMinimum = 4
    var criticalHosts: [String] = []

    init() {}

    /// Reads a stored policy leniently (missing members keep their defaults).
    init(stored: JSONValue?) {
        if let mode = stored?["mode"]?.strictString, Self.modes.contains(mode) { self.mode = mode }
        if let level = stored?["auto_isolate_min_severity"]?.strictString.flatMap(SeverityName.parse) { autoIsolateMinimum = level }
        criticalHosts = (stored?["critical_hosts"]?.array ?? []).compactMap(\.strictString)
    }

    /// Parses a client's policy strictly: every problem is a 400 naming the field.
    init(body: [UInt8]) throws {
        guard let object = (try? JSONParser.parse(body))?.object else {
            throw HTTPError.badRequest("the body must be a JSON object with: \(Self.fields.joined(separator: ", "))")
        }
        let unknown = object.keys.filter { !Self.fields.contains($0) }
        if !unknown.isEmpty { throw HTTPError.badRequest("unknown field(s): \(unknown.joined(separator: ", ")); accepted: \(Self.fields.joined(separator: ", "))") }
        if let raw = object["mode"] {
            guard let mode = raw.strictString, Self.modes.contains(mode) else {
                throw IncidentChangeRequest.invalid("mode", "use one of \(Self.modes.joined(separator: ", "))")
            }
            self.mode = mode
        }
        if let raw = object["auto_isolate_min_severity"] {
            guard let level = raw.strictString.flatMap(SeverityName.parse) else {
                throw IncidentChangeRequest.invalid("auto_isolate_min_severity", "use a severity name: \(SeverityName.accepted.joined(separator: ", "))")
            }
            autoIsolateMinimum = level
        }
        if let raw = object["critical_hosts"] {
            guard let items = raw.array, items.allSatisfy({ $0.strictString?.isEmpty == false }), items.count <= 10_000 else {
                throw IncidentChangeRequest.invalid("critical_hosts", "must be an array of host names")
            }
            criticalHosts = items.compactMap(\.strictString).map { $0.lowercased() }
        }
    }

    func isCritical(_ host: String) -> Bool { criticalHosts.contains(host.lowercased()) }

    var json: JSONValue {
        ["mode": .string(mode), "auto_isolate_min_severity": .string(SeverityName.name(autoIsolateMinimum).lowercased()),
         "critical_hosts": .strings(criticalHosts)]
    }
}
