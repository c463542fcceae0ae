import Foundation
import Testing
import XDRCore
import XDRStore
import XDRTestSupport

/// `/readyz` tells a load balancer whether this build can serve from the database it sees.
@Suite struct HealthRoutesTests {
    @Test func readyWhenTheSchemaIsCurrent() async throws {
        try await offPool {
            let database = try SharedTestDatabase.get()
            let server = try PlatformTestServer(url: database.appURL)
            let response = try server.send("GET", "/readyz")
            #expect(response.status == 200)
            #expect(try response.json()["status"]?.string == "ready")
            #expect(try server.send("GET", "/healthz").status == 200)
        }
    }

    @Test func notReadyWithAReasonWhenTheSchemaIsBehind() async throws {
        try await offPool {
            let serverURL = try TestDatabase.environmentURL()
            let name = "t_empty_\(UUID().uuidString.prefix(8).lowercased())"
            let admin = try DatabaseConnection(url: serverURL)
            try admin.execute("CREATE DATABASE \(name)")
            defer {
                _ = try? admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name])
                _ = try? admin.execute("DROP DATABASE IF EXISTS \(name)")
            }
            let appUser = ProcessInfo.processInfo.environment["XDR_TEST_APP_USER"] ?? "xdr_app"
            let server = try PlatformTestServer(url: serverURL.with("dbname", name).with("user", appUser))
            let response = try server.send("GET", "/readyz")
            #expect(response.status == 503)
            let reason = try response.json()["reason"]?.string ?? ""
            #expect(reason.contains("schema is at version 0"), "\(reason)")
            #expect(reason.contains("xdrctl migrate"))
            #expect(try server.send("GET", "/healthz").status == 200, "liveness does not depend on the schema")
        }
    }

    @Test func notReadyWhenTheDatabaseIsUnreachable() async throws {
        try await offPool {
            let url = try DatabaseURL("postgresql://xdr_app@127.0.0.1:1/none")
            let server = try PlatformTestServer(url: url)
            let response = try server.send("GET", "/readyz")
            #expect(response.status == 503)
            #expect((try response.json()["reason"]?.string ?? "").hasPrefix("database unreachable"))
        }
    }
}
