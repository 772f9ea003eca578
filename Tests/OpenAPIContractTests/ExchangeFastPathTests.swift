import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// The byte-level fast paths of the exchange checks (method and header-name case, media types,
/// the Authorization header, server prefixes, compiled schemas kept on media types and
/// parameters) give the same answers as the rules they implement.
@Suite("exchange fast paths")
struct ExchangeFastPathTests {
    static let yaml = """
        openapi: 3.2.0
        info: {title: fast, version: '1'}
        servers: [{url: 'https://api.example.com/v1'}]
        security: [{bearer: []}]
        components:
          securitySchemes:
            bearer: {type: http, scheme: bearer}
            basic: {type: http, scheme: basic}
        paths:
          /items:
            post:
              operationId: addItem
              requestBody:
                required: true
                content:
                  application/json: {schema: {type: object, required: [n], properties: {n: {type: integer}}}}
              responses:
                '201':
                  description: made
                  content:
                    application/json: {schema: {type: object, required: [id]}}
          /items/{id}:
            get:
              operationId: getItem
              security: [{basic: []}]
              parameters:
                - {name: id, in: path, required: true, schema: {type: integer}}
                - {name: X-Trace, in: header, schema: {type: string, pattern: '^t-'}}
              responses: {'200': {description: ok}}
            additionalOperations:
              Lock:
                operationId: lockItem
                responses: {'204': {description: locked}}
        """

    let contract: OpenAPIDocument
    init() throws { contract = try ExchangeTestKit.document(Self.yaml) }

    let token = [(name: "Authorization", value: "Bearer abc.DEF-123_~+/==")]

