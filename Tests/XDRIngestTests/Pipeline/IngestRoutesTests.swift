import Foundation
import Testing
import XDRTestSupport
import XDRHTTP
import XDRJSON
import XDRModel
import XDRStore

/// `POST /v1/ingest/{format}` end to end: HTTP in, committed rows out.
@Suite struct IngestRoutesTests {
    @Test func sysmonLandsWithItsColumnsEntitiesAndRawRecord() async throws {
        try await offPool {
            let harness = try IngestHarness("goldensysmon")
            let line = PipelineInputs.sysmon
            let response = try harness.post("/v1/ingest/sysmon", line + "\n")
            #expect(response.status == 200, "\(response.text)")
            #expect(try response.json()["stored"]?.int == 1)
            let row = try #require(try harness.rows("SELECT *, host(src_ip) AS src FROM events").first)
            #expect(try row.uuid("tenant_id") == harness.tenant)
            #expect(try row.string("layer") == "endpoint")
            #expect(try row.int("class_uid") == OCSFClass.processActivity)
            #expect(try row.string("source_format") == "sysmon")
            #expect(try row.string("hostname") == "ws-0142.corp.example")
            #expect(try row.string("user_name") == "corp\\alice")
            #expect(try row.string("process_image") == "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe")
            #expect(try row.int("process_pid") == 6120)
            #expect(try row.strings("attack_techniques") == ["T1059.001"])
            #expect(try row.strings("entity_keys").contains("host:ws-0142"))
            #expect(try row.strings("entity_keys").contains("hash:de96a6e69944335375dc1ac238336066889d9ffc7d73628ef4fe1b1b160ab32c"))
            #expect(try row.micros("time") == EventTime.iso8601("2024-03-05T14:21:07.512Z"), "the shipper's @timestamp, to the microsecond")
            #expect(try row.string("raw") == line, "the original record is kept byte for byte")
        }
    }

    @Test func oneRecordOfEveryOtherLayerLandsInItsColumns() async throws {
        try await offPool {
            let email = try IngestHarness("goldenemail", layer: .email)
            #expect(try email.post("/v1/ingest/defender-email", PipelineInputs.defenderEmail).status == 200)
            let message = try #require(try email.rows("SELECT * FROM events").first)
            #expect(try message.string("layer") == "email")
            #expect(try message.text("email_from") == "billing@contoso-billing.example")
            #expect(try message.strings("email_to") == ["alice.smith@fabrikam.example"])
            #expect(try message.text("email_subject") == "Invoice 7731 overdue")
            #expect(try message.strings("entity_keys").contains("email:alice.smith@fabrikam.example"))
            #expect(try message.string("raw") == PipelineInputs.defenderEmail)

            let network = try IngestHarness("goldennetwork", layer: .network)
            #expect(try network.post("/v1/ingest/suricata", PipelineInputs.suricataAlert).status == 200)
            let alert = try #require(try network.rows("SELECT *, host(src_ip) AS src, host(dst_ip) AS dst FROM events").first)
            #expect(try alert.string("kind") == "detection")
            #expect(try alert.string("src") == "10.1.2.3")
            #expect(try alert.string("dst") == "203.0.113.7")
            #expect(try alert.int("dst_port") == 443)
            #expect(try alert.text("title") == "ET MALWARE Cobalt Strike Beacon")
            #expect(try alert.micros("time") == EventTime.iso8601("2026-11-22T09:15:30.123456Z"))

            let cloud = try IngestHarness("goldencloud", layer: .cloud)
            #expect(try cloud.post("/v1/ingest/cloudtrail", PipelineInputs.cloudTrail).status == 200)
            let call = try #require(try cloud.rows("SELECT * FROM events").first)
            #expect(try call.text("cloud_account") == "111122223333")
            #expect(try call.text("api_operation")?.contains("CreateUser") == true)
            #expect(try call.text("cloud_access_key") == "AKIAEXAMPLEBOB00001")
            #expect(try call.text("source_event_id") == "0b8e3b4e-1111-4c56-9c7d-2f4c1a000003")
        }
    }

