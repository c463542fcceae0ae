import XDRJSON
import XDRModel

/// AWS CloudTrail management and data events.
///
/// Accepts the log files CloudTrail writes to S3 (`{"Records": [...]}`), NDJSON or arrays of records
/// as shippers forward them, and `LookupEvents` output whose full record is a JSON string in
/// `CloudTrailEvent`. CloudTrail is telemetry: every record is evidence, none is an alert.
public struct CloudTrail: JSONRecordFormat {
    public init() {}

    public var name: String { "cloudtrail" }
    public var layer: Layer { .cloud }
    public var summary: String { "AWS CloudTrail records (S3 log files with Records, NDJSON, LookupEvents output)" }
    public var framing: FormatFraming { .json(envelope: "Records") }

    static let product = "AWS CloudTrail"

    /// Normalises each record; a whole `lookup-events` response (`{"Events": [...]}`) is expanded
    /// into its events first (their text is re-serialised, as the framing only unwraps `Records`).
    public func normalize(_ records: [RawRecord], context: FormatContext) -> [FormatOutcome] {
        var expanded: [RawRecord] = []
        expanded.reserveCapacity(records.count)
        for record in records {
            if let json = record.json, json["eventTime"] == nil, let events = json["Events"]?.array {
                for (index, item) in events.enumerated() {
                    expanded.append(RawRecord(number: record.number + index, text: JSONWriter.serialize(item), json: item))
                }
            } else {
                expanded.append(record)
            }
        }
        return expanded.map { record in
            guard let json = record.json else {
                return .rejected(number: record.number, error: RecordError("not a JSON document"))
            }
            do throws(RecordError) {
                return .accepted(number: record.number, event: try normalize(record: json, raw: record, context: context))
            } catch {
                return .rejected(number: record.number, error: error)
            }
        }
    }

    public func normalize(record: JSONValue, raw: RawRecord, context: FormatContext) throws(RecordError) -> NormalizedEvent {
        // LookupEvents (`aws cloudtrail lookup-events`) nests the real record as a JSON string.
        if let nested = record["CloudTrailEvent"] {
            guard case .string(let text) = nested else {
                throw RecordError(field: "CloudTrailEvent", "expected a JSON string, got \(nested.kindName)")
            }
            let inner: JSONValue
            do { inner = try JSONParser.parse(text) } catch {
                throw RecordError(field: "CloudTrailEvent", "not a JSON document: \(error.reason)")
            }
            return try normalize(trail: inner, raw: raw.text)
        }
        return try normalize(trail: record, raw: raw.text)
    }

