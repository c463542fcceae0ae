import Testing
@testable import XDRModel

@Suite struct EntityTypeCaseIdentityTests {
    /// Every case equals itself only, and a table keyed by type finds each case under itself: the
    /// case byte tells all seventeen apart, as their raw values do.
    @Test func everyEntityTypeIsItselfOnlyAndKeysATable() {
        let all = EntityType.allCases
        #expect(Set(all.map(\.caseTag)).count == all.count)
        var byType: [EntityType: String] = [:]
        for type in all { byType[type] = type.rawValue }
        for a in all {
            #expect(byType[a] == a.rawValue)
            for b in all { #expect((a == b) == (a.rawValue == b.rawValue), "\(a) \(b)") }
        }
        #expect(Set(all.map { EntityType(rawValue: $0.rawValue)! }) == Set(all))
    }

    @Test func everyEntityRoleIsItselfOnly() {
        let roles: [EntityRole] = ["actor", "target", "src", "dst", "device", "sender", "recipient", "related"].compactMap(EntityRole.init)
        #expect(roles.count == 8)
        #expect(Set(roles).count == roles.count)
        for a in roles { for b in roles { #expect((a == b) == (a.rawValue == b.rawValue)) } }
    }
}
