import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Bodies and their media types (OpenAPI 3.1.1 §4.8.13 Request Body, §4.8.14 Media Type):
/// matching ignores parameters and case, `+json` is JSON, ranges match and the most specific key
/// applies; undocumented types are errors listing the documented ones; `required` decides whether
/// a missing (or empty) body is an error.
@Suite("content types and bodies")
struct ContentTypeExchangeTests {
    static let yaml = """
        openapi: 3.1.0
        info: {title: bodies, version: '1'}
        paths:
          /json:
            post:
              operationId: postJSON
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object, required: [name], properties: {name: {type: string}, id: {type: integer, readOnly: true}}}
              responses:
                '200':
                  description: ok
                  content:
                    application/problem+json:
                      schema: {type: object, required: [title]}
                '204': {description: no content}
          /optional:
            put:
              requestBody:
                content:
                  application/json: {schema: {type: object}}
              responses: {'204': {description: done}}
          /ranges:
            post:
              requestBody:
                content:
                  text/plain: {schema: {type: string, maxLength: 3}}
                  text/*: {schema: {type: string, minLength: 10}}
                  application/*: {schema: {type: object}}
                  '*/*': {schema: {type: string, const: never}}
              responses: {'200': {description: ok}}
          /vendor:
            post:
              requestBody:
                content:
                  application/vnd.api+json: {schema: {type: object, required: [data]}}
              responses: {'200': {description: ok}}
          /binary:
            post:
              requestBody:
                content:
                  application/octet-stream: {}
                  image/png: {schema: {type: string, format: binary}}
              responses: {'200': {description: ok}}
          /form:
            post:
              requestBody:
                content:
                  application/x-www-form-urlencoded: {schema: {type: object, required: [name]}}
              responses: {'200': {description: ok}}
          /none:
            get:
              responses: {'200': {description: ok}}
        """

    func contract() throws -> OpenAPIDocument { try ExchangeTestKit.document(Self.yaml) }

    func post(_ path: String, _ contentType: String?, _ body: String?, method: String = "POST") throws -> ExchangeResult {
        try contract().validateRequest(
            method: method, url: path, headers: contentType.map { [("Content-Type", $0)] } ?? [],
            body: body.map(ExchangeTestKit.bytes))
    }

    @Test("parameters and case are ignored: application/json; charset=utf-8, APPLICATION/JSON")
    func parametersAndCase() throws {
        #expect(try post("/json", "application/json; charset=utf-8", #"{"name":"a"}"#).isValid)
        #expect(try post("/json", "APPLICATION/JSON", #"{"name":"a"}"#).isValid)
        #expect(try post("/json", "Application/Json;charset=\"UTF-8\"", #"{"name":"a"}"#).isValid)
    }

