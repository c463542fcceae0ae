import Foundation
import XDRModel
@testable import XDRCorrelate

/// Builds events the way the normalisers do (through `NormalizedEvent`'s helpers), numbered in
/// creation order, at minute offsets from a fixed start.
struct EventFactory {
    static let start: Int64 = 1_800_000_000_000_000
    let tenant: UUID
    var nextID: Int64 = 1
    /// Every event made, as the ingest would store it (for tests that go through PostgreSQL).
    var normalized: [NormalizedEvent] = []

    init(tenant: UUID = UUID(uuidString: "00000000-0000-0000-0000-00000000000A")!, firstID: Int64 = 1) {
        self.tenant = tenant
        nextID = firstID
    }

    static func time(_ minutes: Double) -> Int64 { start + Int64(minutes * 60_000_000) }

    mutating func make(_ minutes: Double, _ layer: Layer, _ kind: EventKind = .telemetry, severity: Severity = .informational,
                       classUID: Int = 0, format: String = "test", build: (inout NormalizedEvent) -> Void) -> CorrelationEvent {
        var event = NormalizedEvent(time: Self.time(minutes), layer: layer, kind: kind, classUID: classUID, severity: severity,
                                    sourceProduct: "test", sourceFormat: format, raw: "{}")
        build(&event)
        normalized.append(event)
        defer { nextID += 1 }
        return CorrelationEvent(event: event, id: nextID, tenantID: tenant)
    }

    mutating func processStart(_ minutes: Double, host: String, user: String, image: String, parent: String,
                               commandLine: String? = nil) -> CorrelationEvent {
        make(minutes, .endpoint, classUID: OCSFClass.processActivity, format: "sysmon") {
            $0.addHost(host)
            $0.addUser(user)
            $0.addProcess(image: image, commandLine: commandLine ?? image)
            $0.parentProcessImage = parent
            $0.title = "Process Create"
        }
    }

    /// Sysmon event 3 on `host`, outbound from its own `srcIP`.
    mutating func connection(_ minutes: Double, host: String, srcIP: String, dstIP: String, dstPort: Int,
                             user: String? = nil) -> CorrelationEvent {
        make(minutes, .endpoint, classUID: OCSFClass.networkActivity, format: "sysmon") {
            $0.addHost(host)
            $0.addUser(user)
            $0.addIP(srcIP, role: .source, port: 50_000)
            $0.addIP(dstIP, role: .destination, port: dstPort)
            $0.setDetail("connection_info.direction", "outbound")
            $0.title = "Network connection"
        }
    }

    mutating func networkAlert(_ minutes: Double, srcIP: String, dstIP: String, title: String,
                               tactics: [String] = ["command_and_control"], severity: Severity = .high) -> CorrelationEvent {
        make(minutes, .network, .detection, severity: severity, classUID: OCSFClass.detectionFinding, format: "suricata") {
            $0.addIP(srcIP, role: .source)
            $0.addIP(dstIP, role: .destination, port: 443)
            $0.title = title
            $0.addTactics(tactics)
        }
    }

    mutating func endpointAlert(_ minutes: Double, host: String, user: String? = nil, title: String,
                                tactics: [String] = ["execution"], severity: Severity = .high,
                                build: (inout NormalizedEvent) -> Void = { _ in }) -> CorrelationEvent {
        make(minutes, .endpoint, .detection, severity: severity, classUID: OCSFClass.detectionFinding, format: "crowdstrike") {
            $0.addHost(host)
            $0.addUser(user)
            $0.title = title
            $0.addTactics(tactics)
            build(&$0)
        }
    }

    mutating func email(_ minutes: Double, from: String, to: String, subject: String, hash: String? = nil,
                        url: String? = nil, kind: EventKind = .telemetry) -> CorrelationEvent {
        make(minutes, .email, kind, severity: kind == .detection ? .high : .informational,
             classUID: OCSFClass.emailActivity, format: "defender_email") {
            $0.addEmail(from, role: .sender)
            $0.addEmail(to, role: .recipient)
            $0.emailSubject = subject
            $0.addHash(hash)
            $0.addURL(url)
            $0.title = kind == .detection ? "Phish delivered" : "Email delivered"
            if kind == .detection { $0.addTactics(["initial_access"]) }
        }
    }

    mutating func urlClick(_ minutes: Double, user: String, url: String) -> CorrelationEvent {
        make(minutes, .email, classUID: OCSFClass.emailURLActivity, format: "defender_url_click") {
            $0.addUser(user)
            $0.addURL(url)
            $0.title = "URL click"
        }
    }

    mutating func logon(_ minutes: Double, host: String, srcIP: String, user: String, type: Int) -> CorrelationEvent {
        make(minutes, .endpoint, classUID: OCSFClass.authentication, format: "windows_security") {
            $0.addHost(host)
            $0.addIP(srcIP, role: .source)
            $0.addUser(user, role: .target)
            $0.setDetail("logon.type", String(type))
            $0.outcome = "success"
            $0.title = "An account was successfully logged on"
        }
    }
}

extension Array where Element == EngineChange {
    var created: [IncidentSnapshot] {
        compactMap { if case .incidentCreated(let snapshot) = $0 { return snapshot } else { return nil } }
    }

    var derived: [DerivedDetection] {
        compactMap { if case .derivedDetection(let detection) = $0 { return detection } else { return nil } }
    }

    var merges: [(from: UUID, into: UUID)] {
        compactMap { if case .incidentMerged(let from, let into, _) = $0 { return (from, into) } else { return nil } }
    }
}

extension IncidentSnapshot {
    var eventIDs: Set<Int64> { Set(members.compactMap(\.eventID)) }
    var derivedRules: Set<String> { Set(derivedDetections.map(\.ruleID)) }
}

/// A small deterministic random generator for shuffles.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func corpConfiguration() -> EngineConfiguration {
    var configuration = EngineConfiguration()
    configuration.userDomains = ["corp": "corp.example"]
    return configuration
}

func builtInEngine(tenant: UUID = EventFactory().tenant, configuration: EngineConfiguration = corpConfiguration()) throws -> TenantEngine {
    TenantEngine(tenantID: tenant, configuration: configuration, rules: try RuleSet.builtIn())
}
