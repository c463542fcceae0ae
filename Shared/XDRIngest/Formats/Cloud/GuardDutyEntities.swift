import XDRJSON
import XDRModel

/// The entities of a GuardDuty finding: who or what acted (`service.action`) and what was
/// affected (`resource`).
enum GuardDutyEntities {
    /// Which side of a connection the affected resource was on.
    enum Direction {
        /// A remote party reached the resource: remote is the source, the resource the destination.
        case inbound
        /// The resource reached out: it is the source, the remote the destination.
        case outbound
        case unknown
    }

    /// Adds the remote parties, ports, domain and API call of `service.action`.
    static func addAction(_ action: JSONValue?, to event: inout NormalizedEvent) -> Direction {
        guard let action, case .object = action else { return .unknown }
        event.setDetail("guardduty.action_type", action.optionalText("actionType"))
        if let call = action["awsApiCallAction"], case .object = call {
            event.apiOperation = call.optionalText("api")
            event.setDetail("api.service.name", call.optionalText("serviceName"))
            event.setDetail("api.response.error", call.optionalText("errorCode"))
            event.setDetail("guardduty.caller_type", call.optionalText("callerType"))
            addRemote(call["remoteIpDetails"], role: .source, port: nil, to: &event)
            event.addDomain(call.optionalText("domainDetails.domain"), role: .source)
            return .inbound
        }
        if let connection = action["networkConnectionAction"], case .object = connection {
            let inbound = connection.optionalText("connectionDirection")?.uppercased() != "OUTBOUND"
            let remotePort = connection[path: "remotePortDetails.port"]?.int
            let localPort = connection[path: "localPortDetails.port"]?.int
            event.networkProtocol = connection.optionalText("protocol")?.lowercased()
            event.setDetail("connection_info.direction", connection.optionalText("connectionDirection"))
            if connection["blocked"]?.bool == true { event.setDetail("guardduty.blocked", .bool(true)) }
            let local = connection.optionalText("localIpDetails.ipAddressV4") ?? connection.optionalText("localIpDetails.ipAddressV6")
            if inbound {
                addRemote(connection["remoteIpDetails"], role: .source, port: remotePort, to: &event)
                event.addIP(local, role: .destination, port: localPort)
                if event.dstPort == nil { event.dstPort = localPort }
            } else {
                event.addIP(local, role: .source, port: localPort)
                addRemote(connection["remoteIpDetails"], role: .destination, port: remotePort, to: &event)
            }
            return inbound ? .inbound : .outbound
        }
        if let probe = action["portProbeAction"], case .object = probe {
            for detail in probe["portProbeDetails"]?.array ?? [] {
                let port = detail[path: "localPortDetails.port"]?.int
                addRemote(detail["remoteIpDetails"], role: .source, port: nil, to: &event)
                event.addIP(detail.optionalText("localIpDetails.ipAddressV4"), role: .destination, port: port)
                if event.dstPort == nil { event.dstPort = port }
            }
            if probe["blocked"]?.bool == true { event.setDetail("guardduty.blocked", .bool(true)) }
            return .inbound
        }
        if let dns = action["dnsRequestAction"], case .object = dns {
            event.addDomain(dns.optionalText("domain"), role: .destination)
            event.setDetail("dns.query.hostname", dns.optionalText("domain"))
            if dns["blocked"]?.bool == true { event.setDetail("guardduty.blocked", .bool(true)) }
            return .outbound
        }
        if let call = action["kubernetesApiCallAction"], case .object = call {
            event.apiOperation = call.optionalText("verb")
            event.setDetail("http_request.url.path", call.optionalText("requestUri"))
            event.setDetail("http_request.user_agent", call.optionalText("userAgent"))
            event.setDetail("http_response.code", call["statusCode"])
            for ip in call["sourceIps"]?.strings ?? [] { event.addIP(ip, role: .source) }
            addRemote(call["remoteIpDetails"], role: .source, port: nil, to: &event)
            return .inbound
        }
        if let login = action["rdsLoginAttemptAction"], case .object = login {
            addRemote(login["remoteIpDetails"], role: .source, port: nil, to: &event)
            return .inbound
        }
        return .unknown
    }

    private static func addRemote(_ details: JSONValue?, role: EntityRole, port: Int?, to event: inout NormalizedEvent) {
        guard let details, case .object = details else { return }
        let ip = details.optionalText("ipAddressV4") ?? details.optionalText("ipAddressV6")
        event.addIP(ip, role: role, port: port)
        let side = role == .source ? "src_endpoint" : "dst_endpoint"
        event.setDetail("\(side).location.country", details.optionalText("country.countryName"))
        event.setDetail("\(side).location.city", details.optionalText("city.cityName"))
        event.setDetail("\(side).autonomous_system.name", details.optionalText("organization.asnOrg") ?? details.optionalText("organization.org"))
        event.setDetail("\(side).autonomous_system.number", details.optionalText("organization.asn"))
    }

