import Foundation
import Testing
import XDRJSON

extension APITests {
    @Suite struct OpenAPIDocumentTests {
        @Test func documentsExactlyTheRoutesTheRouterServes() async throws {
            let fixture = try await APIFixture.make("openapi")
            let response = try await fixture.get("/v1/openapi.json", key: nil)
            #expect(response.status == 200)
            #expect(response.json["openapi"]?.string == "3.1.0")
            let paths = try #require(response.json["paths"]?.object)
            var documented = Set<String>()
            for member in paths.members {
                for method in member.value.object?.keys ?? [] { documented.insert("\(method.uppercased()) \(member.key)") }
            }
            let served = Set(fixture.router.routes.map { "\($0.method) \($0.pattern)" })
            #expect(documented == served)
            #expect(served.contains("PATCH /v1/incidents/{id}"))
        }

        @Test func describesParametersScopesAndProblems() async throws {
            let fixture = try await APIFixture.make("openapi2")
            let document = try await fixture.get("/v1/openapi.json", key: nil).json
            let list = try #require(document["paths"]?["/v1/incidents"]?["get"])
            let parameters = list["parameters"]?.array ?? []
            let status = try #require(parameters.first { $0["name"]?.string == "status" })
            #expect(status["schema"]?["enum"]?.strings.contains("investigating") == true)
            #expect(list["x-required-scope"]?.string == "read")
            #expect(list["responses"]?["400"]?["content"]?["application/problem+json"] != nil)
            let patch = try #require(document["paths"]?["/v1/incidents/{id}"]?["patch"])
            #expect(patch["x-required-scope"]?.string == "write")
            #expect(patch["parameters"]?.array?.first?["in"]?.string == "path")
            #expect(patch["requestBody"] != nil)
            // Every schema an operation references is defined.
            let schemas = Set(document["components"]?["schemas"]?.object?.keys ?? [])
            let text = JSONWriter.serialize(document)
            for reference in text.components(separatedBy: "#/components/schemas/").dropFirst() {
                let name = String(reference.prefix { $0 != "\"" })
                #expect(schemas.contains(name), "undefined schema \(name)")
            }
            #expect(list["responses"]?["200"]?["content"]?["application/json"]?["schema"]?["$ref"]?.string == "#/components/schemas/IncidentPage")
        }
    }
}
