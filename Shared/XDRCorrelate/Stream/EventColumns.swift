import XDRStore

/// Where each column `EventStreamReader` selects sits in one result, looked up once per result
/// rather than by name (a string hash) for each of the fifty fields of every row.
struct EventColumns {
    struct Column {
        let name: String
        let position: Int
    }

    let id, tenantID, time, ingestedAt, ingestXID, layer, kind, classUID, activityID, severityID,
        sourceProduct, sourceFormat, sourceEventID, title, ruleID, attackTechniques, attackTactics,
        outcome, hostname, srcIP, srcPort, dstIP, dstPort, networkProtocol, userName, emailFrom, emailTo,
        emailSubject, emailMessageID, processImage, processCmdline, processPID, processGUID,
        parentImage, parentGUID, filePath, fileHashes, domain, url, cloudAccount, cloudRegion,
        cloudPrincipal, cloudAccessKey, apiOperation, k8sNamespace, k8sPod, k8sServiceAccount,
        entities, details: Column

    /// Fails naming the first column the result lacks.
    init(_ columns: RowColumns) throws(EventRowError) {
        func column(_ name: String) throws(EventRowError) -> Column {
            guard let position = columns.position(of: name) else {
                throw EventRowError(eventID: nil, column: name, reason: "not in the result")
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
        activityID = try column("activity_id")
        severityID = try column("severity_id")
        sourceProduct = try column("source_product")
        sourceFormat = try column("source_format")
        sourceEventID = try column("source_event_id")
        title = try column("title")
        ruleID = try column("rule_id")
        attackTechniques = try column("attack_techniques")
        attackTactics = try column("attack_tactics")
        outcome = try column("outcome")
        hostname = try column("hostname")
        srcIP = try column("src_ip")
        srcPort = try column("src_port")
        dstIP = try column("dst_ip")
        dstPort = try column("dst_port")
        networkProtocol = try column("protocol")
        userName = try column("user_name")
        emailFrom = try column("email_from")
        emailTo = try column("email_to")
        emailSubject = try column("email_subject")
        emailMessageID = try column("email_message_id")
        processImage = try column("process_image")
        processCmdline = try column("process_cmdline")
        processPID = try column("process_pid")
        processGUID = try column("process_guid")
        parentImage = try column("parent_image")
        parentGUID = try column("parent_guid")
        filePath = try column("file_path")
        fileHashes = try column("file_hashes")
        domain = try column("domain")
        url = try column("url")
        cloudAccount = try column("cloud_account")
        cloudRegion = try column("cloud_region")
        cloudPrincipal = try column("cloud_principal")
        cloudAccessKey = try column("cloud_access_key")
        apiOperation = try column("api_operation")
        k8sNamespace = try column("k8s_namespace")
        k8sPod = try column("k8s_pod")
        k8sServiceAccount = try column("k8s_service_account")
        entities = try column("entities")
        details = try column("details")
    }
}
