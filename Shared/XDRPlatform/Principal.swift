import Foundation

/// What an API key may do.
public enum Scope: String, Sendable, CaseIterable {
    case ingest, read, write, admin
}

/// The authenticated caller of a request: an API key of a provider, optionally bound to one tenant.
public struct Principal: Sendable, Equatable {
    public var keyID: UUID
    public var providerID: UUID
    /// The key's tenant; nil for a provider-level operator key.
    public var tenantID: UUID?
    public var scopes: Set<Scope>
    /// Every tenant the key may act for (one for a tenant key, the provider's tenants for an operator key).
    public var tenantIDs: [UUID]

    public var isOperator: Bool { tenantID == nil }

    public init(keyID: UUID, providerID: UUID, tenantID: UUID?, scopes: Set<Scope>, tenantIDs: [UUID]) {
        self.keyID = keyID
        self.providerID = providerID
        self.tenantID = tenantID
        self.scopes = scopes
        self.tenantIDs = tenantIDs
    }
}
