import XDRJSON
import XDRModel

/// Falco alerts in JSON output mode (`json_output: true`), as Falco, Falcosidekick or a shipper
/// forwards them: one alert per line with `rule`, `priority`, `time`, `output` and `output_fields`.
///
/// Every alert is a detection (OCSF Detection Finding 2004). Syscall, Kubernetes audit and
/// CloudTrail plugin fields are all read from `output_fields`.
public struct Falco: JSONRecordFormat {
    public init() {}

    public var name: String { "falco" }
    public var layer: Layer { .cloud }
    public var summary: String { "Falco runtime security alerts (JSON output)" }

    static let product = "Falco"

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        guard case .object = record else { throw RecordError("expected a JSON object, got \(record.kindName)") }
        let rule = try record.requiredText("rule")
        let priority = try record.requiredText("priority")
        guard let severity = Self.severity(priority) else {
            throw RecordError(field: "priority", "Falco priority \"\(priority)\" is not one of Emergency, Alert, Critical, Error, Warning, Notice, Informational, Debug")
        }
        let time = try record.requiredISOTime("time")
        var fields = JSONObject()
        if let value = record["output_fields"] {
            guard case .object(let object) = value else {
                throw RecordError(field: "output_fields", "expected an object, got \(value.kindName)")
            }
            fields = object
        }
        // Falco prints `<NA>` for fields it could not resolve.
        func field(_ name: String) -> String? {
            guard let text = fields[name]?.text, text != "<NA>" else { return nil }
            return text
        }

        var event = NormalizedEvent(time: time, layer: .cloud, kind: .detection, classUID: OCSFClass.detectionFinding,
                                    activityID: 1, severity: severity, sourceProduct: Self.product, sourceFormat: name,
                                    raw: raw.text)
        event.title = rule
        event.ruleID = rule
        event.sourceEventID = record.optionalText("uuid")
        let tags = record["tags"]?.strings ?? []
        event.addTechniques(tags)
        // Tactics are tagged `mitre_<tactic>` by the default rules, or by id (`TA0002`) in custom ones.
        event.addTactics(tags.compactMap { tag in
            if tag.hasPrefix("mitre_") { return String(tag.dropFirst(6)) }
            return tag.hasPrefix("TA") ? tag : nil
        })
        event.addHost(record.optionalText("hostname"))

        addProcess(field, to: &event)
        addNetwork(field, to: &event)
        event.addKubernetes(namespace: field("k8s.ns.name"), pod: field("k8s.pod.name"), serviceAccount: nil)
        addKubernetesAudit(field, to: &event)
        addCloudTrail(field, to: &event)

        event.setDetail("message", record.optionalText("output"))
        event.setDetail("falco.priority", priority)
        event.setDetail("falco.source", record.optionalText("source"))
        if !tags.isEmpty { event.setDetail("falco.tags", .strings(tags)) }
        event.setDetail("container.uid", field("container.id"))
        event.setDetail("container.name", field("container.name"))
        let image = field("container.image.repository").map { repository in
            field("container.image.tag").map { "\(repository):\($0)" } ?? repository
        } ?? field("container.image")
        event.setDetail("container.image.name", image)
        event.setDetail("falco.event_type", field("evt.type"))
        return event
    }

    /// Falco priorities (syslog levels): Emergency/Alert/Critical → Critical, Error → High,
    /// Warning → Medium, Notice → Low, Informational/Debug → Informational.
    static func severity(_ priority: String) -> Severity? {
        switch priority.lowercased() {
        case "emergency", "alert", "critical": .critical
        case "error": .high
        case "warning": .medium
        case "notice": .low
        case "informational", "info", "debug": .informational
        default: nil
        }
    }

    private func addProcess(_ field: (String) -> String?, to event: inout NormalizedEvent) {
        let pid = field("proc.pid").flatMap { Int($0) }
        event.addProcess(image: field("proc.exepath") ?? field("proc.exe") ?? field("proc.name"),
                         commandLine: field("proc.cmdline"), pid: pid)
        event.parentProcessImage = field("proc.pexepath") ?? field("proc.pname")
        event.setDetail("actor.process.parent_process.cmd_line", field("proc.pcmdline"))
        event.setDetail("actor.process.name", field("proc.name"))
        // root is every host's superuser: a key for it would join unrelated machines.
        for name in [field("user.name"), field("user.loginname")].compactMap({ $0 }) where name != "root" {
            event.addUser(name)
        }
        if let path = field("fd.name"), path.hasPrefix("/") { event.addFile(path) }
        event.addFile(field("fs.path.target") ?? field("evt.arg.target"))
    }

    /// Client/server fields name the direction; local/remote fields are read as an outbound
    /// connection unless the syscall was an accept.
    private func addNetwork(_ field: (String) -> String?, to event: inout NormalizedEvent) {
        func port(_ name: String) -> Int? { field(name).flatMap { Int($0) } }
        if field("fd.cip") != nil || field("fd.sip") != nil {
            event.addIP(field("fd.cip"), role: .source, port: port("fd.cport"))
            event.addIP(field("fd.sip"), role: .destination, port: port("fd.sport"))
        } else if field("fd.lip") != nil || field("fd.rip") != nil {
            let inbound = field("evt.type")?.hasPrefix("accept") == true
            event.addIP(field("fd.lip"), role: inbound ? .destination : .source, port: port("fd.lport"))
            event.addIP(field("fd.rip"), role: inbound ? .source : .destination, port: port("fd.rport"))
        }
        event.addDomain(field("fd.sip.name") ?? field("fd.rip.name"), role: .destination)
        event.networkProtocol = field("fd.l4proto")
    }

    /// Alerts from the Kubernetes audit source carry the API call in `ka.*` fields.
    private func addKubernetesAudit(_ field: (String) -> String?, to event: inout NormalizedEvent) {
        KubernetesIdentity.add(field("ka.user.name"), to: &event)
        let resource = field("ka.target.resource")
        event.addKubernetes(namespace: field("ka.target.namespace"),
                            pod: resource == "pods" ? field("ka.target.name") : nil, serviceAccount: nil)
        if let verb = field("ka.verb") { event.apiOperation = verb }
        for ip in (field("ka.sourceips") ?? "").split(separator: ",") { event.addIP(String(ip), role: .source) }
    }

    /// Alerts from the CloudTrail plugin carry the API call in `ct.*` fields.
    private func addCloudTrail(_ field: (String) -> String?, to event: inout NormalizedEvent) {
        event.addCloudPrincipal(field("ct.user.arn"))
        if let user = field("ct.user"), !user.hasPrefix("arn:") { event.addUser(user) }
        event.addCloudAccount(field("ct.user.accountid"))
        event.addIP(field("ct.srcip"), role: .source)
        if let name = field("ct.name") { event.apiOperation = name }
        if let region = field("ct.region") { event.cloudRegion = region }
    }
}
