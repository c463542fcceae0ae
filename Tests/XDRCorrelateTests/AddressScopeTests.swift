import Testing
@testable import XDRCorrelate

@Suite struct AddressScopeTests {
    @Test func onlyAddressesOfOneMachineLink() {
        for ip in ["10.0.0.1", "203.0.113.5", "169.1.2.3", "223.255.0.1", "2001:db8::1", "fd00::5"] { #expect(AddressScope.namesAMachine(ip), "\(ip)") }
        for ip in ["127.0.0.1", "0.0.0.0", "169.254.10.1", "224.0.0.251", "255.255.255.255", "::1", "::", "fe80::1", "ff02::fb"] {
            #expect(!AddressScope.namesAMachine(ip), "\(ip)")
        }
    }

    @Test func somethingThatIsNotADottedQuadNamesNoMachine() {
        for ip in ["", "10.0.0", "10.0.0.1.5", "10..0.1", "a.b.c.d", "300.1.1.1", "10.0.0.1 ", "-1.0.0.1"] {
            #expect(!AddressScope.namesAMachine(ip), "\(ip)")
        }
    }
}
