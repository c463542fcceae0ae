import XDRModel

/// The native formats the generator writes, named as the ingestion endpoints name them
/// (`POST /v1/ingest/{name}`).
public enum SourceFormat: String, Sendable, CaseIterable, Comparable {
    case sysmon
    case falcon
    case defenderEmail = "defender-email"
    case suricata
    case zeek
    case cloudtrail
    case k8sAudit = "k8s-audit"
    case falco

    /// The format name used in URLs and the format registry.
    public var name: String { rawValue }

    public var layer: Layer {
        switch self {
        case .sysmon, .falcon: .endpoint
        case .defenderEmail: .email
        case .suricata, .zeek: .network
        case .cloudtrail, .k8sAudit, .falco: .cloud
        }
    }

    /// How long after the event a shipper typically delivers it, in microseconds: endpoint agents
    /// stream within seconds, network sensors batch for minutes, CloudTrail lands in S3 minutes late.
    var deliveryDelay: Int64 {
        switch self {
        case .sysmon, .falcon, .falco: 5_000_000
        case .defenderEmail, .k8sAudit: 60_000_000
        case .suricata, .zeek: 240_000_000
        case .cloudtrail: 600_000_000
        }
    }

    /// The span of event time one shipper batch covers, in microseconds.
    var batchWindow: Int64 {
        switch self {
        case .sysmon, .falcon, .falco: 30_000_000
        case .defenderEmail, .k8sAudit: 60_000_000
        case .suricata, .zeek, .cloudtrail: 300_000_000
        }
    }

    public static func < (a: SourceFormat, b: SourceFormat) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
