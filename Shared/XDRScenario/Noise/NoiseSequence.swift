/// An endless-until-`count` stream of benign records of one format, one line (no newline) per
/// element, for load benchmarks. Times advance evenly at `recordsPerSecond` from the start.
public struct NoiseSequence: Sequence, Sendable {
    let company: SyntheticCompany
    let seed: UInt64
    public let format: SourceFormat
    public let count: Int
    let start: Int64
    let step: Int64

    public func makeIterator() -> Iterator {
        Iterator(generator: NoiseGenerator(company: company, seed: seed, stream: "bench:\(format.name)", includeAlerts: true),
                 format: format, remaining: count, time: start, step: step)
    }

    public struct Iterator: IteratorProtocol {
        var generator: NoiseGenerator
        let format: SourceFormat
        var remaining: Int
        var time: Int64
        let step: Int64

        public mutating func next() -> [UInt8]? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            let line = generator.record(format, at: time)
            time += step
            return line
        }
    }
}
