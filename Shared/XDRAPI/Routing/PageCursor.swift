import Foundation
import XDRHTTP
import XDRStore

/// An opaque keyset cursor: the sort key of the last item of a page, so the next page starts
/// strictly after it and items arriving meanwhile neither repeat nor shift the remaining pages.
///
/// The text is base64url of `v1|<kind>|<field>|…`; clients must treat it as opaque.
struct PageCursor: Equatable {
    var kind: String
    var fields: [String]

    func encoded() -> String {
        let text = (["v1", kind] + fields).joined(separator: "|")
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a cursor made for `kind` with `count` fields; anything else is a 400 naming `cursor`.
    static func decode(_ text: String?, kind: String, count: Int) throws -> PageCursor? {
        guard let text else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else {
            throw QueryReader.invalid("cursor", "is not a cursor returned by this API")
        }
        let parts = plain.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == count + 2, parts[0] == "v1" else {
            throw QueryReader.invalid("cursor", "is not a cursor returned by this API")
        }
        guard parts[1] == kind else {
            throw QueryReader.invalid("cursor", "was made for sort \(parts[1]); repeat the request with the same sort")
        }
        return PageCursor(kind: kind, fields: Array(parts.dropFirst(2)))
    }

    /// Checks that field `index` is a timestamp as the database printed it, so a tampered cursor
    /// is a 400 rather than a failed query.
    func requireTimestamp(at index: Int) throws {
        guard PostgresTimestamp.parse(fields[index]) != nil else {
            throw QueryReader.invalid("cursor", "is not a cursor returned by this API")
        }
    }
}
