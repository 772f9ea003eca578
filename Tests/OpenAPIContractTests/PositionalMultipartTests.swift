import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// `multipart` bodies read by position (OpenAPI 3.2.0 §4.8.14.4 "Encoding By Position", the
/// Media Type Examples "Multipart With Prefix Encoding", "Ordered Multipart With Required Header",
/// "Streaming Multipart" and "Nested `multipart/mixed`"): one array item per part, in order, each
/// read by `prefixEncoding[i]`, then `itemEncoding`, then the defaults for its declared type.
@Suite("multipart bodies by position (prefixEncoding, itemEncoding)")
struct PositionalMultipartTests {
    static let yaml = """
        openapi: 3.2.0
        info: {title: positional multipart, version: '1'}
        components:
          headers:
            RFC2557NoContentId:
              description: Use Content-Location instead of Content-ID
              schema: false
            RFC2557ContentLocation:
              required: true
              content:
                text/plain:
                  schema: {type: string, format: uri}
        paths:
          /documents:
            post:
              operationId: upload
              requestBody:
                required: true
                content:
                  multipart/mixed:
                    schema:
                      type: array
                      minItems: 2
                      prefixItems:
                      - type: object
                        required: [author]
                        properties:
                          author: {type: string}
                          pages: {type: integer}
                      - {}
                      items: {type: integer, maximum: 10}
                    prefixEncoding:
                    - {}
                    - contentType: image/*
              responses: {'204': {description: stored}}
          /pages:
            post:
              operationId: publish
              requestBody:
                content:
                  multipart/related; type=text/html:
                    schema:
                      prefixItems:
                      - type: string
                      items:
                        anyOf:
                        - type: string
                        - $comment: To allow binary, this must always pass
                    prefixEncoding:
                    - contentType: text/html
                      headers:
                        Content-ID: {$ref: '#/components/headers/RFC2557NoContentId'}
                        Content-Location: {$ref: '#/components/headers/RFC2557ContentLocation'}
                    itemEncoding:
                      contentType: text/css,text/javascript,image/*
                      headers:
                        Content-ID: {$ref: '#/components/headers/RFC2557NoContentId'}
                        Content-Location: {$ref: '#/components/headers/RFC2557ContentLocation'}
              responses: {'204': {description: published}}
          /events:
            get:
              operationId: events
              responses:
                '200':
                  description: a stream of events, one JSON part each
                  content:
                    multipart/mixed:
                      itemSchema:
                        type: object
                        required: [id]
                        properties: {id: {type: integer}}
                      itemEncoding: {contentType: application/json}
          /bundles:
            post:
              operationId: bundle
              requestBody:
                content:
                  multipart/mixed:
                    schema:
                      type: array
                      prefixItems:
                      - type: array
                      - type: array
                        prefixItems:
                        - type: object
                        - {type: string, maxLength: 5}
                        - {}
                    prefixEncoding:
                    - {}
                    - contentType: multipart/mixed
                      prefixEncoding:
                      - {}
                      - {}
                      - contentType: image/png
              responses: {'204': {description: stored}}
          /files:
            post:
              operationId: files
              requestBody:
                content:
                  multipart/mixed:
                    schema:
                      type: array
                      prefixItems: [{type: object}]
                      items: {type: string, format: binary}
              responses: {'204': {description: stored}}
          /forms:
            post:
              operationId: orderedForm
              requestBody:
                content:
                  multipart/form-data:
                    schema:
                      type: array
                      prefixItems: [{type: integer}, {type: string, enum: [a, b]}]
                    prefixEncoding:
                    - headers:
                        Content-Disposition:
                          required: true
                          schema: {const: 'form-data; name="count"'}
                    - {}
              responses: {'204': {description: stored}}
        """

    func contract() throws -> OpenAPIDocument { try ExchangeTestKit.document(Self.yaml) }

    /// A multipart body of (headers, content) parts, CRLF line breaks.
    static func body(_ parts: [(headers: [String], content: String)], boundary: String = "B0") -> String {
        parts.map { "--\(boundary)\r\n" + $0.headers.map { $0 + "\r\n" }.joined() + "\r\n" + $0.content + "\r\n" }.joined()
            + "--\(boundary)--\r\n"
    }

