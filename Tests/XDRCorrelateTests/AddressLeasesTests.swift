import Testing
@testable import XDRCorrelate

@Suite struct AddressLeasesTests {
    let minute: Int64 = 60_000_000
    let slack: Int64 = 2 * 60 * 60_000_000

    @Test func anAddressResolvesToWhoeverHeldItAtThatTime() {
        var leases = AddressLeases()
        leases.record(ip: "10.0.0.23", holder: "host:ws-alice", at: 0)
        leases.record(ip: "10.0.0.23", holder: "host:ws-alice", at: 20 * minute)
        leases.record(ip: "10.0.0.23", holder: "host:ws-bob", at: 60 * minute)
        #expect(leases.holder(of: "10.0.0.23", at: 10 * minute, slack: slack) == "host:ws-alice")
        #expect(leases.holder(of: "10.0.0.23", at: 30 * minute, slack: slack) == "host:ws-alice")
        #expect(leases.holder(of: "10.0.0.23", at: 50 * minute, slack: slack) == "host:ws-bob")
        #expect(leases.holder(of: "10.0.0.23", at: 90 * minute, slack: slack) == "host:ws-bob")
        #expect(leases.holder(of: "10.0.0.23", at: 500 * minute, slack: slack) == nil, "beyond the slack")
        #expect(leases.holder(of: "10.0.0.99", at: 0, slack: slack) == nil)
    }

    @Test func sightingsOfTheSameHolderCollapseAndReportNews() {
        var leases = AddressLeases()
        let first = leases.record(ip: "10.0.0.5", holder: "host:a", at: 0)
        let second = leases.record(ip: "10.0.0.5", holder: "host:a", at: 10 * minute)
        let inside = leases.record(ip: "10.0.0.5", holder: "host:a", at: 5 * minute)
        let later = leases.record(ip: "10.0.0.5", holder: "host:a", at: 20 * minute)
        #expect(first && second && later)
        #expect(!inside, "inside a known run")
        #expect(leases.count == 2, "a run keeps its first and last sighting")
        #expect(leases.addresses(heldBy: "host:a", from: 0, to: minute, slack: 0) == ["10.0.0.5"])
        leases.evict(before: 30 * minute)
        #expect(leases.count == 0)
        #expect(leases.addresses(heldBy: "host:a", from: 0, to: minute, slack: 0).isEmpty)
    }
}
