import XDRModel

/// An entity after resolution: its join key, and what it was resolved from, if anything.
public struct ResolvedEntity: Sendable, Codable, Hashable {
    public var type: EntityType { didSet { key = Self.key(type, value) } }
    public var value: String { didSet { key = Self.key(type, value) } }
    public var role: EntityRole
    /// The key this one was derived from (`ip:10.0.0.23` for a host resolved through a lease).
    public var resolvedFrom: String?
    /// `type:value`, built once: the engine looks entities up by key many times per event.
    public private(set) var key: String

    public init(type: EntityType, value: String, role: EntityRole, resolvedFrom: String? = nil) {
        self.type = type
        self.value = value
        self.role = role
        self.resolvedFrom = resolvedFrom
        key = Self.key(type, value)
    }

    private static func key(_ type: EntityType, _ value: String) -> String { type.rawValue + ":" + value }

    private enum CodingKeys: String, CodingKey { case type, value, role, resolvedFrom }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(type: try container.decode(EntityType.self, forKey: .type), value: try container.decode(String.self, forKey: .value),
                  role: try container.decode(EntityRole.self, forKey: .role),
                  resolvedFrom: try container.decodeIfPresent(String.self, forKey: .resolvedFrom))
    }
}

/// An event with its entities resolved at its own time: IPs to the hosts that held them, user
/// spellings to one person, and the source/destination hosts named for rules.
struct ResolvedEvent: Sendable {
    let shared: SharedEvent
    var entities: [ResolvedEntity]
    var deviceHost: String?
    var srcHost: String?
    var dstHost: String?
    var user: String?

    /// The event itself, read in place (not copied out of its box).
    var event: CorrelationEvent {
        _read { yield shared.event }
    }

    var time: Int64 { event.time }

    /// The person a mail was for (first recipient), else the acting user: who was lured.
    var mailboxUser: String? {
        entities.first(where: { $0.type == .user && $0.role == .target && event.layer == .email })?.value ?? user
    }

    /// Whether telemetry may join an incident through `key`. A logon from another machine is
    /// about where it came from and whose account it used: the receiving host (a file server or
    /// domain controller many people log on to) is only where it landed, so its key alone does not
    /// make the session evidence of that host's incident. The source and the user still link.
    func joins(through key: String) -> Bool {
        guard event.classUID == OCSFClass.authentication, let deviceHost, key == "host:\(deviceHost)",
              let source = event.srcIP, AddressScope.namesAMachine(source), !event.deviceIPs.contains(source),
              srcHost != deviceHost else { return true }
        return false
    }

    /// Keys of entity types that link at all (those with a window), unique, in a stable order.
    func linkKeys(_ configuration: EngineConfiguration) -> [ResolvedEntity] {
        // An event has a handful of entities: a linear check beats hashing into a new set.
        var kept: [ResolvedEntity] = []
        for entity in entities where configuration.window(for: entity.type) != nil
            && (entity.type != .ip || AddressScope.namesAMachine(entity.value)) && !kept.contains(where: { $0.key == entity.key }) {
            kept.append(entity)
        }
        return kept
    }
}

/// Resolves events against what the tenant has learned so far.
struct EventResolver {
    let configuration: EngineConfiguration
    let users: UserDirectory
    let names = NameCache()

    func resolve(_ event: CorrelationEvent, leases: AddressLeases) -> ResolvedEvent {
        resolve(SharedEvent(event), leases: leases)
    }

    func resolve(_ shared: SharedEvent, leases: AddressLeases) -> ResolvedEvent {
        let event = shared.event
        let deviceHost = event.hostname.flatMap(names.shortHost)
            ?? event.entities.first(where: { $0.type == .host && $0.role == .device })?.value
        var resolved: [ResolvedEntity] = []
        var srcHost: String?
        var dstHost: String?
        func add(_ entity: ResolvedEntity) {
            if !resolved.contains(entity) { resolved.append(entity) }
        }
        if let deviceHost { add(ResolvedEntity(type: .host, value: deviceHost, role: .device)) }
        for entity in event.entities {
            switch entity.type {
            case .ip:
                let own = event.deviceIPs.contains(entity.value)
                let holder = own ? deviceHost.map { "host:\($0)" }
                    : leases.holder(of: entity.value, at: event.time, slack: configuration.leaseSlack)
                if let holder, let colon = holder.firstIndex(of: ":"),
                   let type = EntityType(rawValue: String(holder[..<colon])) {
                    let value = String(holder[holder.index(after: colon)...])
                    let role = own ? EntityRole.device : entity.role
                    add(ResolvedEntity(type: type, value: value, role: role, resolvedFrom: entity.key))
                    if type == .host, entity.role == .source { srcHost = srcHost ?? value }
                    if type == .host, entity.role == .destination { dstHost = dstHost ?? value }
                } else {
                    add(ResolvedEntity(type: .ip, value: entity.value, role: entity.role))
                }
            case .user:
                let canonical = names.canonicalUser(entity.value, host: event.hostname, directory: users)
                add(ResolvedEntity(type: .user, value: canonical, role: entity.role))
            case .host:
                if entity.role == .source { srcHost = srcHost ?? entity.value }
                if entity.role == .destination { dstHost = dstHost ?? entity.value }
                add(ResolvedEntity(type: .host, value: entity.value, role: entity.role))
            default:
                add(ResolvedEntity(type: entity.type, value: entity.value, role: entity.role))
            }
        }
        // A connection seen on one end names the device as the other end.
        if dstHost == nil, let srcHost, srcHost != deviceHost { dstHost = deviceHost }
        if srcHost == nil, let dstHost, dstHost != deviceHost { srcHost = deviceHost }
        let user = event.userName.flatMap { names.canonicalUserName($0, host: event.hostname, directory: users) }
            ?? resolved.first(where: { $0.type == .user })?.value
        if let user, !resolved.contains(where: { $0.type == .user && $0.value == user }) {
            add(ResolvedEntity(type: .user, value: user, role: .actor))
        }
        return ResolvedEvent(shared: shared, entities: resolved, deviceHost: deviceHost, srcHost: srcHost,
                             dstHost: dstHost, user: user)
    }
}
