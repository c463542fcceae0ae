/// A person at the synthetic company.
public struct Employee: Sendable, Hashable {
    /// Logon name (`alice`), also the mailbox local part.
    public var login: String
    public var displayName: String
    public var email: String
    /// Entra ID object id (Defender `RecipientObjectId`).
    public var objectID: String
    /// Windows SID.
    public var sid: String
}

/// A Windows machine with a fixed address (workstations may be re-addressed by DHCP scenarios).
public struct Machine: Sendable, Hashable {
    /// Short host name (`ws-alice`).
    public var name: String
    public var ip: String
    public var mac: String
    /// CrowdStrike sensor (agent) id.
    public var sensorID: String
    /// The primary user, nil for servers.
    public var owner: Employee?
}

/// A Kubernetes node (EC2 instance).
public struct ClusterNode: Sendable, Hashable {
    /// `ip-10-0-20-15.ec2.internal`.
    public var name: String
    public var ip: String
    public var instanceID: String
}

/// The synthetic customer: `corp.example`, NetBIOS `CORP`, with the same names and private ranges in
/// every tenant (tenants must stay apart even so); only vendor account ids differ per tenant.
public struct SyntheticCompany: Sendable {
    public let tenant: String
    public let domain = "corp.example"
    public let netbios = "CORP"
    public let employees: [Employee]
    public let workstations: [Machine]
    public let domainController: Machine
    public let resolver: Machine
    public let fileServer: Machine
    public let nodes: [ClusterNode]
    public let awsAccountID: String
    public let falconCustomerID: String
    public let defenderTenantID: String
    /// The public egress address of the office (NAT), seen by cloud services for normal users.
    public let officeEgressIP = "192.0.2.10"
    public let mailGatewayIP = "10.0.0.25"

    /// Builds the company for a tenant; `awsAccountID` is the tenant's AWS account (the first
    /// tenant uses AWS's documentation account), `extraWorkstations` adds generic `ws-0001…`
    /// machines for volume noise.
    public init(tenant: String, awsAccountID: String = "111122223333", extraWorkstations: Int = 60) {
        self.tenant = tenant
        // Names, SIDs and sensor ids come from a stream that ignores the tenant, so two tenants
        // really do share user names, host names and subnets.
        var shared = SplitMix64(seed: 0x5CE7_A210, stream: "company")
        var perTenant = SplitMix64(seed: 0x5CE7_A210, stream: "tenant:" + tenant)
        let domainSID = "S-1-5-21-3623811015-3361044348-30300820"
        let names: [(String, String)] = [
            ("alice", "Alice Archer"), ("bob", "Bob Brennan"), ("carol", "Carol Chen"), ("dave", "Dave Diaz"),
            ("erin", "Erin Evans"), ("frank", "Frank Fischer"), ("grace", "Grace Gómez"), ("heidi", "Heidi Hart"),
            ("ivan", "Ivan Ilić"), ("judy", "Judy Jensen"), ("ken", "Ken Kato"), ("lena", "Lena Lund"),
            ("mike", "Mike Moreau"), ("nora", "Nora Nash"), ("oscar", "Oscar Ortiz"), ("peggy", "Peggy Park"),
        ]
        var people: [Employee] = []
        for (index, (login, display)) in names.enumerated() {
            people.append(Employee(login: login, displayName: display, email: "\(login)@corp.example",
                                   objectID: shared.uuid(), sid: "\(domainSID)-\(1104 + index)"))
        }
        for number in 1...max(0, extraWorkstations) {
            let login = "user" + String(number + 10000).dropFirst()
            people.append(Employee(login: login, displayName: "User \(number)", email: "\(login)@corp.example",
                                   objectID: shared.uuid(), sid: "\(domainSID)-\(2000 + number)"))
        }
        employees = people
        func mac(_ random: inout SplitMix64) -> String {
            "00-50-56-" + (0..<3).map { _ in random.hex(2).uppercased() }.joined(separator: "-")
        }
        var machines: [Machine] = []
        for (index, person) in people.enumerated() {
            let name = index < names.count ? "ws-\(person.login)" : "ws-" + String(person.login.dropFirst(4))
            // Named staff sit in 10.0.1.0/24 (ws-carol at .77, the DHCP scenario's address);
            // generic machines fill 10.0.2.10 onwards, 240 to a /24.
            let ip: String
            if index < names.count {
                ip = person.login == "carol" ? "10.0.1.77" : "10.0.1.\(21 + index)"
            } else {
                let offset = index - names.count
                ip = "10.0.\(2 + offset / 240).\(10 + offset % 240)"
            }
            machines.append(Machine(name: name, ip: ip, mac: mac(&shared), sensorID: shared.hex(32), owner: person))
        }
        workstations = machines
        domainController = Machine(name: "dc01", ip: "10.0.0.10", mac: mac(&shared), sensorID: shared.hex(32), owner: nil)
        resolver = Machine(name: "dns01", ip: "10.0.0.53", mac: mac(&shared), sensorID: shared.hex(32), owner: nil)
        fileServer = Machine(name: "filesrv01", ip: "10.0.0.20", mac: mac(&shared), sensorID: shared.hex(32), owner: nil)
        nodes = [15, 16, 17].map { last in
            ClusterNode(name: "ip-10-0-20-\(last).ec2.internal", ip: "10.0.20.\(last)",
                        instanceID: "i-0" + (last == 15 ? "abc1234def5678901" : shared.hex(16)))
        }
        self.awsAccountID = awsAccountID
        falconCustomerID = perTenant.hex(32)
        defenderTenantID = perTenant.uuid()
    }

    /// AWS documentation account ids, handed to tenants in order.
    static func awsAccount(forTenantAt index: Int) -> String {
        let documented = ["111122223333", "444455556666", "777788889999", "123456789012"]
        return index < documented.count ? documented[index] : String(100_000_000_000 + index * 7_919)
    }

    public func employee(_ login: String) -> Employee {
        employees.first { $0.login == login }!
    }

    public func workstation(of login: String) -> Machine {
        workstations.first { $0.owner?.login == login }!
    }

    /// `alice@corp.example` for a login.
    public func email(_ login: String) -> String { "\(login)@\(domain)" }
}
