import XDRJSON
import XDRModel

/// Kubernetes API server audit events (`audit.k8s.io/v1` and `v1beta1`), one `Event` per record,
/// from the log backend (NDJSON), the webhook backend (`EventList` with `items`) or a shipper.
///
/// Audit events are telemetry. Exec/attach/port-forward into pods, RBAC changes, secret access and
/// anonymous requests are marked in `details["k8s.notable"]` for rules and analysts.
public struct KubernetesAudit: JSONRecordFormat {
    public init() {}

    public var name: String { "k8s-audit" }
    public var layer: Layer { .cloud }
    public var summary: String { "Kubernetes API server audit events (Event lines or EventList)" }
    public var framing: FormatFraming { .json(envelope: "items") }

    static let product = "Kubernetes"

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        guard case .object = record else { throw RecordError("expected a JSON object, got \(record.kindName)") }
        if let kind = record.optionalText("kind"), kind != "Event" {
            throw RecordError(field: "kind", "Kubernetes audit kind \"\(kind)\" is not supported (Event, EventList)")
        }
        let auditID = try record.requiredText("auditID")
        let verb = try record.requiredText("verb")
        // v1 events carry requestReceivedTimestamp; early v1beta1 ones only `timestamp`.
        let timeField = ["requestReceivedTimestamp", "stageTimestamp", "timestamp"].first { record[$0] != nil } ?? "requestReceivedTimestamp"
        let time = try record.requiredISOTime(timeField)
        guard let user = record["user"], case .object = user else {
            throw record["user"].map { RecordError(field: "user", "expected an object, got \($0.kindName)") } ?? .missing("user")
        }

        let object = record["objectRef"]
        let resource = object?.optionalText("resource")
        let subresource = object?.optionalText("subresource")
        let namespace = object?.optionalText("namespace")
        // A created pod's name (often generated) is known only from the request or response body.
        let objectName = object?.optionalText("name")
            ?? record[path: "responseObject.metadata.name"]?.text ?? record[path: "requestObject.metadata.name"]?.text
        let code = try record.optionalInt("responseStatus.code")

        var event = NormalizedEvent(time: time, layer: .cloud, kind: .telemetry, classUID: OCSFClass.apiActivity,
                                    activityID: Self.activity(verb: verb), severity: .informational,
                                    sourceProduct: Self.product, sourceFormat: name, raw: raw.text)
        event.sourceEventID = auditID
        event.apiOperation = verb
        let decision = record["annotations"]?["authorization.k8s.io/decision"]?.text
        if let code { event.outcome = code < 400 ? "success" : "failure" }
        if decision == "forbid" { event.outcome = "failure" }

        let username = user.optionalText("username")
        KubernetesIdentity.add(username, to: &event)
        addCloudIdentity(of: user, to: &event)
        if let impersonated = record["impersonatedUser"]?.optionalText("username") {
            KubernetesIdentity.add(impersonated, role: .target, to: &event)
            event.setDetail("k8s.impersonated_user", impersonated)
        }
        for ip in record["sourceIPs"]?.strings ?? [] { event.addIP(ip, role: .source) }
        if resource == "namespaces", let objectName {
            event.addKubernetes(namespace: objectName, pod: nil, serviceAccount: nil)
        }
        if let namespace {
            event.addKubernetes(namespace: namespace, pod: resource == "pods" ? objectName : nil, serviceAccount: nil)
            if resource == "serviceaccounts", let objectName {
                KubernetesIdentity.addServiceAccount(namespace: namespace, name: objectName, role: .target, to: &event)
            }
        }
        let notable = KubernetesAuditRequest.inspect(record, verb: verb, resource: resource,
                                                     subresource: subresource, username: username, to: &event)

        var target: String
        if let resource { target = subresource.map { "\(resource)/\($0)" } ?? resource } else { target = record.optionalText("requestURI") ?? "" }
        if let objectName { target += " " + (namespace.map { $0 == objectName ? $0 : "\($0)/\(objectName)" } ?? objectName) }
        var title = "\(verb) \(target)"
        if let username { title += " by \(username)" }
        if event.outcome == "failure" { title += code.map { " failed (\($0))" } ?? " failed" }
        event.title = title

        event.setDetail("k8s.stage", record.optionalText("stage"))
        event.setDetail("k8s.level", record.optionalText("level"))
        event.setDetail("k8s.resource", resource)
        event.setDetail("k8s.subresource", subresource)
        event.setDetail("k8s.api_group", object?.optionalText("apiGroup"))
        event.setDetail("k8s.object_name", objectName)
        event.setDetail("k8s.user.groups", user["groups"].map { .strings($0.strings) })
        event.setDetail("http_request.url.path", record.optionalText("requestURI"))
        event.setDetail("http_request.user_agent", record.optionalText("userAgent"))
        event.setDetail("http_response.code", code.map { .int($0) })
        event.setDetail("authorization.decision", decision)
        if !notable.isEmpty { event.setDetail("k8s.notable", .strings(notable)) }
        return event
    }

    /// EKS and GKE put the cloud identity behind a Kubernetes user in `user.extra`.
    private func addCloudIdentity(of user: JSONValue, to event: inout NormalizedEvent) {
        guard let extra = user["extra"], case .object = extra else { return }
        for arn in extra["arn"]?.strings ?? [] { event.addCloudPrincipal(arn) }
        for key in extra["accessKeyId"]?.strings ?? [] { event.addAccessKey(key) }
        for account in extra["iam.gke.io/user-assertion"]?.strings ?? [] where account.contains("@") {
            event.addCloudPrincipal(account)
        }
    }

    /// OCSF API Activity from the Kubernetes verb: 1 Create, 2 Read, 3 Update, 4 Delete, 99 Other.
    static func activity(verb: String) -> Int {
        switch verb {
        case "create": 1
        case "get", "list", "watch": 2
        case "update", "patch": 3
        case "delete", "deletecollection": 4
        default: 99
        }
    }
}
