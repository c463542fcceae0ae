import XDRJSON

/// One event in Tsunagi's shared, OCSF-aligned schema, as a normaliser produces it.
///
/// Normalisers fill what the source carries and add every entity worth joining on through
/// `add(_:)` helpers; the first-class fields (host, IPs, user, process, …) become columns of
/// `events`, the entities become `entity_keys` for correlation, and `raw` is kept verbatim.
public struct NormalizedEvent: Sendable {
    /// Event time in microseconds since the Unix epoch (UTC).
    public var time: Int64
    public var layer: Layer
    public var kind: EventKind
    public var classUID: Int
    public var activityID: Int
    public var severity: Severity
    /// The product that wrote the record (`Microsoft Sysmon`, `Suricata`, `AWS CloudTrail`).
    public var sourceProduct: String
    /// Tsunagi's format name (`sysmon`, `suricata`, `cloudtrail`).
    public var sourceFormat: String
    /// The source's own identifier of this record, when it has one.
    public var sourceEventID: String?
    /// A short human title: the rule or alert name for detections, a one-line summary for telemetry.
    public var title: String?
    public var ruleID: String?
    /// MITRE ATT&CK technique ids (`T1059.001`) and tactic names (`execution`) the source carries.
    public var attackTechniques: [String] = []
    public var attackTactics: [String] = []
    /// `success`, `failure` or nil when the source does not say.
    public var outcome: String?

    // First-class columns.
    public var hostname: String?
    public var srcIP: String?
    public var srcPort: Int?
    public var dstIP: String?
    public var dstPort: Int?
    public var networkProtocol: String?
    public var userName: String?
    public var emailFrom: String?
    public var emailTo: [String] = []
    public var emailSubject: String?
    public var emailMessageID: String?
    public var processImage: String?
    public var processCommandLine: String?
    public var processPID: Int?
    public var processGUID: String?
    public var parentProcessImage: String?
    public var parentProcessGUID: String?
    public var filePath: String?
    /// Hashes by algorithm (`md5`, `sha1`, `sha256`), lower-case hex.
    public var fileHashes: [String: String] = [:]
    public var domain: String?
    public var url: String?
    public var cloudAccount: String?
    public var cloudRegion: String?
    public var cloudPrincipal: String?
    public var cloudAccessKeyID: String?
    public var apiOperation: String?
    public var k8sNamespace: String?
    public var k8sPod: String?
    public var k8sServiceAccount: String?

    /// Every entity worth joining on, with its role and the form the source wrote.
    public private(set) var entities: [Entity] = []
    /// Further normalised fields in OCSF naming (`http_request.user_agent`, `dns.query`), as JSON.
    public var details = JSONObject()
    /// The original record exactly as received.
    public var raw: String

    public init(time: Int64, layer: Layer, kind: EventKind, classUID: Int, activityID: Int = 0,
                severity: Severity, sourceProduct: String, sourceFormat: String, raw: String) {
        self.time = time
        self.layer = layer
        self.kind = kind
        self.classUID = classUID
        self.activityID = activityID
        self.severity = severity
        self.sourceProduct = sourceProduct
        self.sourceFormat = sourceFormat
        self.raw = raw
    }

    /// OCSF `type_uid` = class_uid × 100 + activity_id.
    public var typeUID: Int { classUID * 100 + activityID }
    public var categoryUID: Int { OCSFClass.category(of: classUID) }

    /// Adds an already-normalised entity once (same type, value and role).
    public mutating func add(_ entity: Entity) {
        guard !entity.value.isEmpty, !entities.contains(entity) else { return }
        entities.append(entity)
    }

    /// The distinct `type:value` join keys of this event.
    public var entityKeys: [String] {
        var seen = Set<String>()
        var keys: [String] = []
        for entity in entities where seen.insert(entity.key).inserted { keys.append(entity.key) }
        return keys
    }

    public func entities(of type: EntityType) -> [Entity] { entities.filter { $0.type == type } }
}

extension NormalizedEvent {
    /// Normalises and adds a host (device, source or destination), setting `hostname` for the device.
    public mutating func addHost(_ raw: String?, role: EntityRole = .device) {
        guard let raw, let host = EntityNormalizer.host(raw) else { return }
        add(Entity(.host, host.short, role: role, original: raw))
        if role == .device, hostname == nil { hostname = host.full }
    }

    /// Normalises and adds an IP address; sets `srcIP`/`dstIP` for those roles when still empty.
    public mutating func addIP(_ raw: String?, role: EntityRole, port: Int? = nil) {
        guard let raw, let ip = EntityNormalizer.ip(raw) else { return }
        add(Entity(.ip, ip, role: role, original: raw))
        switch role {
        case .source where srcIP == nil:
            srcIP = ip
            srcPort = port
        case .destination where dstIP == nil:
            dstIP = ip
            dstPort = port
        default: break
        }
    }

    /// Adds a user principal in whatever form the source wrote (`CORP\alice`, UPN, ARN, bare name).
    public mutating func addUser(_ raw: String?, domain: String? = nil, role: EntityRole = .actor) {
        guard let raw, let user = EntityNormalizer.user(raw, domain: domain) else { return }
        add(Entity(.user, user, role: role, original: domain.map { "\($0)\\\(raw)" } ?? raw))
        if userName == nil, role == .actor || role == .target { userName = user }
    }