    /// Adds the affected instance, key, buckets and Kubernetes workload of `resource`.
    static func addResource(_ resource: JSONValue?, direction: Direction, to event: inout NormalizedEvent) {
        guard let resource, case .object = resource else { return }
        event.setDetail("resource.type", resource.optionalText("resourceType"))
        if let instance = resource["instanceDetails"], case .object = instance {
            event.setDetail("resource.uid", instance.optionalText("instanceId"))
            let role: EntityRole = switch direction {
            case .inbound: .destination
            case .outbound: .source
            case .unknown: .device
            }
            for interface in instance["networkInterfaces"]?.array ?? [] {
                // The private DNS name (`ip-10-0-1-5.ec2.internal`) is the host name the instance
                // itself reports, so endpoint telemetry from it joins on the same host key.
                event.addHost(interface.optionalText("privateDnsName"))
                event.addIP(interface.optionalText("privateIpAddress"), role: role)
                for extra in interface["privateIpAddresses"]?.array ?? [] {
                    event.addIP(extra.optionalText("privateIpAddress"), role: role)
                }
                event.addIP(interface.optionalText("publicIp"), role: role)
            }
            for tag in instance["tags"]?.array ?? [] where tag.optionalText("key") == "Name" {
                event.setDetail("resource.name", tag.optionalText("value"))
            }
            event.setDetail("resource.image", instance.optionalText("imageId"))
            event.setDetail("resource.instance_profile", instance.optionalText("iamInstanceProfile.arn"))
        }
        if let key = resource["accessKeyDetails"], case .object = key {
            event.addAccessKey(key.optionalText("accessKeyId"))
            event.setDetail("actor.user.uid", key.optionalText("principalId"))
            event.setDetail("actor.user.type", key.optionalText("userType"))
            switch key.optionalText("userType") {
            case "IAMUser":
                event.addUser(key.optionalText("userName"))
            case "AssumedRole", "FederatedUser":
                // The principal id is `AROA…:<session>`; SSO sessions are named after the person.
                if let principal = key.optionalText("principalId"), let colon = principal.firstIndex(of: ":") {
                    let session = String(principal[principal.index(after: colon)...])
                    if session.contains("@") { event.addUser(session) }
                }
            default: break
            }
        }
        let buckets = (resource["s3BucketDetails"]?.array ?? []).compactMap { $0.optionalText("name") }
        if !buckets.isEmpty { event.setDetail("resource.buckets", .strings(buckets)) }
        event.setDetail("k8s.cluster", resource.optionalText("eksClusterDetails.name"))
        if let kubernetes = resource["kubernetesDetails"], case .object = kubernetes {
            KubernetesIdentity.add(kubernetes.optionalText("kubernetesUserDetails.username"), to: &event)
            if let workload = kubernetes["kubernetesWorkloadDetails"], case .object = workload {
                let type = workload.optionalText("type")?.lowercased()
                let isPod = type == "pods" || type == "pod"
                event.addKubernetes(namespace: workload.optionalText("namespace"),
                                    pod: isPod ? workload.optionalText("name") : nil, serviceAccount: nil)
                event.setDetail("k8s.workload", workload.optionalText("name"))
                event.setDetail("k8s.workload_type", workload.optionalText("type"))
            }
        }
        event.setDetail("resource.function", resource.optionalText("lambdaDetails.functionName"))
    }

    /// Runtime Monitoring findings name the process (and its executable's SHA-256) that acted.
    static func addRuntime(_ runtime: JSONValue?, to event: inout NormalizedEvent) {
        guard let runtime, case .object = runtime, let process = runtime["process"], case .object = process else { return }
        event.addProcess(image: process.optionalText("executablePath") ?? process.optionalText("name"),
                         pid: process["pid"]?.int)
        event.addHash(process.optionalText("executableSha256"), algorithm: "sha256")
        if let user = process.optionalText("user"), user != "root" { event.addUser(user) }
        if let parent = process["lineage"]?.array?.first {
            event.parentProcessImage = parent.optionalText("executablePath") ?? parent.optionalText("name")
        }
        event.setDetail("actor.process.uid", process.optionalText("uuid"))
        event.setDetail("actor.process.name", process.optionalText("name"))
    }
}
