import Foundation
import Glibc

/// Serialises a status line and header fields (RFC 9112 §4).
enum ResponseHead {
    /// Appends `HTTP/1.1 <status> <reason>\r\n`, the headers and the empty line to `out`.
    /// Header values lose any CR or LF so a handler cannot split the response by accident.
    static func write(status: Int, headers: HTTPHeaders, into out: inout [UInt8]) {
        out.append(contentsOf: "HTTP/1.1 \(status) \(HTTPStatus.reason(status))\r\n".utf8)
        for (name, value) in headers {
            out.append(contentsOf: name.utf8)
            out.append(0x3A)
            out.append(0x20)
            for byte in value.utf8 where byte != 0x0D && byte != 0x0A { out.append(byte) }
            out.append(0x0D)
            out.append(0x0A)
        }
        out.append(0x0D)
        out.append(0x0A)
    }
}

/// The `Date` header value (IMF-fixdate), formatted at most once per second.
enum HTTPDate {
    private static let cache = DateCache()

    static func now() -> String { cache.current() }

    private final class DateCache: @unchecked Sendable {
        private let lock = NSLock()
        private var second: time_t = 0
        private var text = ""

        func current() -> String {
            let now = time(nil)
            lock.lock(); defer { lock.unlock() }
            if now != second {
                second = now
                text = Self.format(now)
            }
            return text
        }

        private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

        static func format(_ seconds: time_t) -> String {
            var clock = seconds
            var parts = tm()
            gmtime_r(&clock, &parts)
            func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
            let day = days[Int(parts.tm_wday) % 7], month = months[Int(parts.tm_mon) % 12]
            return "\(day), \(two(parts.tm_mday)) \(month) \(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
        }
    }
}
