import XDRJSON
import XDRModel

/// The authentication, file-sharing and diagnostic logs, normalised as telemetry.
extension ZeekLog {
    /// A Kerberos principal `user/REALM` (or `HOST$/REALM`): a person becomes `user@realm`, a
    /// machine account the host it names.
    static func addKerberosPrincipal(_ principal: String?, role: EntityRole, to event: inout NormalizedEvent) {
        guard let principal, !principal.isEmpty else { return }
        let parts = principal.split(separator: "/", maxSplits: 1).map(String.init)
        let name = parts[0]
        if name.hasSuffix("$") {
            event.addHost(name, role: role == .actor ? .source : .destination)
        } else if parts.count == 2 {
            event.addUser("\(name)@\(parts[1])", role: role)
        } else {
            event.addUser(name, role: role)
        }
    }

    static func addKerberos(_ record: JSONValue, to event: inout NormalizedEvent) {
        let request = record["request_type"]?.text
        event.classUID = OCSFClass.authentication
        // OCSF Authentication: 3 Authentication Ticket (AS), 4 Service Ticket Request (TGS).
        event.activityID = request == "AS" ? 3 : request == "TGS" ? 4 : 0
        addKerberosPrincipal(record["client"]?.text, role: .actor, to: &event)
        let service = record["service"]?.text
        // `LDAP/NEWYORK.dmevals.local/dmevals.local`: the second part is the server.
        if let service {
            let parts = service.split(separator: "/")
            if parts.count >= 2, parts[0].lowercased() != "krbtgt" { event.addHost(String(parts[1]), role: .destination) }
        }
        if let success = record["success"]?.bool { event.outcome = success ? "success" : "failure" }
        event.title = "Kerberos \(request ?? "exchange")\(record["client"]?.text.map { " \($0)" } ?? "")\(service.map { " → \($0)" } ?? "")"
        event.setDetail("auth_protocol", "Kerberos")
        event.setDetail("service.name", service)
        event.setDetail("status_detail", record["error_msg"]?.text)
        event.setDetail("tls.cipher", record["cipher"]?.text)
    }

    static func addNTLM(_ record: JSONValue, to event: inout NormalizedEvent) {
        event.classUID = OCSFClass.authentication
        event.activityID = 1
        let user = record["username"]?.text
        let domain = record["domainname"]?.text
        event.addUser(user, domain: domain, role: .actor)
        if let host = record["hostname"]?.text, host.uppercased() != "NULL" { event.addHost(host, role: .source) }
        event.addHost(record["server_dns_computer_name"]?.text ?? record["server_nb_computer_name"]?.text, role: .destination)
        if let success = record["success"]?.bool { event.outcome = success ? "success" : "failure" }
        var who = user ?? "anonymous"
        if let user, let domain { who = "\(domain)\\\(user)" }
        event.title = "NTLM \(who) → \(record["server_nb_computer_name"]?.text ?? event.dstIP ?? "?")"
        event.setDetail("auth_protocol", "NTLM")
        event.setDetail("dst_endpoint.domain", record["server_tree_name"]?.text)
    }

    static func addSMB(_ record: JSONValue, type: ZeekLogType, to event: inout NormalizedEvent) {
        event.classUID = OCSFClass.smbActivity
        let path = record["path"]?.text
        // `\\SERVER.corp.example\share`: the server named in the UNC path.
        if let path, path.hasPrefix("\\\\") {
            let server = path.dropFirst(2).split(separator: "\\", maxSplits: 1).first.map(String.init)
            event.addHost(server, role: .destination)
        }
        event.setDetail("smb.share", path)
        if type == .smb_mapping {
            event.activityID = 7 // Tree Connect
            event.title = "SMB tree connect \(path ?? "?")"
            event.setDetail("smb.share_type", record["share_type"]?.text)
            return
        }
        let action = record["action"]?.text
        event.activityID = action == "SMB::FILE_OPEN" ? 2 : 99
        let name = record["name"]?.text
        event.addFile(name.map { n in path.map { "\($0)\\\(n)" } ?? n }, role: .target)
        event.title = "SMB \(action.map { $0.hasPrefix("SMB::") ? String($0.dropFirst(5)) : $0 } ?? "file") \(name ?? path ?? "?")"
        event.setDetail("smb.command", action)
        event.setDetail("file.size", record["size"])
    }

    static func addDCERPC(_ record: JSONValue, to event: inout NormalizedEvent) {
        event.classUID = OCSFClass.networkActivity
        event.activityID = NetworkActivity.other
        let endpoint = record["endpoint"]?.text, operation = record["operation"]?.text
        event.title = "DCE/RPC \(endpoint ?? "?") \(operation ?? "?")"
        event.setDetail("rpc.interface", endpoint)
        event.setDetail("rpc.operation", operation)
        event.setDetail("rpc.named_pipe", record["named_pipe"]?.text)
    }

