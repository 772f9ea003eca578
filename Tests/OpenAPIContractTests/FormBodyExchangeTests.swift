import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// `application/x-www-form-urlencoded` bodies (OpenAPI 3.2.0 §4.8.15 Encoding Object, "Encoding
/// the x-www-form-urlencoded Media Type"; WHATWG URL §5.1): fields decoded into an object,
/// converted to the schema's types, read by the Encoding Objects (contentType, style, explode,
/// allowReserved), then validated with errors at `/request/body/{field}…`.
@Suite("form bodies (x-www-form-urlencoded)")
struct FormBodyExchangeTests {
    static let yaml = """
        openapi: 3.1.0
        info: {title: forms, version: '1'}
        paths:
          /form:
            post:
              operationId: postForm
              requestBody:
                required: true
                content:
                  application/x-www-form-urlencoded:
                    schema:
                      type: object
                      required: [name]
                      additionalProperties: false
                      properties:
                        name: {type: string}
                        count: {type: integer, minimum: 1}
                        flag: {type: boolean}
                        ratio: {type: number}
                        tags: {type: array, items: {type: string}}
                        ids: {type: array, items: {type: integer}}
                        address:
                          type: object
                          required: [city]
                          properties: {city: {type: string}, zip: {type: string}}
                        quoted: {type: string, const: abc}
                        colors: {type: array, items: {type: string, enum: [red, green, blue]}}
                        pipes: {type: array, items: {type: integer}}
                        spaced: {type: array, items: {type: string}}
                        filter:
                          type: object
                          properties: {kind: {type: string}, size: {type: integer}}
                        point:
                          type: object
                          properties: {x: {type: integer}, y: {type: integer}}
                        raw: {type: string, pattern: '^[^ ]*$'}
                        nothing: {type: integer}
                    encoding:
                      quoted: {contentType: application/json}
                      colors: {style: form, explode: false}
                      pipes: {style: pipeDelimited}
                      spaced: {style: spaceDelimited}
                      filter: {style: deepObject}
                      point: {style: form, explode: true}
                      raw: {allowReserved: true}
                      ghost: {contentType: application/json}
              responses:
                '200':
                  description: ok
                  content:
                    application/x-www-form-urlencoded:
                      schema:
                        type: object
                        required: [status]
                        properties:
                          status: {type: integer}
                          secret: {type: string, writeOnly: true}
        """

    func contract() throws -> OpenAPIDocument { try ExchangeTestKit.document(Self.yaml) }

    func post(_ body: String, contentType: String = "application/x-www-form-urlencoded") throws -> ExchangeResult {
        try contract().validateRequest(
            method: "POST", url: "/form", headers: [("Content-Type", contentType)], body: ExchangeTestKit.bytes(body))
    }

    @Test("fields convert to the schema's types as parameters do: count=2 is the integer 2")
    func typeConversion() throws {
        let ok = try post("name=abc&count=2&flag=true&ratio=-1.5e2")
        #expect(ok.isValid, "\(ok)")
        #expect(ok.unchecked.isEmpty)
        let bad = try post("name=abc&count=two&flag=yes&ratio=1.")
        #expect(ExchangeTestKit.locations(bad) == ["/request/body/count", "/request/body/flag", "/request/body/ratio"], "\(bad)")
        #expect(bad.error(at: "/request/body/count")?.message.contains("\"two\"") == true)
        // The converted value meets the schema's other keywords.
        let zero = try post("name=abc&count=0")
        #expect(zero.error(at: "/request/body/count")?.keyword == "minimum")
        // A name is still a string even when it looks like a number.
        #expect(try post("name=42").isValid)
    }

    @Test("WHATWG form decoding: + is a space, percent-escapes decode, empty pieces are skipped")
    func decoding() throws {
        #expect(try post("name=a+b%21&&raw=x").isValid)
        let space = try post("name=x&quoted=%22a+bc%22")
        #expect(space.error(at: "/request/body/quoted")?.keyword == "const", "\"a bc\" is not abc: + decoded as a space")
        let malformed = try post("name=a%2")
        #expect(ExchangeTestKit.locations(malformed) == ["/request/body/name"])
        #expect(malformed.errors[0].message.contains("percent-encoding"))
        #expect(ExchangeTestKit.locations(try post("na%ZZme=a&name=b")) == ["/request/body/na%ZZme"])
        #expect(ExchangeTestKit.locations(try post("name=\u{FF}")) == [], "raw UTF-8 is fine")
    }

    @Test("required, additionalProperties and a repeated single-valued field")
    func objectRules() throws {
        let missing = try post("count=1")
        #expect(ExchangeTestKit.locations(missing) == ["/request/body"])
        #expect(missing.errors[0].keyword == "required")
        let extra = try post("name=a&colour=red")
        #expect(ExchangeTestKit.locations(extra) == ["/request/body/colour"])
        let twice = try post("name=a&name=b")
        #expect(ExchangeTestKit.locations(twice) == ["/request/body/name"])
        #expect(twice.errors[0].message.contains("given 2 times"), "\(twice)")
    }

