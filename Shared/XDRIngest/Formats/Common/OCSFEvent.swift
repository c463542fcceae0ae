import XDRJSON
import XDRModel

/// Events that are already OCSF (1.x) JSON: from products that emit OCSF natively (AWS Security
/// Lake, Amazon Security Hub's OCSF output, CrowdStrike, Okta, the OCSF exporters of shippers) or
/// from Tsunagi-compatible forwarders.
///
/// Every service accepts them; each record's layer comes from its category (see `layer(of:)`).
/// Findings (classes 2001–2005) and anything carrying `finding_info` are detections.
public struct OCSFEvent: JSONRecordFormat {
    public let servedBy: Layer

    /// - Parameter servedBy: the layer of the service offering the format, used for records whose
    ///   category does not name a layer and whose content does not either.
    public init(servedBy: Layer = .cloud) {
        self.servedBy = servedBy
    }

    public var name: String { "ocsf" }
    public var layer: Layer { servedBy }
    public var summary: String { "Events already in OCSF 1.x JSON (any category)" }

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        guard case .object = record else { throw RecordError("expected a JSON object, got \(record.kindName)") }
        guard let classValue = record["class_uid"] else { throw .missing("class_uid") }
        guard let classUID = classValue.int, classUID > 0 else {
            throw RecordError(field: "class_uid", "expected a positive integer, got \(classValue.preview)")
        }
        let time = try record["time"] == nil && record["time_dt"] != nil
            ? record.requiredISOTime("time_dt") : record.requiredEpochTime("time")
        let activityID = try record.optionalInt("activity_id") ?? 0
        let severityID = try record.optionalInt("severity_id") ?? 0
        let findingInfo = record["finding_info"].flatMap { value -> JSONValue? in
            if case .object = value { return value } else { return nil }
        }
        let isDetection = (2001...2005).contains(classUID) || findingInfo != nil

        var event = NormalizedEvent(time: time, layer: layer(of: record, classUID: classUID), kind: isDetection ? .detection : .telemetry,
                                    classUID: classUID, activityID: activityID,
                                    severity: Severity(rawValue: severityID) ?? .unknown,
                                    sourceProduct: record.optionalText("metadata.product.name") ?? "OCSF",
                                    sourceFormat: name, raw: raw.text)
        event.sourceEventID = record.optionalText("metadata.uid") ?? findingInfo?.optionalText("uid")
        event.ruleID = findingInfo?.optionalText("analytic.uid") ?? findingInfo?.optionalText("analytic.name")
        event.title = findingInfo?.optionalText("title") ?? record.optionalText("message")
            ?? [record.optionalText("class_name"), record.optionalText("activity_name")].compactMap { $0 }.joined(separator: " ").nonEmpty
            ?? "OCSF class \(classUID) activity \(activityID)"
        switch record.optionalText("status_id") ?? "" {
        case "1": event.outcome = "success"
        case "2": event.outcome = "failure"
        default:
            switch record.optionalText("status")?.lowercased() {
            case "success": event.outcome = "success"
            case "failure": event.outcome = "failure"
            default: break
            }
        }
        addAttacks(record["attacks"], to: &event)
        addAttacks(findingInfo?["attacks"], to: &event)

        OCSFObjects.add(from: record, to: &event)
        for evidence in record["evidences"]?.array ?? [] { OCSFObjects.add(from: evidence, to: &event) }
        OCSFObjects.addObservables(record["observables"], to: &event)

        event.setDetail("category_uid", record["category_uid"])
        event.setDetail("class_name", record.optionalText("class_name"))
        event.setDetail("activity_name", record.optionalText("activity_name"))
        event.setDetail("metadata.version", record.optionalText("metadata.version"))
        event.setDetail("metadata.product.vendor_name", record.optionalText("metadata.product.vendor_name"))
        event.setDetail("message", record.optionalText("message"))
        event.setDetail("status_detail", record.optionalText("status_detail"))
        event.setDetail("finding_info.desc", findingInfo?.optionalText("desc"))
        event.setDetail("finding_info.types", findingInfo?["types"])
        return event
    }

    /// ATT&CK from `attacks[]`: `technique.uid`, `sub_technique.uid`, `tactic.name`/`uid`, `tactics[]`.
    private func addAttacks(_ attacks: JSONValue?, to event: inout NormalizedEvent) {
        for attack in attacks?.array ?? [] {
            event.addTechniques([attack.optionalText("technique.uid"), attack.optionalText("sub_technique.uid")].compactMap { $0 })
            var tactics = [attack.optionalText("tactic.name"), attack.optionalText("tactic.uid")].compactMap { $0 }
            for tactic in attack["tactics"]?.array ?? [] {
                tactics += [tactic.optionalText("name"), tactic.optionalText("uid")].compactMap { $0 }
            }
            event.addTactics(tactics)
        }
    }

    /// The layer of one record, by OCSF category:
    /// 1 System Activity and 5 Discovery → endpoint; 4 Network Activity → network, except the
    /// e-mail classes 4009–4012 → email; 6 Application Activity → cloud; 2 Findings, 3 IAM and
    /// others → by what the record carries (e-mail, cloud account/API, process/file/device, or
    /// endpoints only), else the serving layer.
    func layer(of record: JSONValue, classUID: Int) -> Layer {
        switch OCSFClass.category(of: classUID) {
        case 1, 5: return .endpoint
        case 4: return (4009...4012).contains(classUID) ? .email : .network
        case 6: return .cloud
        default: break
        }
        if record["email"] != nil { return .email }
        if record["cloud"] != nil || record["api"] != nil { return .cloud }
        if record["process"] != nil || record[path: "actor.process"] != nil || record["file"] != nil || record["device"] != nil {
            return .endpoint
        }
        if record["src_endpoint"] != nil || record["dst_endpoint"] != nil { return .network }
        return servedBy
    }
}
