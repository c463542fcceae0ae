/// Scenario 4's fixed part: the named workstations log on at the domain controller and resolve
/// names through the company resolver (hub entities shared by everyone), plus a handful of benign,
/// low-severity alerts that must never reach High or Critical.
struct BenignActivityScenario {
    struct Result {
        var benignAlerts: [RecordReference]
    }

    func write(_ context: ScenarioContext, at start: Int64) -> Result {
        let company = context.company
        let seconds: Int64 = 1_000_000
        // The scenario workstations are left out: their records near an attack belong to it.
        let named = company.workstations.prefix(16).filter { !ScenarioGenerator.scenarioHosts.contains($0.name) }

        // Morning logons and lookups through the hubs.
        for (index, machine) in named.enumerated() {
            guard let owner = machine.owner else { continue }
            let time = start + Int64(index) * 45 * seconds
            context.sysmon(company.domainController, at: time) {
                SysmonRecords.logon(.init(user: owner.login, domain: company.netbios, userSID: owner.sid, sourceIP: machine.ip,
                                          sourcePort: context.ephemeralPort(), workstation: machine.name.uppercased(), logonType: 3,
                                          logonID: "0x\(context.random.hex(7))", kerberos: true), host: $0, recordID: $1, time: time)
            }
            let svchost = context.process(on: machine, image: "C:\\Windows\\System32\\svchost.exe",
                                          commandLine: "C:\\Windows\\system32\\svchost.exe -k NetworkService -p -s Dnscache",
                                          user: "NT AUTHORITY\\NETWORK SERVICE")
            let query = ["outlook.office365.com", "login.microsoftonline.com", "teams.microsoft.com"][index % 3]
            let answer = ["52.97.146.162", "20.190.160.20", "52.113.194.132"][index % 3]
            let lookup = time + 3 * seconds
            context.sysmon(machine, at: lookup) {
                SysmonRecords.dnsQuery(svchost, query: query, answers: [answer], host: $0, recordID: $1, time: lookup)
            }
            let tuple = SuricataRecords.Tuple(flowID: context.flowID(), sourceIP: machine.ip, sourcePort: context.ephemeralPort(),
                                              destinationIP: company.resolver.ip, destinationPort: 53, proto: "UDP")
            let transaction = context.random.below(65_536)
            context.emit(.suricata, at: lookup, SuricataRecords.dns(tuple, transaction: transaction, query: query, answers: [], time: lookup))
            context.emit(.suricata, at: lookup + 2_000, SuricataRecords.dns(tuple, transaction: transaction, query: query, answers: [answer], time: lookup + 2_000))
            let connection = ZeekRecords.Connection(uid: context.zeekUID(), originIP: machine.ip, originPort: tuple.sourcePort,
                                                    responderIP: company.resolver.ip, responderPort: 53, proto: "udp")
            context.emit(.zeek, at: lookup, ZeekRecords.dns(connection, transaction: transaction, query: query, answers: [answer], time: lookup))
        }

        var alerts: [RecordReference] = []
        // A developer's curl script: an ET POLICY alert, severity 3.
        let erin = company.workstation(of: "erin")
        let curlTime = start + 2 * 3600 * seconds
        let curlTuple = SuricataRecords.Tuple(flowID: context.flowID(), sourceIP: erin.ip, sourcePort: context.ephemeralPort(),
                                              destinationIP: "192.0.2.80", destinationPort: 80)
        let curlRequest = SuricataRecords.HTTP(hostname: "downloads.vendor.example", url: "/tools/jq-1.7.1-win64.exe",
                                               userAgent: "curl/8.9.1", length: 2_176_000, contentType: "application/octet-stream")
        alerts.append(context.emit(.suricata, at: curlTime, SuricataRecords.alert(.init(
            id: 2_013_028, revision: 7, text: "ET POLICY curl User-Agent Outbound", category: "Attempted Information Leak",
            severity: 3, appProto: "http"), curlTuple, time: curlTime, http: curlRequest)))

        // A .zip-TLD lookup through the resolver: an ET INFO alert on the hub itself.
        let heidi = company.workstation(of: "heidi")
        let zipTime = start + 150 * 60 * seconds
        let zipTuple = SuricataRecords.Tuple(flowID: context.flowID(), sourceIP: heidi.ip, sourcePort: context.ephemeralPort(),
                                             destinationIP: company.resolver.ip, destinationPort: 53, proto: "UDP")
        alerts.append(context.emit(.suricata, at: zipTime, SuricataRecords.alert(.init(
            id: 2_045_664, revision: 1, text: "ET INFO Observed DNS Query to .zip TLD", category: "Potentially Bad Traffic",
            severity: 3, appProto: "dns"), zipTuple, time: zipTime)))

        // A spam verdict in frank's mailbox.
        let spamTime = start + 70 * 60 * seconds
        var spam = DefenderEmailRecords.Message(
            networkMessageID: context.random.uuid(), internetMessageID: "<\(context.random.hex(18))@mailer.deals.example>",
            sender: "offers@deals.example", senderDisplayName: "Deals Weekly", senderIP: "203.0.113.201",
            recipient: company.employee("frank"), subject: "Last chance: 70% off office chairs")
        spam.deliveryAction = "Junked"
        spam.deliveryLocation = "Junk folder"
        spam.threatTypes = "Spam"
        spam.detectionMethods = "{\"Spam\":[\"Mixed analysis detection\"]}"
        spam.urlCount = 3
        alerts.append(context.emit(.defenderEmail, at: spamTime, DefenderEmailRecords.emailEvent(spam, tenantID: company.defenderTenantID, time: spamTime)))

        // A package install in a CI build pod: a Falco Notice.
        let buildNode = company.nodes[1]
        let packageTime = start + 3 * 3600 * seconds
        alerts.append(context.emit(.falco, at: packageTime, FalcoRecords.alert(.init(
            rule: "Launch Package Management Process in Container", priority: "Notice",
            message: "Package management process launched in container (user=root command=apt-get install -y jq container_id=9b2c4d1e8f70 container_name=builder k8s_ns=ci k8s_pod_name=builder-6c9b4)",
            tags: ["T1505", "container", "maturity_incubating", "mitre_persistence", "process", "software_mgmt"], hostname: buildNode.name,
            fields: [("container.id", "9b2c4d1e8f70"), ("container.name", "builder"), ("k8s.ns.name", "ci"), ("k8s.pod.name", "builder-6c9b4"),
                     ("proc.cmdline", "apt-get install -y jq"), ("proc.name", "apt-get"), ("user.name", "root")]), time: packageTime)))

        // Adware flagged at low severity on grace's workstation.
        let grace = company.workstation(of: "grace")
        let graceUser = context.domainUser("grace")
        let browser = context.process(on: grace, image: "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
                                      commandLine: "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\"", user: graceUser)
        let installer = context.process(on: grace, image: "C:\\Users\\grace\\Downloads\\PDFConverterSetup.exe",
                                        commandLine: "\"C:\\Users\\grace\\Downloads\\PDFConverterSetup.exe\"", user: graceUser)
        let adwareTime = start + 4 * 3600 * seconds
        alerts.append(context.emit(.falcon, at: adwareTime, FalconRecords.detection(.init(
            name: "AdwarePUP", description: "A file classified as potentially unwanted software (bundled adware) was written and executed.",
            severity: 2, tactic: "Machine Learning", tacticID: "CSTA0004", technique: "Adware/PUP", techniqueID: "CST0007",
            objective: "Falcon Detection Method", process: installer, parent: browser),
            machine: grace, ip: grace.ip, customerID: company.falconCustomerID, domain: company.netbios,
            offset: context.nextFalconOffset(), detectionNumber: context.nextDetectionNumber(), time: adwareTime)))
        return Result(benignAlerts: alerts)
    }
}
