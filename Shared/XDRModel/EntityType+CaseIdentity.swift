// Compared and hashed by case, not by raw value. A `String` raw value makes the standard
// library's `RawRepresentable` defaults the witnesses: every `==` compared two strings and every
// table keyed by type (the link window of each entity of each event) hashed one.
// A payload-free enum is stored as one byte holding its case's position (its declaration order),
// so that byte is the case's identity.

extension EntityType {
    @inline(__always) var caseTag: UInt8 { withUnsafeBytes(of: self) { $0[0] } }

    public static func == (a: EntityType, b: EntityType) -> Bool { a.caseTag == b.caseTag }

    public func hash(into hasher: inout Hasher) { hasher.combine(caseTag) }
}

extension EntityRole {
    @inline(__always) var caseTag: UInt8 { withUnsafeBytes(of: self) { $0[0] } }

    public static func == (a: EntityRole, b: EntityRole) -> Bool { a.caseTag == b.caseTag }

    public func hash(into hasher: inout Hasher) { hasher.combine(caseTag) }
}
