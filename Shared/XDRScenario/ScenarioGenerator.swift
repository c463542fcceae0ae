/// Builds deterministic datasets of realistic attacks hidden in benign activity, in the native
/// formats the ingestion services accept, together with their ground truth.
///
/// The same seed always yields byte-identical batches; a different seed changes ids, ports,
/// GUIDs and noise while keeping the attack stories (and shared indicators) the same.
public struct ScenarioGenerator: Sendable {
    public let seed: UInt64

    /// 2026-11-22T08:00:00Z, the start of the default working day.
    public static let defaultStart: Int64 = 1_795_334_400 * 1_000_000

    /// Largest body a batch may grow to before it is split.
    public static let maximumBatchBytes = 2 << 20

    public init(seed: UInt64) { self.seed = seed }

    /// Writes the scenarios for the tenants and returns batches in arrival order plus ground truth.
    ///
    /// Attacks run in the first tenant; `.twoTenants` repeats the phishing campaign in the second;
    /// background noise and benign activity (when asked for) run in every tenant.
    /// - Throws: `ScenarioError` when no tenant is given, tenants repeat, or `.twoTenants` lacks a
    ///   second tenant.
    public func build(_ scenarios: [ScenarioKind], tenants: [String], start: Int64 = defaultStart,
                      noise: NoiseLevel = .light) throws(ScenarioError) -> GeneratedDataset {
        guard let first = tenants.first else { throw ScenarioError("at least one tenant is needed") }
        guard Set(tenants).count == tenants.count else { throw ScenarioError("tenant labels must be distinct: \(tenants)") }
        if scenarios.contains(.twoTenants) && tenants.count < 2 {
            throw ScenarioError("scenario two-tenants needs two tenants, got \(tenants.count)")
        }
        let wanted = Set(scenarios)
        let minute: Int64 = 60_000_000
        var truth = GroundTruth()
        var records: [GeneratedRecord] = []

        for (index, tenant) in tenants.enumerated() {
            let company = SyntheticCompany(tenant: tenant, awsAccountID: SyntheticCompany.awsAccount(forTenantAt: index))
            let context = ScenarioContext(company: company, seed: seed)
            // Sub-second offsets so scenario records do not all sit on whole seconds.
            var offsets = SplitMix64(seed: seed, stream: "starts:" + tenant)
            func at(_ minutes: Int64) -> Int64 { start + minutes * minute + Int64(offsets.below(1_000_000)) }
            if wanted.contains(.benignNoise) {
                truth.benignAlerts += BenignActivityScenario().write(context, at: at(0)).benignAlerts
            }
            if tenant == first {
                if wanted.contains(.phishingAttachment) || wanted.contains(.twoTenants) {
                    let kind: ScenarioKind = wanted.contains(.phishingAttachment) ? .phishingAttachment : .twoTenants
                    truth.attacks.append(PhishingAttachmentScenario().write(
                        context, id: "\(kind.rawValue)@\(tenant)", kind: kind, at: at(35)))
                }
                if wanted.contains(.credentialPhishing) {
                    truth.attacks.append(CredentialPhishingScenario().write(context, id: "credential-phishing@\(tenant)", at: at(95)))
                }
                if wanted.contains(.containerEscape) {
                    truth.attacks.append(ContainerEscapeScenario().write(context, id: "container-escape@\(tenant)", at: at(150)))
                }
                if wanted.contains(.dhcpReuse) {
                    let result = DHCPReuseScenario().write(context, id: "dhcp-reuse@\(tenant)", morning: at(60), afternoon: at(330))
                    truth.attacks.append(result.attack)
                    truth.benignAlerts.append(result.laterAlert)
                    truth.forbiddenLinks.append(ForbiddenLink(
                        record: result.laterAlert, attackID: result.attack.id,
                        reason: "\(DHCPReuseScenario.sharedIP) belongs to ws-dave in the afternoon, not to ws-carol"))
                }
            } else if index == 1 && wanted.contains(.twoTenants) {
                // Same campaign, same names and subnets, a different customer, a few minutes later.
                truth.attacks.append(PhishingAttachmentScenario().write(
                    context, id: "two-tenants@\(tenant)", kind: .twoTenants, at: at(41)))
            }
            records += context.records
            records += backgroundNoise(company, start: start, level: noise)
        }

        let batches = Self.batches(records)
        records.sort { ($0.tenant, $0.format, $0.time) < ($1.tenant, $1.format, $1.time) }
        return GeneratedDataset(batches: batches, records: records, truth: truth)
    }

    /// Benign records of `format` for load tests: `count` lines from `startingAt` (microseconds),
    /// `recordsPerSecond` apart, including the occasional low-severity alert.
    public func noise(format: SourceFormat, count: Int, startingAt: Int64 = defaultStart, recordsPerSecond: Int = 1_000,
                      tenant: String = "bench") -> NoiseSequence {
        NoiseSequence(company: SyntheticCompany(tenant: tenant, extraWorkstations: 2_000), seed: seed, format: format,
                      count: max(0, count), start: startingAt, step: max(1, 1_000_000 / Int64(max(1, recordsPerSecond))))
    }

    /// Like `noise(format:…)` with the format named as in the ingestion URL.
    /// - Throws: `ScenarioError` for an unknown format name.
    public func noise(format name: String, count: Int, startingAt: Int64 = defaultStart) throws(ScenarioError) -> NoiseSequence {
        guard let format = SourceFormat(rawValue: name) else {
            throw ScenarioError("unknown format \"\(name)\"; known: \(SourceFormat.allCases.map(\.name).joined(separator: ", "))")
        }
        return noise(format: format, count: count, startingAt: startingAt)
    }

    /// Workstations the scenarios use. They get no background activity, so every record about
    /// them near an attack is part of it and the ground truth stays exact.
    static let scenarioHosts: Set<String> = ["ws-alice", "ws-bob", "ws-carol", "ws-dave"]

    /// Formats that carry everyday background telemetry (alert-only formats stay quiet).
    static let backgroundFormats: [SourceFormat] = [.sysmon, .defenderEmail, .suricata, .zeek, .cloudtrail, .k8sAudit]

    private func backgroundNoise(_ company: SyntheticCompany, start: Int64, level: NoiseLevel) -> [GeneratedRecord] {
        guard level.recordsPerMinute > 0, level.minutes > 0 else { return [] }
        var out: [GeneratedRecord] = []
        for format in Self.backgroundFormats {
            var generator = NoiseGenerator(company: company, seed: seed, stream: format.name, excludedHosts: Self.scenarioHosts)
            let count = level.recordsPerMinute * level.minutes
            let spacing = Int64(level.minutes) * 60_000_000 / Int64(count)
            var jitter = SplitMix64(seed: seed, stream: "jitter:\(company.tenant):\(format.name)")
            for index in 0..<count {
                let time = start + Int64(index) * spacing + Int64(jitter.below(Int(max(1, spacing))))
                let line = generator.record(format, at: time)
                out.append(GeneratedRecord(tenant: company.tenant, format: format, time: time, line: String(decoding: line, as: UTF8.self)))
            }
        }
        return out
    }
}
