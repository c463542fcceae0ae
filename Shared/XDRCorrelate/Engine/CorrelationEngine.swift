import Foundation

/// One `TenantEngine` per tenant, created on first sight: tenants never share state, so the same
/// IPs and user names in two tenants never meet.
public final class CorrelationEngine {
    private let setup: @Sendable (UUID) -> (EngineConfiguration, RuleSet)
    private var tenants: [UUID: TenantEngine] = [:]

    /// The same rules for every tenant; `configuration` gives each tenant's settings (domain
    /// map, hubs, critical assets).
    public convenience init(rules: RuleSet,
                            configuration: @escaping @Sendable (UUID) -> EngineConfiguration = { _ in EngineConfiguration() }) {
        self.init { tenant in (configuration(tenant), rules) }
    }

    /// Per-tenant settings and rules (built-in plus the tenant's own, `RuleSet.builtIn(adding:)`).
    public init(setup: @escaping @Sendable (UUID) -> (EngineConfiguration, RuleSet)) {
        self.setup = setup
    }

    /// The tenant's engine, resuming from `state` when given and the tenant is not loaded yet.
    public func engine(for tenant: UUID, resuming state: TenantState? = nil) -> TenantEngine {
        if let engine = tenants[tenant] { return engine }
        let (configuration, rules) = setup(tenant)
        let engine = TenantEngine(tenantID: tenant, configuration: configuration, rules: rules, state: state)
        tenants[tenant] = engine
        return engine
    }

    /// Drops a tenant's engine (its settings or rules changed, or another replica took it over);
    /// the next batch reloads it with `engine(for:resuming:)`.
    public func unload(_ tenant: UUID) {
        tenants[tenant] = nil
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
