/// Writes benign background records for one company, cheaply enough for load benchmarks.
///
/// Every record draws from one deterministic stream, so the same seed gives the same lines.
/// Alerts are off by default: a quality run wants its benign alerts listed one by one in the
/// ground truth; benchmark streams turn them on for a realistic mix.
struct NoiseGenerator {
    let company: SyntheticCompany
    private var random: SplitMix64
    private let machines: [Machine]
    /// Per machine: its Windows event identity and its user as `CORP\login`, built once.
    private let hosts: [WindowsHost]
    private let users: [String]
    private let servers: [WindowsHost]
    /// The adware installer in each user's Downloads folder (Falcon noise).
    private let installers: [Executable]
    private var recordIDs: [Int]
    private var serverRecordIDs = [7_400_000, 2_100_000]
    private var falconOffset = 9_000_000
    let includeAlerts: Bool

    init(company: SyntheticCompany, seed: UInt64, stream: String, excludedHosts: Set<String> = [], includeAlerts: Bool = false) {
        self.company = company
        random = SplitMix64(seed: seed, stream: "noise:\(company.tenant):\(stream)")
        machines = company.workstations.filter { !excludedHosts.contains($0.name) }
        recordIDs = machines.indices.map { 10_000 + $0 * 1_000 }
        hosts = machines.map { WindowsHost($0, domain: company.domain) }
        users = machines.map { "\(company.netbios)\\\($0.owner?.login ?? "svc")" }
        servers = [WindowsHost(company.domainController, domain: company.domain), WindowsHost(company.fileServer, domain: company.domain)]
        installers = machines.map {
            Executable("C:\\Users\\\($0.owner?.login ?? "svc")\\Downloads\\ToolbarSetup.exe", hashes: Self.toolbarHashes)
        }
        self.includeAlerts = includeAlerts
    }

    /// One benign record of `format` at `time`.
    mutating func record(_ format: SourceFormat, at time: Int64) -> [UInt8] {
        switch format {
        case .sysmon: sysmon(time)
        case .falcon: falcon(time)
        case .defenderEmail: email(time)
        case .suricata: suricata(time)
        case .zeek: zeek(time)
        case .cloudtrail: cloudTrail(time)
        case .k8sAudit: kubernetes(time)
        case .falco: falco(time)
        }
    }

    // MARK: Endpoint

    private mutating func machine() -> (Machine, Int) {
        let index = random.below(machines.count)
        return (machines[index], index)
    }

    private mutating func process(_ machine: Machine, _ executable: Executable, commandLine: String, user: String) -> WindowsProcess {
        WindowsProcess(guid: WindowsProcess.guid(&random, hostKey: machine.sensorID), pid: 800 + random.below(15_000) * 4,
                       executable: executable, commandLine: commandLine, user: user)
    }

    private mutating func sysmon(_ time: Int64) -> [UInt8] {
        let (machine, index) = self.machine()
        let host = hosts[index]
        let user = users[index]
        let roll = random.below(100)
        if roll >= 85 {
            // A logon at the domain controller (hub) or the file server.
            let slot = roll >= 95 ? 1 : 0
            serverRecordIDs[slot] += 1
            let owner = machine.owner ?? company.employees[0]
            return SysmonRecords.logon(.init(user: owner.login, domain: company.netbios, userSID: owner.sid, sourceIP: machine.ip,
                                             sourcePort: 49_152 + random.below(16_000), workstation: machine.name.uppercased(),
                                             logonType: 3, logonID: "0x" + random.hex(7), kerberos: true),
                                       host: servers[slot], recordID: serverRecordIDs[slot], time: time)
        }
        recordIDs[index] += 1
        let recordID = recordIDs[index]
        let programIndex = random.below(BenignCatalog.programs.count)
        let program = BenignCatalog.programs[programIndex]
        let current = process(machine, BenignCatalog.executables[programIndex].image, commandLine: program.commandLine, user: user)
        if roll < 40 {
            let parent = process(machine, BenignCatalog.executables[programIndex].parent, commandLine: program.parentCommandLine, user: user)
            return SysmonRecords.processCreate(current, parent: parent, host: host, recordID: recordID, time: time)
        }
        let site = BenignCatalog.sites[random.below(BenignCatalog.sites.count)]
        if roll < 65 {
            return SysmonRecords.networkConnect(current, .init(sourceIP: machine.ip, sourcePort: 49_152 + random.below(16_000),
                                                               destinationIP: site.ip, destinationPort: 443, destinationHostname: site.domain),
                                                host: host, recordID: recordID, time: time)
        }
        return SysmonRecords.dnsQuery(current, query: site.domain, answers: [site.ip], host: host, recordID: recordID, time: time)
    }

