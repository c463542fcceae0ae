import XDRModel

/// Turns a Kubernetes user name, as the API server authenticates it, into join entities.
///
/// Shared by the audit log, GuardDuty EKS findings and Falco so that the same identity yields the
/// same keys: a service account is `k8s_sa:<namespace>/<name>` plus its namespace; a node
/// (`system:node:<host>`) is a host; an IAM ARN (EKS) is a cloud principal; other `system:` and
/// `eks:` identities are control-plane components and add nothing; any other name is a user.
enum KubernetesIdentity {
    /// The service account `namespace/name` in `system:serviceaccount:<namespace>:<name>`, or nil.
    static func serviceAccount(in username: String) -> (namespace: String, name: String)? {
        let prefix = "system:serviceaccount:"
        guard username.hasPrefix(prefix) else { return nil }
        let parts = username.dropFirst(prefix.count).split(separator: ":", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    static func add(_ username: String?, role: EntityRole = .actor, to event: inout NormalizedEvent) {
        guard let username, !username.isEmpty else { return }
        if let account = serviceAccount(in: username) {
            addServiceAccount(namespace: account.namespace, name: account.name, role: role, to: &event)
        } else if username.hasPrefix("system:node:") {
            event.addHost(String(username.dropFirst(12)), role: role == .actor ? .source : role)
        } else if username.hasPrefix("arn:") {
            event.addCloudPrincipal(username, role: role)
        } else if username.hasPrefix("system:") || username.hasPrefix("eks:") || username.hasPrefix("aks:") {
            return
        } else {
            event.addUser(username, role: role)
        }
    }

    /// Adds a service account as `namespace/name`; as actor it also fills the service-account column.
    static func addServiceAccount(namespace: String, name: String, role: EntityRole, to event: inout NormalizedEvent) {
        let key = "\(namespace)/\(name)"
        if role == .actor {
            event.addKubernetes(namespace: namespace, pod: nil, serviceAccount: key)
        } else {
            event.addKubernetes(namespace: namespace, pod: nil, serviceAccount: nil)
            event.add(Entity(.k8sServiceAccount, key.lowercased(), role: role, original: key))
        }
    }
}
