/// How much background telemetry to mix in, per tenant and per format.
public struct NoiseLevel: Sendable, Equatable {
    /// Benign records per minute for each noise-carrying format.
    public var recordsPerMinute: Int
    /// How long the background runs from the dataset's start, in minutes.
    public var minutes: Int

    public init(recordsPerMinute: Int, minutes: Int = 480) {
        self.recordsPerMinute = max(0, recordsPerMinute)
        self.minutes = max(0, minutes)
    }

    /// No background at all: only scenario records.
    public static let none = NoiseLevel(recordsPerMinute: 0, minutes: 0)
    /// A quiet working day: a couple of records a minute per format.
    public static let light = NoiseLevel(recordsPerMinute: 2)
    /// A busy office: twenty records a minute per format.
    public static let busy = NoiseLevel(recordsPerMinute: 20)
}
