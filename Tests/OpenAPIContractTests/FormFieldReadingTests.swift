import Foundation
import OpenAPIContract
import Testing

/// A form field without a content type whose schema admits text and also an object or an array
/// (OpenAI's `chunking_strategy: anyOf: [anyOf: ["auto", VadConfig], null]`): sent as JSON text, as
/// clients write objects, it is read as JSON when reading it as a string fails (the Encoding
/// Object's default `contentType` is JSON for objects, text for strings: OpenAPI 3.1.1 §4.8.15.1),
/// the way a parameter's readings are each tried. Found by scripts/exchange-audit.sh.
@Suite("form bodies (fields of several types)")
struct FormFieldReadingTests {
    static let yaml = """
        openapi: 3.1.0
        info: {title: forms, version: '1'}
        paths:
          /transcribe:
            post:
              requestBody:
                required: true
                content:
                  multipart/form-data:
                    schema: {$ref: '#/components/schemas/Form'}
                  application/x-www-form-urlencoded:
                    schema: {$ref: '#/components/schemas/Form'}
              responses: {'200': {description: ok}}
        components:
          schemas:
            Form:
              type: object
              properties:
                strategy:
                  anyOf:
                    - anyOf:
                        - {type: string, enum: [auto]}
                        - type: object
                          required: [type]
                          additionalProperties: false
                          properties:
                            type: {type: string, enum: [server_vad]}
                            threshold: {type: number}
                    - {type: 'null'}
                note:
                  anyOf:
                    - {type: string, pattern: '^[{]'}
                    - {type: object, required: [x]}
                text: {type: string, maxLength: 12}
        """

    func multipart(_ parts: [(String, String)]) throws -> ExchangeResult {
        var body = ""
        for (name, value) in parts { body += "--XyZ\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n" }
        body += "--XyZ--\r\n"
        return try ExchangeTestKit.document(Self.yaml).validateRequest(
            method: "POST", url: "/transcribe", headers: [("Content-Type", "multipart/form-data; boundary=XyZ")],
            body: Array(body.utf8))
    }

    func urlencoded(_ body: String) throws -> ExchangeResult {
        try ExchangeTestKit.document(Self.yaml).validateRequest(
            method: "POST", url: "/transcribe", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8))
    }

    @Test("an object written as JSON text in a part without Content-Type is read as JSON; a string still as text")
    func jsonOrText() throws {
        let object = try multipart([("strategy", #"{"type": "server_vad", "threshold": 0.5}"#)])
        #expect(object.isValid, "\(object)")
        #expect(try multipart([("strategy", "auto")]).isValid)
        let badObject = try multipart([("strategy", #"{"type": "semantic"}"#)])
        #expect(ExchangeTestKit.locations(badObject).allSatisfy { $0.hasPrefix("/request/body/strategy") } && !badObject.isValid)
        #expect(!(try multipart([("strategy", "manual")])).isValid)
    }

    @Test("beside a field that fails either way, only that field is reported")
    func mixed() throws {
        let result = try multipart([("strategy", #"{"type": "server_vad"}"#), ("text", "far too long for it")])
        #expect(ExchangeTestKit.locations(result) == ["/request/body/text"], "\(result)")
    }

    @Test("the same in an x-www-form-urlencoded body")
    func urlencodedField() throws {
        #expect(try urlencoded("strategy=%7B%22type%22%3A%22server_vad%22%7D").isValid)
        #expect(try urlencoded("strategy=auto").isValid)
        #expect(!(try urlencoded("strategy=%7B%22type%22%3A1%7D")).isValid)
    }

    @Test("text the string branch accepts stays a string; a plain string field is never parsed")
    func textReadingFirst() throws {
        // `{"y": 1}` is not an object with x, but it is a string starting with {: the text reading wins.
        #expect(try multipart([("note", #"{"y": 1}"#)]).isValid)
        #expect(try multipart([("text", #"{"a": 1}"#)]).isValid)
        let long = try multipart([("text", #"{"a": 1, "b": 2}"#)])
        #expect(ExchangeTestKit.locations(long) == ["/request/body/text"], "still a string: its maxLength applies")
    }
}
