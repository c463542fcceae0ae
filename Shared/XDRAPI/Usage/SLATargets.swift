import XDRJSON

/// How fast each severity must be acknowledged and resolved, in seconds. Defaults follow common
/// MSSP contracts; a tenant overrides them in `tenants.config` as
/// `{"sla": {"acknowledge_seconds": {"critical": 600}, "resolve_seconds": {"high": 86400}}}`.
struct SLATargets {
    static let defaultAcknowledge: [Int: Int] = [6: 900, 5: 900, 4: 1800, 3: 14_400, 2: 86_400, 1: 172_800, 0: 172_800]
    static let defaultResolve: [Int: Int] = [6: 14_400, 5: 14_400, 4: 86_400, 3: 259_200, 2: 604_800, 1: 1_209_600, 0: 1_209_600]

    var acknowledge: [Int: Int]
    var resolve: [Int: Int]

    init(config: JSONValue) {
        acknowledge = Self.merge(Self.defaultAcknowledge, config[path: "sla.acknowledge_seconds"])
        resolve = Self.merge(Self.defaultResolve, config[path: "sla.resolve_seconds"])
    }

    private static func merge(_ defaults: [Int: Int], _ overrides: JSONValue?) -> [Int: Int] {
        var out = defaults
        for member in overrides?.object?.members ?? [] {
            if let level = SeverityName.parse(member.key), let seconds = member.value.int, seconds > 0 { out[level] = seconds }
        }
        return out
    }
}
