import XDRJSON
import XDRModel

/// Sysmon and the other Windows event log channels (Security, System, PowerShell, Task Scheduler)
/// as Winlogbeat / Elastic Agent, NXLog (the OTRF/Mordor datasets) or Azure Log Analytics export
/// them. Every record is telemetry: Sysmon reports what happened, not a verdict; the correlator
/// derives detections. Records that look suspicious on their own (LSASS access, remote threads,
/// cleared logs) say why in `details.risk_details`.
public struct SysmonFormat: JSONRecordFormat {
    public let name = "sysmon"
    public let layer = Layer.endpoint
    public let summary = "Sysmon and Windows Security/System/PowerShell events (Winlogbeat ECS, NXLog, Log Analytics JSON)"

    public init() {}

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        let windows = try WindowsEventRecord(record)
        let objectType = windows["ObjectType"]
        var kind = WindowsEventCatalog.kind(eventID: windows.eventID, channel: windows.channel,
                                            isSysmon: windows.isSysmon, eventType: windows["EventType"])
        if let adjusted = Self.objectAccessKind(eventID: windows.eventID, objectType: objectType, base: kind), windows.isSecurity || windows.channel == nil {
            kind = adjusted
        }
        var event = NormalizedEvent(
            time: windows.time, layer: .endpoint, kind: .telemetry,
            classUID: kind?.classUID ?? WindowsEventCatalog.baseEvent, activityID: kind?.activityID ?? 99,
            severity: Self.severity(level: windows.level), sourceProduct: Self.product(windows),
            sourceFormat: name, raw: raw.text)
        event.title = kind?.title ?? Self.fallbackTitle(windows)
        if let recordID = windows.recordID {
            event.sourceEventID = "\(windows.computer.lowercased())/\(windows.channel ?? "unknown")/\(recordID)"
        }
        event.setDetail("metadata.event_code", String(windows.eventID))
        event.setDetail("metadata.log_name", windows.channel)
        event.setDetail("metadata.log_provider", windows.provider)

        Self.addCommonEntities(windows, to: &event)
        Self.addEventSpecifics(windows, to: &event)
        if let note = Self.suspicion(windows) { event.setDetail("risk_details", note) }
        return event
    }

    static func product(_ windows: WindowsEventRecord) -> String {
        guard windows.isSysmon else { return "Microsoft Windows" }
        return windows.channel?.hasPrefix("Linux") == true ? "Microsoft Sysmon for Linux" : "Microsoft Sysmon"
    }

    /// Windows levels to OCSF severity: 1 Critical → High, 2 Error → Medium, 3 Warning → Low,
    /// everything else (information, verbose, audit success/failure) → Informational. A failed
    /// logon is raised to Low in `addEventSpecifics`.
    static func severity(level: Int?) -> Severity {
        switch level {
        case 1: .high
        case 2: .medium
        case 3: .low
        default: .informational
        }
    }

    /// Object access events (4656, 4663) name what was opened in `ObjectType`: a process handle
    /// (LSASS!) is process activity, a key is registry activity, the rest stays file activity.
    static func objectAccessKind(eventID: Int, objectType: String?, base: WindowsEventKind?) -> WindowsEventKind? {
        guard eventID == 4656 || eventID == 4663, let base, let objectType else { return nil }
        switch objectType {
        case "Process": return .init(classUID: OCSFClass.processActivity, activityID: 3, title: base.title.replacingOccurrences(of: "an object", with: "a process").replacingOccurrences(of: "Object", with: "Process"))
        case "Key": return .init(classUID: OCSFClass.registryKeyActivity, activityID: 2, title: base.title.replacingOccurrences(of: "an object", with: "a registry key").replacingOccurrences(of: "Object", with: "Registry key"))
        default: return nil
        }
    }

    /// For ids outside the catalogue: the first line of the rendered message, or the id.
    static func fallbackTitle(_ windows: WindowsEventRecord) -> String {
        // Log Analytics' `Activity` column is "4662 - An operation was performed on an object.".
        let activity = windows["Activity"].map { text in
            text.range(of: " - ").map { String(text[$0.upperBound...]) } ?? text
        }
        if let message = windows.message ?? activity {
            var line = Substring(message.prefix { !$0.isNewline })
            while line.last == ":" || line.last == "." || line.last == " " { line.removeLast() }
            if !line.isEmpty, line.count <= 160 { return String(line) }
        }
        return "Windows event \(windows.eventID) (\(windows.channel ?? "unknown channel"))"
    }
}