    static func addSSH(_ record: JSONValue, to event: inout NormalizedEvent) {
        event.classUID = OCSFClass.sshActivity
        event.activityID = 1
        if let success = record["auth_success"]?.bool { event.outcome = success ? "success" : "failure" }
        let result = event.outcome.map { $0 == "success" ? " (authenticated)" : " (authentication failed)" } ?? ""
        event.title = "SSH \(NetworkActivity.summary(event))\(result)"
        event.setDetail("ssh.client_software", record["client"]?.text)
        event.setDetail("ssh.server_software", record["server"]?.text)
        event.setDetail("ssh.auth_attempts", record["auth_attempts"])
        event.setDetail("ssh.host_key", record["host_key"]?.text)
        event.setDetail("ssh.hassh", record["hassh"]?.text)
    }

    static func addFTP(_ record: JSONValue, to event: inout NormalizedEvent) -> String? {
        event.classUID = OCSFClass.ftpActivity
        let command = record["command"]?.text
        // OCSF FTP Activity: 1 Put, 2 Get, 3 Poll, 4 Delete, 5 Rename, 6 List.
        switch command?.uppercased() {
        case "STOR", "STOU", "APPE": event.activityID = 1
        case "RETR": event.activityID = 2
        case "DELE": event.activityID = 4
        case "RNFR", "RNTO": event.activityID = 5
        case "LIST", "NLST", "MLSD": event.activityID = 6
        default: event.activityID = 99
        }
        event.addUser(record["user"]?.text, role: .actor)
        let argument = record["arg"]?.text
        if [1, 2, 4].contains(event.activityID) { event.addFile(argument, role: .target) }
        if let code = record["reply_code"]?.int { event.outcome = code < 400 ? "success" : "failure" }
        event.title = "FTP \(command ?? "command")\(argument.map { " \($0)" } ?? "")"
        event.setDetail("ftp.command", command)
        event.setDetail("ftp.reply_code", record["reply_code"])
        event.setDetail("ftp.reply_message", record["reply_msg"]?.text)
        event.setDetail("file.mime_type", record["mime_type"]?.text)
        return command
    }

    static func addWeird(_ record: JSONValue, to event: inout NormalizedEvent) -> String? {
        event.classUID = OCSFClass.networkActivity
        event.activityID = NetworkActivity.other
        let name = record["name"]?.text
        event.title = "Zeek weird \(name ?? "?")"
        event.setDetail("weird.name", name)
        event.setDetail("weird.addl", record["addl"]?.text)
        event.setDetail("weird.peer", record["peer"]?.text)
        return name
    }

    static func addDPD(_ record: JSONValue, to event: inout NormalizedEvent) {
        event.classUID = OCSFClass.networkActivity
        event.activityID = NetworkActivity.fail
        let analyzer = record["analyzer"]?.text
        event.title = "Protocol analysis failed: \(analyzer ?? "?") \(NetworkActivity.summary(event))"
        event.setDetail("app_name", analyzer)
        event.setDetail("status_detail", record["failure_reason"]?.text)
    }

    static func addX509(_ record: JSONValue, to event: inout NormalizedEvent) {
        event.classUID = OCSFClass.networkActivity
        event.activityID = NetworkActivity.other
        let subject = text(record, "certificate.subject")
        event.title = "Certificate \(subject ?? text(record, "certificate.serial") ?? "?")"
        // Names a certificate covers often identify the service (or a C2 server's made-up name).
        for name in field(record, "san.dns")?.strings ?? [] { event.addDomain(name, role: .related) }
        event.setDetail("file.uid", record["id"]?.text ?? record["fuid"]?.text)
        event.setDetail("tls.certificate.subject", subject)
        event.setDetail("tls.certificate.issuer", text(record, "certificate.issuer"))
        event.setDetail("tls.certificate.serial_number", text(record, "certificate.serial"))
        event.setDetail("tls.certificate.created_time", field(record, "certificate.not_valid_before"))
        event.setDetail("tls.certificate.expiration_time", field(record, "certificate.not_valid_after"))
        event.setDetail("tls.certificate.fingerprint", record["fingerprint"]?.text)
    }

    static func addPE(_ record: JSONValue, to event: inout NormalizedEvent) {
        event.classUID = OCSFClass.networkFileActivity
        event.activityID = 0
        let machine = record["machine"]?.text
        event.title = "PE \(record["is_exe"]?.bool == false ? "library" : "executable")\(machine.map { " \($0)" } ?? "") in transfer"
        event.setDetail("file.uid", record["id"]?.text ?? record["fuid"]?.text)
        event.setDetail("file.type", "PE")
        event.setDetail("pe.machine", machine)
        event.setDetail("pe.os", record["os"]?.text)
        event.setDetail("pe.subsystem", record["subsystem"]?.text)
        event.setDetail("pe.compile_time", record["compile_ts"])
        event.setDetail("pe.section_names", record["section_names"].map { JSONValue.strings($0.strings) })
    }
}
