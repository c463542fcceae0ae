import Testing
@testable import XDRIngest
import XDRModel

@Suite struct CommonFormatsTests {
    @Test func offersOCSFOnTheServingLayer() {
        #expect(CommonFormats.all.map(\.name) == ["ocsf"])
        #expect(CommonFormats.all(servedBy: .email).map(\.layer) == [.email])
    }
}
