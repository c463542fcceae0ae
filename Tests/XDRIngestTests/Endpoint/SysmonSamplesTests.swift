import Foundation
import Testing
@testable import XDRIngest
import XDRModel

/// Runs the `sysmon` format over every real Windows event sample in `../shared/samples`.
///
/// When `XDR_SHARED_DIR` is unset and the folder is absent (a checkout without the sample corpus),
/// the tests return early; with `XDR_SHARED_DIR` set, a missing corpus is a failure.
@Suite struct SysmonSamplesTests {
    static let folders = [
        "endpoint/sysmon_winlogbeat_json",
        "endpoint/sysmon_azure_loganalytics_json",
        "endpoint/windows_security_azure_loganalytics_json",
        "endpoint/sysmon_linux_syslog_json",
    ]

    static func corpusAvailable() -> Bool {
        if Samples.directory != nil { return true }
        if ProcessInfo.processInfo.environment["XDR_SHARED_DIR"] == nil { return false }
        Issue.record("../shared/samples not found")
        return false
    }

    @Test func acceptsEveryRecordOfEverySample() throws {
        guard Self.corpusAvailable() else { return }
        var total = 0
        for folder in Self.folders {
            let files = Samples.files(in: folder)
            #expect(!files.isEmpty, "no sample files in \(folder)")
            for file in files {
                let run = try FormatHarness.run(SysmonFormat(), file: file)
                print("samples sysmon \(file.lastPathComponent): \(run.accepted.count) accepted, \(run.rejected.count) rejected")
                for rejection in run.rejected.prefix(5) {
                    Issue.record("\(file.lastPathComponent) record \(rejection.number): \(rejection.error)")
                }
                #expect(run.rejected.isEmpty)
                #expect(run.accepted.allSatisfy { $0.hostname != nil && $0.time > 1_500_000_000_000_000 })
                total += run.accepted.count
            }
        }
        #expect(total > 2_500)
    }

    @Test func sysmonForLinuxInSyslogIsReadFromItsEventXML() throws {
        guard Self.corpusAvailable() else { return }
        let file = try #require(Samples.files(in: "endpoint/sysmon_linux_syslog_json").first)
        let run = try FormatHarness.run(SysmonFormat(), file: file)
        #expect(run.rejected.isEmpty)
        let launches = run.accepted.filter { $0.classUID == OCSFClass.processActivity && $0.activityID == 1 }
        #expect(launches.count == 31)
        let first = try #require(run.accepted.first)
        #expect(first.sourceProduct == "Microsoft Sysmon for Linux")
        #expect(first.sourceEventID == "ubuntu5/Linux-Sysmon/Operational/245753")
        #expect(EventTime.format(first.time) == "2022-05-11T18:10:20.399931Z")
        #expect(launches.allSatisfy { $0.processGUID != nil && $0.hostname == "ubuntu5" })
    }

    @Test func lsassDumpSampleShowsTheAccessAndTheActor() throws {
        guard Self.corpusAvailable() else { return }
        let file = try #require(Samples.files(in: "endpoint/sysmon_winlogbeat_json").first { $0.lastPathComponent.contains("lsass") })
        let run = try FormatHarness.run(SysmonFormat(), file: file)
        let lsass = run.accepted.filter { ($0.details["risk_details"]?.string ?? "").contains("LSASS") }
        #expect(!lsass.isEmpty)
        let sysmonAccess = try #require(lsass.first { $0.classUID == OCSFClass.processActivity && $0.activityID == 3 && $0.sourceProduct == "Microsoft Sysmon" })
        #expect(sysmonAccess.entityKeys.contains("host:workstation5"))
        #expect(sysmonAccess.entities(of: .process).contains { $0.role == .target })
    }
}
