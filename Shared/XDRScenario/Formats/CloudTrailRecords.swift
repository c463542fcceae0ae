/// AWS CloudTrail records (`eventVersion` 1.09/1.10) as they appear inside the `Records` array of a
/// CloudTrail log file.
enum CloudTrailRecords {
    /// Who made the call.
    struct Identity {
        /// `AssumedRole`, `IAMUser`, `AWSService`.
        var type: String
        var principalID: String
        var arn: String
        var accountID: String
        var accessKeyID: String?
        var userName: String?
        /// For assumed roles: the role the session was issued for.
        var issuer: (principalID: String, arn: String, userName: String)?
        var sessionCreated: Int64?
        var mfa = false

        /// An assumed-role session (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`).
        static func assumedRole(account: String, role: String, rolePath: String = "/", roleID: String,
                                session: String, accessKey: String, created: Int64) -> Identity {
            Identity(type: "AssumedRole", principalID: "\(roleID):\(session)",
                     arn: "arn:aws:sts::\(account):assumed-role/\(role)/\(session)", accountID: account,
                     accessKeyID: accessKey, userName: nil,
                     issuer: (roleID, "arn:aws:iam::\(account):role\(rolePath)\(role)", role), sessionCreated: created)
        }

        static func iamUser(account: String, name: String, userID: String, accessKey: String) -> Identity {
            Identity(type: "IAMUser", principalID: userID, arn: "arn:aws:iam::\(account):user/\(name)",
                     accountID: account, accessKeyID: accessKey, userName: name, issuer: nil, sessionCreated: nil)
        }
    }

    struct Call {
        var eventSource: String
        var eventName: String
        var region = "us-east-1"
        var sourceIP: String
        var userAgent: String
        var eventType = "AwsApiCall"
        var readOnly: Bool
        var category = "Management"
        var requestParameters: ((inout JSONLine) -> Void)?
        var responseElements: ((inout JSONLine) -> Void)?
        var additionalEventData: ((inout JSONLine) -> Void)?
        var errorCode: String?
        var errorMessage: String?
        var resources: [(type: String, arn: String)] = []
        var vpcEndpointID: String?
    }

    static func record(_ call: Call, identity: Identity, eventID: String, requestID: String,
                       recipientAccount: String, time: Int64) -> [UInt8] {
        var line = JSONLine(capacity: 1536)
        line.string("eventVersion", "1.10")
        line.object("userIdentity") { user in
            user.string("type", identity.type)
            user.string("principalId", identity.principalID)
            user.string("arn", identity.arn)
            user.string("accountId", identity.accountID)
            if let key = identity.accessKeyID { user.string("accessKeyId", key) }
            if let name = identity.userName { user.string("userName", name) }
            if let issuer = identity.issuer {
                user.object("sessionContext") { context in
                    context.object("sessionIssuer") { sessionIssuer in
                        sessionIssuer.string("type", "Role")
                        sessionIssuer.string("principalId", issuer.principalID)
                        sessionIssuer.string("arn", issuer.arn)
                        sessionIssuer.string("accountId", identity.accountID)
                        sessionIssuer.string("userName", issuer.userName)
                    }
                    context.object("webIdFederationData") { _ in }
                    context.object("attributes") { attributes in
                        attributes.time("creationDate", identity.sessionCreated ?? time, .isoSeconds)
                        attributes.string("mfaAuthenticated", identity.mfa ? "true" : "false")
                    }
                }
            }
        }
        line.time("eventTime", time, .isoSeconds)
        line.string("eventSource", call.eventSource)
        line.string("eventName", call.eventName)
        line.string("awsRegion", call.region)
        line.string("sourceIPAddress", call.sourceIP)
        line.string("userAgent", call.userAgent)
        if let code = call.errorCode { line.string("errorCode", code) }
        if let message = call.errorMessage { line.string("errorMessage", message) }
        if let request = call.requestParameters { line.object("requestParameters", request) } else { line.null("requestParameters") }
        if let response = call.responseElements { line.object("responseElements", response) } else { line.null("responseElements") }
        if let additional = call.additionalEventData { line.object("additionalEventData", additional) }
        line.string("requestID", requestID)
        line.string("eventID", eventID)
        line.bool("readOnly", call.readOnly)
        if !call.resources.isEmpty {
            line.objects("resources", count: call.resources.count) { resource, index in
                resource.string("accountId", recipientAccount)
                resource.string("type", call.resources[index].type)
                resource.string("ARN", call.resources[index].arn)
            }
        }
        line.string("eventType", call.eventType)
        line.bool("managementEvent", call.category == "Management")
        line.string("recipientAccountId", recipientAccount)
        if let endpoint = call.vpcEndpointID { line.string("vpcEndpointId", endpoint) }
        line.string("eventCategory", call.category)
        if call.eventType == "AwsApiCall" {
            line.object("tlsDetails") { tls in
                tls.string("tlsVersion", "TLSv1.3")
                tls.string("cipherSuite", "TLS_AES_128_GCM_SHA256")
                tls.string("clientProvidedHostHeader", call.eventSource.replacingSuffix(".amazonaws.com", with: ".\(call.region).amazonaws.com"))
            }
        }
        return line.finish()
    }

    /// Wraps records as one CloudTrail log file: `{"Records":[…]}`.
    static func file(_ records: [[UInt8]]) -> [UInt8] {
        var bytes = Array("{\"Records\":[".utf8)
        for (index, record) in records.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: record)
        }
        bytes.append(contentsOf: Array("]}".utf8))
        return bytes
    }
}

extension String {
    func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
