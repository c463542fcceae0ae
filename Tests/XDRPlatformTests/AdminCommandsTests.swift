import Foundation
import Testing
import XDRPlatform
import XDRTestSupport

/// `xdrctl` against a real database: what operators type, what they read back.
@Suite struct AdminCommandsTests {
    @Test func providerTenantAndKeyAreCreatedAndListed() async throws {
        try await offPool {
            let database = try SharedTestDatabase.get()
            let acme = SharedTestDatabase.unique("acme")
            let tenancy = TestTenancy(database)
            let mssp = SharedTestDatabase.unique("Blue MSSP")
            let provider = tenancy.run(["provider", "create", "--name", mssp])
            #expect(provider.status == 0)
            #expect(provider.output.hasPrefix("provider "))
            let tenant = tenancy.run(["tenant", "create", "--provider", mssp, "--name", "Acme Corp", "--slug", acme])
            #expect(tenant.status == 0)
            let tenantID = try #require(UUID(uuidString: String(tenant.output.dropFirst("tenant ".count))))
            let list = tenancy.run(["tenant", "list"])
            let listed = list.output.split(separator: "\n").map(String.init)
            #expect(listed.contains("\(tenantID.uuidString)\t\(acme)\tAcme Corp\t\(mssp)")
                    || listed.contains("\(tenantID.uuidString.lowercased())\t\(acme)\tAcme Corp\t\(mssp)"))
            let key = tenancy.run(["key", "create", "--tenant", acme, "--name", "winlogbeat", "--scopes", "ingest"])
            #expect(key.status == 0)
            #expect(key.output.contains("\nkey xdr_"))
            #expect(key.output.contains("not shown again"))
            let keys = tenancy.run(["key", "list", "--tenant", acme])
            #expect(keys.output.contains("\twinlogbeat\tingest\t\(acme)\tactive"))
            #expect(!keys.output.contains(String(key.output.split(separator: "\n")[1].dropFirst(4))), "the secret is never listed")
        }
    }

    @Test func revokedKeysAreListedAsRevokedAndRevokingTwiceSaysSo() async throws {
        try await offPool {
            let database = try SharedTestDatabase.get()
            let acme = SharedTestDatabase.unique("acme")
            let tenancy = TestTenancy(database)
            _ = try tenancy.tenant(acme)
            let created = try tenancy.key(tenant: acme, scopes: [.read, .write])
            #expect(tenancy.run(["key", "revoke", "--id", created.id.uuidString]).output == "revoked \(created.id)")
            #expect(tenancy.run(["key", "list", "--tenant", acme]).output.contains("\tread,write\t\(acme)\trevoked"))
            #expect(tenancy.run(["key", "revoke", "--id", created.id.uuidString]).output == "no active key \(created.id)")
        }
    }

    @Test func mistakesAreNamedWithAUsageExitCode() async throws {
        try await offPool {
            let database = try SharedTestDatabase.get()
            let acme = SharedTestDatabase.unique("acme")
            let tenancy = TestTenancy(database)
            _ = try tenancy.tenant(acme)
            let cases: [([String], String)] = [
                (["tenant", "create", "--provider", "Nobody", "--name", "X", "--slug", "x"], "--provider: no provider named \"Nobody\""),
                (["key", "create", "--tenant", "ghost", "--name", "k", "--scopes", "ingest"], "--tenant: no tenant with slug \"ghost\""),
                (["key", "create", "--tenant", acme, "--name", "k", "--scopes", "ingest,root"], "--scopes: unknown scope \"root\""),
                (["key", "create", "--name", "k", "--scopes", "read"], "key create needs --tenant SLUG (tenant key) or --provider NAME (operator key)"),
                (["key", "revoke", "--id", "42"], "--id: not a key id (uuid)"),
                (["provider", "create"], "missing --name"),
                (["frobnicate"], "unknown command \"frobnicate\""),
            ]
            for (arguments, message) in cases {
                let result = tenancy.run(arguments)
                #expect(result.status == 64, "\(arguments)")
                #expect(result.output.hasPrefix("xdrctl: \(message)"), "\(arguments): \(result.output.prefix(120))")
                #expect(result.output.contains("usage: xdrctl"))
            }
        }
    }

    @Test func aDuplicateSlugFailsWithTheDatabaseReason() async throws {
        try await offPool {
            let database = try SharedTestDatabase.get()
            let acme = SharedTestDatabase.unique("acme")
            let tenancy = TestTenancy(database)
            _ = try tenancy.tenant(acme)
            let again = tenancy.run(["tenant", "create", "--provider", "Provider One", "--name", "Other", "--slug", acme])
            #expect(again.status == 1)
            #expect(again.output.contains("tenants_slug_key") || again.output.contains("duplicate"))
        }
    }

    @Test func withoutADatabaseURLTheVariableIsNamed() {
        var printed = ""
        let status = AdminCommands(environment: [:], output: { printed += $0 }).run(["tenant", "list"])
        #expect(status == 64)
        #expect(printed.contains("XDR_ADMIN_DATABASE_URL is not set"))
    }
}
