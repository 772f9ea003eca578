import Foundation
import OpenAPIContract
import Testing

/// A `multipart/form-data` file part sent without its own `Content-Type` (as Python's `requests`
/// and schemathesis send files): a `type: string, format: binary` property defaults to
/// `application/octet-stream` (OpenAPI 3.0.4 §4.8.15.1, the Encoding Object's default
/// `contentType` table), so its bytes are binary, present but unchecked — never "not valid UTF-8
/// text". Found by scripts/exchange-audit.sh on OpenAI's and OpenRouter's uploads.
@Suite("form bodies (format: binary parts)")
struct MultipartBinaryDefaultTests {
    static func yaml(_ version: String, key: String = "multipart/form-data") -> String {
        """
        openapi: \(version)
        info: {title: upload, version: '1'}
        paths:
          /upload:
            post:
              requestBody:
                required: true
                content:
                  '\(key)':
                    schema:
                      allOf:
                        - $ref: '#/components/schemas/Upload'
                        - type: object
                          properties:
                            attachments: {type: array, items: {$ref: '#/components/schemas/File'}}
              responses: {'200': {description: ok}}
        components:
          schemas:
            File: {type: string, format: binary}
            Upload:
              type: object
              required: [file, note]
              properties:
                file: {type: string, format: binary}
                note: {type: string}
                payload: {type: string, format: byte}
                images:
                  anyOf:
                    - {type: string, format: binary}
                    - {type: array, items: {type: string, format: binary}}
                video:
                  oneOf:
                    - {type: string, format: binary}
                    - {type: object, required: [id], properties: {id: {type: string}}}
        """
    }

    /// A multipart body whose parts are (name, bytes), none with a `Content-Type`.
    static func body(_ parts: [(String, [UInt8])]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (name, content) in parts {
            bytes += Array("--XyZ\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(name).jpg\"\r\n\r\n".utf8)
            bytes += content + Array("\r\n".utf8)
        }
        return bytes + Array("--XyZ--\r\n".utf8)
    }

    /// The start of a JPEG: not UTF-8.
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0xFF, 0xD9]

    func post(_ version: String, _ parts: [(String, [UInt8])]) throws -> ExchangeResult {
        try ExchangeTestKit.document(Self.yaml(version)).validateRequest(
            method: "POST", url: "/upload", headers: [("Content-Type", "multipart/form-data; boundary=XyZ")], body: Self.body(parts))
    }

    @Test(
        "format: binary parts without a Content-Type are binary (3.0 by its table; 3.1 and 3.2 as a 3.0 spelling)",
        arguments: ["3.0.4", "3.1.1", "3.2.0"])
    func binaryPartsAreOpaque(version: String) throws {
        let result = try post(
            version, [("file", Self.jpeg), ("note", Array("hi".utf8)), ("attachments", Self.jpeg), ("attachments", Self.jpeg)])
        #expect(result.isValid, "\(result)")
        #expect(
            result.unchecked.map(\.instanceLocation).sorted()
                == ["/request/body/attachments/0", "/request/body/attachments/1", "/request/body/file"])
    }

    @Test(
        "a plain string part and a format: byte part are still text: bytes that are not UTF-8 are an error", arguments: ["3.0.4", "3.1.1"])
    func textPartsStayText(version: String) throws {
        let note = try post(version, [("file", Self.jpeg), ("note", Self.jpeg)])
        #expect(ExchangeTestKit.locations(note) == ["/request/body/note"], "\(note)")
        #expect(note.errors.first?.message.contains("not valid UTF-8") == true)
        let payload = try post(version, [("file", Self.jpeg), ("note", Array("hi".utf8)), ("payload", Self.jpeg)])
        #expect(ExchangeTestKit.locations(payload) == ["/request/body/payload"], "\(payload)")
    }

    @Test("a property that may be a file (anyOf/oneOf with a format: binary branch) is binary unless its part says JSON")
    func mayBeAFile() throws {
        let files = try post("3.1.1", [("file", Self.jpeg), ("note", Array("hi".utf8)), ("images", Self.jpeg), ("video", Self.jpeg)])
        #expect(files.isValid, "\(files)")
        #expect(files.unchecked.map(\.instanceLocation).sorted() == ["/request/body/file", "/request/body/images", "/request/body/video"])
        let json = try ExchangeTestKit.document(Self.yaml("3.1.1")).validateRequest(
            method: "POST", url: "/upload", headers: [("Content-Type", "multipart/form-data; boundary=XyZ")],
            body: Self.body([("file", Self.jpeg), ("note", Array("hi".utf8))]).dropLast(9)
                + Array(
                    "--XyZ\r\nContent-Disposition: form-data; name=\"video\"\r\nContent-Type: application/json\r\n\r\n{}\r\n--XyZ--\r\n"
                        .utf8))
        #expect(ExchangeTestKit.locations(json) == ["/request/body/video"], "a JSON part is still checked: \(json)")
    }

    @Test(
        "a Content key that is a range matching multipart/form-data gets the file defaults too",
        arguments: ["*/*", "multipart/*", "MULTIPART/Form-Data; charset=utf-8"])
    func rangeKeys(key: String) throws {
        let result = try ExchangeTestKit.document(Self.yaml("3.1.1", key: key)).validateRequest(
            method: "POST", url: "/upload", headers: [("Content-Type", "multipart/form-data; boundary=XyZ")],
            body: Self.body([("file", Self.jpeg), ("note", Array("hi".utf8))]))
        #expect(result.isValid, "\(result)")
        #expect(result.unchecked.map(\.instanceLocation) == ["/request/body/file"])
    }

    @Test("the binary default still counts for required and never hides a missing part")
    func presenceCounts() throws {
        let missing = try post("3.0.4", [("note", Array("hi".utf8))])
        #expect(ExchangeTestKit.locations(missing) == ["/request/body"])
        #expect(missing.errors.first?.keyword == "required")
    }
}
