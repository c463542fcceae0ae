/// Scenario 2: a credential-phishing link reaches bob, he clicks it, and the stolen SSO session is
/// used from a new address to read S3 and create an access key for persistence.
struct CredentialPhishingScenario {
    static let phishingURL = "https://corp-sso.example/adfs/ls/?client-request-id=7f3e2a&wa=wsignin1.0"
    static let attackerIP = "198.51.100.23"
    static let role = "AWSReservedSSO_AdministratorAccess_0123abcd"

    func write(_ context: ScenarioContext, id: String, at start: Int64) -> AttackTruth {
        let company = context.company
        let bob = company.employee("bob")
        let seconds: Int64 = 1_000_000
        let account = company.awsAccountID
        var log = AttackLog()

        log.step("A look-alike single-sign-on notice from corp-sso.example reaches bob; Defender rates the link as phishing but a tenant allow entry lets it through.")
        var message = DefenderEmailRecords.Message(
            networkMessageID: context.random.uuid(), internetMessageID: "<\(context.random.hex(20))@corp-sso.example>",
            sender: "it-servicedesk@corp-sso.example", senderDisplayName: "IT Service Desk", senderIP: "198.51.100.141",
            recipient: bob, subject: "Action required: your single sign-on password expires today")
        message.threatTypes = "Phish"
        message.threatNames = "Phish.CredentialHarvest"
        message.detectionMethods = "{\"Phish\":[\"URL detonation reputation\"]}"
        message.urlCount = 1
        log.detection(context.emit(.defenderEmail, at: start, DefenderEmailRecords.emailEvent(message, tenantID: company.defenderTenantID, time: start)))
        log.add(context.emit(.defenderEmail, at: start + 500_000, DefenderEmailRecords.urlInfo(
            url: Self.phishingURL, message: message, tenantID: company.defenderTenantID, time: start + 500_000)))

        log.step("bob clicks the link; Safe Links allows the click.")
        let clickTime = start + 11 * 60 * seconds
        log.detection(context.emit(.defenderEmail, at: clickTime, DefenderEmailRecords.urlClick(.init(
            url: Self.phishingURL, actionType: "ClickAllowed", account: bob, ip: company.officeEgressIP,
            networkMessageID: message.networkMessageID, threatTypes: "Phish", clickedThrough: false),
            tenantID: company.defenderTenantID, time: clickTime)))

        log.step("Minutes later the attacker signs in to the AWS console as bob through IAM Identity Center from \(Self.attackerIP), without MFA.")
        var t = clickTime + 17 * 60 * seconds
        let roleID = "AROA" + context.random.upperAlphanumeric(17)
        let sessionKey = "ASIA" + context.random.upperAlphanumeric(16)
        var identity = CloudTrailRecords.Identity.assumedRole(
            account: account, role: Self.role, rolePath: "/aws-reserved/sso.amazonaws.com/", roleID: roleID,
            session: bob.email, accessKey: sessionKey, created: t - 2 * seconds)
        identity.accessKeyID = nil
        let browser = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
        var login = CloudTrailRecords.Call(eventSource: "signin.amazonaws.com", eventName: "ConsoleLogin", sourceIP: Self.attackerIP,
                                           userAgent: browser, eventType: "AwsConsoleSignIn", readOnly: false)
        login.responseElements = { $0.string("ConsoleLogin", "Success") }
        login.additionalEventData = { data in
            data.string("MobileVersion", "No")
            data.string("MFAUsed", "No")
        }
        log.add(emit(context, login, identity, at: t))

        log.step("With the session's keys the attacker lists buckets, downloads finance reports and creates an access key for a service user.")
        identity.accessKeyID = sessionKey
        let cli = "aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.8.11-amd64 md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#kali.2024 md/prompt#off"
        t += 95 * seconds
        var list = CloudTrailRecords.Call(eventSource: "s3.amazonaws.com", eventName: "ListBuckets", sourceIP: Self.attackerIP,
                                          userAgent: cli + " md/command#s3.ls", readOnly: true)
        list.requestParameters = { $0.string("Host", "s3.amazonaws.com") }
        log.add(emit(context, list, identity, at: t))
        for (index, key) in ["2026/q3/board-pack.pdf", "2026/q3/payroll-summary.xlsx", "2026/q4/forecast.xlsx"].enumerated() {
            t += Int64(14 + index * 3) * seconds
            var get = CloudTrailRecords.Call(eventSource: "s3.amazonaws.com", eventName: "GetObject", sourceIP: Self.attackerIP,
                                             userAgent: cli + " md/command#s3.cp", readOnly: true, category: "Data")
            get.requestParameters = { request in
                request.string("bucketName", "corp-finance-reports")
                request.string("Host", "corp-finance-reports.s3.us-east-1.amazonaws.com")
                request.string("key", key)
            }
            get.additionalEventData = { data in
                data.string("SignatureVersion", "SigV4")
                data.int("bytesTransferredOut", 180_000 + index * 41_337)
            }
            get.resources = [("AWS::S3::Object", "arn:aws:s3:::corp-finance-reports/\(key)"),
                             ("AWS::S3::Bucket", "arn:aws:s3:::corp-finance-reports")]
            log.add(emit(context, get, identity, at: t))
        }
        t += 130 * seconds
        let newKey = "AKIA" + context.random.upperAlphanumeric(16)
        var create = CloudTrailRecords.Call(eventSource: "iam.amazonaws.com", eventName: "CreateAccessKey", sourceIP: Self.attackerIP,
                                            userAgent: cli + " md/command#iam.create-access-key", readOnly: false)
        let createTime = t
        create.requestParameters = { $0.string("userName", "svc-backup") }
        create.responseElements = { response in
            response.object("accessKey") { key in
                key.string("userName", "svc-backup")
                key.string("accessKeyId", newKey)
                key.string("status", "Active")
                key.string("createDate", TimeText.string(createTime, .isoSeconds).replacingSuffix("Z", with: "") + "+00:00")
            }
        }
        log.add(emit(context, create, identity, at: t))

        return AttackTruth(
            id: id, kind: .credentialPhishing, tenant: context.tenant,
            summary: "Credential phishing → click → AWS console sign-in as bob from \(Self.attackerIP) → S3 reads → new access key",
            steps: log.steps, detections: log.detections, layers: [.email, .cloud],
            titleFragments: ["phish"], minimumSeverity: .high,
            keyEntities: ["bob@corp.example", Self.attackerIP, "arn:aws:sts::\(account):assumed-role/\(Self.role)/bob@corp.example"])
    }

    private func emit(_ context: ScenarioContext, _ call: CloudTrailRecords.Call, _ identity: CloudTrailRecords.Identity,
                      at time: Int64) -> RecordReference {
        context.emit(.cloudtrail, at: time, CloudTrailRecords.record(
            call, identity: identity, eventID: context.random.uuid(), requestID: context.random.uuid(),
            recipientAccount: context.company.awsAccountID, time: time))
    }
}
