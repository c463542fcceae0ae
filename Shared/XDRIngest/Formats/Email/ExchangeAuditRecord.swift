import XDRJSON
import XDRModel

/// An Exchange Online audit record (mailbox or admin audit) in any of the shapes it is exported in:
/// the Unified Audit Log / Management Activity API `AuditData`, Sentinel's `OfficeActivity` table
/// (renamed columns, nested lists as JSON text), or `RawEventData` inside Defender CloudAppEvents.
struct ExchangeAuditRecord {
    let json: JSONValue

    init(_ json: JSONValue) { self.json = json }

    func text(_ key: String) -> String? { json[key]?.text }

    var operation: String? { text("Operation") }
    var workload: String? { text("Workload") ?? text("OfficeWorkload") }
    /// The mailbox acted on: `MailboxOwnerUPN`, or the `Mailbox` parameter of an admin cmdlet.
    var mailboxOwner: String? {
        text("MailboxOwnerUPN") ?? namedValues("Parameters").first { $0.name == "Mailbox" && !$0.value.isEmpty }?.value
    }
    var clientAppID: String? { text("ClientAppId") }
    var clientIP: String? {
        (text("ClientIPAddress") ?? text("Client_IPAddress") ?? text("ClientIP")).flatMap(Self.address)
    }

    /// `1.2.3.4:50123` → `1.2.3.4`, `[2001:db8::1]:443` → `2001:db8::1`; `0.0.0.0` means unknown.
    static func address(_ raw: String) -> String? {
        var text = Substring(raw)
        if text.first == "[", let close = text.firstIndex(of: "]") {
            text = text[text.index(after: text.startIndex)..<close]
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            text = text[..<colon]
        }
        return text == "0.0.0.0" || text.isEmpty ? nil : String(text)
    }

    /// A list member that is an array, or an array written as JSON text (OfficeActivity).
    func list(_ key: String) -> [JSONValue] {
        guard let value = json[key] else { return [] }
        if let items = value.array { return items }
        if let object = value.object { return [.object(object)] }
        guard let text = value.text, text.first == "[" || text.first == "{", let parsed = try? JSONParser.parse(text) else { return [] }
        return parsed.array ?? [parsed]
    }

    /// `Parameters` / `OperationProperties` as name → value.
    func namedValues(_ key: String) -> [(name: String, value: String)] {
        list(key).compactMap { item in
            guard let name = item["Name"]?.text else { return nil }
            return (name, item["Value"]?.string ?? "")
        }
    }

    /// Internet Message-IDs of the items the operation touched: `Folders[].FolderItems[]` (MailItemsAccessed),
    /// `Item` (Send, Update, Create) and `AffectedItems[]` (deletes and moves).
    var messageIDs: [String] {
        var ids: [String] = []
        for folder in list("Folders") {
            for item in folder["FolderItems"]?.array ?? [] { if let id = item["InternetMessageId"]?.text { ids.append(id) } }
        }
        if let id = json[path: "Item.InternetMessageId"]?.text { ids.append(id) }
        for item in list("AffectedItems") { if let id = item["InternetMessageId"]?.text { ids.append(id) } }
        return ids
    }

    var subject: String? {
        json[path: "Item.Subject"]?.text ?? list("AffectedItems").lazy.compactMap { $0["Subject"]?.text }.first
    }

    /// Parameters that send a mailbox's mail elsewhere (inbox rules, mailbox forwarding).
    static let forwardingParameters: Set<String> = ["forwardto", "redirectto", "forwardasattachmentto", "forwardingsmtpaddress", "forwardingaddress"]
    /// Parameters that hide mail from its owner.
    static let hidingParameters: Set<String> = ["deletemessage", "movetofolder", "markasread", "softdeletemessage"]

    /// Adds what every shape shares: actor, mailbox, client, app, tenant, touched messages and,
    /// for rules and forwarding, the destinations and the ATT&CK technique they amount to.
    func addEntities(to event: inout NormalizedEvent) {
        event.addUser(text("UserId"), role: .actor)
        event.addEmail(mailboxOwner, role: .target)
        event.addIP(clientIP, role: .source)
        event.addCloudPrincipal(clientAppID, role: .actor)
        if let organization = text("OrganizationId"), organization != "00000000-0000-0000-0000-000000000000" {
            event.addCloudAccount(organization)
        }
        // A bulk read can list thousands of items; the first hundred are enough to join on.
        for id in messageIDs.prefix(100) { event.addEmailMessage(id, role: .target) }
        if event.emailSubject == nil { event.emailSubject = subject }

        var forwards = false
        var hides = false
        for (name, value) in namedValues("Parameters") {
            let lower = name.lowercased()
            if Self.forwardingParameters.contains(lower), !value.isEmpty {
                forwards = true
                for part in EmailList.split(value) {
                    let address = part.lowercased().hasPrefix("smtp:") ? String(part.dropFirst(5)) : part
                    if let email = EntityNormalizer.email(address) { event.add(Entity(.email, email, role: .destination, original: part)) }
                }
            }
            if Self.hidingParameters.contains(lower), !value.isEmpty, value.lowercased() != "false" { hides = true }
        }
        if forwards {
            event.addTechniques(["T1114.003"])
            event.addTactics(["collection"])
        }
        if hides {
            event.addTechniques(["T1564.008"])
            event.addTactics(["defense-evasion"])
        }
        if !namedValues("Parameters").isEmpty {
            var parameters = JSONObject()
            for (name, value) in namedValues("Parameters") { parameters[name] = .string(value) }
            event.setDetail("api.request.parameters", .object(parameters))
        }
        event.setDetail("email.mail_access_type", namedValues("OperationProperties").first { $0.name == "MailAccessType" }?.value)
        event.setDetail("api.client_info", text("ClientInfoString"))
        event.setDetail("api.logon_type", json["LogonType"]?.string ?? text("Logon_Type"))
        event.setDetail("api.object_id", text("ObjectId"))
        event.setDetail("email.mailbox_guid", text("MailboxGuid"))
        event.setDetail("api.external_access", json["ExternalAccess"])
    }

    /// Succeeded/True/Success → success, Failed/False → failure.
    var outcome: String? {
        switch text("ResultStatus")?.lowercased() {
        case "succeeded", "success", "true": "success"
        case "failed", "failure", "false": "failure"
        default: nil
        }
    }
}