    private func normalize(trail record: JSONValue, raw: String) throws(RecordError) -> NormalizedEvent {
        guard case .object = record else { throw RecordError("expected a JSON object, got \(record.kindName)") }
        // Logstash's date filter moves `eventTime` into `@timestamp`; accept that as the same instant.
        let time = try record["eventTime"] == nil && record["@timestamp"] != nil
            ? record.requiredISOTime("@timestamp") : record.requiredISOTime("eventTime")
        let eventName = try record.requiredText("eventName")
        let eventSource = try record.requiredText("eventSource")
        let eventType = record.optionalText("eventType")
        if let eventType, !Self.supportedEventTypes.contains(eventType) {
            throw RecordError(field: "eventType", "CloudTrail eventType \"\(eventType)\" is not supported (\(Self.supportedEventTypes.joined(separator: ", ")))")
        }
        let readOnly = record["readOnly"]?.bool
        let classification = CloudTrailClassification.classify(eventSource: eventSource, eventName: eventName,
                                                                eventType: eventType, readOnly: readOnly)
        var event = NormalizedEvent(time: time, layer: .cloud, kind: .telemetry, classUID: classification.classUID,
                                    activityID: classification.activityID, severity: .informational,
                                    sourceProduct: Self.product, sourceFormat: name, raw: raw)
        event.sourceEventID = record.optionalText("eventID")
        event.apiOperation = eventName
        event.cloudRegion = record.optionalText("awsRegion")
        event.outcome = Self.outcome(of: record, eventName: eventName)

        let actorLabel = addIdentity(record["userIdentity"], to: &event)
        event.addCloudAccount(record.optionalText("recipientAccountId"))
        addSource(record.optionalText("sourceIPAddress"), to: &event)
        addRequestTargets(record, to: &event)

        let service = eventSource.hasSuffix(".amazonaws.com") ? String(eventSource.dropLast(14)) : eventSource
        var title = "\(service):\(eventName)"
        if let actorLabel { title += " by \(actorLabel)" }
        if let errorCode = record.optionalText("errorCode") { title += " failed (\(errorCode))" }
        else if event.outcome == "failure" { title += " failed" }
        event.title = title

        event.setDetail("api.service.name", eventSource)
        event.setDetail("api.request.uid", record.optionalText("requestID"))
        event.setDetail("api.response.error", record.optionalText("errorCode"))
        event.setDetail("api.response.error_message", record.optionalText("errorMessage"))
        event.setDetail("http_request.user_agent", record.optionalText("userAgent"))
        event.setDetail("cloud.provider", "AWS")
        event.setDetail("cloudtrail.event_type", eventType)
        if let readOnly { event.setDetail("cloudtrail.read_only", .bool(readOnly)) }
        if let vpce = record.optionalText("vpcEndpointId") { event.setDetail("cloudtrail.vpc_endpoint_id", vpce) }
        if let resources = record["resources"]?.array, !resources.isEmpty {
            let arns = resources.compactMap { $0["ARN"]?.text ?? $0["arn"]?.text }
            if !arns.isEmpty { event.setDetail("resources", .strings(arns)) }
        }
        if eventName == "ConsoleLogin" {
            event.setDetail("authentication.mfa_used", record.optionalText("additionalEventData.MFAUsed"))
            event.setDetail("authentication.login_to", record.optionalText("additionalEventData.LoginTo"))
        }
        return event
    }

    static let supportedEventTypes = ["AwsApiCall", "AwsConsoleSignIn", "AwsServiceEvent", "AwsConsoleAction", "AwsVpceEvent"]

    /// `errorCode` means the call failed; ConsoleLogin says so in `responseElements.ConsoleLogin`.
    static func outcome(of record: JSONValue, eventName: String) -> String {
        if record.optionalText("errorCode") != nil { return "failure" }
        if let login = record.optionalText("responseElements.ConsoleLogin") {
            return login.lowercased() == "success" ? "success" : "failure"
        }
        return "success"
    }

    /// Adds the caller (`userIdentity`) and returns a short label for the title.
    private func addIdentity(_ identity: JSONValue?, to event: inout NormalizedEvent) -> String? {
        guard let identity, case .object = identity else { return nil }
        let type = identity.optionalText("type")
        event.setDetail("actor.user.type", type)
        event.addCloudAccount(identity.optionalText("accountId"))
        event.addCloudPrincipal(identity.optionalText("arn"))
        event.addCloudPrincipal(identity.optionalText("sessionContext.sessionIssuer.arn"))
        event.addAccessKey(identity.optionalText("accessKeyId"))
        event.setDetail("actor.user.uid", identity.optionalText("principalId"))
        if let mfa = identity["sessionContext"]?["attributes"]?["mfaAuthenticated"]?.bool {
            event.setDetail("actor.session.is_mfa", .bool(mfa))
        }
        event.setDetail("actor.invoked_by", identity.optionalText("invokedBy"))
        // IAM users, federated and SAML users name a person; a role or service name is not one.
        var userName = identity.optionalText("userName")
        if userName == "HIDDEN_DUE_TO_SECURITY_REASONS" { userName = nil }
        switch type {
        case "IAMUser", "SAMLUser", "WebIdentityUser", "FederatedUser", "IdentityCenterUser", nil:
            if let userName { event.addUser(userName) }
        default:
            break
        }
        if let onBehalf = identity.optionalText("onBehalfOf.userId") {
            event.setDetail("actor.user.on_behalf_of", onBehalf)
        }
        if let store = identity.optionalText("onBehalfOf.identityStoreArn") {
            event.setDetail("actor.user.identity_store", store)
        }
        if type == "Root" { return "root" }
        return event.userName ?? userName ?? identity.optionalText("sessionContext.sessionIssuer.userName")
            ?? identity.optionalText("invokedBy") ?? identity.optionalText("principalId") ?? type
    }

