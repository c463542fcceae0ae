/// Kubernetes API server audit events (`audit.k8s.io/v1` `Event`), one per line as the log
/// backend writes them.
enum KubernetesAuditRecords {
    struct Request {
        var verb: String
        var username: String
        var groups: [String]
        var sourceIP: String
        var userAgent: String
        var resource: String
        var namespace: String?
        var name: String?
        var subresource: String?
        var apiGroup: String?
        var apiVersion = "v1"
        var requestURI: String
        var status: Int
        /// The request body for `create` (RequestResponse level), written as given.
        var requestObject: ((inout JSONLine) -> Void)?
    }

    static func event(_ request: Request, auditID: String, time: Int64) -> [UInt8] {
        var line = JSONLine(capacity: 1024)
        line.string("kind", "Event")
        line.string("apiVersion", "audit.k8s.io/v1")
        line.string("level", request.requestObject == nil ? "Metadata" : "RequestResponse")
        line.string("auditID", auditID)
        line.string("stage", request.subresource == "exec" ? "ResponseStarted" : "ResponseComplete")
        line.string("requestURI", request.requestURI)
        line.string("verb", request.verb)
        line.object("user") { user in
            user.string("username", request.username)
            user.string("uid", String(auditID.reversed()))
            user.strings("groups", request.groups)
        }
        line.strings("sourceIPs", [request.sourceIP])
        line.string("userAgent", request.userAgent)
        line.object("objectRef") { ref in
            ref.string("resource", request.resource)
            if let namespace = request.namespace { ref.string("namespace", namespace) }
            if let name = request.name { ref.string("name", name) }
            if let group = request.apiGroup { ref.string("apiGroup", group) }
            ref.string("apiVersion", request.apiVersion)
            if let subresource = request.subresource { ref.string("subresource", subresource) }
        }
        line.object("responseStatus") { status in
            status.object("metadata") { _ in }
            status.int("code", request.status)
        }
        if let body = request.requestObject { line.object("requestObject", body) }
        line.time("requestReceivedTimestamp", time, .isoMicros)
        line.time("stageTimestamp", time + 4_180, .isoMicros)
        line.object("annotations") { annotations in
            annotations.string("authorization.k8s.io/decision", request.status == 403 ? "forbid" : "allow")
            annotations.string("authorization.k8s.io/reason",
                               request.status == 403 ? "" : "RBAC: allowed by ClusterRoleBinding")
        }
        return line.finish()
    }
}