    @Test func goodRecordsAreStoredAndBadOnesReportedByLine() async throws {
        try await offPool {
            let harness = try IngestHarness("partial", layer: .email)
            let bad = PipelineInputs.defenderEmail.replacingOccurrences(of: #""Timestamp":"2024-03-05T10:15:30Z""#, with: #""Timestamp":"yesterday""#)
            let other = PipelineInputs.defenderEmail.replacingOccurrences(of: "Invoice 7731", with: "Invoice 7732")
            let body = [PipelineInputs.defenderEmail, "{\"truncated\": ", bad, other].joined(separator: "\n")
            let response = try harness.post("/v1/ingest/defender-email", body)
            #expect(response.status == 200)
            let json = try response.json()
            #expect(json["stored"]?.int == 2)
            #expect(json["rejected"]?.int == 2)
            let errors = json["errors"]?.array?.compactMap { $0["error"]?.string } ?? []
            #expect(errors.count == 2)
            #expect(errors.first?.hasPrefix("line 2: ") == true)
            #expect(errors.last == #"line 3: field "properties.Timestamp": not a date: "yesterday""#)
            #expect(try harness.eventCount() == 2)
        }
    }

    @Test func wholeBodyProblemsGetTheirStatusAndAJSONReason() async throws {
        try await offPool {
            let harness = try IngestHarness("bodyerrors", maximumBodyBytes: 64 * 1024)
            let empty = try harness.post("/v1/ingest/sysmon", "")
            #expect(empty.status == 400)
            #expect(empty.text.contains("empty body"))
            let unknown = try harness.post("/v1/ingest/netflow", "{}")
            #expect(unknown.status == 404)
            #expect(unknown.text.contains("this service accepts: ") && unknown.text.contains("sysmon"))
            let elsewhere = try harness.post("/v1/ingest/suricata", "{}")
            #expect(elsewhere.status == 404)
            #expect(elsewhere.text.contains("xdr-network"))
            let large = try harness.send("POST", "/v1/ingest/sysmon", body: Array(repeating: UInt8(ascii: "x"), count: 100 * 1024))
            #expect(large.status == 413)
            let brotli = try harness.post("/v1/ingest/sysmon", PipelineInputs.sysmon, headers: [("Content-Encoding", "br")])
            #expect(brotli.status == 415)
            #expect(try harness.post("/v1/ingest/sysmon", PipelineInputs.sysmon, gzip: true).status == 200)
            let noKey = try harness.send("POST", "/v1/ingest/sysmon", body: Array(PipelineInputs.sysmon.utf8), key: "xdr_nonsense")
            #expect(noKey.status == 401)
            for response in [empty, unknown, elsewhere, brotli, noKey] {
                #expect(response.headers["content-type"]?.contains("json") == true)
                #expect((try? response.json()["detail"]?.string) != nil)
            }
            #expect(try harness.eventCount() == 1)
        }
    }

    @Test func malformedInputIsExplainedAndTheServiceStaysUp() async throws {
        try await offPool {
            let harness = try IngestHarness("malformed")
            let cases: [(String, [UInt8])] = [
                ("truncated JSON", Array(#"{"winlog": {"event_id": "1", "#.utf8)),
                ("wrong types", Array(#"{"@timestamp": 42, "winlog": "not an object"}"#.utf8)),
                ("huge numbers", Array(#"{"@timestamp":"2024-03-05T14:21:07Z","winlog":{"event_id":1e999999,"record_id":123456789012345678901234567890}}"#.utf8)),
                ("invalid UTF-8", Array(#"{"message": ""#.utf8) + [0xC3, 0x28, 0xFF] + Array(#""}"#.utf8)),
                ("10 MB line", Array(#"{"message": ""#.utf8) + Array(repeating: UInt8(ascii: "a"), count: 10 << 20) + Array(#""}"#.utf8)),
            ]
            for (name, body) in cases {
                let response = try harness.send("POST", "/v1/ingest/sysmon", body: body)
                #expect(response.status == 400, "\(name): \(response.text.prefix(300))")
                let json = try response.json()
                let error = json["errors"]?.array?.first?["error"]?.string ?? json["detail"]?.string ?? ""
                #expect(error.hasPrefix("line 1: "), "\(name): \(error.prefix(200))")
                #expect(error.count < 2_000, "\(name): the reason quotes a preview, not the record")
            }
            #expect(try harness.post("/v1/ingest/sysmon", PipelineInputs.sysmon).status == 200, "still serving")
        }
    }

    @Test func theSameBatchTwiceIsStoredOnceAndReportedAsDuplicates() async throws {
        try await offPool {
            let harness = try IngestHarness("idempotent")
            let batch = (1...20).map { PipelineInputs.sysmon(recordID: $0) }.joined(separator: "\n")
            let first = try harness.post("/v1/ingest/sysmon", batch).json()
            #expect(first["stored"]?.int == 20 && first["duplicates"]?.int == 0)
            let second = try harness.post("/v1/ingest/sysmon", batch).json()
            #expect(second["stored"]?.int == 0)
            #expect(second["duplicates"]?.int == 20)
            #expect(second["accepted"]?.int == 20)
            #expect(try harness.eventCount() == 20)
        }
    }

    @Test func anOperatorKeyNamesATenantOfItsOwnProviderOnly() async throws {
        try await offPool {
            let harness = try IngestHarness("operator")
            let tenancy = TestTenancyAccess(harness)
            let other = try tenancy.tenancy.tenant("elsewhere-\(UUID().uuidString.prefix(8).lowercased())", provider: "Provider Two")
            let operatorKey = try tenancy.tenancy.key(provider: "Provider One", scopes: [.ingest]).key
            let body = Array(PipelineInputs.sysmon.utf8)
            let unnamed = try harness.send("POST", "/v1/ingest/sysmon", body: body, key: operatorKey)
            #expect(unnamed.status == 400)
            #expect(unnamed.text.contains("X-Tenant-Id"))
            let foreign = try harness.send("POST", "/v1/ingest/sysmon", body: body, key: operatorKey, headers: [("X-Tenant-Id", other.uuidString)])
            #expect(foreign.status == 403)
            let own = try harness.send("POST", "/v1/ingest/sysmon", body: body, key: operatorKey, headers: [("X-Tenant-Id", harness.tenant.uuidString)])
            #expect(own.status == 200)
            // A tenant key cannot redirect its events by naming another tenant.
            let redirected = try harness.send("POST", "/v1/ingest/sysmon", body: Array(PipelineInputs.sysmon(recordID: 7).utf8),
                                              headers: [("X-Tenant-Id", other.uuidString)])
            #expect(redirected.status == 200)
            #expect(try harness.ownerRows("SELECT count(*) FROM events WHERE tenant_id = $1", [other]).first!.int("count") == 0)
            let readKey = try tenancy.tenancy.key(tenant: harness.slug, scopes: [.read]).key
            #expect(try harness.send("POST", "/v1/ingest/sysmon", body: body, key: readKey).status == 403)
        }
    }
}