    /// A service name (`ec2.amazonaws.com`, `AWS Internal`) is not an address: keep it as a domain.
    private func addSource(_ source: String?, to event: inout NormalizedEvent) {
        guard let source else { return }
        if EntityNormalizer.ip(source) != nil {
            event.addIP(source, role: .source)
        } else {
            event.addDomain(source, role: .source)
            event.setDetail("src_endpoint.domain", source)
        }
    }

    /// The IAM user, role, session or key a call acted on, and keys it issued.
    private func addRequestTargets(_ record: JSONValue, to event: inout NormalizedEvent) {
        let request = record["requestParameters"]
        let response = record["responseElements"]
        if let request, case .object = request {
            if let target = request.optionalText("userName") { event.addUser(target, role: .target) }
            if let roleArn = request.optionalText("roleArn") { event.addCloudPrincipal(roleArn, role: .target) }
            event.setDetail("cloudtrail.role_session_name", request.optionalText("roleSessionName"))
            event.setDetail("cloudtrail.bucket_name", request.optionalText("bucketName"))
            event.setDetail("cloudtrail.policy_arn", request.optionalText("policyArn"))
            event.setDetail("cloudtrail.group_name", request.optionalText("groupName"))
            event.setDetail("cloudtrail.role_name", request.optionalText("roleName"))
            var instances: [String] = []
            if let single = request.optionalText("instanceId") { instances.append(single) }
            for item in request[path: "instancesSet.items"]?.array ?? [] {
                if let id = item.optionalText("instanceId"), !instances.contains(id) { instances.append(id) }
            }
            if !instances.isEmpty { event.setDetail("cloudtrail.instance_ids", .strings(instances)) }
        }
        if let response, case .object = response {
            // The session an AssumeRole call created: its ARN names the person for SSO sessions,
            // and the temporary key it issued is what later calls will carry.
            event.addCloudPrincipal(response.optionalText("assumedRoleUser.arn"), role: .target)
            if response.optionalText("assumedRoleUser.arn") == nil, response["credentials"] != nil,
               let session = Self.sessionARN(roleARN: request?.optionalText("roleArn"),
                                             sessionName: request?.optionalText("roleSessionName")) {
                event.addCloudPrincipal(session, role: .target)
            }
            for issued in [response.optionalText("credentials.accessKeyId"), response.optionalText("accessKey.accessKeyId")] {
                if let key = issued {
                    event.add(Entity(.accessKey, key, role: .target))
                    event.setDetail("cloudtrail.issued_access_key", key)
                }
            }
        }
    }

    /// The session ARN an AssumeRole call creates, when the response does not say it (AWS service
    /// callers' records omit `assumedRoleUser`): `arn:aws:iam::<account>:role/<path>/<Name>` with
    /// session `<s>` becomes `arn:aws:sts::<account>:assumed-role/<Name>/<s>`, the ARN later calls
    /// of that session carry.
    static func sessionARN(roleARN: String?, sessionName: String?) -> String? {
        guard let roleARN, let sessionName else { return nil }
        let parts = roleARN.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", parts[5].hasPrefix("role/"),
              let name = parts[5].split(separator: "/").last else { return nil }
        return "arn:\(parts[1]):sts::\(parts[4]):assumed-role/\(name)/\(sessionName)"
    }
}
