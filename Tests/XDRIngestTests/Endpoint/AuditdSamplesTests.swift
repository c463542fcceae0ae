import Foundation
import Testing
@testable import XDRIngest
import XDRModel

/// Runs `auditd` over the real audit.log samples. The `.json` file in the same folder is a Log
/// Analytics Syslog-table export of AUOMS records, a different format, and is not read here.
@Suite struct AuditdSamplesTests {
    @Test func acceptsEveryLineOfEveryAuditLog() throws {
        guard SysmonSamplesTests.corpusAvailable() else { return }
        let files = Samples.files(in: "endpoint/linux_auditd").filter { $0.pathExtension == "log" }
        #expect(files.count >= 5)
        var processLaunches = 0
        for file in files {
            let run = try FormatHarness.run(AuditdFormat(), file: file)
            print("samples auditd \(file.lastPathComponent): \(run.accepted.count) accepted, \(run.rejected.count) rejected")
            for rejection in run.rejected.prefix(5) { Issue.record("\(file.lastPathComponent) line \(rejection.number): \(rejection.error)") }
            #expect(run.rejected.isEmpty)
            #expect(!run.accepted.isEmpty)
            processLaunches += run.accepted.filter { $0.classUID == OCSFClass.processActivity && $0.processCommandLine != nil }.count
        }
        #expect(processLaunches >= 8)
    }

    @Test func enrichedSampleNamesTheDeletedAccount() throws {
        guard SysmonSamplesTests.corpusAvailable() else { return }
        let file = try #require(Samples.files(in: "endpoint/linux_auditd").first { $0.lastPathComponent == "plaso_audit_enriched.log" })
        let run = try FormatHarness.run(AuditdFormat(), file: file)
        let deletion = try #require(run.accepted.first { $0.classUID == OCSFClass.accountChange && $0.activityID == 6 })
        #expect(deletion.entityKeys == ["user:specimenuser"])
        #expect(deletion.outcome == "failure")
        let cat = try #require(run.accepted.first { $0.processImage == "/usr/bin/cat" })
        #expect(cat.processCommandLine == "/usr/bin/cat /tmp/my report.txt")
    }
}
