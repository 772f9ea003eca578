import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// `multipart/form-data` bodies (RFC 7578, RFC 2046 §5.1.1; OpenAPI 3.2.0 "Encoding multipart
/// Media Types"): parts matched to properties by their `Content-Disposition` name, text parts
/// converted to the schema's types, JSON parts parsed, binary parts present but unchecked, the
/// Encoding Object's `contentType` and `headers` checked.
@Suite("form bodies (multipart/form-data)")
struct MultipartBodyExchangeTests {
    static let yaml = """
        openapi: 3.1.0
        info: {title: multipart, version: '1'}
        paths:
          /upload:
            post:
              operationId: upload
              requestBody:
                required: true
                content:
                  multipart/form-data:
                    schema:
                      type: object
                      required: [id, profileImage]
                      additionalProperties: false
                      properties:
                        id: {type: integer}
                        title: {type: string, maxLength: 5}
                        meta:
                          type: object
                          required: [author]
                          properties: {author: {type: string}}
                        profileImage: {type: string, maxLength: 1}
                        files: {type: array, minItems: 2, items: {}}
                        colors: {type: array, items: {type: string, enum: [red, green]}}
                        note: {type: string, contentMediaType: text/plain}
                    encoding:
                      profileImage:
                        contentType: image/png, image/jpeg
                        headers:
                          X-Rate-Limit:
                            required: true
                            schema: {type: integer}
                          Content-Type:
                            schema: {const: never}
                      colors: {style: form, explode: false}
              responses: {'200': {description: ok}}
        """

    func contract() throws -> OpenAPIDocument { try ExchangeTestKit.document(Self.yaml) }

    /// A multipart body from (headers, content) parts, CRLF line breaks.
    static func body(
        _ parts: [(headers: [String], content: String)], boundary: String = "XyZ", preamble: String = "", epilogue: String = ""
    ) -> [UInt8] {
        var text = preamble
        for part in parts {
            text += "--\(boundary)\r\n" + part.headers.map { $0 + "\r\n" }.joined() + "\r\n" + part.content + "\r\n"
        }
        text += "--\(boundary)--\r\n" + epilogue
        return Array(text.utf8)
    }

    static func field(_ name: String, _ value: String, type: String? = nil) -> (headers: [String], content: String) {
        (["Content-Disposition: form-data; name=\"\(name)\""] + (type.map { ["Content-Type: \($0)"] } ?? []), value)
    }

    static let image = (
        headers: [
            "Content-Disposition: form-data; name=\"profileImage\"; filename=\"a.png\"", "Content-Type: image/png", "X-Rate-Limit: 10",
        ],
        content: "\u{89}PNG binary that is longer than maxLength"
    )

    func post(_ body: [UInt8], contentType: String = "multipart/form-data; boundary=XyZ") throws -> ExchangeResult {
        try contract().validateRequest(method: "POST", url: "/upload", headers: [("Content-Type", contentType)], body: body)
    }

