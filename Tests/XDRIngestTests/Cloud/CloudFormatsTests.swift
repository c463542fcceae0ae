import Testing
@testable import XDRIngest
import XDRModel

@Suite struct CloudFormatsTests {
    @Test func listsEveryCloudFormatOnceOnTheCloudLayer() {
        let names = CloudFormats.all.map(\.name)
        #expect(names == ["cloudtrail", "guardduty", "k8s-audit", "falco", "gcp-audit", "azure-activity"])
        #expect(CloudFormats.all.allSatisfy { $0.layer == .cloud && !$0.summary.isEmpty })
    }

    @Test func findsCloudFormatsInTheRegistry() {
        #expect(FormatRegistry.format(named: "GuardDuty")?.name == "guardduty")
        #expect(FormatRegistry.formats(of: .cloud).count >= 6)
    }
}
