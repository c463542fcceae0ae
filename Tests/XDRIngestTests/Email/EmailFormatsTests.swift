import Testing
@testable import XDRIngest
import XDRModel

@Suite struct EmailFormatsTests {
    @Test func listsEveryEmailFormatOnceOnTheEmailLayer() {
        let names = EmailFormats.all.map(\.name)
        #expect(names == ["defender-email", "proofpoint", "postfix", "zeek-smtp", "m365-messagetrace", "exchange-audit"])
        #expect(EmailFormats.all.allSatisfy { $0.layer == .email && !$0.summary.isEmpty })
        for name in names { #expect(FormatRegistry.format(named: name.uppercased())?.name == name) }
    }

    @Test func framesEachFormatTheWayItsSourceSendsIt() {
        #expect(DefenderEmail().framing == .json(envelope: "records"))
        #expect(M365MessageTrace().framing == .json(envelope: "value"))
        #expect(PostfixMaillog().framing == .lines)
        #expect(ProofpointTAP().framing == .json(envelope: nil))
    }
}
