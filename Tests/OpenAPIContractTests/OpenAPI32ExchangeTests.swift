import HTTPTypes
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// OpenAPI 3.2.0 exchange features: the `query` method (§4.8.9.1), `additionalOperations`, `in:
/// querystring` (§4.8.12.1: the whole query string as one value with its `content` media type)
/// and `style: cookie` (§4.8.12.4).
@Suite("OpenAPI 3.2 exchanges")
struct OpenAPI32ExchangeTests {
    static let yaml = """
        openapi: 3.2.0
        info: {title: three-two, version: '1'}
        paths:
          /search:
            query:
              operationId: search
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object, required: [q], properties: {q: {type: string}}}
              responses:
                '200': {description: ok}
          /pets/{id}:
            parameters:
              - {name: id, in: path, required: true, schema: {type: integer}}
            additionalOperations:
              LINK:
                operationId: linkPet
                parameters:
                  - {name: Link, in: header, required: true, schema: {type: string}}
                responses: {'204': {description: linked}}
              Purge:
                operationId: purgePet
                responses: {'204': {description: purged}}
          /form-query:
            get:
              operationId: formQuery
              parameters:
                - name: selector
                  in: querystring
                  required: true
                  content:
                    application/x-www-form-urlencoded:
                      schema:
                        type: object
                        properties:
                          limit: {type: integer}
                          tag: {type: array, items: {type: string}}
                          flag: {type: boolean}
                        required: [limit]
                        additionalProperties: false
              responses: {'200': {description: ok}}
          /json-query:
            get:
              operationId: jsonQuery
              parameters:
                - name: q
                  in: querystring
                  content:
                    application/json:
                      schema: {type: object, required: [a], properties: {a: {type: integer}}}
              responses: {'200': {description: ok}}
          /cookies:
            get:
              operationId: cookies
              parameters:
                - {name: token, in: cookie, style: cookie, required: true, schema: {type: string, pattern: '^[A-Za-z0-9%]+$'}}
                - {name: prefs, in: cookie, style: cookie, explode: true, schema: {type: object, properties: {lang: {type: string}, size: {type: integer}}}}
              responses: {'200': {description: ok}}
        """

    func contract() throws -> OpenAPIDocument { try ExchangeTestKit.document(Self.yaml) }

    @Test("the query method routes and validates its body")
    func queryMethod() throws {
        let contract = try contract()
        let json = [(name: "Content-Type", value: "application/json")]
        let ok = try contract.validateRequest(method: "QUERY", url: "/search", headers: json, body: ExchangeTestKit.bytes(#"{"q":"cats"}"#))
        #expect(ok.isValid, "\(ok)")
        #expect(ok.operation?.operationId == "search")
        #expect(ok.operation?.httpMethod == "QUERY")
        let bad = try contract.validateRequest(method: "QUERY", url: "/search", headers: json, body: ExchangeTestKit.bytes("{}"))
        #expect(ExchangeTestKit.locations(bad) == ["/request/body"])
        let viaTypes = try contract.validate(
            request: HTTPRequest(method: HTTPRequest.Method("QUERY")!, scheme: "https", authority: "x", path: "/search"))
        #expect(ExchangeTestKit.locations(viaTypes) == ["/request/body"], "the body is required")
        #expect(try contract.operation("QUERY /search").operationId == "search")
    }

    @Test("additionalOperations: methods as written, with path-level parameters")
    func additionalOperations() throws {
        let contract = try contract()
        let ok = try contract.validateRequest(method: "LINK", url: "/pets/3", headers: [("Link", "</owners/1>; rel=owner")])
        #expect(ok.isValid, "\(ok)")
        #expect(ok.operation?.operationId == "linkPet")
        #expect(
            ExchangeTestKit.locations(try contract.validateRequest(method: "LINK", url: "/pets/x", headers: [("Link", "<x>")])) == [
                "/request/path/id"
            ])
        #expect(ExchangeTestKit.locations(try contract.validateRequest(method: "LINK", url: "/pets/3")) == ["/request/header/link"])
        #expect(try contract.validateRequest(method: "Purge", url: "/pets/3").operation?.operationId == "purgePet")
        // Methods are case-sensitive (RFC 9110 §9.1): PURGE is not the documented Purge.
        let shouted = try contract.validateRequest(method: "PURGE", url: "/pets/3")
        #expect(ExchangeTestKit.locations(shouted) == ["/request"])
        #expect(shouted.errors[0].message.contains("documented: LINK, Purge"), "\(shouted)")
    }

    @Test("querystring with application/x-www-form-urlencoded: members converted and located under /request/query")
    func formQueryString() throws {
        let contract = try contract()
        let ok = try contract.validateRequest(method: "GET", url: "/form-query?limit=10&tag=a&tag=b&flag=true")
        #expect(ok.isValid, "\(ok)")
        #expect(ok.warnings.isEmpty)
        let bad = try contract.validateRequest(method: "GET", url: "/form-query?limit=ten&colour=red")
        #expect(ExchangeTestKit.locations(bad) == ["/request/query/colour", "/request/query/limit"], "\(bad)")
        #expect(bad.warnings.isEmpty, "the querystring parameter accounts for every name")
        let missing = try contract.validateRequest(method: "GET", url: "/form-query")
        #expect(ExchangeTestKit.locations(missing) == ["/request/query"])
        #expect(missing.errors[0].keyword == "required")
        // Form decoding: + is a space.
        #expect(try contract.validateRequest(method: "GET", url: "/form-query?limit=1&tag=a+b").isValid)
    }

    @Test("querystring with application/json: the decoded query string is the JSON text")
    func jsonQueryString() throws {
        let contract = try contract()
        #expect(try contract.validateRequest(method: "GET", url: "/json-query?%7B%22a%22%3A1%7D").isValid)
        #expect(
            ExchangeTestKit.locations(try contract.validateRequest(method: "GET", url: "/json-query?%7B%22a%22%3A%22x%22%7D")) == [
                "/request/query/a"
            ])
        let notJSON = try contract.validateRequest(method: "GET", url: "/json-query?a=1")
        #expect(ExchangeTestKit.locations(notJSON) == ["/request/query"])
        #expect(try contract.validateRequest(method: "GET", url: "/json-query").isValid, "not required")
    }

    @Test("style: cookie passes values through undecoded and explodes objects into cookies")
    func cookieStyle() throws {
        let contract = try contract()
        #expect(try contract.validateRequest(method: "GET", url: "/cookies", headers: [("Cookie", "token=abc%20def")]).isValid)
        let missing = try contract.validateRequest(method: "GET", url: "/cookies", headers: [("Cookie", "other=1")])
        #expect(ExchangeTestKit.locations(missing) == ["/request/cookie/token"])
        let prefs = try contract.validateRequest(method: "GET", url: "/cookies", headers: [("Cookie", "token=a; lang=en; size=12")])
        #expect(prefs.isValid, "\(prefs)")
        let badSize = try contract.validateRequest(method: "GET", url: "/cookies", headers: [("Cookie", "token=a; lang=en; size=big")])
        #expect(ExchangeTestKit.locations(badSize) == ["/request/cookie/prefs/size"])
    }
}