    @Test("text parts convert to the schema's types; a binary part is present but unchecked")
    func basic() throws {
        let ok = try post(Self.body([Self.field("id", "42"), Self.field("title", "hi"), Self.image]))
        #expect(ok.isValid, "\(ok)")
        #expect(
            ok.unchecked.map(\.instanceLocation) == ["/request/body/profileImage"], "the binary part is listed, its maxLength not applied")
        let bad = try post(Self.body([Self.field("id", "forty-two"), Self.field("title", "too long"), Self.image]))
        #expect(ExchangeTestKit.locations(bad) == ["/request/body/id", "/request/body/title"], "\(bad)")
    }

    @Test("a missing file part is a required error; a file under an undeclared name is additional")
    func presence() throws {
        let missing = try post(Self.body([Self.field("id", "1")]))
        #expect(ExchangeTestKit.locations(missing) == ["/request/body"])
        #expect(missing.errors[0].keyword == "required")
        #expect(missing.errors[0].message.contains("profileImage"))
        let stray = try post(
            Self.body([
                Self.field("id", "1"), Self.image,
                (
                    ["Content-Disposition: form-data; name=\"other\"; filename=\"x.bin\"", "Content-Type: application/octet-stream"],
                    "\u{0}\u{1}"
                ),
            ]))
        #expect(ExchangeTestKit.locations(stray) == ["/request/body/other"])
        #expect(stray.errors[0].keyword == "additionalProperties")
    }

    @Test("JSON parts: object properties default to application/json; errors continue into the part")
    func jsonParts() throws {
        #expect(try post(Self.body([Self.field("id", "1"), Self.image, Self.field("meta", #"{"author": "a"}"#)])).isValid)
        #expect(
            try post(
                Self.body([
                    Self.field("id", "1"), Self.image, Self.field("meta", #"{"author": "a"}"#, type: "application/json; charset=utf-8"),
                ])
            ).isValid)
        let inner = try post(Self.body([Self.field("id", "1"), Self.image, Self.field("meta", #"{"author": 5}"#)]))
        #expect(ExchangeTestKit.locations(inner) == ["/request/body/meta/author"])
        let broken = try post(Self.body([Self.field("id", "1"), Self.image, Self.field("meta", #"{"author": "#)]))
        #expect(ExchangeTestKit.locations(broken) == ["/request/body/meta"])
        #expect(broken.errors[0].message.contains("not valid JSON"))
        // A part that says text/plain is read as text: a string is not an object.
        let text = try post(Self.body([Self.field("id", "1"), Self.image, Self.field("meta", #"{"author": "a"}"#, type: "text/plain")]))
        #expect(text.error(at: "/request/body/meta")?.keyword == "type")
    }

    @Test("the encoding's contentType list and its headers are checked; Content-Type among its headers is ignored")
    func encodingRules() throws {
        let jpeg = (
            headers: ["Content-Disposition: form-data; name=\"profileImage\"", "Content-Type: image/jpeg", "x-rate-limit: 3"],
            content: "JFIF"
        )
        #expect(try post(Self.body([Self.field("id", "1"), jpeg])).isValid)
        let gif = (
            headers: ["Content-Disposition: form-data; name=\"profileImage\"", "Content-Type: image/gif", "X-Rate-Limit: 3"],
            content: "GIF89a"
        )
        let wrongType = try post(Self.body([Self.field("id", "1"), gif]))
        #expect(ExchangeTestKit.locations(wrongType) == ["/request/body/profileImage"])
        #expect(wrongType.errors[0].message.contains("image/png, image/jpeg"), "\(wrongType)")
        let noLimit = (headers: ["Content-Disposition: form-data; name=\"profileImage\"", "Content-Type: image/png"], content: "PNG")
        let missingHeader = try post(Self.body([Self.field("id", "1"), noLimit]))
        #expect(ExchangeTestKit.locations(missingHeader) == ["/request/body/profileImage/header/x-rate-limit"], "\(missingHeader)")
        let badLimit = (
            headers: ["Content-Disposition: form-data; name=\"profileImage\"", "Content-Type: image/png", "X-Rate-Limit: lots"],
            content: "PNG"
        )
        #expect(
            ExchangeTestKit.locations(try post(Self.body([Self.field("id", "1"), badLimit]))) == [
                "/request/body/profileImage/header/x-rate-limit"
            ])
    }

    @Test("several parts of one name make an array; binary items still count for minItems")
    func multipleFiles() throws {
        func file(_ n: Int) -> (headers: [String], content: String) {
            (["Content-Disposition: form-data; name=\"files\"; filename=\"f\(n)\"", "Content-Type: application/pdf"], "%PDF-\(n)")
        }
        let two = try post(Self.body([Self.field("id", "1"), Self.image, file(1), file(2)]))
        #expect(two.isValid, "\(two)")
        #expect(two.unchecked.map(\.instanceLocation) == ["/request/body/profileImage", "/request/body/files/0", "/request/body/files/1"])
        let one = try post(Self.body([Self.field("id", "1"), Self.image, file(1)]))
        #expect(ExchangeTestKit.locations(one) == ["/request/body/files"])
        #expect(one.errors[0].keyword == "minItems")
    }

    @Test("style-based encoding in multipart: no percent-decoding")
    func styled() throws {
        #expect(try post(Self.body([Self.field("id", "1"), Self.image, Self.field("colors", "red,green")])).isValid)
        let bad = try post(Self.body([Self.field("id", "1"), Self.image, Self.field("colors", "red,gr%65en")]))
        #expect(ExchangeTestKit.locations(bad) == ["/request/body/colors/1"], "%65 is not decoded in form-data")
    }

    @Test("framing: preamble and epilogue ignored, quoted boundary, LF-only lines, transport padding")
    func framing() throws {
        let parts = [Self.field("id", "7"), Self.image]
        #expect(try post(Self.body(parts, preamble: "This is the preamble.\r\n", epilogue: "epilogue")).isValid)
        #expect(try post(Self.body(parts, boundary: "a b:c"), contentType: "multipart/form-data; boundary=\"a b:c\"").isValid)
        let lf = String(decoding: Self.body(parts), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(try post(Array(lf.utf8)).isValid)
        let padded = String(decoding: Self.body(parts), as: UTF8.self).replacingOccurrences(of: "--XyZ\r\n", with: "--XyZ  \r\n")
        #expect(try post(Array(padded.utf8)).isValid)
        // A line that merely starts with the boundary is content.
        let lookalike = try post(Self.body([Self.field("id", "1"), Self.image, Self.field("title", "--XyZa")]))
        #expect(ExchangeTestKit.locations(lookalike) == ["/request/body/title"], "the value is 6 characters: maxLength 5")
    }

    @Test("malformed multipart bodies are errors, never crashes")
    func malformed() throws {
        let noBoundary = try post(Self.body([Self.field("id", "1")]), contentType: "multipart/form-data")
        #expect(ExchangeTestKit.locations(noBoundary) == ["/request/header/content-type"])
        let unclosed = try post(Array("--XyZ\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n1\r\n".utf8))
        #expect(ExchangeTestKit.locations(unclosed) == ["/request/body"])
        #expect(unclosed.errors[0].message.contains("close delimiter"))
        let noDelimiter = try post(Array("id=1".utf8))
        #expect(ExchangeTestKit.locations(noDelimiter) == ["/request/body"])
        let unnamed = try post(Self.body([(["Content-Type: text/plain"], "x"), Self.field("id", "1"), Self.image]))
        #expect(ExchangeTestKit.locations(unnamed) == ["/request/body"])
        #expect(unnamed.errors[0].message.contains("Content-Disposition"))
        let longBoundary = String(repeating: "b", count: 71)
        #expect(
            ExchangeTestKit.locations(
                try post(
                    Self.body([Self.field("id", "1")], boundary: longBoundary), contentType: "multipart/form-data; boundary=\(longBoundary)"
                )) == ["/request/body"])
        // Many binary parts whose placeholders the schema would reject: dropped in linear time.
        let files = (0..<20_000).map { n in
            (headers: ["Content-Disposition: form-data; name=\"files\"", "Content-Type: application/pdf"], content: "%PDF-\(n)")
        }
        let big = try post(Self.body([Self.field("id", "1"), Self.image] + files))
        #expect(big.isValid)
        #expect(big.unchecked.count == 20_001)
        // Truncated and hostile inputs.
        for body in [
            "--XyZ", "--XyZ--", "--XyZ\r\n", "--XyZ\r\n\r\n--XyZ--", String(repeating: "-", count: 10_000),
            String(repeating: "--XyZ\n", count: 2_000),
        ] {
            _ = try post(Array(body.utf8))
        }
    }
}
