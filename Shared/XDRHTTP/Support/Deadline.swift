import Glibc

/// A point on the monotonic clock, for socket timeouts that wall-clock changes cannot stretch.
struct Deadline: Sendable, Comparable {
    let nanoseconds: UInt64

    static func now() -> Deadline {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Deadline(nanoseconds: UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec))
    }

    /// `seconds` from now (non-positive values mean "already passed").
    static func after(_ seconds: Double) -> Deadline {
        let now = Deadline.now()
        guard seconds > 0 else { return now }
        return Deadline(nanoseconds: now.nanoseconds &+ UInt64(min(seconds, 1e9) * 1e9))
    }

    /// A deadline that never passes in practice.
    static let distant = Deadline(nanoseconds: UInt64.max / 2)

    /// Milliseconds left, rounded up so a poll does not spin on the last partial millisecond; 0 when passed.
    var remainingMilliseconds: Int32 {
        let now = Deadline.now().nanoseconds
        guard nanoseconds > now else { return 0 }
        let milliseconds = (nanoseconds - now + 999_999) / 1_000_000
        return Int32(min(milliseconds, UInt64(Int32.max)))
    }

    var hasPassed: Bool { Deadline.now() >= self }

    static func < (a: Deadline, b: Deadline) -> Bool { a.nanoseconds < b.nanoseconds }

    /// Seconds elapsed since `start`.
    static func seconds(since start: Deadline) -> Double {
        Double(Deadline.now().nanoseconds &- start.nanoseconds) / 1e9
    }
}
