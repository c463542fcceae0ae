/// CrowdStrike Falcon streaming API `DetectionSummaryEvent`s.
enum FalconRecords {
    struct Detection {
        var name: String
        var description: String
        /// 1 Informational … 5 Critical.
        var severity: Int
        var tactic: String
        var tacticID: String
        var technique: String
        var techniqueID: String
        var objective: String
        var process: WindowsProcess
        var parent: WindowsProcess
        var disposition = "Detection, standard detection."
    }

    static let severityNames = [1: "Informational", 2: "Low", 3: "Medium", 4: "High", 5: "Critical"]

    /// One detection on `machine` (its address at that time is `ip`). `offset` is the stream offset.
    static func detection(_ detection: Detection, machine: Machine, ip: String, customerID: String, domain: String,
                          offset: Int, detectionNumber: Int, time: Int64) -> [UInt8] {
        let hashes = detection.process.hashes
        let detectID = "ldt:\(machine.sensorID):\(detectionNumber)"
        var line = JSONLine(capacity: 2048)
        line.object("metadata") { metadata in
            metadata.string("customerIDString", customerID)
            metadata.int("offset", offset)
            metadata.string("eventType", "DetectionSummaryEvent")
            metadata.int("eventCreationTime", Int(time / 1000))
            metadata.string("version", "1.0")
        }
        line.object("event") { event in
            event.int("ProcessStartTime", Int(time / 1_000_000) - 2)
            event.int("ProcessEndTime", 0)
            // Falcon's own process ids (TargetProcessId), not the Windows PID.
            event.int("ProcessId", 38_000_000_000 + detection.process.pid * 13)
            event.int("ParentProcessId", 38_000_000_000 + detection.parent.pid * 13)
            event.string("ComputerName", machine.name.uppercased())
            event.string("UserName", detection.process.user.split(separator: "\\").last.map(String.init) ?? detection.process.user)
            event.string("DetectName", detection.name)
            event.string("DetectDescription", detection.description)
            event.int("Severity", detection.severity)
            event.string("SeverityName", severityNames[detection.severity] ?? "Medium")
            event.string("FileName", detection.process.fileName)
            event.string("FilePath", devicePath(directoryOf: detection.process.image))
            event.string("CommandLine", detection.process.commandLine)
            event.string("SHA256String", hashes.sha256)
            event.string("MD5String", hashes.md5)
            event.string("SHA1String", "0000000000000000000000000000000000000000")
            event.string("MachineDomain", domain.uppercased())
            event.string("DetectId", detectID)
            event.string("LocalIP", ip)
            event.string("MACAddress", machine.mac.lowercased())
            event.string("Tactic", detection.tactic)
            event.string("TacticId", detection.tacticID)
            event.string("Technique", detection.technique)
            event.string("TechniqueId", detection.techniqueID)
            event.string("Objective", detection.objective)
            event.string("PatternDispositionDescription", detection.disposition)
            event.int("PatternDispositionValue", 0)
            event.object("PatternDispositionFlags") { flags in
                for flag in ["Indicator", "Detect", "InddetMask", "SensorOnly", "Rooting", "KillProcess",
                             "KillSubProcess", "QuarantineMachine", "QuarantineFile", "PolicyDisabled",
                             "KillParent", "OperationBlocked", "ProcessBlocked", "RegistryOperationBlocked"] {
                    flags.bool(flag, flag == "Detect")
                }
            }
            event.string("ParentImageFileName", devicePath(detection.parent.image))
            event.string("ParentCommandLine", detection.parent.commandLine)
            event.string("GrandparentImageFileName", "\\Device\\HarddiskVolume3\\Windows\\explorer.exe")
            event.string("GrandparentCommandLine", "C:\\Windows\\Explorer.EXE")
            event.string("SensorId", machine.sensorID)
            event.string("IOCType", "hash_sha256")
            event.string("IOCValue", hashes.sha256)
            event.string("FalconHostLink",
                         "https://falcon.crowdstrike.com/activity/detections/detail/\(machine.sensorID)/\(detectionNumber)?_cid=\(customerID)")
        }
        return line.finish()
    }

    /// `C:\Windows\System32\x.exe` → `\Device\HarddiskVolume3\Windows\System32\x.exe`.
    static func devicePath(_ windowsPath: String) -> String {
        guard windowsPath.count > 2, windowsPath.dropFirst().hasPrefix(":") else { return windowsPath }
        return "\\Device\\HarddiskVolume3" + windowsPath.dropFirst(2)
    }

    static func devicePath(directoryOf image: String) -> String {
        var parts = image.split(separator: "\\", omittingEmptySubsequences: false)
        if parts.count > 1 { parts.removeLast() }
        return devicePath(parts.joined(separator: "\\"))
    }
}
