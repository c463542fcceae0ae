import Foundation
import Testing
@testable import XDRIngest
import XDRModel

@Suite struct PostfixMaillogTests {
    let format = PostfixMaillog()

    static let maillog = """
    Mar  5 10:15:29 mx1 postfix/smtpd[1234]: connect from mail.contoso-billing.example[203.0.113.45]
    Mar  5 10:15:30 mx1 postfix/smtpd[1234]: 4F3A41C2: client=mail.contoso-billing.example[203.0.113.45]
    Mar  5 10:15:30 mx1 postfix/cleanup[1240]: 4F3A41C2: message-id=<20240305101530.ABC@mail.contoso-billing.example>
    Mar  5 10:15:30 mx1 postfix/cleanup[1240]: 4F3A41C2: warning: header Subject: Invoice 7731 overdue from mail.contoso-billing.example[203.0.113.45]; from=<billing@contoso-billing.example> to=<alice@fabrikam.example> proto=ESMTP helo=<mail.contoso-billing.example>
    Mar  5 10:15:30 mx1 postfix/qmgr[900]: 4F3A41C2: from=<billing@contoso-billing.example>, size=48213, nrcpt=2 (queue active)
    Mar  5 10:15:30 mx1 postfix/smtpd[1234]: disconnect from mail.contoso-billing.example[203.0.113.45] ehlo=1 mail=1 rcpt=2 data=1 quit=1 commands=6
    Mar  5 10:15:31 mx1 postfix/lmtp[1250]: 4F3A41C2: to=<alice@fabrikam.example>, relay=mailstore.fabrikam.example[10.0.0.25]:24, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 <alice@fabrikam.example> Saved)
    Mar  5 10:15:31 mx1 postfix/smtp[1251]: 4F3A41C2: to=<bob@northwind.example>, orig_to=<bob@fabrikam.example>, relay=mx.northwind.example[198.51.100.7]:25, delay=1.5, delays=0.1/0/0.7/0.7, dsn=5.1.1, status=bounced (host mx.northwind.example[198.51.100.7] said: 550 5.1.1 <bob@northwind.example>: Recipient address rejected (in reply to RCPT TO command))
    Mar  5 10:15:31 mx1 postfix/qmgr[900]: 4F3A41C2: removed
    Mar  5 10:16:02 mx1 postfix/smtpd[1260]: NOQUEUE: reject: RCPT from unknown[192.0.2.77]: 554 5.7.1 <cfo@fabrikam.example>: Relay access denied; from=<ceo@fabr1kam.example> to=<cfo@fabrikam.example> proto=ESMTP helo=<fabr1kam.example>
    Mar  5 10:17:00 mx1 postfix/pickup[950]: 9C37E404B379: uid=0 from=<root>
    Mar  5 10:17:00 mx1 postfix/submission/smtpd[1300]: 8D1E2F3A4B: client=laptop.fabrikam.example[10.0.5.9], sasl_method=PLAIN, sasl_username=alice@fabrikam.example
    Mar  5 10:17:01 mx1 postfix/qmgr[900]: 9C37E404B379: from=<root@mx1.fabrikam.example>, size=486, nrcpt=1 (queue active)
    Mar  5 10:17:01 mx1 postfix/local[960]: 9C37E404B379: to=<root@mx1.fabrikam.example>, orig_to=<root>, relay=local, delay=0.03, delays=0.01/0.02/0/0.01, dsn=2.0.0, status=sent (delivered to mailbox)
    Mar  5 10:17:02 mx1 postfix/qmgr[900]: warning: private/lmtp socket: malformed response
    Mar  5 10:17:03 mx1 dovecot: imap-login: Login: user=<alice@fabrikam.example>, method=PLAIN, rip=10.0.5.9
    Mar  5 10:17:04 mx1 postfix/master[1]: reload -- version 3.7.5, configuration /etc/postfix
    [05-Mar-2024 10:17:05 +0100]: <ca0a80a9> User alice@fabrikam.example [10.0.5.9]; Message <x@y> for z@w; 250: OK
    """

    func run() -> FormatHarness.Run { FormatHarness.run(format, Self.maillog) }

