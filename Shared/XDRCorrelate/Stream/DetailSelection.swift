/// Which of an event's details the stream reader keeps. An event carries a dozen details, each a
/// string or two to allocate, hold while the event is buffered and free again; the engine reads
/// only those its rules name (`details.<key>`) and a few of its own, so the correlator decodes
/// just those (`RuleSet.detailSelection`). A batch remembers the selection it was read with, so
/// a batch read ahead for other rules is not handed to an engine that needs more.
public struct DetailSelection: Sendable, Equatable {
    /// The keys kept; nil keeps every scalar detail.
    public let keys: Set<String>?

    /// Every scalar detail, as `CorrelationEvent(event:id:tenantID:)` keeps them.
    public static let all = DetailSelection(keys: nil)

    public init(keys: Set<String>?) { self.keys = keys }

    func keeps(_ key: String) -> Bool { keys?.contains(key) ?? true }
}
