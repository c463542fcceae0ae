/// Kinds of entity that correlation joins on. The raw value is the prefix of an entity key.
public enum EntityType: String, Sendable, CaseIterable, Codable {
    case host
    case ip
    case mac
    case user
    case email
    case hash
    case process
    case file
    case domain
    case url
    case cloudAccount = "cloud_account"
    case cloudPrincipal = "cloud_principal"
    case accessKey = "access_key"
    case k8sNamespace = "k8s_namespace"
    case k8sPod = "k8s_pod"
    case k8sServiceAccount = "k8s_sa"
    case emailMessage = "email_message"
}

/// The part an entity plays in one event.
public enum EntityRole: String, Sendable, Codable {
    case actor        // who acted: the user or process that did it
    case target       // what was acted on
    case source = "src"
    case destination = "dst"
    case device       // the reporting host
    case sender
    case recipient
    case related
}

/// One entity seen in an event: normalised value for joining, the form the source wrote, and its role.
public struct Entity: Sendable, Hashable, Codable {
    public var type: EntityType
    public var value: String
    public var role: EntityRole
    public var original: String?

    public init(_ type: EntityType, _ value: String, role: EntityRole = .related, original: String? = nil) {
        self.type = type
        self.value = value
        self.role = role
        self.original = (original == value) ? nil : original
    }

    /// The join key stored in `events.entity_keys`: `type:value`.
    public var key: String { "\(type.rawValue):\(value)" }
}