    @Test("JSON bodies validate with the request direction (readOnly forbidden)")
    func jsonBodies() throws {
        let missing = try post("/json", "application/json", "{}")
        #expect(ExchangeTestKit.locations(missing) == ["/request/body"])
        #expect(missing.errors[0].keyword == "required")
        let nested = try post("/json", "application/json", #"{"name": 5}"#)
        #expect(ExchangeTestKit.locations(nested) == ["/request/body/name"])
        let readOnly = try post("/json", "application/json", #"{"name": "a", "id": 3}"#)
        #expect(ExchangeTestKit.locations(readOnly) == ["/request/body/id"])
    }

    @Test("a JSON body that does not parse is an error with its position")
    func unparsableJSON() throws {
        let result = try post("/json", "application/json", "{\"name\": \"a\",\n  }")
        #expect(ExchangeTestKit.locations(result) == ["/request/body"])
        #expect(result.errors[0].message.contains("not valid JSON at line 2"), "\(result)")
    }

    @Test("an undocumented content type is an error listing the documented ones")
    func undocumentedContentType() throws {
        let result = try post("/json", "text/csv", "name\na")
        #expect(ExchangeTestKit.locations(result) == ["/request/header/content-type"])
        #expect(result.errors[0].message.contains("text/csv"))
        #expect(result.errors[0].message.contains("(documented: application/json)"))
        let malformed = try post("/json", "json", "{}")
        #expect(ExchangeTestKit.locations(malformed) == ["/request/header/content-type"])
    }

    @Test("required body: missing and empty bodies are errors only when required")
    func requiredBody() throws {
        let missing = try post("/json", nil, nil)
        #expect(ExchangeTestKit.locations(missing) == ["/request/body"])
        #expect(missing.errors[0].keyword == "required")
        #expect(ExchangeTestKit.locations(try post("/json", "application/json", "")) == ["/request/body"])
        #expect(try post("/optional", nil, nil, method: "PUT").isValid)
        #expect(try post("/optional", "application/json", "", method: "PUT").isValid)
        // A body where none is documented.
        let unexpected = try post("/none", "application/json", "{}", method: "GET")
        #expect(ExchangeTestKit.locations(unexpected) == ["/request/body"])
    }

    @Test("a body without Content-Type is an error unless a key accepts application/octet-stream")
    func missingContentType() throws {
        let result = try post("/json", nil, #"{"name":"a"}"#)
        #expect(ExchangeTestKit.locations(result) == ["/request/header/content-type"])
        let binary = try post("/binary", nil, "\u{01}\u{02}")
        #expect(binary.isValid)
        #expect(binary.warnings.map(\.instanceLocation) == ["/request/header/content-type"])
    }

    @Test("the most specific key wins: text/plain over text/* over */*")
    func mostSpecific() throws {
        #expect(try post("/ranges", "text/plain", "abc").isValid)
        let plain = try post("/ranges", "text/plain", "abcd")
        #expect(plain.errors.map(\.keyword) == ["maxLength"])
        let html = try post("/ranges", "text/html", "abcd")
        #expect(html.errors.map(\.keyword) == ["minLength"])
        #expect(try post("/ranges", "application/merge-patch+json", #"{"a":1}"#).isValid)
        let notObject = try post("/ranges", "application/merge-patch+json", "[1]")
        #expect(ExchangeTestKit.locations(notObject) == ["/request/body"])
        // */* applies to anything else; binary content is not read, so its schema is not applied.
        let image = try post("/ranges", "image/gif", "GIF89a")
        #expect(image.isValid)
        #expect(image.unchecked.map(\.instanceLocation) == ["/request/body"])
    }

    @Test("structured syntax suffix: application/vnd.api+json is parsed as JSON")
    func plusJSON() throws {
        #expect(try post("/vendor", "application/vnd.api+json", #"{"data": []}"#).isValid)
        #expect(ExchangeTestKit.locations(try post("/vendor", "application/vnd.api+json", "{}")) == ["/request/body"])
        #expect(ExchangeTestKit.locations(try post("/vendor", "application/vnd.api+json", "{")) == ["/request/body"])
    }

    @Test("binary types are accepted unchecked")
    func binary() throws {
        let png = try post("/binary", "image/png", "\u{89}PNG")
        #expect(png.isValid)
        #expect(png.unchecked.count == 1)
        #expect(try post("/binary", "application/octet-stream", "\u{00}").isValid)
    }

    @Test("form bodies are decoded and validated (see FormBodyExchangeTests)")
    func formBodies() throws {
        let missing = try post("/form", "application/x-www-form-urlencoded", "other=1")
        #expect(ExchangeTestKit.locations(missing) == ["/request/body"])
        #expect(missing.errors.first?.keyword == "required")
        #expect(missing.unchecked.isEmpty)
        #expect(try post("/form", "application/x-www-form-urlencoded; charset=UTF-8", "name=a").isValid)
    }

    @Test("responses: documented media types, +json, undocumented type, body where none is documented")
    func responses() throws {
        let contract = try contract()
        func respond(_ status: Int, _ type: String?, _ body: String?) throws -> ExchangeResult {
            try contract.validateResponse(
                status: status, headers: type.map { [("Content-Type", $0)] } ?? [], body: body.map(ExchangeTestKit.bytes),
                method: "POST", url: "/json")
        }
        #expect(try respond(200, "application/problem+json", #"{"title":"x"}"#).isValid)
        #expect(ExchangeTestKit.locations(try respond(200, "application/problem+json", "{}")) == ["/response/body"])
        let wrongType = try respond(200, "application/json", #"{"title":"x"}"#)
        #expect(ExchangeTestKit.locations(wrongType) == ["/response/header/content-type"])
        #expect(wrongType.errors[0].message.contains("documented: application/problem+json"))
        #expect(try respond(204, nil, nil).isValid)
        #expect(ExchangeTestKit.locations(try respond(204, "application/json", "{}")) == ["/response/body"])
        #expect(ExchangeTestKit.locations(try respond(200, "application/problem+json", "{oops")) == ["/response/body"])
    }

    @Test("the body-only API picks the most specific key too")
    func bodyOnlyAPI() throws {
        let contract = try contract()
        let result = try contract.validateRequest(.string("abcd"), for: "POST /ranges", contentType: "text/plain; charset=utf-8")
        #expect(result.errors.map(\.keyword) == ["maxLength"])
    }
}
