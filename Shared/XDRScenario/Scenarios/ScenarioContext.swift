/// Everything one tenant's scenarios share while they write: the company, the random stream,
/// per-host record counters, and the records written so far.
final class ScenarioContext {
    let company: SyntheticCompany
    var random: SplitMix64
    private(set) var records: [GeneratedRecord] = []
    private var recordIDs: [String: Int] = [:]
    private var falconOffset = 4_311_000
    private var detectionNumber = 8_100

    init(company: SyntheticCompany, seed: UInt64) {
        self.company = company
        random = SplitMix64(seed: seed, stream: "tenant:" + company.tenant)
    }

    var tenant: String { company.tenant }

    /// Keeps a record and returns its ground-truth reference.
    @discardableResult
    func emit(_ format: SourceFormat, at time: Int64, _ bytes: [UInt8]) -> RecordReference {
        let record = GeneratedRecord(tenant: tenant, format: format, time: time, line: String(decoding: bytes, as: UTF8.self))
        records.append(record)
        return record.reference
    }

    /// The next Windows event log record number on a host (each host counts on its own).
    func nextRecordID(_ host: String) -> Int {
        let next = (recordIDs[host] ?? 48_000 + Int(host.utf8.reduce(0) { $0 &+ UInt32($1) }) * 37) + 1
        recordIDs[host] = next
        return next
    }

    func nextFalconOffset() -> Int {
        falconOffset += 1 + random.below(40)
        return falconOffset
    }

    func nextDetectionNumber() -> Int {
        detectionNumber += 1
        return detectionNumber
    }

    func flowID() -> Int { 1_000_000_000_000_000 + random.below(1_200_000_000_000_000) }

    func zeekUID() -> String { "C" + random.alphanumeric(17) }

    func ephemeralPort() -> Int { 49_152 + random.below(16_000) }

    func windowsHost(_ machine: Machine, ip: String? = nil) -> WindowsHost {
        WindowsHost(machine, domain: company.domain, ip: ip)
    }

    /// A new process on `machine` run by `user` (`CORP\alice`).
    func process(on machine: Machine, image: String, commandLine: String, user: String) -> WindowsProcess {
        var process = WindowsProcess(guid: WindowsProcess.guid(&random, hostKey: machine.sensorID),
                                     pid: 1_000 + random.below(14_000) * 4, image: image,
                                     commandLine: commandLine, user: user)
        if user.hasPrefix("NT AUTHORITY") { process.integrityLevel = "System" }
        return process
    }

    /// `CORP\login`.
    func domainUser(_ login: String) -> String { "\(company.netbios)\\\(login)" }

    // MARK: Shorthands that write one record of a kind and return its reference.

    @discardableResult
    func sysmon(_ machine: Machine, ip: String? = nil, at time: Int64,
                _ write: (WindowsHost, Int) -> [UInt8]) -> RecordReference {
        let host = windowsHost(machine, ip: ip)
        return emit(.sysmon, at: time, write(host, nextRecordID(machine.name)))
    }
}