    @Test func joinsTheLinesOfOneQueueIdIntoOneMessage() throws {
        let run = run()
        #expect(run.accepted.map(\.sourceEventID) == ["4F3A41C2", nil, "9C37E404B379", "8D1E2F3A4B"])
        let event = run.accepted[0]
        // The year comes from the time the batch arrived (2026-09-21).
        #expect(event.time == 1_772_705_730_000_000)
        #expect(event.classUID == OCSFClass.emailActivity)
        #expect(event.activityID == 2)
        #expect(event.kind == .telemetry)
        #expect(event.severity == .low)
        #expect(event.outcome == "failure")
        #expect(event.sourceProduct == "Postfix" && event.sourceFormat == "postfix")
        #expect(event.hostname == "mx1")
        #expect(event.emailSubject == "Invoice 7731 overdue")
        #expect(event.emailMessageID == "20240305101530.abc@mail.contoso-billing.example")
        #expect(event.title == "Mail billing@contoso-billing.example → alice@fabrikam.example, bob@northwind.example sent, bounced")
        #expect(event.raw.split(separator: "\n").count == 7)
        #expect(event.raw.hasPrefix("Mar  5 10:15:30 mx1 postfix/smtpd[1234]: 4F3A41C2: client="))
        #expect(event.entityKeys == [
            "host:mx1",
            "email_message:20240305101530.abc@mail.contoso-billing.example",
            "email:billing@contoso-billing.example", "user:billing@contoso-billing.example",
            "ip:203.0.113.45", "domain:mail.contoso-billing.example",
            "email:alice@fabrikam.example", "user:alice@fabrikam.example",
            "ip:10.0.0.25", "domain:mailstore.fabrikam.example",
            "email:bob@northwind.example", "user:bob@northwind.example",
            "email:bob@fabrikam.example", "user:bob@fabrikam.example",
            "ip:198.51.100.7", "domain:mx.northwind.example",
        ])
        #expect(event.srcIP == "203.0.113.45")
        #expect(event.dstIP == "10.0.0.25" && event.dstPort == 24)
        #expect(event.details["email.size"] == .int(48213))
        #expect(event.details["email.recipient_count"] == .int(2))
        #expect(event.details["email.removed_from_queue"] == .bool(true))
        #expect(event.details["email.deliveries"]?.array?[1]["status"] == "bounced")
        #expect(event.details["email.deliveries"]?.array?[1]["dsn"] == "5.1.1")
    }

    @Test func aNoqueueRejectionIsAnEventOfItsOwn() throws {
        let event = run().accepted[1]
        #expect(event.time == 1_772_705_762_000_000)
        #expect(event.outcome == "failure")
        #expect(event.severity == .low)
        #expect(event.title == "Mail ceo@fabr1kam.example → cfo@fabrikam.example rejected: reject: 554 5.7.1 <cfo@fabrikam.example>: Relay access denied")
        #expect(event.details["smtp.helo"] == "fabr1kam.example")
        #expect(event.entityKeys == [
            "host:mx1", "email:ceo@fabr1kam.example", "user:ceo@fabr1kam.example", "ip:192.0.2.77",
            "email:cfo@fabrikam.example", "user:cfo@fabrikam.example",
        ])
    }

    @Test func localSubmissionIsASendAndAuthenticatedClientsAreActors() throws {
        let run = run()
        let local = run.accepted[2]
        #expect(local.activityID == 1)
        #expect(local.outcome == "success")
        #expect(local.title == "Mail root@mx1.fabrikam.example → root@mx1.fabrikam.example sent")
        #expect(local.details["process.uid"] == "0")
        let submission = run.accepted[3]
        #expect(submission.userName == "alice@fabrikam.example")
        #expect(submission.entityKeys.contains("user:alice@fabrikam.example"))
        #expect(submission.details["auth.sasl_method"] == "PLAIN")
        #expect(submission.srcIP == "10.0.5.9")
    }

    @Test func rejectsLinesThatAreNotMessagesWithTheReason() {
        let rejected = run().rejected.map { "\($0.number): \($0.error.description)" }
        #expect(rejected == [
            "1: postfix/smtpd line without a queue id is not message activity (SMTP session state); only queue-id lines and NOQUEUE rejections become events",
            "6: postfix/smtpd line without a queue id is not message activity (SMTP session state); only queue-id lines and NOQUEUE rejections become events",
            "15: postfix/qmgr line without a queue id is not message activity (warning message); only queue-id lines and NOQUEUE rejections become events",
            "16: field \"program\": \"dovecot\" is not a Postfix program; the postfix format reads postfix/* lines only (Dovecot and other mail-stack logs are not message records)",
            "17: postfix/master line without a queue id is not message activity (daemon status or verbose logging); only queue-id lines and NOQUEUE rejections become events",
            "18: field \"timestamp\": not a syslog line: expected \"Mmm dd hh:mm:ss host program[pid]: message\", got \"[05-Mar-2024 10:17:05 +0100]: <ca0a80a9>\"",
        ])
    }

    @Test func readsRFC3339TimestampsAndLongQueueIds() {
        let line = "2024-03-05T10:15:30.250000+01:00 mx1 postfix/cleanup[1240]: 4Tq0Xk1m2Hz4x: message-id=<a@b.example>"
        let event = FormatHarness.run(format, line).accepted.first
        #expect(event?.time == 1_709_630_130_250_000)
        #expect(event?.sourceEventID == "4Tq0Xk1m2Hz4x")
        #expect(event?.entityKeys == ["host:mx1", "email_message:a@b.example"])
    }

    @Test func rejectsBrokenHeaders() {
        let cases: [(String, String)] = [
            ("Foo  5 10:15:30 mx1 postfix/smtpd[1]: 4F3A41C2: client=x[1.2.3.4]", "field \"timestamp\": not a syslog line"),
            ("2024-13-45T10:15:30Z mx1 postfix/smtpd[1]: 4F3A41C2: client=x[1.2.3.4]", "field \"timestamp\": not a date: \"2024-13-45T10:15:30Z\""),
            ("Mar  5 10:15:30 mx1", "field \"program\": no \"program[pid]:\" tag"),
        ]
        for (line, expected) in cases {
            let run = FormatHarness.run(format, line)
            #expect(run.accepted.isEmpty)
            #expect(run.rejected.first?.error.description.hasPrefix(expected) == true, "\(line)")
        }
    }

    /// Every line of the real maillogs is accounted for: grouped into a message or rejected for one of
    /// the documented reasons. When the sample folder is absent and `XDR_SHARED_DIR` is unset the
    /// test has nothing to read and returns.
    @Test func accountsForEveryLineOfTheRealMaillogs() throws {
        guard Samples.directory != nil else {
            if ProcessInfo.processInfo.environment["XDR_SHARED_DIR"] == nil { return }
            Issue.record("../shared/samples not found")
            return
        }
        let files = Samples.files(in: "email/postfix_maillog")
        #expect(files.count == 2)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: true).count
            let run = try FormatHarness.run(format, file: file)
            let grouped = run.accepted.reduce(0) { $0 + $1.raw.split(separator: "\n").count }
            var reasons: [String: Int] = [:]
            for rejection in run.rejected {
                let reason = rejection.error.description
                let known = reason.contains("line without a queue id is not message activity")
                    || reason.contains("is not a Postfix program")
                    || reason.contains("not a syslog line")
                #expect(known, "line \(rejection.number): \(reason)")
                let category = reason.contains("not a syslog line") ? "not syslog"
                    : reason.contains("not a Postfix program") ? "other program"
                    : reason.split(separator: "(", maxSplits: 1).last.map { String($0.prefix(while: { $0 != ")" })) } ?? reason
                reasons[category, default: 0] += 1
            }
            print("samples postfix \(file.lastPathComponent): \(lineCount) lines, \(run.accepted.count) messages from \(grouped) lines, \(run.rejected.count) rejected \(reasons.sorted { $0.key < $1.key })")
            #expect(grouped + run.rejected.count == lineCount)
            #expect(run.accepted.count > 0)
            #expect(run.accepted.allSatisfy { $0.sourceEventID != nil || $0.outcome == "failure" })
        }
    }
}

extension PostfixMaillogTests {
    @Test func readsExcerptsWithoutAHostName() {
        let run = FormatHarness.run(format, "Dec 18 16:15:27 [postfix/smtpd] connect from [connection-point]")
        #expect(run.rejected.first?.error.description == "postfix/smtpd line without a queue id is not message activity (SMTP session state); only queue-id lines and NOQUEUE rejections become events")
    }
}
