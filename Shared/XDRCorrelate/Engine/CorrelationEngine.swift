import Foundation

/// One `TenantEngine` per tenant, created on first sight: tenants never share state, so the same
/// IPs and user names in two tenants never meet.
public final class CorrelationEngine {
    public let rules: RuleSet
    private let configurationFor: (UUID) -> EngineConfiguration
    private var tenants: [UUID: TenantEngine] = [:]

    /// `configuration` gives each tenant's settings (domain map, hubs, critical assets).
    public init(rules: RuleSet, configuration: @escaping (UUID) -> EngineConfiguration = { _ in EngineConfiguration() }) {
        self.rules = rules
        self.configurationFor = configuration
    }

    /// The tenant's engine, resuming from `state` when given and the tenant is not loaded yet.
    public func engine(for tenant: UUID, resuming state: TenantState? = nil) -> TenantEngine {
        if let engine = tenants[tenant] { return engine }
        let engine = TenantEngine(tenantID: tenant, configuration: configurationFor(tenant), rules: rules, state: state)
        tenants[tenant] = engine
        return engine
    }

    /// Splits a batch by tenant (keeping commit order within each) and processes each part.
    public func process(_ batch: [CorrelationEvent]) -> [UUID: [EngineChange]] {
        var byTenant: [UUID: [CorrelationEvent]] = [:]
        var order: [UUID] = []
        for event in batch {
            if byTenant[event.tenantID] == nil { order.append(event.tenantID) }
            byTenant[event.tenantID, default: []].append(event)
        }
        var changes: [UUID: [EngineChange]] = [:]
        for tenant in order { changes[tenant] = engine(for: tenant).process(byTenant[tenant]!) }
        return changes
    }

    public var loadedTenants: [UUID] { tenants.keys.sorted { $0.uuidString < $1.uuidString } }

    public var stats: EngineStats { tenants.values.reduce(EngineStats()) { $0 + $1.stats } }
}