    private mutating func falcon(_ time: Int64) -> [UInt8] {
        let (machine, index) = self.machine()
        let user = users[index]
        let installer = process(machine, installers[index], commandLine: "\"ToolbarSetup.exe\" /S", user: user)
        let parent = process(machine, Self.explorer, commandLine: "C:\\Windows\\Explorer.EXE", user: user)
        falconOffset += 1 + random.below(30)
        return FalconRecords.detection(.init(
            name: "AdwarePUP", description: "A file classified as potentially unwanted software was executed.",
            severity: 1 + random.below(2), tactic: "Machine Learning", tacticID: "CSTA0004", technique: "Adware/PUP",
            techniqueID: "CST0007", objective: "Falcon Detection Method", process: installer, parent: parent),
            machine: machine, ip: machine.ip, customerID: company.falconCustomerID, domain: company.netbios,
            offset: falconOffset, detectionNumber: falconOffset % 100_000, time: time)
    }

    private static let explorer = Executable("C:\\Windows\\explorer.exe")
    private static let toolbarHashes = FileHashes(of: "ToolbarSetup.exe")

    // MARK: Email

    private mutating func email(_ time: Int64) -> [UInt8] {
        let (machine, _) = self.machine()
        let recipient = machine.owner ?? company.employees[0]
        let partner = BenignCatalog.partnerSenders[random.below(BenignCatalog.partnerSenders.count)]
        var message = DefenderEmailRecords.Message(
            networkMessageID: random.uuid(), internetMessageID: "<\(random.hex(24))@\(DefenderEmailRecords.domain(of: partner.address))>",
            sender: partner.address, senderDisplayName: partner.name, senderIP: partner.ip, recipient: recipient,
            subject: BenignCatalog.subjects[random.below(BenignCatalog.subjects.count)])
        message.attachmentCount = random.chance(20) ? 1 : 0
        message.urlCount = random.below(4)
        return DefenderEmailRecords.emailEvent(message, tenantID: company.defenderTenantID, time: time)
    }

    // MARK: Network

    private mutating func suricata(_ time: Int64) -> [UInt8] {
        let (machine, _) = self.machine()
        let site = BenignCatalog.sites[random.below(BenignCatalog.sites.count)]
        let flowID = 1_000_000_000_000_000 + random.below(1_200_000_000_000_000)
        let sourcePort = 49_152 + random.below(16_000)
        let roll = random.below(100)
        if includeAlerts && roll == 99 {
            let tuple = SuricataRecords.Tuple(flowID: flowID, sourceIP: machine.ip, sourcePort: sourcePort, destinationIP: site.ip, destinationPort: 80)
            return SuricataRecords.alert(.init(id: 2_013_028, revision: 7, text: "ET POLICY curl User-Agent Outbound",
                                               category: "Attempted Information Leak", severity: 3, appProto: "http"),
                                         tuple, time: time,
                                         http: .init(hostname: site.domain, url: "/", userAgent: "curl/8.9.1", length: 612))
        }
        if roll < 25 {
            let tuple = SuricataRecords.Tuple(flowID: flowID, sourceIP: machine.ip, sourcePort: sourcePort,
                                              destinationIP: company.resolver.ip, destinationPort: 53, proto: "UDP")
            return SuricataRecords.dns(tuple, transaction: random.below(65_536), query: site.domain,
                                       answers: random.chance(50) ? [site.ip] : [], time: time)
        }
        let tuple = SuricataRecords.Tuple(flowID: flowID, sourceIP: machine.ip, sourcePort: sourcePort, destinationIP: site.ip,
                                          destinationPort: roll < 85 ? 443 : 80)
        if roll < 60 {
            let seconds = 1 + random.below(120)
            return SuricataRecords.flow(tuple, .init(appProto: "tls", packetsOut: 10 + random.below(200), packetsIn: 10 + random.below(900),
                                                     bytesOut: 900 + random.below(40_000), bytesIn: 2_000 + random.below(900_000),
                                                     seconds: seconds), time: time)
        }
        if roll < 85 {
            return SuricataRecords.tls(tuple, sni: site.domain, subject: "CN=\(site.domain)", issuer: "C=US, O=DigiCert Inc, CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1",
                                       ja3: "773906b0efdefa24a7f2b8eb6985bf37" + "f4febc55ea12b31ae17cfb7e614afda8", time: time)
        }
        return SuricataRecords.http(tuple, .init(hostname: site.domain, url: "/connecttest.txt",
                                                 userAgent: BenignCatalog.userAgents[random.below(BenignCatalog.userAgents.count)],
                                                 length: 22, contentType: "text/plain"), time: time)
    }

    private mutating func zeek(_ time: Int64) -> [UInt8] {
        let (machine, _) = self.machine()
        let site = BenignCatalog.sites[random.below(BenignCatalog.sites.count)]
        let uid = "C" + random.alphanumeric(17)
        let sourcePort = 49_152 + random.below(16_000)
        let roll = random.below(100)
        if roll < 30 {
            let connection = ZeekRecords.Connection(uid: uid, originIP: machine.ip, originPort: sourcePort,
                                                    responderIP: company.resolver.ip, responderPort: 53, proto: "udp")
            return ZeekRecords.dns(connection, transaction: random.below(65_536), query: site.domain, answers: [site.ip], time: time)
        }
        let connection = ZeekRecords.Connection(uid: uid, originIP: machine.ip, originPort: sourcePort, responderIP: site.ip, responderPort: 443)
        if roll < 50 {
            return ZeekRecords.ssl(connection, serverName: site.domain, subject: "CN=\(site.domain)",
                                   issuer: "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1,O=DigiCert Inc,C=US",
                                   ja3: "773906b0efdefa24a7f2b8eb6985bf37" + "f4febc55ea12b31ae17cfb7e614afda8", time: time)
        }
        return ZeekRecords.conn(connection, service: "ssl", duration: Double(random.below(90_000)) / 1000,
                                bytesOut: 900 + random.below(40_000), bytesIn: 2_000 + random.below(900_000), time: time)
    }

