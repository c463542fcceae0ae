import XDRJSON
import XDRModel

/// What an audited request did that an analyst should notice, and the identities inside its body.
enum KubernetesAuditRequest {
    static let rbacResources: Set<String> = ["roles", "clusterroles", "rolebindings", "clusterrolebindings"]

    /// Adds entities from `requestObject` (pod service account, binding subjects) and returns the
    /// notable traits: `exec`, `attach`, `port_forward`, `rbac_change`, `cluster_admin_binding`,
    /// `secret_access`, `anonymous`, `privileged_pod`, `host_namespace`, `host_path_mount`.
    static func inspect(_ record: JSONValue, verb: String, resource: String?, subresource: String?, username: String?,
                        to event: inout NormalizedEvent) -> [String] {
        var notable: [String] = []
        switch subresource {
        case "exec": notable.append("exec")
        case "attach": notable.append("attach")
        case "portforward": notable.append("port_forward")
        default: break
        }
        let writes = ["create", "update", "patch", "delete", "deletecollection"].contains(verb)
        if let resource, rbacResources.contains(resource), writes { notable.append("rbac_change") }
        if resource == "secrets" { notable.append("secret_access") }
        if username == "system:anonymous" { notable.append("anonymous") }

        guard let body = record["requestObject"], case .object = body else { return notable }
        let namespace = record[path: "objectRef.namespace"]?.text
        if resource == "pods", subresource == nil {
            inspectPod(body["spec"], namespace: namespace, notable: &notable, to: &event)
        }
        if let resource, resource.hasSuffix("rolebindings") {
            let role = body.optionalText("roleRef.name")
            event.setDetail("k8s.role_ref", role)
            if role == "cluster-admin", writes { notable.append("cluster_admin_binding") }
            for subject in body["subjects"]?.array ?? [] {
                guard let name = subject.optionalText("name") else { continue }
                switch subject.optionalText("kind") {
                case "ServiceAccount":
                    let subjectNamespace = subject.optionalText("namespace") ?? namespace ?? "default"
                    KubernetesIdentity.addServiceAccount(namespace: subjectNamespace, name: name, role: .target, to: &event)
                case "User":
                    KubernetesIdentity.add(name, role: .target, to: &event)
                default:
                    event.setDetail("k8s.subject_group", name)
                }
            }
        }
        return notable
    }

    private static func inspectPod(_ spec: JSONValue?, namespace: String?, notable: inout [String], to event: inout NormalizedEvent) {
        guard let spec, case .object = spec else { return }
        if let account = spec.optionalText("serviceAccountName") ?? spec.optionalText("serviceAccount"), let namespace {
            KubernetesIdentity.addServiceAccount(namespace: namespace, name: account, role: .target, to: &event)
        }
        let containers = (spec["containers"]?.array ?? []) + (spec["initContainers"]?.array ?? [])
        let images = containers.compactMap { $0.optionalText("image") }
        if !images.isEmpty { event.setDetail("container.images", .strings(images)) }
        if containers.contains(where: { $0[path: "securityContext.privileged"]?.bool == true }) {
            notable.append("privileged_pod")
        }
        if ["hostNetwork", "hostPID", "hostIPC"].contains(where: { spec[$0]?.bool == true }) {
            notable.append("host_namespace")
        }
        if (spec["volumes"]?.array ?? []).contains(where: { $0["hostPath"] != nil }) {
            notable.append("host_path_mount")
        }
    }
}
