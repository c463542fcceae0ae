import Testing
import XDRJSON
@testable import XDRScenario

@Suite struct DefenderEmailRecordsTests {
    @Test func followsTheStreamingExportEnvelope() {
        let records = GeneratedSamples.records(.defenderEmail)
        let categories = Set(records.compactMap { $0["category"]?.string })
        #expect(categories == ["AdvancedHunting-EmailEvents", "AdvancedHunting-EmailAttachmentInfo",
                               "AdvancedHunting-EmailUrlInfo", "AdvancedHunting-UrlClickEvents"])
        for record in records {
            #expect(record["operationName"]?.string == "Publish")
            #expect(record["tenantId"]?.string?.count == 36)
            #expect(record[path: "properties.Timestamp"]?.string?.count == 28, "seven fractional digits")
        }
    }

    @Test func theAttachmentHashMatchesTheEndpointsView() throws {
        let attachment = try #require(GeneratedSamples.records(.defenderEmail).first {
            $0["category"]?.string == "AdvancedHunting-EmailAttachmentInfo"
        })
        let sha256 = try #require(attachment[path: "properties.SHA256"]?.string)
        #expect(sha256 == PhishingCampaign.attachmentHashes.sha256)
        let stream = GeneratedSamples.records(.sysmon).first { $0[path: "winlog.event_id"]?.string == "15" }
        #expect(stream?[path: "winlog.event_data.Hash"]?.string?.contains("SHA256=\(sha256.uppercased())") == true)
    }

    @Test func urlRowsNameTheLinksDomain() throws {
        let url = try #require(GeneratedSamples.records(.defenderEmail).first { $0["category"]?.string == "AdvancedHunting-EmailUrlInfo" })
        #expect(url[path: "properties.UrlDomain"]?.string == "corp-sso.example")
        #expect(url[path: "properties.Url"]?.string == CredentialPhishingScenario.phishingURL)
    }

    @Test func clicksNameTheAccountAndAction() throws {
        let click = try #require(GeneratedSamples.records(.defenderEmail).first { $0["category"]?.string == "AdvancedHunting-UrlClickEvents" })
        #expect(click[path: "properties.ActionType"]?.string == "ClickAllowed")
        #expect(click[path: "properties.AccountUpn"]?.string == "bob@corp.example")
        #expect(click[path: "properties.IsClickedThrough"]?.bool == false)
    }
}
