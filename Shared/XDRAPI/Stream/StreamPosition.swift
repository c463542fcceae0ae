/// Where a live stream stands: the (transaction id, sequence) of the last change sent. It is the
/// SSE event id, written `xid.seq` (`48211.907`), and what `Last-Event-ID` gives back.
struct StreamPosition: Equatable, Sendable {
    var xid: UInt64
    var seq: Int64

    var text: String { "\(xid).\(seq)" }

    init(xid: UInt64, seq: Int64) {
        self.xid = xid
        self.seq = seq
    }

    /// Parses `xid.seq`; nil for anything else.
    init?(text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let xid = UInt64(parts[0]), let seq = Int64(parts[1]), seq >= 0 else { return nil }
        self.init(xid: xid, seq: seq)
    }
}