    func post(_ path: String, _ parts: [(headers: [String], content: String)], type: String = "multipart/mixed; boundary=B0")
        throws -> ExchangeResult
    {
        try contract().validateRequest(
            method: "POST", url: path, headers: [("Content-Type", type)], body: ExchangeTestKit.bytes(Self.body(parts)))
    }

    static let png = (headers: ["Content-Type: image/png"], content: "\u{89}PNG not text")

    @Test("parts are array items: JSON by default for an object, a binary part present but unchecked")
    func prefixEncoding() throws {
        let ok = try post("/documents", [([], #"{"author": "Ann", "pages": 3}"#), Self.png])
        #expect(ok.isValid, "\(ok)")
        #expect(ok.unchecked.map(\.instanceLocation) == ["/request/body/1"], "\(ok)")

        let inner = try post("/documents", [([], #"{"author": 5}"#), Self.png])
        #expect(ExchangeTestKit.locations(inner) == ["/request/body/0/author"], "\(inner)")

        let wrongType = try post("/documents", [([], #"{"author": "Ann"}"#), (["Content-Type: text/plain"], "hello")])
        #expect(ExchangeTestKit.locations(wrongType) == ["/request/body/1"], "\(wrongType)")
        #expect(wrongType.errors[0].message.contains("image/*"), "\(wrongType)")

        let broken = try post("/documents", [([], #"{"author": "#), Self.png])
        #expect(ExchangeTestKit.locations(broken) == ["/request/body/0"], "\(broken)")
        #expect(broken.errors[0].message.contains("not valid JSON"), "\(broken)")
    }

    @Test("parts after prefixEncoding take the defaults for their declared type; the array's own keywords apply")
    func laterPartsAndArrayKeywords() throws {
        // Part 2 is an `integer` item without an Encoding Object: text/plain, converted.
        #expect(try post("/documents", [([], #"{"author": "Ann"}"#), Self.png, ([], "7")]).isValid)
        let tooLarge = try post("/documents", [([], #"{"author": "Ann"}"#), Self.png, ([], "70")])
        #expect(ExchangeTestKit.locations(tooLarge) == ["/request/body/2"], "\(tooLarge)")
        #expect(tooLarge.errors[0].keyword == "maximum")
        // Fewer parts than prefixEncoding is not an error by itself; minItems is.
        let short = try post("/documents", [([], #"{"author": "Ann"}"#)])
        #expect(ExchangeTestKit.locations(short) == ["/request/body"], "\(short)")
        #expect(short.errors[0].keyword == "minItems")
    }

    @Test("the Encoding Objects' headers are checked per part (RFC 2557 multipart/related)")
    func partHeaders() throws {
        let type = "multipart/related; type=text/html; boundary=B0"
        let html = (headers: ["Content-Type: text/html", "Content-Location: https://example.com/index.html"], content: "<p>hi</p>")
        let css = (headers: ["Content-Type: text/css", "Content-Location: https://example.com/a.css"], content: "p {}")
        let ok = try post("/pages", [html, css], type: type)
        #expect(ok.isValid, "\(ok)")

        let noLocation = try post("/pages", [(["Content-Type: text/html"], "<p>hi</p>"), css], type: type)
        #expect(ExchangeTestKit.locations(noLocation) == ["/request/body/0/header/content-location"], "\(noLocation)")

        let withID = try post(
            "/pages", [html, (css.headers + ["Content-ID: <a@example.com>"], css.content)], type: type)
        #expect(ExchangeTestKit.locations(withID) == ["/request/body/1/header/content-id"], "\(withID)")

        let pdf = try post(
            "/pages", [html, (["Content-Type: application/pdf", "Content-Location: https://example.com/a.pdf"], "%PDF")], type: type)
        #expect(ExchangeTestKit.locations(pdf) == ["/request/body/1"], "\(pdf)")
        #expect(pdf.errors[0].message.contains("text/css,text/javascript,image/*"), "\(pdf)")
    }

    @Test("itemSchema: each part validated on its own, errors at its index")
    func itemSchema() throws {
        let doc = try contract()
        func respond(_ parts: [(headers: [String], content: String)]) throws -> ExchangeResult {
            try doc.validateResponse(
                status: 200, headers: [("Content-Type", "multipart/mixed; boundary=B0")], body: ExchangeTestKit.bytes(Self.body(parts)),
                method: "GET", url: "/events")
        }
        #expect(try respond([([], #"{"id": 1}"#), ([], #"{"id": 2}"#)]).isValid)
        let bad = try respond([([], #"{"id": 1}"#), ([], #"{"name": "x"}"#), ([], #"{"id": "3"}"#)])
        #expect(ExchangeTestKit.locations(bad) == ["/response/body/1", "/response/body/2/id"], "\(bad)")
    }

    @Test("a part that is itself multipart is read by the nested prefixEncoding")
    func nested() throws {
        let inner = Self.body([([], #"{"a": 1}"#), ([], "short"), Self.png], boundary: "B1")
        let ok = try post("/bundles", [([], "[1, 2]"), (["Content-Type: multipart/mixed; boundary=B1"], inner)])
        #expect(ok.isValid, "\(ok)")
        #expect(ok.unchecked.map(\.instanceLocation) == ["/request/body/1/2"], "\(ok)")

        let long = Self.body([([], #"{"a": 1}"#), ([], "far too long"), Self.png], boundary: "B1")
        let bad = try post("/bundles", [([], "[1, 2]"), (["Content-Type: multipart/mixed; boundary=B1"], long)])
        #expect(ExchangeTestKit.locations(bad) == ["/request/body/1/1"], "\(bad)")

        let noBoundary = try post("/bundles", [([], "[1, 2]"), (["Content-Type: multipart/mixed"], inner)])
        #expect(ExchangeTestKit.locations(noBoundary) == ["/request/body/1"], "\(noBoundary)")
        #expect(noBoundary.errors[0].message.contains("boundary"), "\(noBoundary)")
    }

    @Test("a part whose schema is format: binary defaults to binary, as a form's file property does")
    func binaryByFormat() throws {
        // A file part sent without its own Content-Type: not UTF-8, and not to be read as text.
        var body = Array("--B0\r\n\r\n{\"a\": 1}\r\n--B0\r\n\r\n".utf8)
        body += [0x89, 0xFF, 0xFE, 0x00]
        body += Array("\r\n--B0--\r\n".utf8)
        let result = try contract().validateRequest(
            method: "POST", url: "/files", headers: [("Content-Type", "multipart/mixed; boundary=B0")], body: body)
        #expect(result.isValid, "\(result)")
        #expect(result.unchecked.map(\.instanceLocation) == ["/request/body/1"], "\(result)")
    }

    @Test("multipart/form-data with prefixEncoding is read by position, not by name")
    func orderedForm() throws {
        let count = (headers: [#"Content-Disposition: form-data; name="count""#], content: "3")
        let letter = (headers: [#"Content-Disposition: form-data; name="letter""#], content: "a")
        let type = "multipart/form-data; boundary=B0"
        #expect(try post("/forms", [count, letter], type: type).isValid)
        let swapped = try post("/forms", [letter, count], type: type)
        #expect(
            ExchangeTestKit.locations(swapped) == ["/request/body/0", "/request/body/0/header/content-disposition", "/request/body/1"],
            "\(swapped)")
    }

    @Test("a body that is not multipart, or has no boundary, is an error")
    func unreadable() throws {
        let noBoundary = try post("/documents", [([], "{}")], type: "multipart/mixed")
        #expect(ExchangeTestKit.locations(noBoundary) == ["/request/header/content-type"], "\(noBoundary)")
        let doc = try contract()
        let garbage = try doc.validateRequest(
            method: "POST", url: "/documents", headers: [("Content-Type", "multipart/mixed; boundary=B0")],
            body: ExchangeTestKit.bytes("no delimiter at all"))
        #expect(ExchangeTestKit.locations(garbage) == ["/request/body"], "\(garbage)")
    }
}