    @Test("array properties collect every field of their name; one field is a one-item array")
    func arrays() throws {
        #expect(try post("name=a&tags=x&tags=y").isValid)
        #expect(try post("name=a&tags=x").isValid)
        let badItem = try post("name=a&ids=1&ids=x&ids=3")
        #expect(ExchangeTestKit.locations(badItem) == ["/request/body/ids/1"], "\(badItem)")
    }

    @Test("objects default to application/json; contentType application/json makes a string field JSON")
    func jsonFields() throws {
        #expect(try post("name=a&address=%7B%22city%22%3A%22Somewhere%22%2C%22zip%22%3A%2299999%2B1234%22%7D").isValid)
        let noCity = try post("name=a&address=%7B%7D")
        #expect(ExchangeTestKit.locations(noCity) == ["/request/body/address"])
        #expect(noCity.errors[0].keyword == "required")
        let wrongType = try post("name=a&address=%7B%22city%22%3A5%7D")
        #expect(ExchangeTestKit.locations(wrongType) == ["/request/body/address/city"])
        let notJSON = try post("name=a&address=Somewhere")
        #expect(ExchangeTestKit.locations(notJSON) == ["/request/body/address"])
        #expect(notJSON.errors[0].message.contains("not valid JSON"))
        // contentType: application/json on a string: the JSON string "abc" is the value.
        #expect(try post("name=a&quoted=%22abc%22").isValid)
        #expect(ExchangeTestKit.locations(try post("name=a&quoted=abc")) == ["/request/body/quoted"], "abc without quotes is not JSON")
    }

    @Test("style-based encodings: form non-exploded, pipeDelimited, spaceDelimited, deepObject, exploded form object")
    func styles() throws {
        #expect(try post("name=a&colors=red,green").isValid)
        let badColor = try post("name=a&colors=red,pink")
        #expect(ExchangeTestKit.locations(badColor) == ["/request/body/colors/1"], "\(badColor)")
        // An encoded comma stays inside its value.
        #expect(ExchangeTestKit.locations(try post("name=a&colors=red%2Cgreen")) == ["/request/body/colors/0"])
        // `explode: false` writes one field: repeating it is not that style.
        #expect(ExchangeTestKit.locations(try post("name=a&colors=red&colors=green")) == ["/request/body/colors"])
        #expect(try post("name=a&pipes=1|2|3").isValid)
        #expect(ExchangeTestKit.locations(try post("name=a&pipes=1%7Cx")) == ["/request/body/pipes/1"])
        #expect(try post("name=a&spaced=a%20b+c").isValid)
        #expect(try post("name=a&filter%5Bkind%5D=x&filter[size]=3").isValid)
        let badSize = try post("name=a&filter[kind]=x&filter[size]=big")
        #expect(ExchangeTestKit.locations(badSize) == ["/request/body/filter/size"], "\(badSize)")
        // An exploded form object takes the fields its schema names.
        #expect(try post("name=a&x=1&y=2").isValid)
        let badPoint = try post("name=a&x=1&y=z")
        #expect(ExchangeTestKit.locations(badPoint) == ["/request/body/point/y"], "\(badPoint)")
        // allowReserved: + stands for itself (the pattern forbids spaces).
        #expect(try post("name=a&raw=a+b").isValid)
        #expect(ExchangeTestKit.locations(try post("name=a&raw=a%20b")) == ["/request/body/raw"])
    }

    @Test("an encoding entry with no property is ignored")
    func ghostEncoding() throws {
        let ghost = try post("name=a&ghost=notjson")
        #expect(ExchangeTestKit.locations(ghost) == ["/request/body/ghost"])
        #expect(ghost.errors[0].keyword == "additionalProperties", "read as text, then rejected as additional, not as bad JSON")
    }

    @Test("responses: converted, and writeOnly properties are forbidden")
    func response() throws {
        let contract = try contract()
        func respond(_ body: String) throws -> ExchangeResult {
            try contract.validateResponse(
                status: 200, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: ExchangeTestKit.bytes(body),
                method: "POST", url: "/form")
        }
        #expect(try respond("status=200").isValid)
        #expect(ExchangeTestKit.locations(try respond("status=ok")) == ["/response/body/status"])
        #expect(ExchangeTestKit.locations(try respond("status=1&secret=x")) == ["/response/body/secret"])
    }

    @Test("hostile forms: deep deepObject names, many fields — errors, never a crash or a hang")
    func hostile() throws {
        let deep = try post("name=a&filter" + String(repeating: "[k]", count: 100_000) + "=1")
        #expect(ExchangeTestKit.locations(deep) == ["/request/body/filter"], "\(deep.errors.first?.message ?? "")")
        #expect(deep.errors.first?.message.contains("32 levels") == true)
        let many = try post("name=a&" + (0..<20_000).map { "ids=\($0)" }.joined(separator: "&"))
        #expect(many.isValid)
        let manyBad = try post("name=a&" + (0..<20_000).map { _ in "ids=x" }.joined(separator: "&"))
        #expect(manyBad.errors.count == 20_000)
    }

    @Test("a body that is not UTF-8 is an error")
    func notUTF8() throws {
        let result = try contract().validateRequest(
            method: "POST", url: "/form", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: [0x6E, 0x3D, 0xFF])
        #expect(ExchangeTestKit.locations(result) == ["/request/body"])
    }
}
