/// Scenario 1: a malicious attachment reaches alice, the macro starts an encoded PowerShell that
/// beacons to the C2, a payload dumps credentials, and the attacker moves to the file server.
struct PhishingAttachmentScenario {
    /// Write the Zeek view too (the demo leaves it out to stay small).
    var includeZeek = true

    func write(_ context: ScenarioContext, id: String, kind: ScenarioKind, at start: Int64) -> AttackTruth {
        let company = context.company
        let alice = company.employee("alice")
        let workstation = company.workstation(of: "alice")
        let fileServer = company.fileServer
        let user = context.domainUser("alice")
        let seconds: Int64 = 1_000_000
        var log = AttackLog()

        // 1. Delivery.
        log.step("A mail from \(PhishingCampaign.sender) with \(PhishingCampaign.attachmentName) reaches alice's inbox; Defender flags the attachment as malware after delivery.")
        let messageID = context.random.uuid()
        var message = DefenderEmailRecords.Message(
            networkMessageID: messageID,
            internetMessageID: "<\(context.random.hex(16))@invoice-portal.example>",
            sender: PhishingCampaign.sender, senderDisplayName: PhishingCampaign.senderDisplayName,
            senderIP: PhishingCampaign.senderIP, recipient: alice, subject: PhishingCampaign.subject)
        message.threatTypes = "Malware"
        message.threatNames = "TrojanDownloader:O97M/Donoff.SA"
        message.detectionMethods = "{\"Malware\":[\"File detonation\"]}"
        message.attachmentCount = 1
        log.detection(context.emit(.defenderEmail, at: start,
                                   DefenderEmailRecords.emailEvent(message, tenantID: company.defenderTenantID, time: start)))
        let attachment = DefenderEmailRecords.Attachment(
            fileName: PhishingCampaign.attachmentName, fileType: "docm", hashes: PhishingCampaign.attachmentHashes,
            size: 48_211, threatTypes: "Malware", threatNames: "TrojanDownloader:O97M/Donoff.SA",
            detectionMethods: "{\"Malware\":[\"File detonation\"]}")
        log.detection(context.emit(.defenderEmail, at: start + 1 * seconds,
                                   DefenderEmailRecords.attachmentInfo(attachment, message: message,
                                                                      tenantID: company.defenderTenantID, time: start + 1 * seconds)))

        // 2. Alice saves and opens the attachment; the macro starts PowerShell.
        log.step("alice opens the attachment on ws-alice: Outlook saves it, Word opens it, and the macro starts PowerShell with an encoded command.")
        var t = start + 240 * seconds
        let outlook = context.process(on: workstation, image: "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE",
                                      commandLine: "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE\"", user: user)
        let savedPath = "C:\\Users\\alice\\AppData\\Local\\Microsoft\\Windows\\INetCache\\Content.Outlook\\Q7ZL2K4M\\\(PhishingCampaign.attachmentName)"
        log.add(context.sysmon(workstation, at: t) { SysmonRecords.fileCreate(outlook, path: savedPath, host: $0, recordID: $1, time: t) })
        log.add(context.sysmon(workstation, at: t + 12_000) {
            SysmonRecords.fileStreamHash(outlook, path: savedPath, hashes: PhishingCampaign.attachmentHashes, host: $0, recordID: $1, time: t + 12_000)
        })
        t += 9 * seconds
        var word = context.process(on: workstation, image: "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
                                   commandLine: "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE\" /n \"\(savedPath)\" /o \"\"",
                                   user: user)
        word.currentDirectory = "C:\\Users\\alice\\Documents\\"
        let wordStart = t
        log.add(context.sysmon(workstation, at: t) { SysmonRecords.processCreate(word, parent: outlook, host: $0, recordID: $1, time: wordStart) })
        t += 31 * seconds
        var powershell = context.process(on: workstation, image: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                                         commandLine: "powershell.exe -NoP -NonI -W Hidden -Exec Bypass -Enc \(PhishingCampaign.encodedCommand)",
                                         user: user)
        powershell.description = "Windows PowerShell"
        let psStart = t
        log.add(context.sysmon(workstation, at: t) { SysmonRecords.processCreate(powershell, parent: word, host: $0, recordID: $1, time: psStart) })

        // 3. Resolution of the C2 domain through the company resolver.
        log.step("PowerShell resolves \(PhishingCampaign.c2Domain) through the company resolver.")
        t += 2 * seconds
        let dnsTime = t
        log.add(context.sysmon(workstation, at: t) {
            SysmonRecords.dnsQuery(powershell, query: PhishingCampaign.c2Domain, answers: [PhishingCampaign.c2IP], host: $0, recordID: $1, time: dnsTime)
        })
        let dnsTuple = SuricataRecords.Tuple(flowID: context.flowID(), sourceIP: workstation.ip, sourcePort: context.ephemeralPort(),
                                             destinationIP: company.resolver.ip, destinationPort: 53, proto: "UDP")
        let transaction = context.random.below(65_536)
        log.add(context.emit(.suricata, at: t - 3_000, SuricataRecords.dns(dnsTuple, transaction: transaction, query: PhishingCampaign.c2Domain, answers: [], time: t - 3_000)))
        log.add(context.emit(.suricata, at: t - 1_000, SuricataRecords.dns(dnsTuple, transaction: transaction, query: PhishingCampaign.c2Domain, answers: [PhishingCampaign.c2IP], time: t - 1_000)))
        if includeZeek {
            let connection = ZeekRecords.Connection(uid: context.zeekUID(), originIP: workstation.ip, originPort: dnsTuple.sourcePort,
                                                    responderIP: company.resolver.ip, responderPort: 53, proto: "udp")
            log.add(context.emit(.zeek, at: t - 3_000, ZeekRecords.dns(connection, transaction: transaction, query: PhishingCampaign.c2Domain,
                                                                      answers: [PhishingCampaign.c2IP], time: t - 3_000)))
        }

        // 4. Beaconing.
        log.step("PowerShell beacons over HTTPS to \(PhishingCampaign.c2IP); the network sensor recognises the Cobalt Strike profile.")
        for beacon in 0..<4 {
            let beaconTime = t + Int64(beacon) * 61 * seconds + 900_000
            let port = context.ephemeralPort()
            log.add(context.sysmon(workstation, at: beaconTime) {
                SysmonRecords.networkConnect(powershell, .init(sourceIP: workstation.ip, sourcePort: port, destinationIP: PhishingCampaign.c2IP,
                                                               destinationPort: 443, destinationHostname: PhishingCampaign.c2Domain),
                                             host: $0, recordID: $1, time: beaconTime)
            })
            let tuple = SuricataRecords.Tuple(flowID: context.flowID(), sourceIP: workstation.ip, sourcePort: port,
                                              destinationIP: PhishingCampaign.c2IP, destinationPort: 443)
            if beacon == 0 {
                log.add(context.emit(.suricata, at: beaconTime + 40_000, SuricataRecords.tls(
                    tuple, sni: PhishingCampaign.c2Domain, subject: "CN=\(PhishingCampaign.c2Domain)", issuer: "C=US, O=Let's Encrypt, CN=R11",
                    ja3: PhishingCampaign.ja3, time: beaconTime + 40_000)))
                if includeZeek {
                    let connection = ZeekRecords.Connection(uid: context.zeekUID(), originIP: workstation.ip, originPort: port,
                                                            responderIP: PhishingCampaign.c2IP, responderPort: 443)
                    log.add(context.emit(.zeek, at: beaconTime + 40_000, ZeekRecords.ssl(
                        connection, serverName: PhishingCampaign.c2Domain, subject: "CN=\(PhishingCampaign.c2Domain)",
                        issuer: "CN=R11,O=Let's Encrypt,C=US", ja3: PhishingCampaign.ja3, time: beaconTime + 40_000)))
                }
            }
            if beacon == 0 || beacon == 2 {
                log.detection(context.emit(.suricata, at: beaconTime + 80_000, SuricataRecords.alert(
                    PhishingCampaign.beaconSignature, tuple, time: beaconTime + 80_000, sni: PhishingCampaign.c2Domain)))
            }
            let flowEnd = beaconTime + 3 * seconds
            log.add(context.emit(.suricata, at: flowEnd, SuricataRecords.flow(tuple, .init(
                appProto: "tls", packetsOut: 9, packetsIn: 8, bytesOut: 1_422 + beacon * 37, bytesIn: 5_310 + beacon * 113,
                seconds: 3, alerted: beacon == 0 || beacon == 2), time: flowEnd)))
            if includeZeek && beacon > 0 {
                let connection = ZeekRecords.Connection(uid: context.zeekUID(), originIP: workstation.ip, originPort: port,
                                                        responderIP: PhishingCampaign.c2IP, responderPort: 443)
                log.add(context.emit(.zeek, at: beaconTime, ZeekRecords.conn(connection, service: "ssl", duration: 2.9,
                                                                             bytesOut: 1_422, bytesIn: 5_310, time: beaconTime)))
            }
        }

        // 5. EDR detection.
        log.step("CrowdStrike Falcon on ws-alice detects the encoded PowerShell launched by Word.")
        t += 250 * seconds
        var falcon = FalconRecords.Detection(
            name: "SuspiciousScriptExecution", description: "A Microsoft Office application spawned PowerShell with an encoded command line, consistent with a malicious macro.",
            severity: 4, tactic: "Execution", tacticID: "TA0002", technique: "PowerShell", techniqueID: "T1059.001",
            objective: "Follow Through", process: powershell, parent: word)
        log.detection(context.emit(.falcon, at: t, FalconRecords.detection(
            falcon, machine: workstation, ip: workstation.ip, customerID: company.falconCustomerID, domain: company.netbios,
            offset: context.nextFalconOffset(), detectionNumber: context.nextDetectionNumber(), time: t)))

        // 6. Payload and credential theft.
        log.step("PowerShell drops \(PhishingCampaign.payloadName) and runs it; the payload opens LSASS to steal credentials.")
        t += 180 * seconds
        let payloadPath = "C:\\Users\\alice\\AppData\\Local\\Temp\\\(PhishingCampaign.payloadName)"
        let dropTime = t
        log.add(context.sysmon(workstation, at: t) { SysmonRecords.fileCreate(powershell, path: payloadPath, host: $0, recordID: $1, time: dropTime) })
        t += 6 * seconds
        var payload = context.process(on: workstation, image: payloadPath, commandLine: "\"\(payloadPath)\" --silent", user: user)
        payload.currentDirectory = "C:\\Users\\alice\\AppData\\Local\\Temp\\"
        let payloadStart = t
        log.add(context.sysmon(workstation, at: t) { SysmonRecords.processCreate(payload, parent: powershell, host: $0, recordID: $1, time: payloadStart) })
        t += 40 * seconds
        let lsass = WindowsProcess(guid: "{\(workstation.sensorID.prefix(8))-6a1e-5f3c-0b00-000000000700}", pid: 712,
                                   image: "C:\\Windows\\system32\\lsass.exe", commandLine: "C:\\Windows\\system32\\lsass.exe",
                                   user: "NT AUTHORITY\\SYSTEM")
        let accessTime = t
        log.add(context.sysmon(workstation, at: t) {
            SysmonRecords.processAccess(source: payload, target: lsass, grantedAccess: "0x1010", host: $0, recordID: $1, time: accessTime)
        })
        t += 2 * seconds
        falcon = FalconRecords.Detection(
            name: "CredentialDumping", description: "A process accessed LSASS memory in a way consistent with credential theft.",
            severity: 5, tactic: "Credential Access", tacticID: "TA0006", technique: "OS Credential Dumping", techniqueID: "T1003.001",
            objective: "Gain Access", process: payload, parent: powershell, disposition: "Prevention, process killed.")
        log.detection(context.emit(.falcon, at: t, FalconRecords.detection(
            falcon, machine: workstation, ip: workstation.ip, customerID: company.falconCustomerID, domain: company.netbios,
            offset: context.nextFalconOffset(), detectionNumber: context.nextDetectionNumber(), time: t)))

        // 7. Lateral movement to the file server.
        log.step("From ws-alice (\(workstation.ip)) the attacker reaches filesrv01 over SMB and WinRM with alice's credentials and runs commands there.")
        t += 420 * seconds
        // Windows' SMB client runs in the kernel, so Sysmon attributes port 445 to `System` (PID 4);
        // WinRM is an ordinary connection of the payload.
        let system = WindowsProcess(guid: "{\(workstation.sensorID.prefix(8))-6a1b-5f3c-eb03-000000000000}", pid: 4,
                                    image: "System", commandLine: "", user: "NT AUTHORITY\\SYSTEM")
        for (offset, port) in [(0, 445), (20, 5985)] {
            let connectTime = t + Int64(offset) * seconds
            let sourcePort = context.ephemeralPort()
            log.add(context.sysmon(workstation, at: connectTime) {
                SysmonRecords.networkConnect(port == 445 ? system : payload, .init(sourceIP: workstation.ip, sourcePort: sourcePort, destinationIP: fileServer.ip,
                                                            destinationPort: port, destinationHostname: "\(fileServer.name).\(company.domain)"),
                                             host: $0, recordID: $1, time: connectTime)
            })
            let tuple = SuricataRecords.Tuple(flowID: context.flowID(), sourceIP: workstation.ip, sourcePort: sourcePort,
                                              destinationIP: fileServer.ip, destinationPort: port)
            log.add(context.emit(.suricata, at: connectTime + 8 * seconds, SuricataRecords.flow(tuple, .init(
                appProto: port == 445 ? "smb" : "http", packetsOut: 31, packetsIn: 27, bytesOut: 6_812, bytesIn: 9_140, seconds: 8),
                time: connectTime + 8 * seconds)))
            if includeZeek {
                let connection = ZeekRecords.Connection(uid: context.zeekUID(), originIP: workstation.ip, originPort: sourcePort,
                                                        responderIP: fileServer.ip, responderPort: port)
                log.add(context.emit(.zeek, at: connectTime, ZeekRecords.conn(connection, service: port == 445 ? "smb,gssapi,ntlm" : "http",
                                                                              duration: 8.2, bytesOut: 6_812, bytesIn: 9_140, time: connectTime)))
            }
            let logonTime = connectTime + 300_000
            log.add(context.sysmon(fileServer, at: logonTime) {
                SysmonRecords.logon(.init(user: "alice", domain: company.netbios, userSID: alice.sid, sourceIP: workstation.ip,
                                          sourcePort: sourcePort, workstation: workstation.name.uppercased(), logonType: 3,
                                          logonID: "0x\(context.random.hex(7))", kerberos: port == 5985),
                                    host: $0, recordID: $1, time: logonTime)
            })
        }
        t += 23 * seconds
        let svchost = WindowsProcess(guid: "{\(fileServer.sensorID.prefix(8))-2b1c-5f3a-0c00-000000000300}", pid: 964,
                                     image: "C:\\Windows\\System32\\svchost.exe", commandLine: "C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p",
                                     user: "NT AUTHORITY\\SYSTEM")
        let remoteHost = context.process(on: fileServer, image: "C:\\Windows\\System32\\wsmprovhost.exe",
                                         commandLine: "C:\\Windows\\system32\\wsmprovhost.exe -Embedding", user: user)
        let remoteStart = t
        log.add(context.sysmon(fileServer, at: t) { SysmonRecords.processCreate(remoteHost, parent: svchost, host: $0, recordID: $1, time: remoteStart) })
        t += 14 * seconds
        let discovery = context.process(on: fileServer, image: "C:\\Windows\\System32\\cmd.exe",
                                        commandLine: "\"C:\\Windows\\system32\\cmd.exe\" /c net group \"Domain Admins\" /domain & dir \\\\filesrv01\\finance$",
                                        user: user)
        let discoveryStart = t
        log.add(context.sysmon(fileServer, at: t) { SysmonRecords.processCreate(discovery, parent: remoteHost, host: $0, recordID: $1, time: discoveryStart) })

        return AttackTruth(
            id: id, kind: kind, tenant: context.tenant,
            summary: "Phishing attachment → macro → encoded PowerShell → C2 \(PhishingCampaign.c2IP) → credential theft → lateral movement to filesrv01",
            steps: log.steps, detections: log.detections, layers: [.email, .endpoint, .network],
            titleFragments: ["powershell", "beacon", "malware"], minimumSeverity: .high,
            keyEntities: [PhishingCampaign.c2IP, PhishingCampaign.attachmentHashes.sha256, "ws-alice", "alice@corp.example", "filesrv01"])
    }
}