    public mutating func addEmail(_ raw: String?, role: EntityRole) {
        guard let raw, let address = EntityNormalizer.email(raw) else { return }
        add(Entity(.email, address, role: role, original: raw))
        // A mailbox is also a user principal: the same person in directory and cloud logs.
        add(Entity(.user, address, role: role == .sender ? .actor : .target, original: raw))
        switch role {
        case .sender where emailFrom == nil: emailFrom = address
        case .recipient where !emailTo.contains(address): emailTo.append(address)
        default: break
        }
    }

    /// Adds a file hash; the algorithm is inferred from the length when not given.
    public mutating func addHash(_ raw: String?, algorithm: String? = nil, role: EntityRole = .related) {
        guard let raw, let hash = EntityNormalizer.hash(raw, algorithm: algorithm) else { return }
        add(Entity(.hash, hash.value, role: role, original: raw == hash.value ? nil : raw))
        if fileHashes[hash.algorithm] == nil { fileHashes[hash.algorithm] = hash.value }
    }

    /// Adds a domain name (lower-case, trailing dot removed).
    public mutating func addDomain(_ raw: String?, role: EntityRole = .destination) {
        guard let raw, let name = EntityNormalizer.domain(raw) else { return }
        add(Entity(.domain, name, role: role, original: raw))
        if domain == nil { domain = name }
    }

    /// Adds a URL and its host as a domain (or IP).
    public mutating func addURL(_ raw: String?, role: EntityRole = .destination) {
        guard let raw, let normalized = EntityNormalizer.url(raw) else { return }
        add(Entity(.url, normalized.url, role: role, original: raw))
        if url == nil { url = normalized.url }
        if let host = normalized.host {
            if EntityNormalizer.ip(host) != nil { addIP(host, role: role) } else { addDomain(host, role: role) }
        }
    }

    /// Adds a process by image path (and GUID when the source has one), setting the process columns.
    public mutating func addProcess(image: String?, commandLine: String? = nil, pid: Int? = nil, guid: String? = nil, role: EntityRole = .actor) {
        if role == .actor {
            if processImage == nil { processImage = image }
            if processCommandLine == nil { processCommandLine = commandLine }
            if processPID == nil { processPID = pid }
            if processGUID == nil { processGUID = guid.map(EntityNormalizer.guid) }
        }
        if let guid { add(Entity(.process, EntityNormalizer.guid(guid), role: role, original: guid)) }
    }

    public mutating func addFile(_ path: String?, role: EntityRole = .target) {
        guard let path, !path.isEmpty else { return }
        if filePath == nil { filePath = path }
        add(Entity(.file, EntityNormalizer.fileName(path), role: role, original: path))
    }

    public mutating func addCloudAccount(_ raw: String?) {
        guard let raw = raw?.trimmed, !raw.isEmpty else { return }
        add(Entity(.cloudAccount, raw.lowercased(), role: .related))
        if cloudAccount == nil { cloudAccount = raw }
    }

    /// Adds a cloud principal (ARN, service account e-mail, Azure object id); for assumed-role
    /// sessions whose session name is a person (`…/AWSReservedSSO_Admin_x/alice@corp.example`),
    /// the person is added as a user too.
    public mutating func addCloudPrincipal(_ raw: String?, role: EntityRole = .actor) {
        guard let raw = raw?.trimmed, !raw.isEmpty else { return }
        add(Entity(.cloudPrincipal, EntityNormalizer.cloudPrincipal(raw), role: role, original: raw))
        if cloudPrincipal == nil { cloudPrincipal = raw }
        if let person = EntityNormalizer.personInPrincipal(raw) { addUser(person, role: role) }
    }

    public mutating func addAccessKey(_ raw: String?) {
        guard let raw = raw?.trimmed, !raw.isEmpty else { return }
        add(Entity(.accessKey, raw, role: .actor))
        if cloudAccessKeyID == nil { cloudAccessKeyID = raw }
    }

    public mutating func addKubernetes(namespace: String?, pod: String?, serviceAccount: String?) {
        if let namespace = namespace?.trimmed, !namespace.isEmpty {
            k8sNamespace = k8sNamespace ?? namespace
            add(Entity(.k8sNamespace, namespace.lowercased(), role: .related))
            if let pod = pod?.trimmed, !pod.isEmpty {
                k8sPod = k8sPod ?? pod
                add(Entity(.k8sPod, "\(namespace.lowercased())/\(pod.lowercased())", role: .target, original: pod))
            }
        }
        if let serviceAccount = serviceAccount?.trimmed, !serviceAccount.isEmpty {
            k8sServiceAccount = k8sServiceAccount ?? serviceAccount
            add(Entity(.k8sServiceAccount, serviceAccount.lowercased(), role: .actor))
        }
    }

    /// Adds ATT&CK technique ids found in free text or lists (`T1059.001`, `attack.t1059`).
    public mutating func addTechniques(_ values: [String]) {
        for value in values {
            for technique in EntityNormalizer.techniques(in: value) where !attackTechniques.contains(technique) {
                attackTechniques.append(technique)
            }
        }
    }

    public mutating func addTactics(_ values: [String]) {
        for value in values {
            guard let tactic = EntityNormalizer.tactic(value), !attackTactics.contains(tactic) else { continue }
            attackTactics.append(tactic)
        }
    }

    public mutating func setDetail(_ key: String, _ value: JSONValue?) {
        guard let value, !value.isNull else { return }
        details[key] = value
    }

    public mutating func setDetail(_ key: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        details[key] = .string(value)
    }
}

extension String {
    var trimmed: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
