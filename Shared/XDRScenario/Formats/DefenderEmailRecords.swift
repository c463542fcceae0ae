/// Microsoft Defender for Office 365 advanced-hunting rows as the streaming API exports them to
/// Event Hubs / storage: `{"time","tenantId","operationName":"Publish","category":"AdvancedHunting-…","properties":{…}}`.
enum DefenderEmailRecords {
    struct Message {
        var networkMessageID: String
        var internetMessageID: String
        var sender: String
        var senderDisplayName: String
        var senderIP: String
        var recipient: Employee
        var subject: String
        var deliveryAction = "Delivered"
        var deliveryLocation = "Inbox/folder"
        var threatTypes = ""
        var threatNames = ""
        /// JSON text, as Defender writes it (`{"Malware":["File detonation"]}`), or empty.
        var detectionMethods = ""
        var attachmentCount = 0
        var urlCount = 0
        var direction = "Inbound"
    }

    static func envelope(_ category: String, tenantID: String, time: Int64,
                         _ properties: (inout JSONLine) -> Void) -> [UInt8] {
        var line = JSONLine(capacity: 1536)
        line.time("time", time + 2_000_000, .isoTicks)
        line.string("tenantId", tenantID)
        line.string("operationName", "Publish")
        line.string("category", "AdvancedHunting-\(category)")
        line.time("_TimeReceivedBySvc", time + 1_000_000, .isoTicks)
        line.object("properties", properties)
        return line.finish()
    }

    static func emailEvent(_ message: Message, tenantID: String, time: Int64) -> [UInt8] {
        envelope("EmailEvents", tenantID: tenantID, time: time) { p in
            p.time("Timestamp", time, .isoTicks)
            p.string("NetworkMessageId", message.networkMessageID)
            p.string("InternetMessageId", message.internetMessageID)
            p.string("SenderMailFromAddress", message.sender)
            p.string("SenderFromAddress", message.sender)
            p.string("SenderDisplayName", message.senderDisplayName)
            p.string("SenderMailFromDomain", domain(of: message.sender))
            p.string("SenderFromDomain", domain(of: message.sender))
            p.string("SenderIPv4", message.senderIP)
            p.string("RecipientEmailAddress", message.recipient.email)
            p.string("RecipientObjectId", message.recipient.objectID)
            p.string("Subject", message.subject)
            p.string("EmailClusterId", String(message.networkMessageID.utf8.reduce(7) { ($0 &* 31 &+ Int($1)) & 0xFFFF_FFFF }))
            p.string("EmailDirection", message.direction)
            p.string("DeliveryAction", message.deliveryAction)
            p.string("DeliveryLocation", message.deliveryLocation)
            p.string("ThreatTypes", message.threatTypes)
            p.string("ThreatNames", message.threatNames)
            p.string("DetectionMethods", message.detectionMethods)
            p.string("ConfidenceLevel", message.threatTypes.isEmpty ? "" : "{\"\(message.threatTypes)\":\"High\"}")
            p.int("AttachmentCount", message.attachmentCount)
            p.int("UrlCount", message.urlCount)
            p.string("EmailLanguage", "en")
            p.string("Connectors", "")
            p.string("AuthenticationDetails",
                     "{\"SPF\":\"pass\",\"DKIM\":\"pass\",\"DMARC\":\"pass\",\"CompAuth\":\"pass\"}")
            p.string("ReportId", message.networkMessageID + "-" + String(time % 1_000_000_007))
        }
    }

    struct Attachment {
        var fileName: String
        var fileType: String
        var hashes: FileHashes
        var size: Int
        var threatTypes = ""
        var threatNames = ""
        var detectionMethods = ""
    }

    static func attachmentInfo(_ attachment: Attachment, message: Message, tenantID: String, time: Int64) -> [UInt8] {
        envelope("EmailAttachmentInfo", tenantID: tenantID, time: time) { p in
            p.time("Timestamp", time, .isoTicks)
            p.string("NetworkMessageId", message.networkMessageID)
            p.string("SenderFromAddress", message.sender)
            p.string("SenderDisplayName", message.senderDisplayName)
            p.string("RecipientEmailAddress", message.recipient.email)
            p.string("RecipientObjectId", message.recipient.objectID)
            p.string("FileName", attachment.fileName)
            p.string("FileType", attachment.fileType)
            p.string("SHA256", attachment.hashes.sha256)
            p.int("FileSize", attachment.size)
            p.string("ThreatTypes", attachment.threatTypes)
            p.string("ThreatNames", attachment.threatNames)
            p.string("DetectionMethods", attachment.detectionMethods)
            p.string("ReportId", message.networkMessageID + "-a-" + String(time % 1_000_000_007))
        }
    }

    static func urlInfo(url: String, message: Message, tenantID: String, time: Int64) -> [UInt8] {
        envelope("EmailUrlInfo", tenantID: tenantID, time: time) { p in
            p.time("Timestamp", time, .isoTicks)
            p.string("NetworkMessageId", message.networkMessageID)
            p.string("Url", url)
            p.string("UrlDomain", host(of: url))
            p.string("UrlLocation", "Body")
            p.string("ReportId", message.networkMessageID + "-u-" + String(time % 1_000_000_007))
        }
    }

    struct Click {
        var url: String
        var actionType: String
        var account: Employee
        var ip: String
        var networkMessageID: String
        var threatTypes = ""
        var clickedThrough: Bool
    }

    static func urlClick(_ click: Click, tenantID: String, time: Int64) -> [UInt8] {
        envelope("UrlClickEvents", tenantID: tenantID, time: time) { p in
            p.time("Timestamp", time, .isoTicks)
            p.string("Url", click.url)
            p.string("ActionType", click.actionType)
            p.string("AccountUpn", click.account.email)
            p.string("Workload", "Email")
            p.string("NetworkMessageId", click.networkMessageID)
            p.string("IPAddress", click.ip)
            p.string("ThreatTypes", click.threatTypes)
            p.string("DetectionMethods", "")
            p.bool("IsClickedThrough", click.clickedThrough)
            p.string("UrlChain", "[\"\(click.url)\"]")
            p.string("ReportId", click.networkMessageID + "-c-" + String(time % 1_000_000_007))
        }
    }

    static func domain(of address: String) -> String {
        String(address.split(separator: "@").last ?? "")
    }

    /// The host of `scheme://host/path`.
    static func host(of url: String) -> String {
        let parts = url.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count > 1, parts[0].hasSuffix(":") else { return String(parts.first ?? "") }
        return String(parts[1])
    }
}