    // MARK: Cloud

    private mutating func cloudTrail(_ time: Int64) -> [UInt8] {
        let account = company.awsAccountID
        let calls: [(String, String)] = [
            ("ec2.amazonaws.com", "DescribeInstances"), ("ec2.amazonaws.com", "DescribeSecurityGroups"),
            ("ec2.amazonaws.com", "DescribeVolumes"), ("ecr.amazonaws.com", "GetAuthorizationToken"),
            ("autoscaling.amazonaws.com", "DescribeAutoScalingGroups"), ("elasticloadbalancing.amazonaws.com", "DescribeTargetHealth"),
        ]
        let (source, name) = calls[random.below(calls.count)]
        let identity: CloudTrailRecords.Identity
        let sourceIP: String
        let agent: String
        if random.chance(50) {
            // The two nodes not involved in any scenario call AWS with their own instance sessions.
            let node = company.nodes[1 + random.below(company.nodes.count - 1)]
            identity = .assumedRole(account: account, role: "eks-node-role-shop-prod", roleID: "AROAQXTNODEROLE0SHOP1",
                                    session: node.instanceID, accessKey: "ASIA" + random.upperAlphanumeric(16), created: time - 3_600_000_000)
            sourceIP = node.ip
            agent = "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.173.0"
        } else {
            identity = .iamUser(account: account, name: "ci-deployer", userID: "AIDAQXTCIDEPLOYER0001", accessKey: "AKIAQXTCIDEPLOYER001")
            sourceIP = "192.0.2.44"
            agent = "Boto3/1.35.54 md/Botocore#1.35.54 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.12.7 cfg/retry-mode#legacy Botocore/1.35.54"
        }
        let call = CloudTrailRecords.Call(eventSource: source, eventName: name, sourceIP: sourceIP, userAgent: agent, readOnly: true)
        return CloudTrailRecords.record(call, identity: identity, eventID: random.uuid(), requestID: random.uuid(),
                                        recipientAccount: account, time: time)
    }

    private mutating func kubernetes(_ time: Int64) -> [UInt8] {
        let node = company.nodes[1 + random.below(company.nodes.count - 1)]
        let roll = random.below(100)
        let request: KubernetesAuditRecords.Request
        if roll < 50 {
            request = .init(verb: "get", username: "system:node:\(node.name)", groups: ["system:nodes", "system:authenticated"],
                            sourceIP: node.ip, userAgent: "kubelet/v1.31.2 (linux/amd64) kubernetes/5864a46", resource: "pods",
                            namespace: "shop", name: "api-5c8d7b6f9-\(random.alphanumeric(5).lowercased())",
                            requestURI: "/api/v1/namespaces/shop/pods", status: 200)
        } else if roll < 80 {
            request = .init(verb: "update", username: "system:node:\(node.name)", groups: ["system:nodes", "system:authenticated"],
                            sourceIP: node.ip, userAgent: "kubelet/v1.31.2 (linux/amd64) kubernetes/5864a46", resource: "leases",
                            namespace: "kube-node-lease", name: node.name, apiGroup: "coordination.k8s.io",
                            requestURI: "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/\(node.name)?timeout=10s", status: 200)
        } else {
            request = .init(verb: "list", username: "system:serviceaccount:kube-system:coredns",
                            groups: ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"],
                            sourceIP: "10.244.2.\(2 + random.below(200))", userAgent: "coredns/v1.11.3 (linux/amd64)",
                            resource: "endpointslices", apiGroup: "discovery.k8s.io",
                            requestURI: "/apis/discovery.k8s.io/v1/endpointslices?limit=500", status: 200)
        }
        return KubernetesAuditRecords.event(request, auditID: random.uuid(), time: time)
    }

    private mutating func falco(_ time: Int64) -> [UInt8] {
        let node = company.nodes[1 + random.below(company.nodes.count - 1)]
        let pod = "builder-" + random.alphanumeric(5).lowercased()
        let container = random.hex(12)
        return FalcoRecords.alert(.init(
            rule: "Launch Package Management Process in Container", priority: "Notice",
            message: "Package management process launched in container (user=root command=apk add --no-cache git container_id=\(container) k8s_ns=ci k8s_pod_name=\(pod))",
            tags: ["T1505", "container", "mitre_persistence", "process", "software_mgmt"], hostname: node.name,
            fields: [("container.id", container), ("k8s.ns.name", "ci"), ("k8s.pod.name", pod),
                     ("proc.cmdline", "apk add --no-cache git"), ("user.name", "root")]), time: time)
    }
}
