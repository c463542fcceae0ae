import XDRModel

/// The built-in attack `xdr-tool demo` replays: scenario 1 alone (phishing attachment → macro →
/// encoded PowerShell → C2 beacon → credential theft → lateral movement), about thirty records in
/// four formats (defender-email, sysmon, suricata, falcon), with a line of narrative per step.
public struct DemoAttack: Sendable {
    /// One step of the story and the deliveries that carry its records.
    public struct Step: Sendable {
        public var number: Int
        public var narrative: String
        public var records: [GeneratedRecord]
        /// The step's records grouped per format, one NDJSON body each, ready to POST.
        public var batches: [IngestBatch]
    }

    public let tenant: String
    public let steps: [Step]
    /// The attack's ground truth (one incident, its members, layers and expected severity).
    public let truth: AttackTruth

    /// - Parameters:
    ///   - tenant: the tenant the records are sent as.
    ///   - seed: varies ids and ports; the story is the same for every seed.
    ///   - start: event time of the first record, microseconds since the epoch.
    public init(tenant: String = "demo", seed: UInt64 = 2026, start: Int64 = ScenarioGenerator.defaultStart) {
        self.tenant = tenant
        let context = ScenarioContext(company: SyntheticCompany(tenant: tenant), seed: seed)
        let attack = PhishingAttachmentScenario(includeZeek: false)
            .write(context, id: "demo@\(tenant)", kind: .phishingAttachment, at: start)
        let byLine = Dictionary(context.records.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first })
        steps = attack.steps.enumerated().map { index, step in
            let records = step.records.compactMap { byLine[$0.line] }
            return Step(number: index + 1, narrative: step.narrative, records: records,
                        batches: ScenarioGenerator.batches(records))
        }
        truth = attack
    }

    /// Every record of the demo in event-time order.
    public var records: [GeneratedRecord] { steps.flatMap(\.records).sorted { $0.time < $1.time } }

    /// The formats the demo sends.
    public var formats: [String] { Array(Set(steps.flatMap { $0.records.map(\.format.name) })).sorted() }
}
