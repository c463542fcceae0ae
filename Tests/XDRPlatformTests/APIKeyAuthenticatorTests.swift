import Foundation
import Testing
import XDRPlatform
import XDRTestSupport

/// Keys checked through a real HTTP server and the real `xdr_authenticate` function.
@Suite struct APIKeyAuthenticatorTests {
    @Test func aValidKeyWithTheScopeIsAccepted() async throws {
        try await offPool {
            let database = try SharedTestDatabase.get()
            let acme = SharedTestDatabase.unique("acme")
            let tenancy = TestTenancy(database)
            let tenant = try tenancy.tenant(acme)
            let key = try tenancy.key(tenant: acme, scopes: [.ingest]).key
            let server = try PlatformTestServer(url: database.appURL)
            let response = try server.send("POST", "/probe/ingest", key: key)
            #expect(response.status == 200)
            #expect(try response.json()["tenant"]?.string == tenant.uuidString.lowercased())
        }
    }

    @Test func missingMalformedAndUnknownKeysAre401() async throws {
        try await offPool {
            let database = try SharedTestDatabase.get()
            let acme = SharedTestDatabase.unique("acme")
            let tenancy = TestTenancy(database)
            _ = try tenancy.tenant(acme)
            let real = try tenancy.key(tenant: acme, scopes: [.ingest]).key
            let server = try PlatformTestServer(url: database.appURL)
            let missing = try server.send("POST", "/probe/ingest")
            #expect(missing.status == 401)
            #expect(missing.text.contains("missing Authorization header"))
            #expect(try server.send("POST", "/probe/ingest", key: "not-a-key").status == 401)
            #expect(try server.send("POST", "/probe/ingest", authorization: "Digest abc").text.contains("unsupported Authorization scheme"))
            // One character changed: the key's own check digits or the hash lookup refuse it.
            var forged = Array(real)
            forged[forged.count - 1] = forged.last == "A" ? "B" : "A"
            let unknown = try server.send("POST", "/probe/ingest", key: String(forged))
            #expect(unknown.status == 401)
            #expect(unknown.text.contains("invalid API key") || unknown.text.contains("invalid or revoked"))
        }
    }

    @Test func aKeyWithoutTheScopeIs403() async throws {
        try await offPool {
            let database = try SharedTestDatabase.get()
            let acme = SharedTestDatabase.unique("acme")
            let tenancy = TestTenancy(database)
            _ = try tenancy.tenant(acme)
            let readKey = try tenancy.key(tenant: acme, scopes: [.read]).key
            let server = try PlatformTestServer(url: database.appURL)
            let response = try server.send("POST", "/probe/ingest", key: readKey)
            #expect(response.status == 403)
            #expect(response.text.contains("lacks the \\\"ingest\\\" scope") || response.text.contains("lacks the \"ingest\" scope"))
            #expect(try server.send("POST", "/probe/read", key: readKey).status == 200)
        }
    }

    @Test func aKeyRevokedWithXdrctlIsRefusedAtOnce() async throws {
        try await offPool {
            let database = try SharedTestDatabase.get()
            let acme = SharedTestDatabase.unique("acme")
            let tenancy = TestTenancy(database)
            _ = try tenancy.tenant(acme)
            let created = try tenancy.key(tenant: acme, scopes: [.ingest])
            let server = try PlatformTestServer(url: database.appURL)
            #expect(try server.send("POST", "/probe/ingest", key: created.key).status == 200)
            let revoke = tenancy.run(["key", "revoke", "--id", created.id.uuidString])
            #expect(revoke.status == 0)
            #expect(revoke.output == "revoked \(created.id)")
            let after = try server.send("POST", "/probe/ingest", key: created.key)
            #expect(after.status == 401)
        }
    }

    @Test func elasticsearchAndBeatsCredentialFormsAreAccepted() async throws {
        try await offPool {
            let database = try SharedTestDatabase.get()
            let acme = SharedTestDatabase.unique("acme")
            let tenancy = TestTenancy(database)
            _ = try tenancy.tenant(acme)
            let key = try tenancy.key(tenant: acme, scopes: [.ingest]).key
            let server = try PlatformTestServer(url: database.appURL)
            let basic = Data("elastic:\(key)".utf8).base64EncodedString()
            #expect(try server.send("POST", "/probe/ingest", authorization: "Basic \(basic)").status == 200)
            #expect(try server.send("POST", "/probe/ingest", authorization: "ApiKey \(key)").status == 200)
            let apiKey = Data("id:\(key)".utf8).base64EncodedString()
            #expect(try server.send("POST", "/probe/ingest", authorization: "ApiKey \(apiKey)").status == 200)
        }
    }

    @Test func anOperatorKeySpansOnlyItsProvidersTenants() async throws {
        try await offPool {
            let database = try SharedTestDatabase.get()
            let acme = SharedTestDatabase.unique("acme")
            let tenancy = TestTenancy(database)
            let one = SharedTestDatabase.unique("provider-one"), two = SharedTestDatabase.unique("provider-two")
            let mine = try tenancy.tenant(acme, provider: one)
            let theirs = try tenancy.tenant(SharedTestDatabase.unique("theirs"), provider: two)
            let operatorKey = try tenancy.key(provider: one, scopes: [.read])
            let server = try PlatformTestServer(url: database.appURL)
            let response = try server.send("POST", "/probe/read", key: operatorKey.key)
            #expect(try response.json()["tenant"]?.string == "operator")
            let pool = server.pool
            let principal = try pool.withConnection { connection in
                try connection.query("SELECT tenant_ids FROM xdr_authenticate(sha256(convert_to($1, 'UTF8')))", [operatorKey.key]).first!.strings("tenant_ids")
            }
            #expect(principal == [mine.uuidString.lowercased()])
            #expect(!principal.contains(theirs.uuidString.lowercased()))
        }
    }
}
