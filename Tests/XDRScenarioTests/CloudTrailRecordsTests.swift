import Testing
import XDRJSON
@testable import XDRScenario

@Suite struct CloudTrailRecordsTests {
    @Test func followsTheRecordShape() {
        let records = GeneratedSamples.records(.cloudtrail)
        for record in records {
            #expect(record["eventTime"]?.string?.count == 20)
            #expect(record["eventID"]?.string?.count == 36)
            #expect(record[path: "userIdentity.arn"]?.string?.hasPrefix("arn:aws:") == true)
            #expect(record["recipientAccountId"]?.string?.count == 12)
        }
    }

    @Test func theSSOSessionIsBobs() throws {
        let login = try #require(GeneratedSamples.records(.cloudtrail).first { $0["eventName"]?.string == "ConsoleLogin" })
        #expect(login[path: "userIdentity.arn"]?.string ==
                "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123abcd/bob@corp.example")
        #expect(login["sourceIPAddress"]?.string == "198.51.100.23")
        #expect(login[path: "responseElements.ConsoleLogin"]?.string == "Success")
        #expect(login[path: "userIdentity.sessionContext.sessionIssuer.type"]?.string == "Role")
    }

    @Test func batchesAreLogFiles() throws {
        let batch = try #require(GeneratedSamples.dataset.batches.first { $0.format == "cloudtrail" })
        let file = try JSONParser.parse(batch.body)
        #expect(file["Records"]?.array?.count == batch.recordCount)
    }
}
