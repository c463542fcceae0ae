import Testing
@testable import XDRCorrelate

@Suite struct CloudHostNamesTests {
    @Test func ec2PrivateNamesSpellTheirAddress() {
        #expect(CloudHostNames.address(spelledBy: "ip-10-0-20-15.ec2.internal") == "10.0.20.15")
        #expect(CloudHostNames.address(spelledBy: "IP-172-31-5-9.eu-west-1.compute.internal") == "172.31.5.9")
        #expect(CloudHostNames.address(spelledBy: "ip-10-0-20-15") == "10.0.20.15", "agents often report the short name")
    }

    @Test func otherNamesSpellNothing() {
        #expect(CloudHostNames.address(spelledBy: "ws-alice.corp.example") == nil)
        #expect(CloudHostNames.address(spelledBy: "ip-10-0-20-15.corp.example") == nil, "not an EC2 domain")
        #expect(CloudHostNames.address(spelledBy: "ip-10-0-300-1.ec2.internal") == nil, "octet out of range")
        #expect(CloudHostNames.address(spelledBy: "ip-10-0-1.ec2.internal") == nil, "three octets")
        #expect(CloudHostNames.address(spelledBy: "ip-a-b-c-d") == nil)
    }
}
