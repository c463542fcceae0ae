import XDRJSON
import XDRModel

/// Severity as the API shows it: both the OCSF id and its name.
enum SeverityName {
    static func name(_ id: Int) -> String { Severity(rawValue: id)?.name ?? "Unknown" }

    /// Accepts a name (`high`) or an id (`4`).
    static func parse(_ text: String) -> Int? {
        if let id = Int(text), Severity(rawValue: id) != nil { return id }
        return Severity(name: text)?.rawValue
    }

    static var accepted: [String] { Severity.allCases.map { $0.name.lowercased() } }
}
