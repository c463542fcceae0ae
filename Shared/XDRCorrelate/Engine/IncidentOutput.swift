import Foundation
import XDRModel

/// Why an event or derived detection belongs to an incident.
public struct EventLink: Sendable, Codable, Hashable {
    public enum Role: String, Sendable, Codable {
        /// The earliest detection: the incident is named after it.
        case seed
        case detection
        /// Telemetry that shares an entity with the incident's detections.
        case evidence
    }

    public var incidentID: UUID
    /// `events.id`, or nil for a derived detection.
    public var eventID: Int64?
    public var derivedDetectionID: String?
    /// Event time of the member.
    public var time: Int64
    public var role: Role
    /// `seed`, `entity-window`, `rule:<rule id>` (the events a derived detection counted) or
    /// `resolved` (an IP later learned to belong to a host in the incident).
    public var reason: String
    /// The shared entity (`host:ws-alice`), when linked by one.
    public var entity: String?
    /// The window of that entity type, in microseconds.
    public var window: Int64?

    /// `e<events.id>` or the derived detection id: unique among an incident's members.
    public var memberKey: String { eventID.map { "e\($0)" } ?? derivedDetectionID ?? "" }
}

/// What an entity is in the story of an incident.
public enum IncidentEntityRole: String, Sendable, Codable, Comparable {
    case victimHost = "victim_host"
    case attackerIP = "attacker_ip"
    case compromisedUser = "compromised_user"
    case sender
    case recipient
    case maliciousFile = "malicious_file"
    case indicator
    case cloudPrincipal = "cloud_principal"
    case workload
    case internalIP = "internal_ip"
    case related

    /// Position in an incident's entity list (`incident_entities.role_rank`).
    public var rank: Int {
        [.victimHost, .attackerIP, .compromisedUser, .sender, .recipient, .maliciousFile, .indicator,
         .cloudPrincipal, .workload, .internalIP, .related].firstIndex(of: self) ?? 99
    }

    public static func < (a: IncidentEntityRole, b: IncidentEntityRole) -> Bool { a.rank < b.rank }
}

/// An entity of an incident with the part it plays and when it was seen (event time).
public struct IncidentEntity: Sendable, Codable, Hashable {
    public var type: EntityType
    public var value: String
    public var role: IncidentEntityRole
    /// Shown for context, but never used to link or merge.
    public var isHub: Bool
    /// Whether a detection (rather than only evidence) named it.
    public var fromDetection: Bool
    public var firstSeen: Int64
    public var lastSeen: Int64

    public var key: String { "\(type.rawValue):\(value)" }
}

/// Who else received the mail that started an incident, and what they did with it.
public struct EmailBlastRadius: Sendable, Codable, Hashable {
    public struct Recipient: Sendable, Codable, Hashable {
        public var address: String
        /// `clicked`, `ran` (a process with the attachment's hash), `opened` (the file on disk),
        /// from telemetry seen for this recipient.
        public var actions: [String]
        public var receivedAt: Int64
    }

    /// The campaign keys matched: `sender-subject:…`, `hash:…`, `url:…`, `message:…`.
    public var campaignKeys: [String]
    /// Recipients other than the incident's own, ordered by address.
    public var otherRecipients: [Recipient]
}

/// Everything known about an incident after a batch: the payload the integrator persists.
public struct IncidentSnapshot: Sendable, Codable, Hashable {
    public var id: UUID
    public var tenantID: UUID
    /// `e<events.id>` or a derived detection id: the earliest detection.
    public var seedKey: String
    public var title: String
    public var severity: Severity
    public var firstSeen: Int64
    public var lastSeen: Int64
    public var layers: [Layer]
    public var tactics: [String]
    public var techniques: [String]
    /// In the engine's order. In a change for the writer, only the entities new or changed since
    /// this engine last handed the incident over (all of them the first time): rows of
    /// `incident_entities`, upserted.
    public var entities: [IncidentEntity]
    /// Every member with its link reason, in (time, member key) order (empty in `incidentUpdated`).
    public var members: [EventLink]
    /// Members plus the evidence beyond the cap: the incident's event count.
    public var eventCount: Int
    public var derivedDetections: [DerivedDetection]
    public var blastRadius: EmailBlastRadius?
    /// Incidents redirected into this one.
    public var mergedFrom: [UUID]
    /// The incident this one continues after that one reached its detection cap.
    public var continuedFrom: UUID?
    /// Evidence beyond the per-incident cap, counted but not listed.
    public var droppedEvidence: Int

    /// The form kept in `incidents.snapshot`: without the members (rows of `incident_members`),
    /// the entities (rows of `incident_entities`) and the blast radius (column `blast_radius`).
    public var stored: IncidentSnapshot {
        var stored = self
        stored.members = []
        stored.entities = []
        stored.blastRadius = nil
        return stored
    }
}

/// A decision of the engine, to be persisted in the same transaction as the stream checkpoint.
public enum EngineChange: Sendable, Codable, Hashable {
    case derivedDetection(DerivedDetection)
    case incidentCreated(IncidentSnapshot)
    /// The snapshot comes without its member list: `newLinks` are what changed, and
    /// `TenantEngine.incident(_:)` renders the whole incident. Its entities are those new or
    /// changed since the incident was last handed over (an incident never loses entities).
    case incidentUpdated(IncidentSnapshot, newLinks: [EventLink])
    /// `from` is redirected into `into` (the survivor, whose seed is oldest); `bridge` is the link
    /// that joined them.
    case incidentMerged(from: UUID, into: UUID, bridge: EventLink)
}
