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
    /// The holder → addresses index stays exactly what the sightings say while old sightings are
    /// trimmed (more than 64 for one address) and evicted.
    @Test func theReverseIndexFollowsTrimmingAndEviction() {
        let minute: Int64 = 60_000_000
        var leases = AddressLeases()
        func rebuilt() -> [String: Set<String>] {
            var index: [String: Set<String>] = [:]
            for (ip, list) in leases.sightings { for sighting in list { index[sighting.holder, default: []].insert(ip) } }
            return index
        }
        var trimmed = false
        for step in Int64(0)..<400 {
            // Ten addresses handed around twelve hosts, the first one very busy.
            let ip = step % 3 == 0 ? "10.0.0.1" : "10.0.0.\(2 + step % 9)"
            leases.record(ip: ip, holder: "host:ws-\(step % 12)", at: step * minute)
            trimmed = trimmed || leases.sightings["10.0.0.1"]?.count == AddressLeases.maxSightingsPerAddress
            if step % 25 == 24 {
                leases.evict(before: (step - 250) * minute)
                #expect(leases.addressesByHolder == rebuilt(), "after step \(step)")
            }
        }
        #expect(trimmed, "the busy address reached its cap of sightings")
        // A holder trimmed away entirely leaves the index too.
        leases.record(ip: "10.9.9.9", holder: "host:once", at: 500 * minute)
        for step in Int64(1)...70 { leases.record(ip: "10.9.9.9", holder: step % 2 == 0 ? "host:a" : "host:b", at: (500 + step) * minute) }
        #expect(leases.addressesByHolder["host:once"] == nil)
        #expect(leases.addressesByHolder == rebuilt())
        leases.evict(before: 10_000 * minute)
        #expect(leases.sightings.isEmpty && leases.addressesByHolder.isEmpty)
    }
}
