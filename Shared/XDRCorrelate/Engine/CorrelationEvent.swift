import Foundation
import XDRJSON
import XDRModel

/// One committed event as the correlator sees it: the columns of `events` that correlation and
/// rules read, plus the event's entities. The stream reader builds these from rows in commit order.
public struct CorrelationEvent: Sendable, Codable, Hashable {
    /// `events.id`: unique per deployment, the tie-breaker that makes ordering total.
    public var id: Int64
    public var tenantID: UUID
    /// Event time in microseconds since the Unix epoch.
    public var time: Int64
    public var layer: Layer
    public var kind: EventKind
    public var severity: Severity
    public var classUID: Int
    public var title: String?
    public var ruleID: String?
    public var sourceFormat: String
    public var attackTechniques: [String]
    public var attackTactics: [String]
    public var entities: [Entity]
    public var hostname: String?
    public var userName: String?
    public var srcIP: String?
    public var dstIP: String?
    public var dstPort: Int?
    public var processImage: String?
    public var processCommandLine: String?
    public var parentProcessImage: String?
    public var filePath: String?
    public var url: String?
    public var domain: String?
    public var apiOperation: String?
    public var cloudPrincipal: String?
    public var emailSubject: String?
    public var emailFrom: String?
    public var emailTo: [String]
    public var emailMessageID: String?
    public var outcome: String?
    /// IP addresses that belonged to the reporting device at `time` (an outbound connection's
    /// source on an endpoint, a DHCP lease, an IP entity with role `device`): the input of IP→host
    /// resolution.
    public var deviceIPs: [String]
    /// Scalar details in OCSF naming (`logon.type`, `target_process.image`), readable by rules as
    /// `details.<key>`.
    public var details: [String: String]

    public init(id: Int64, tenantID: UUID, time: Int64, layer: Layer, kind: EventKind,
                severity: Severity = .informational, classUID: Int = 0, title: String? = nil,
                sourceFormat: String = "test", entities: [Entity] = []) {
        self.id = id
        self.tenantID = tenantID
        self.time = time
        self.layer = layer
        self.kind = kind
        self.severity = severity
        self.classUID = classUID
        self.title = title
        self.sourceFormat = sourceFormat
        self.attackTechniques = []
        self.attackTactics = []
        self.entities = entities
        self.emailTo = []
        self.deviceIPs = []
        self.details = [:]
    }

    /// Builds the correlator's view of a normalised event (as the stream reader does from a row).
    public init(event: NormalizedEvent, id: Int64, tenantID: UUID) {
        self.init(id: id, tenantID: tenantID, time: event.time, layer: event.layer, kind: event.kind,
                  severity: event.severity, classUID: event.classUID, title: event.title,
                  sourceFormat: event.sourceFormat, entities: event.entities)
        ruleID = event.ruleID
        attackTechniques = event.attackTechniques
        attackTactics = event.attackTactics
        hostname = event.hostname
        userName = event.userName
        srcIP = event.srcIP
        dstIP = event.dstIP
        dstPort = event.dstPort
        processImage = event.processImage
        processCommandLine = event.processCommandLine
        parentProcessImage = event.parentProcessImage
        filePath = event.filePath
        url = event.url
        domain = event.domain
        apiOperation = event.apiOperation
        cloudPrincipal = event.cloudPrincipal
        emailSubject = event.emailSubject
        emailFrom = event.emailFrom
        emailTo = event.emailTo
        emailMessageID = event.emailMessageID
        outcome = event.outcome
        details = CorrelationEvent.scalarDetails(event.details)
        deviceIPs = derivedDeviceIPs()
    }

    /// The details rules can read: members with a scalar value, as text.
    static func scalarDetails(_ object: JSONObject) -> [String: String] {
        var details: [String: String] = [:]
        details.reserveCapacity(object.members.count)
        for member in object.members {
            if let text = member.value.string { details[member.key] = text }
        }
        return details
    }

    /// Where a connection's direction is given, in the order `derivedDeviceIPs` reads them.
    static let directionDetails = ["connection_info.direction", "network.direction"]
    /// The activity of an email or click event (`EmailCampaigns.action`).
    static let activityNameDetail = "activity_name"
    /// The details the engine itself reads; rules add theirs (`RuleSet.detailSelection`).
    static let detailKeysReadByTheEngine = Set(directionDetails + [activityNameDetail])

    /// Which of the event's IPs the reporting device itself held.
    func derivedDeviceIPs() -> [String] {
        var found = entities.filter { $0.type == .ip && $0.role == .device }.map(\.value)
        guard let hostname else { return found }
        if let spelled = CloudHostNames.address(spelledBy: hostname) { found.append(spelled) }
        if classUID == OCSFClass.dhcpActivity, let ip = srcIP ?? dstIP {
            found.append(ip)
        }
        let direction = (Self.directionDetails.lazy.compactMap { details[$0] }.first ?? "").lowercased()
        if layer == .endpoint, ["outbound", "egress", "2"].contains(direction), let src = srcIP {
            found.append(src)
        }
        if layer == .endpoint, ["inbound", "ingress", "1"].contains(direction), let dst = dstIP {
            found.append(dst)
        }
        var seen = Set<String>()
        return found.filter { seen.insert($0).inserted }
    }

    /// A stable key for ordering: event time first, then id.
    var orderKey: EventOrderKey { EventOrderKey(time: time, key: "e\(String(id))") }
}

/// A total order over events and derived detections: event time, then a stable key.
public struct EventOrderKey: Sendable, Codable, Hashable, Comparable {
    public var time: Int64
    public var key: String
    public static func < (a: EventOrderKey, b: EventOrderKey) -> Bool {
        a.time != b.time ? a.time < b.time : a.key < b.key
    }
}
