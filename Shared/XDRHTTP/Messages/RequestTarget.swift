/// Splits a request target into a decoded path and decoded query parameters.
struct RequestTarget {
    /// The raw path (still percent-encoded), used by the router to split segments before decoding.
    let rawPath: Substring
    let path: String
    let query: [(String, String)]

    init(_ target: String) {
        var rawQuery: Substring = ""
        if let mark = target.firstIndex(of: "?") { rawQuery = target[target.index(after: mark)...] }
        if let hash = rawQuery.firstIndex(of: "#") { rawQuery = rawQuery[..<hash] }
        let rawPath = Self.rawPath(of: target)
        self.rawPath = rawPath
        self.path = PercentDecoding.decode(rawPath, plusAsSpace: false)
        var query: [(String, String)] = []
        for pair in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = pair.firstIndex(of: "=") {
                query.append((
                    PercentDecoding.decode(pair[..<equals], plusAsSpace: true),
                    PercentDecoding.decode(pair[pair.index(after: equals)...], plusAsSpace: true)
                ))
            } else {
                query.append((PercentDecoding.decode(pair, plusAsSpace: true), ""))
            }
        }
        self.query = query
    }

    /// The still-encoded path of `target`, without query or fragment, cheap enough to call per request.
    static func rawPath(of target: String) -> Substring {
        var rawPath = Substring(target)
        if let end = target.firstIndex(where: { $0 == "?" || $0 == "#" }) { rawPath = target[..<end] }
        // Absolute-form targets (`http://host/path`) carry the path after the authority.
        if rawPath.hasPrefix("http://") || rawPath.hasPrefix("https://") {
            let afterScheme = rawPath.dropFirst(rawPath.hasPrefix("http://") ? 7 : 8)
            rawPath = afterScheme.firstIndex(of: "/").map { afterScheme[$0...] } ?? "/"
        }
        return rawPath
    }
}

/// Percent-decoding that never fails: malformed escapes are kept literally, invalid UTF-8 is repaired.
enum PercentDecoding {
    static func decode(_ text: Substring, plusAsSpace: Bool) -> String {
        var utf8 = text.utf8
        // Fast path: nothing to decode.
        if !utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            if byte == UInt8(ascii: "+") && plusAsSpace {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), utf8.count >= 2,
                      let high = hexValue(utf8[utf8.startIndex]),
                      let low = hexValue(utf8[utf8.index(after: utf8.startIndex)]) {
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
