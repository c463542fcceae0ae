/// The next line of a background stream, or nil when it has no more. The benchmark calls it from
/// one thread at a time (under its stream's lock), so the closure may hold a plain iterator.
public final class LineSource: @unchecked Sendable {
    private let next: () -> [UInt8]?

    public init(_ next: @escaping () -> [UInt8]?) { self.next = next }

    func line() -> [UInt8]? { next() }
}