    func post(_ headers: [(name: String, value: String)], _ body: String = #"{"n":1}"#, method: String = "POST", url: String = "/v1/items")
        throws -> ExchangeResult
    {
        try contract.validateRequest(method: method, url: url, headers: headers, body: ExchangeTestKit.bytes(body))
    }

    @Test("fixed-field methods match in any case; additionalOperations keys match exactly")
    func methodCase() throws {
        for method in ["POST", "post", "Post", "pOsT"] {
            #expect(
                try post(token + [("Content-Type", "application/json")], method: method).operation?.operationId == "addItem", "\(method)")
        }
        #expect(
            try contract.validateRequest(method: "Lock", url: "/v1/items/3", headers: [("Authorization", "Basic dXNlcjpwYXNz")]).operation?
                .operationId == "lockItem")
        #expect(try contract.validateRequest(method: "LOCK", url: "/v1/items/3").operation == nil)
        #expect(try post(token + [("Content-Type", "application/json")], method: "POSTS").operation == nil)
    }

    @Test("header names in any case, common and uncommon; media types with case and parameters")
    func headerAndMediaTypeCase() throws {
        for name in ["Content-Type", "content-type", "CONTENT-TYPE", "cOnTeNt-TyPe"] {
            #expect(try post(token + [(name, "application/json")]).isValid, "\(name)")
        }
        for type in [
            "application/json", "Application/JSON", "application/json; charset=utf-8", " application/json ",
            "APPLICATION/JSON;charset=UTF-8",
        ] {
            #expect(try post(token + [("Content-Type", type)]).isValid, "\(type)")
        }
        for type in ["application/jsonx", "application/", "/json", "application/json/x", "text/json"] {
            #expect(ExchangeTestKit.locations(try post(token + [("Content-Type", type)])) == ["/request/header/content-type"], "\(type)")
        }
        let basic = [(name: "AUTHORIZATION", value: "Basic dXNlcjpwYXNz")]
        #expect(try contract.validateRequest(method: "GET", url: "/v1/items/3", headers: basic + [("x-TRACE", "t-1")]).isValid)
        #expect(
            ExchangeTestKit.locations(
                try contract.validateRequest(method: "GET", url: "/v1/items/3", headers: basic + [("X-Trace", "nope")])) == [
                    "/request/header/x-trace"
                ])
        // Non-ASCII bytes in a header name stay as they are.
        #expect(try contract.validateRequest(method: "GET", url: "/v1/items/3", headers: basic + [("X-Tráce", "nope")]).isValid)
    }

    @Test("Authorization: scheme in any case, optional whitespace, token68 form, repeated header")
    func authorization() throws {
        let json = [(name: "Content-Type", value: "application/json")]
        for value in ["Bearer abc", "bearer abc", "BEARER abc", "  Bearer \t abc  ", "Bearer a-b.c_d~e+f/g==", "\tBearer abc"] {
            #expect(try post(json + [("Authorization", value)]).isValid, "\(value)")
        }
        for value in [
            "Bearer", "Bearer ", "Bearerabc", "Bearer a b", "Bearer =abc", "Bearer ab=c", "Bearer ab==c", "Basic abc", "Beare abc",
            "Bearerx abc", "Bearer ab\u{E9}", "",
        ] {
            #expect(ExchangeTestKit.locations(try post(json + [("Authorization", value)])) == ["/request/security"], "\(value)")
        }
        #expect(
            ExchangeTestKit.locations(try post(json + [("Authorization", "Bearer a"), ("authorization", "Bearer b")])) == [
                "/request/security"
            ])
        let basic: (String) throws -> ExchangeResult = {
            try self.contract.validateRequest(method: "GET", url: "/v1/items/3", headers: [("Authorization", $0)])
        }
        #expect(try basic("basic dXNlcjpwYXNz").isValid)
        #expect(ExchangeTestKit.locations(try basic("Basic dXNlcnBhc3M=")) == ["/request/security"], "no colon in user-id:password")
    }

    @Test("server prefixes: the path must continue at a segment boundary")
    func serverPrefix() throws {
        let headers = token + [("Content-Type", "application/json")]
        #expect(try post(headers, url: "https://api.example.com/v1/items").isValid)
        #expect(try post(headers, url: "https://elsewhere.example/v1/items").isValid, "hosts are not compared")
        #expect(try post(headers, url: "https://api.example.com/v1/items").operation?.operationId == "addItem")
        #expect(ExchangeTestKit.locations(try post(headers, url: "https://api.example.com/v1x/items")) == ["/request"])
        #expect(ExchangeTestKit.locations(try post(headers, url: "https://api.example.com/v2/items")) == ["/request"])
        #expect(ExchangeTestKit.locations(try post(headers, url: "https://api.example.com/v1/items/")) == ["/request"])
        #expect(try post(headers, url: "/items").isValid, "a bare path may leave the server path out")
        #expect(try post(headers, url: "/v1/items?x=1#frag").operation?.operationId == "addItem")
    }

    @Test("compiled schemas kept on media types and parameters agree across many concurrent exchanges")
    func concurrentFirstUse() async throws {
        let value = try SourceLoader.parse(Self.yaml, format: .yaml)
        // On-demand: the first exchanges compile, and race to keep the schema.
        let lazy = try OpenAPIDocument(document: value, compilation: .onDemand)
        let bodies = [#"{"n":1}"#, #"{"n":"x"}"#, "{}", #"{"n":2.5}"#]
        let expected = try bodies.map {
            try contract.validateRequest(
                method: "POST", url: "/v1/items", headers: token + [("Content-Type", "application/json")], body: ExchangeTestKit.bytes($0)
            ).errors.map(\.instanceLocation)
        }
        let outcomes = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for i in 0..<64 {
                group.addTask {
                    let k = i % bodies.count
                    let result = try lazy.validateRequest(
                        method: "POST", url: "/v1/items", headers: [("Authorization", "Bearer t"), ("Content-Type", "application/json")],
                        body: ExchangeTestKit.bytes(bodies[k]))
                    let path = try lazy.validateRequest(
                        method: "GET", url: "/v1/items/\(i % 2 == 0 ? "7" : "x")", headers: [("Authorization", "Basic dXNlcjpwYXNz")])
                    #expect(path.isValid == (i % 2 == 0))
                    return (k, result.errors.map(\.instanceLocation))
                }
            }
            var all: [(Int, [String])] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.count == 64)
        for (k, locations) in outcomes { #expect(locations == expected[k], "body \(k)") }
        #expect(expected.map(\.isEmpty) == [true, false, false, false])
    }
}
