import Testing
import XDRJSON
import XDRHTTP

@Suite struct HTTPResponseTests {
    @Test func buildsProblemDocuments() throws {
        let response = HTTPResponse.problem(status: 422, detail: "field x is missing", extra: JSONObject(["field": "x"]))
        #expect(response.status == 422)
        #expect(response.headers["content-type"] == "application/problem+json")
        let json = try JSONParser.parse(response.body)
        #expect(json["title"]?.string == "Unprocessable Content")
        #expect(json["status"]?.int == 422)
        #expect(json["detail"]?.string == "field x is missing")
        #expect(json["field"]?.string == "x")
    }

    @Test func rendersHTTPErrorsWithHeadersAndRequestID() throws {
        let response = HTTPError.tooManyRequests(retryAfterSeconds: 30).response(requestID: "abc")
        #expect(response.status == 429)
        #expect(response.headers["Retry-After"] == "30")
        #expect(try JSONParser.parse(response.body)["request_id"]?.string == "abc")
    }

    @Test func buildsJSONAndText() throws {
        #expect(HTTPResponse.json(["a": 1]).bodyText == "{\"a\":1}")
        #expect(HTTPResponse.text("hi", status: 201).status == 201)
    }
}
