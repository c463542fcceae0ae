import XDRStore

/// The columns of `events` the correlator reads (what `CorrelationEvent` holds, plus the stream
/// position), and where each sits in one result: looked up once per result rather than by name
/// for each field of every row.
struct EventColumns {
    struct Column {
        /// A static name: a column handed around for every field of every row costs no retain.
        let name: StaticString
        let position: Int
    }

    /// The select list, in the order of the properties below.
    static let selectList = """
        id, tenant_id, time, ingested_at, ingest_xid::text AS ingest_xid, layer, kind, class_uid, severity_id,
        source_format, title, rule_id, attack_techniques, attack_tactics, outcome, hostname,
        host(src_ip) AS src_ip, host(dst_ip) AS dst_ip, dst_port, user_name, email_from, email_to,
        email_subject, email_message_id, process_image, process_cmdline, parent_image, file_path, domain,
        url, cloud_principal, api_operation, entities, details
        """

    let id, tenantID, time, ingestedAt, ingestXID, layer, kind, classUID, severityID, sourceFormat, title,
        ruleID, attackTechniques, attackTactics, outcome, hostname, srcIP, dstIP, dstPort, userName,
        emailFrom, emailTo, emailSubject, emailMessageID, processImage, processCmdline, parentImage,
        filePath, domain, url, cloudPrincipal, apiOperation, entities, details: Column

    /// Fails naming the first column the result lacks.
    init(_ result: ResultView) throws(EventRowError) {
        func column(_ name: StaticString) throws(EventRowError) -> Column {
            guard let position = result.position(of: "\(name)") else {
                throw EventRowError(eventID: nil, column: "\(name)", reason: "not in the result")
            }
            return Column(name: name, position: position)
        }
        id = try column("id")
        tenantID = try column("tenant_id")
        time = try column("time")
        ingestedAt = try column("ingested_at")
        ingestXID = try column("ingest_xid")
        layer = try column("layer")
        kind = try column("kind")
        classUID = try column("class_uid")
        severityID = try column("severity_id")
        sourceFormat = try column("source_format")
        title = try column("title")
        ruleID = try column("rule_id")
        attackTechniques = try column("attack_techniques")
        attackTactics = try column("attack_tactics")
        outcome = try column("outcome")
        hostname = try column("hostname")
        srcIP = try column("src_ip")
        dstIP = try column("dst_ip")
        dstPort = try column("dst_port")
        userName = try column("user_name")
        emailFrom = try column("email_from")
        emailTo = try column("email_to")
        emailSubject = try column("email_subject")
        emailMessageID = try column("email_message_id")
        processImage = try column("process_image")
        processCmdline = try column("process_cmdline")
        parentImage = try column("parent_image")
        filePath = try column("file_path")
        domain = try column("domain")
        url = try column("url")
        cloudPrincipal = try column("cloud_principal")
        apiOperation = try column("api_operation")
        entities = try column("entities")
        details = try column("details")
    }
}
