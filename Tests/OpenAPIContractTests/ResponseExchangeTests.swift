import HTTPTypes
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Responses (OpenAPI 3.1.1 §4.8.16 Responses, §4.8.17 Response, §4.8.21 Header): status exact,
/// then `NXX`, then `default`; headers required and typed like parameters; `Content-Type`
/// header definitions ignored; bodies validated with the response direction.
@Suite("responses")
struct ResponseExchangeTests {
    static let yaml = """
        openapi: 3.0.3
        info: {title: responses, version: '1'}
        paths:
          /jobs:
            post:
              operationId: createJob
              responses:
                '202':
                  description: accepted
                  headers:
                    Location: {required: true, schema: {type: string, pattern: '^/jobs/'}}
                    X-Rate-Limit-Remaining: {schema: {type: integer, minimum: 0}}
                    X-Flags: {schema: {type: array, items: {type: boolean}}}
                    Content-Type: {required: true, schema: {type: integer}}
                    X-Meta:
                      content:
                        application/json: {schema: {type: object, required: [v]}}
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [id, secret]
                        properties:
                          id: {type: string}
                          secret: {type: string, writeOnly: true}
                4XX:
                  description: client error
                  content:
                    application/json: {schema: {type: object, required: [error]}}
                '404':
                  description: not found
                default:
                  description: anything else
                  content:
                    text/plain: {schema: {type: string, maxLength: 5}}
          /only-ok:
            get:
              responses:
                '200': {description: ok}
        """

    func respond(
        _ status: Int, _ headers: [(name: String, value: String)] = [], _ body: String? = nil, path: String = "/jobs",
        method: String = "POST"
    ) throws -> ExchangeResult {
        try ExchangeTestKit.document(Self.yaml).validateResponse(
            status: status, headers: headers, body: body.map(ExchangeTestKit.bytes), method: method, url: path)
    }

    static let ok: [(name: String, value: String)] = [("Location", "/jobs/1"), ("Content-Type", "application/json")]

    @Test("status: exact, then NXX, then default; undocumented is an error at /response/status")
    func status() throws {
        #expect(try respond(202, Self.ok, #"{"id":"1"}"#).isValid)
        #expect(try respond(404).isValid, "exact 404 (no body) before 4XX")
        #expect(try respond(409, [("Content-Type", "application/json")], #"{"error":"conflict"}"#).isValid)
        #expect(ExchangeTestKit.locations(try respond(409, [("Content-Type", "application/json")], "{}")) == ["/response/body"])
        #expect(try respond(500, [("Content-Type", "text/plain")], "oops").isValid)
        #expect(ExchangeTestKit.locations(try respond(500, [("Content-Type", "text/plain")], "too long")) == ["/response/body"])
        let undocumented = try respond(500, path: "/only-ok", method: "GET")
        #expect(ExchangeTestKit.locations(undocumented) == ["/response/status"])
        #expect(undocumented.errors[0].message.contains("documented: 200"))
    }

    @Test("required headers; typed header values converted like parameters")
    func headers() throws {
        let missing = try respond(202, [("Content-Type", "application/json")], #"{"id":"1"}"#)
        #expect(ExchangeTestKit.locations(missing) == ["/response/header/location"])
        #expect(missing.errors[0].keyword == "required")
        #expect(
            ExchangeTestKit.locations(try respond(202, [("location", "/elsewhere"), ("Content-Type", "application/json")], #"{"id":"1"}"#))
                == ["/response/header/location"])
        #expect(try respond(202, Self.ok + [("X-Rate-Limit-Remaining", "10")], #"{"id":"1"}"#).isValid)
        #expect(
            ExchangeTestKit.locations(try respond(202, Self.ok + [("X-Rate-Limit-Remaining", "ten")], #"{"id":"1"}"#)) == [
                "/response/header/x-rate-limit-remaining"
            ])
        #expect(try respond(202, Self.ok + [("X-Flags", "true, false")], #"{"id":"1"}"#).isValid)
        #expect(
            ExchangeTestKit.locations(try respond(202, Self.ok + [("X-Flags", "true,maybe")], #"{"id":"1"}"#)) == [
                "/response/header/x-flags/1"
            ])
        // Two fields of one name combine as a list.
        #expect(try respond(202, Self.ok + [("X-Flags", "true"), ("x-flags", "false")], #"{"id":"1"}"#).isValid)
        #expect(try respond(202, Self.ok + [("X-Meta", #"{"v":1}"#)], #"{"id":"1"}"#).isValid)
        #expect(ExchangeTestKit.locations(try respond(202, Self.ok + [("X-Meta", "{}")], #"{"id":"1"}"#)) == ["/response/header/x-meta"])
    }

    @Test("a Content-Type header definition is ignored (its required integer schema never applies)")
    func contentTypeHeaderIgnored() throws {
        let result = try respond(202, Self.ok, #"{"id":"1"}"#)
        #expect(result.isValid, "\(result)")
        let op = try ExchangeTestKit.document(Self.yaml).operation("createJob")
        #expect(op.responses.first?.headers.map(\.name).contains("Content-Type") == false)
    }

    @Test("response bodies validate with the response direction (writeOnly forbidden)")
    func direction() throws {
        let result = try respond(202, Self.ok, #"{"id":"1","secret":"x"}"#)
        #expect(ExchangeTestKit.locations(result) == ["/response/body/secret"])
    }

    @Test("HTTPResponse entry point")
    func httpResponse() throws {
        var response = HTTPResponse(status: .accepted)
        response.headerFields[.location] = "/jobs/9"
        response.headerFields[.contentType] = "application/json"
        let request = HTTPRequest(method: .post, scheme: "https", authority: "example.com", path: "/jobs")
        let contract = try ExchangeTestKit.document(Self.yaml)
        #expect(try contract.validate(response: response, body: ExchangeTestKit.bytes(#"{"id":"9"}"#), request: request).isValid)
        response.status = .created
        let undocumented = try contract.validate(response: response, body: nil, request: request)
        #expect(ExchangeTestKit.locations(undocumented) == [], "201 falls to default, which has no required body")
        #expect(
            try contract.validate(
                response: HTTPResponse(status: .ok), request: HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/nowhere")
            ).errors.map(\.instanceLocation) == ["/request"])
    }

    @Test("the seed contract: 202 and error responses of POST /videos")
    func seed() throws {
        let contract = try ContractTestKit.seed()
        let accepted = #"{"id":"job-abc123","polling_url":"/api/v1/videos/job-abc123","status":"pending"}"#
        let url = "https://openrouter.ai/api/v1/videos"
        let json = [(name: "Content-Type", value: "application/json")]
        let ok = try contract.validateResponse(status: 202, headers: json, body: ExchangeTestKit.bytes(accepted), method: "POST", url: url)
        #expect(ok.isValid, "\(ok)")
        let wrongStatus = try contract.validateResponse(
            status: 200, headers: json, body: ExchangeTestKit.bytes(accepted), method: "POST", url: url)
        #expect(ExchangeTestKit.locations(wrongStatus) == ["/response/status"])
        let unauthorized = try contract.validateResponse(
            status: 401, headers: json, body: ExchangeTestKit.bytes(#"{"error":{"code":401,"message":"Missing Authentication header"}}"#),
            method: "POST", url: url)
        #expect(unauthorized.isValid, "\(unauthorized)")
    }
}
