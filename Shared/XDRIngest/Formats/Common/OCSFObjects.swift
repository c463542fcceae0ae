import XDRJSON
import XDRModel

/// Reads the OCSF objects that name entities (device, actor, endpoints, user, e-mail, file, URL,
/// DNS query, API, cloud) from an event or from one of a finding's `evidences`.
enum OCSFObjects {
    static func add(from object: JSONValue, to event: inout NormalizedEvent) {
        guard case .object = object else { return }
        if let device = object["device"] {
            event.addHost(device.optionalText("hostname") ?? device.optionalText("name"))
            event.addIP(device.optionalText("ip"), role: .device)
        }
        addUser(object[path: "actor.user"], role: .actor, to: &event)
        // In Process Activity `process` is the process the event is about and `actor.process` the
        // one that acted on it (its creator): the latter is then the parent.
        if let process = object["process"], case .object = process {
            addProcess(process, role: .actor, to: &event)
            addParent(object[path: "actor.process"], to: &event)
        } else {
            addProcess(object[path: "actor.process"], role: .actor, to: &event)
        }
        addEndpoint(object["src_endpoint"], role: .source, to: &event)
        addEndpoint(object["dst_endpoint"], role: .destination, to: &event)
        addUser(object["user"], role: .target, to: &event)
        if let email = object["email"] {
            event.addEmail(email.optionalText("from"), role: .sender)
            for recipient in (email["to"]?.strings ?? []) + (email["cc"]?.strings ?? []) {
                event.addEmail(recipient, role: .recipient)
            }
            if event.emailSubject == nil { event.emailSubject = email.optionalText("subject") }
            if let id = email.optionalText("message_uid") ?? email.optionalText("uid") {
                event.emailMessageID = event.emailMessageID ?? id
                event.add(Entity(.emailMessage, id.lowercased(), role: .related, original: id))
            }
        }
        addFile(object["file"], to: &event)
        event.addURL(object.optionalText("url.url_string") ?? object.optionalText("http_request.url.url_string"))
        event.addDomain(object.optionalText("query.hostname"))
        if let operation = object.optionalText("api.operation") { event.apiOperation = event.apiOperation ?? operation }
        event.setDetail("api.service.name", object.optionalText("api.service.name"))
        event.addCloudAccount(object.optionalText("cloud.account.uid"))
        if let region = object.optionalText("cloud.region") { event.cloudRegion = event.cloudRegion ?? region }
    }

    private static func addUser(_ user: JSONValue?, role: EntityRole, to event: inout NormalizedEvent) {
        guard let user, case .object = user else { return }
        event.addUser(user.optionalText("name"), domain: user.optionalText("domain"), role: role)
        event.addUser(user.optionalText("email_addr"), role: role)
        if let uid = user.optionalText("uid"), uid.hasPrefix("arn:") { event.addCloudPrincipal(uid, role: role) }
        event.addAccessKey(user.optionalText("credential_uid"))
    }

    private static func addProcess(_ process: JSONValue?, role: EntityRole, to event: inout NormalizedEvent) {
        guard let process, case .object = process else { return }
        event.addProcess(image: process.optionalText("file.path") ?? process.optionalText("name"),
                         commandLine: process.optionalText("cmd_line"), pid: process["pid"]?.int,
                         guid: process.optionalText("uid"), role: role)
        for hash in process[path: "file.hashes"]?.array ?? [] { addHash(hash, to: &event) }
        if role == .actor { addParent(process["parent_process"], to: &event) }
        if role == .actor { addUser(process["user"], role: .actor, to: &event) }
    }

    private static func addParent(_ parent: JSONValue?, to event: inout NormalizedEvent) {
        guard let parent, case .object = parent else { return }
        if event.parentProcessImage == nil {
            event.parentProcessImage = parent.optionalText("file.path") ?? parent.optionalText("name")
        }
        if event.parentProcessGUID == nil {
            event.parentProcessGUID = parent.optionalText("uid").map(EntityNormalizer.guid)
        }
        event.addProcess(image: nil, guid: parent.optionalText("uid"), role: .related)
    }

    private static func addEndpoint(_ endpoint: JSONValue?, role: EntityRole, to event: inout NormalizedEvent) {
        guard let endpoint, case .object = endpoint else { return }
        event.addIP(endpoint.optionalText("ip"), role: role, port: endpoint["port"]?.int)
        event.addHost(endpoint.optionalText("hostname") ?? endpoint.optionalText("name"), role: role)
        event.addDomain(endpoint.optionalText("domain"), role: role)
    }

    private static func addFile(_ file: JSONValue?, to event: inout NormalizedEvent) {
        guard let file, case .object = file else { return }
        event.addFile(file.optionalText("path") ?? file.optionalText("name"))
        for hash in file["hashes"]?.array ?? [] { addHash(hash, to: &event) }
    }

    /// OCSF fingerprint: `algorithm_id` 1 MD5, 2 SHA-1, 3 SHA-256, 4 SHA-512 (others are fuzzy
    /// hashes, not join keys), or the `algorithm` name.
    private static func addHash(_ fingerprint: JSONValue, to event: inout NormalizedEvent) {
        let byID = ["1": "md5", "2": "sha1", "3": "sha256", "4": "sha512"]
        let algorithm = fingerprint.optionalText("algorithm_id").flatMap { byID[$0] } ?? fingerprint.optionalText("algorithm")
        event.addHash(fingerprint.optionalText("value"), algorithm: algorithm, role: .related)
    }

    /// `observables[]` name entities the product pulled out itself: hostnames (type 1), IP
    /// addresses (2), e-mail addresses (5), URLs (6) and hashes (8) are added as related entities.
    static func addObservables(_ observables: JSONValue?, to event: inout NormalizedEvent) {
        for observable in observables?.array ?? [] {
            guard let value = observable.optionalText("value") else { continue }
            switch observable.optionalText("type_id") {
            case "1": event.addHost(value, role: .related)
            case "2": event.addIP(value, role: .related)
            case "5":
                guard let address = EntityNormalizer.email(value) else { continue }
                event.add(Entity(.email, address, role: .related, original: value))
            case "6": event.addURL(value, role: .related)
            case "8": event.addHash(value)
            default: continue
            }
        }
    }
}
