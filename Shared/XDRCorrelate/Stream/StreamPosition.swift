/// A place in a tenant's event stream: the inserting transaction's id (`events.ingest_xid`) and
/// the event id within it. Rows are read in `(xid, id)` order, which every committed row keeps
/// forever, so this pair is a checkpoint that never skips a row committed later.
public struct StreamPosition: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Full 64-bit transaction id (`xid8`: epoch and xid), as PostgreSQL prints it.
    public var xid: UInt64
    public var id: Int64

    public init(xid: UInt64, id: Int64) {
        self.xid = xid
        self.id = id
    }

    /// Before every row.
    public static let start = StreamPosition(xid: 0, id: 0)

    public static func < (a: StreamPosition, b: StreamPosition) -> Bool {
        a.xid != b.xid ? a.xid < b.xid : a.id < b.id
    }

    public var description: String { "\(xid)/\(id)" }
}
