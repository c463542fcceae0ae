import Foundation
import XDRCore
import XDRCrypto
import XDRHTTP
import XDRStore

/// Checks API keys against their stored SHA-256 hashes (through the definer function
/// `xdr_authenticate`, since no tenant scope exists yet) and enforces scopes.
///
/// Accepted forms, so shippers can use their usual settings unchanged: `Authorization: Bearer KEY`,
/// `ApiKey KEY` or `ApiKey base64(id:KEY)` (Elasticsearch clients), and `Basic base64(user:KEY)`
/// (Beats/Logstash username and password). Results are cached briefly (`cacheSeconds`), which is
/// also how long a revocation can take to bite.
public final class APIKeyAuthenticator: @unchecked Sendable {
    private let pool: ConnectionPool
    private let cacheSeconds: Double
    private let lock = NSLock()
    private var cache: [[UInt8]: (principal: Principal?, expires: Date)] = [:]

    public init(pool: ConnectionPool, cacheSeconds: Double = 10) {
        self.pool = pool
        self.cacheSeconds = cacheSeconds
    }

    /// The principal of the request, which must hold `scope`; otherwise a 401 or 403 problem.
    public func require(_ request: HTTPRequest, scope: Scope) throws -> Principal {
        guard let header = request.headers["authorization"], !header.isEmpty else {
            throw HTTPError.unauthorized("missing Authorization header: send \"Authorization: Bearer <api key>\"")
        }
        guard let key = Self.extractKey(header) else {
            throw HTTPError.unauthorized("unsupported Authorization scheme: use Bearer, ApiKey or Basic with the API key")
        }
        guard (try? APIKeyFormat.prefix(of: key)) != nil else {
            throw HTTPError.unauthorized("invalid API key")
        }
        guard let principal = try lookup(APIKeyFormat.hash(key)) else {
            throw HTTPError.unauthorized("invalid or revoked API key")
        }
        guard principal.scopes.contains(scope) || principal.scopes.contains(.admin) else {
            throw HTTPError.forbidden("this API key lacks the \"\(scope.rawValue)\" scope (it has: \(principal.scopes.map(\.rawValue).sorted().joined(separator: ", ")))")
        }
        return principal
    }

    static func extractKey(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let value = parts[1].trimmingCharacters(in: .whitespaces)
        switch parts[0].lowercased() {
        case "bearer": return value
        case "apikey":
            if value.hasPrefix("xdr_") { return value }
            return decodedSecret(value)
        case "basic": return decodedSecret(value)
        default: return nil
        }
    }

    /// base64("id:secret") → secret.
    private static func decodedSecret(_ value: String) -> String? {
        guard let data = Data(base64Encoded: value), let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":") else { return nil }
        return String(text[text.index(after: colon)...])
    }

    private func lookup(_ hash: [UInt8]) throws -> Principal? {
        let now = Date()
        if cacheSeconds > 0 {
            lock.lock()
            if let entry = cache[hash], entry.expires > now {
                lock.unlock()
                return entry.principal
            }
            lock.unlock()
        }
        let principal: Principal?
        do {
            principal = try pool.withConnection { connection -> Principal? in
                let rows = try connection.query("SELECT * FROM xdr_authenticate($1)", [ByteA(hash)])
                guard let row = rows.first, try !row.bool("revoked") else { return nil }
                let scopes = Set(try row.strings("scopes").compactMap(Scope.init(rawValue:)))
                return Principal(keyID: try row.uuid("key_id"), providerID: try row.uuid("provider_id"),
                                 tenantID: try row.decode(UUID?.self, "tenant_id"), scopes: scopes,
                                 tenantIDs: try row.strings("tenant_ids").compactMap(UUID.init(uuidString:)))
            }
        } catch let error as DatabaseError {
            throw HTTPError.serviceUnavailable(retryAfterSeconds: 5, detail: "the database is unavailable (\(error.kind.rawValue)); retry later")
        }
        if cacheSeconds > 0 {
            lock.lock()
            if cache.count > 10_000 { cache.removeAll() }
            cache[hash] = (principal, now.addingTimeInterval(cacheSeconds))
            lock.unlock()
        }
        return principal
    }
}
