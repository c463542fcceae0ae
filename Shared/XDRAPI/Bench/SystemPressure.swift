import Foundation

/// Linux pressure stall information (`/proc/pressure/cpu`, `/proc/pressure/io`): how long some
/// task waited for a CPU or for I/O. Read before and after a run, it says how much of the run the
/// machine itself was the bottleneck, which matters on a shared machine.
public struct SystemPressure: Sendable, Equatable {
    /// Microseconds in which at least one task stalled, since boot (nil when unavailable).
    public var cpuMicroseconds: Int64?
    public var ioMicroseconds: Int64?

    public init(cpuMicroseconds: Int64?, ioMicroseconds: Int64?) {
        self.cpuMicroseconds = cpuMicroseconds
        self.ioMicroseconds = ioMicroseconds
    }

    /// The current totals of this machine.
    public static func now() -> SystemPressure {
        func read(_ name: String) -> Int64? {
            (try? String(contentsOfFile: "/proc/pressure/\(name)", encoding: .utf8)).flatMap(someTotal)
        }
        return SystemPressure(cpuMicroseconds: read("cpu"), ioMicroseconds: read("io"))
    }

    /// The `total=` of the `some` line of a pressure file.
    public static func someTotal(_ text: String) -> Int64? {
        for line in text.split(separator: "\n") where line.hasPrefix("some ") {
            for field in line.split(separator: " ") where field.hasPrefix("total=") {
                return Int64(field.dropFirst("total=".count))
            }
        }
        return nil
    }

    /// The share (0–100 %) of `seconds` in which some task stalled, from `earlier` to `self`.
    public func percent(since earlier: SystemPressure, seconds: Double) -> (cpu: Double?, io: Double?) {
        func share(_ a: Int64?, _ b: Int64?) -> Double? {
            guard let a, let b, seconds > 0 else { return nil }
            return Double(a - b) / (seconds * 1_000_000) * 100
        }
        return (share(cpuMicroseconds, earlier.cpuMicroseconds), share(ioMicroseconds, earlier.ioMicroseconds))
    }
}
