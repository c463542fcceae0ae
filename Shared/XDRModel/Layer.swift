/// The four telemetry layers Tsunagi correlates across.
public enum Layer: String, Sendable, CaseIterable, Codable {
    case endpoint, email, network, cloud
}

/// OCSF `severity_id`: 0 Unknown, 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical, 6 Fatal.
public enum Severity: Int, Sendable, CaseIterable, Comparable, Codable {
    case unknown = 0, informational, low, medium, high, critical, fatal

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }

    public var name: String {
        switch self {
        case .unknown: "Unknown"
        case .informational: "Informational"
        case .low: "Low"
        case .medium: "Medium"
        case .high: "High"
        case .critical: "Critical"
        case .fatal: "Fatal"
        }
    }

    public init?(name: String) {
        guard let match = Severity.allCases.first(where: { $0.name.lowercased() == name.lowercased() }) else { return nil }
        self = match
    }
}

/// Whether a record is a detection (an alert that can seed an incident) or telemetry (evidence).
public enum EventKind: String, Sendable, Codable {
    case detection, telemetry
}

/// OCSF class identifiers used by the normalisers (OCSF 1.x).
public enum OCSFClass {
    public static let fileActivity = 1001
    public static let kernelActivity = 1003
    public static let moduleActivity = 1005
    public static let scheduledJobActivity = 1006
    public static let processActivity = 1007
    public static let eventLogActivity = 1008
    public static let registryKeyActivity = 201001
    public static let securityFinding = 2001
    public static let vulnerabilityFinding = 2002
    public static let detectionFinding = 2004
    public static let incidentFinding = 2005
    public static let accountChange = 3001
    public static let authentication = 3002
    public static let authorizeSession = 3003
    public static let entityManagement = 3004
    public static let userAccess = 3005
    public static let groupManagement = 3006
    public static let networkActivity = 4001
    public static let httpActivity = 4002
    public static let dnsActivity = 4003
    public static let dhcpActivity = 4004
    public static let rdpActivity = 4005
    public static let smbActivity = 4006
    public static let sshActivity = 4007
    public static let ftpActivity = 4008
    public static let emailActivity = 4009
    public static let networkFileActivity = 4010
    public static let emailFileActivity = 4011
    public static let emailURLActivity = 4012
    public static let ntpActivity = 4013
    public static let tunnelActivity = 4014
    public static let deviceInventoryInfo = 5001
    public static let configState = 5002
    public static let apiActivity = 6003
    public static let webResourcesActivity = 6001
    public static let applicationLifecycle = 6002
    public static let datastoreActivity = 6005
    public static let fileHosting = 6006

    /// OCSF `category_uid` is the class's thousands digit (registry classes aside).
    public static func category(of classUID: Int) -> Int {
        classUID >= 100_000 ? classUID / 100_000 : classUID / 1000
    }
}
