/// Detections for measuring how soon an acknowledged alert becomes an incident: each one a
/// CrowdStrike Falcon `DetectionSummaryEvent` (severity High) on a host, address, user and program
/// of its own, so every probe seeds an incident of its own and can be found by its host alone.
public enum LatencyProbeRecords {
    /// The format the probes are written in (`POST /v1/ingest/falcon` on the endpoint service).
    public static let format = SourceFormat.falcon

    /// Host name of probe `number` (`latency-probe-17`).
    public static func hostName(_ number: Int) -> String { "latency-probe-\(number)" }

    /// One detection line (no newline) for probe `number`, stamped `time` (microseconds since epoch).
    public static func detection(_ number: Int, time: Int64) -> [UInt8] {
        let host = hostName(number)
        // 10.251.0.0/16 is no company subnet, so the probe's address joins nothing of the noise.
        let machine = Machine(name: host, ip: "10.251.\(number / 250 % 250).\(number % 250 + 1)",
                              mac: macAddress(number), sensorID: sensorID(number), owner: nil)
        let user = "CORP\\probe\(number)"
        let program = WindowsProcess(guid: "{5ca1ab1e-0000-0000-0000-\(hex(number, width: 12))}", pid: 4_000 + number,
                                     executable: Executable("C:\\Users\\Public\\probe-\(number).exe"),
                                     commandLine: "\"C:\\Users\\Public\\probe-\(number).exe\" --beacon", user: user)
        let parent = WindowsProcess(guid: "{5ca1ab1e-0000-0000-0001-\(hex(number, width: 12))}", pid: 3_000 + number,
                                    executable: Executable("C:\\Windows\\explorer.exe"), commandLine: "C:\\Windows\\Explorer.EXE", user: user)
        return FalconRecords.detection(.init(
            name: "MaliciousBeacon", description: "A process connected to a known command-and-control server.",
            severity: 4, tactic: "Command and Control", tacticID: "TA0011", technique: "Application Layer Protocol",
            techniqueID: "T1071", objective: "Keep Access", process: program, parent: parent),
            machine: machine, ip: machine.ip, customerID: "5ca1ab1e0000000000000000000000aa", domain: "CORP",
            offset: 50_000_000 + number, detectionNumber: number, time: time)
    }

    private static func hex(_ value: Int, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func macAddress(_ number: Int) -> String {
        let digits = hex(number, width: 6)
        let pairs = stride(from: 0, to: 6, by: 2).map { offset -> String in
            let start = digits.index(digits.startIndex, offsetBy: offset)
            return String(digits[start..<digits.index(start, offsetBy: 2)])
        }
        return "02-5C-A1-" + pairs.joined(separator: "-").uppercased()
    }

    private static func sensorID(_ number: Int) -> String { "5ca1ab1e" + hex(number, width: 24) }
}
