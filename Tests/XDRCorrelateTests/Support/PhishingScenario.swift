import Foundation
import XDRModel
@testable import XDRCorrelate

/// Phishing mail to three people → the attachment runs on ws-alice → C2 to 203.0.113.50 →
/// lateral movement to filesrv01 over SMB and a network logon. Bob clicks the link; Carol does not.
struct PhishingScenario {
    static let hash = "a3f5c0b1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9"
    static let url = "https://evil.example/invoice"
    var events: [CorrelationEvent] = []
    var mailToAlice: Int64 = 0
    var mailToBob: Int64 = 0
    var c2Alert: Int64 = 0
    var smbConnection: Int64 = 0

    init(factory: inout EventFactory, offset: Double = 0) {
        let o = offset
        events.append(factory.connection(o + 1, host: "filesrv01.corp.example", srcIP: "10.0.0.50", dstIP: "10.0.0.2", dstPort: 53))
        let subject = "Invoice 4471 overdue"
        let toAlice = factory.email(o + 2, from: "billing@evil.example", to: "alice@corp.example", subject: subject, hash: Self.hash, url: Self.url)
        mailToAlice = toAlice.id
        events.append(toAlice)
        let toBob = factory.email(o + 2, from: "billing@evil.example", to: "bob@corp.example", subject: subject, hash: Self.hash, url: Self.url)
        mailToBob = toBob.id
        events.append(toBob)
        events.append(factory.email(o + 2, from: "billing@evil.example", to: "carol@corp.example", subject: subject, hash: Self.hash, url: Self.url))
        events.append(factory.urlClick(o + 6, user: "bob@corp.example", url: Self.url))
        events.append(factory.processStart(o + 10, host: "ws-alice.corp.example", user: "CORP\\alice",
                                           image: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                                           parent: "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
                                           commandLine: "powershell.exe -nop -w hidden -enc JABzAD0ATgBlAHcA"))
        events.append(factory.connection(o + 11, host: "ws-alice.corp.example", srcIP: "10.0.0.23", dstIP: "203.0.113.50", dstPort: 443, user: "CORP\\alice"))
        let alert = factory.networkAlert(o + 12, srcIP: "10.0.0.23", dstIP: "203.0.113.50", title: "ET MALWARE Cobalt Strike Beacon")
        c2Alert = alert.id
        events.append(alert)
        let smb = factory.connection(o + 20, host: "ws-alice.corp.example", srcIP: "10.0.0.23", dstIP: "10.0.0.50", dstPort: 445, user: "CORP\\alice")
        smbConnection = smb.id
        events.append(smb)
        events.append(factory.logon(o + 21, host: "filesrv01.corp.example", srcIP: "10.0.0.23", user: "CORP\\alice", type: 3))
    }
}
