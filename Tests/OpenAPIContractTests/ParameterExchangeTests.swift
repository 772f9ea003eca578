import HTTPTypes
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Parameters of whole requests: presence, conversion to the schema's types, merging of Path Item
/// and operation parameters, headers, content-described parameters, unknown query parameters.
@Suite("request parameters")
struct ParameterExchangeTests {
    static let yaml = """
        openapi: 3.1.0
        info: {title: params, version: '1'}
        paths:
          /pets:
            parameters:
              - {name: limit, in: query, schema: {type: integer, maximum: 100}}
              - {name: X-Trace, in: header, schema: {type: string}}
            get:
              operationId: listPets
              parameters:
                - {name: tags, in: query, schema: {type: array, items: {type: string}}}
                - {name: ids, in: query, explode: false, schema: {type: array, items: {type: integer}}}
                - {name: verbose, in: query, schema: {type: boolean}}
                - {name: ratio, in: query, schema: {type: number}}
                - {name: either, in: query, schema: {type: [integer, string], enum: [7, 'x']}}
                - {name: code, in: query, schema: {enum: ['007', 'abc']}}
                - {name: X-Request-ID, in: header, required: true, schema: {type: string, format: uuid}}
                - {name: Authorization, in: header, required: true, schema: {type: integer}}
                - {name: Accept, in: header, required: true, schema: {type: integer}}
                - {name: Content-Type, in: header, required: true, schema: {type: integer}}
                - {name: session, in: cookie, schema: {type: integer}}
                - name: filter
                  in: query
                  content:
                    application/json:
                      schema: {type: object, properties: {age: {type: integer}}, required: [age]}
                - {name: empty, in: query, allowEmptyValue: true, schema: {type: integer}}
              responses: {'200': {description: ok}}
            post:
              operationId: createPet
              parameters:
                - {name: limit, in: query, required: true, schema: {type: string, pattern: '^[a-z]+$'}}
              responses: {'201': {description: created}}
          /pets/{petId}:
            get:
              operationId: getPet
              parameters:
                - {name: petId, in: path, required: true, schema: {type: integer, minimum: 1}}
              responses: {'200': {description: ok}}
        """

    static let id = ("X-Request-ID", "9b2e7c1a-3f4d-4e5b-8a6c-1d2e3f4a5b6c")

    func contract() throws -> OpenAPIDocument { try ExchangeTestKit.document(Self.yaml) }

    func get(_ url: String, _ headers: [(name: String, value: String)] = [id], strict: Bool = false) throws -> ExchangeResult {
        try contract().validateRequest(method: "GET", url: url, headers: headers, options: ExchangeOptions(strict: strict))
    }

    @Test("?limit=10 is the integer 10; ?limit=ten names the parameter and the type")
    func integerConversion() throws {
        #expect(try get("/pets?limit=10").isValid)
        let bad = try get("/pets?limit=ten")
        #expect(ExchangeTestKit.locations(bad) == ["/request/query/limit"])
        #expect(bad.errors[0].message.contains("integer"))
        #expect(bad.errors[0].message.contains("ten"))
        // The value is converted before the other keywords apply.
        #expect(ExchangeTestKit.locations(try get("/pets?limit=101")) == ["/request/query/limit"])
        #expect(ExchangeTestKit.locations(try get("/pets?limit=1.5")) == ["/request/query/limit"])
        #expect(ExchangeTestKit.locations(try get("/pets?limit=")) == ["/request/query/limit"])
        // 1.5 for an integer-only schema is reported as the number it is; where string is also
        // declared, the string reading stays (and the schema decides).
        let fraction = try get("/pets?limit=1.5")
        #expect(fraction.errors.first?.message.hasPrefix("expected integer, found number 1.5") == true, "\(fraction.errors)")
        let either = try get("/pets?either=1.5")
        #expect(either.errors.first?.message.contains(#""1.5""#) == true, "\(either.errors)")
    }

    @Test("only true and false are booleans; numbers follow JSON number syntax")
    func booleansAndNumbers() throws {
        #expect(try get("/pets?verbose=true").isValid)
        #expect(try get("/pets?verbose=false").isValid)
        for bad in ["yes", "1", "TRUE", "True"] {
            #expect(ExchangeTestKit.locations(try get("/pets?verbose=\(bad)")) == ["/request/query/verbose"], "\(bad)")
        }
        for good in ["0.5", "-2", "1e3", "10"] { #expect(try get("/pets?ratio=\(good)").isValid, "\(good)") }
        for bad in ["0x10", ".5", "1.", "01", "+1", "NaN"] {
            #expect(ExchangeTestKit.locations(try get("/pets?ratio=\(bad)")) == ["/request/query/ratio"], "\(bad)")
        }
    }

    @Test("type lists and untyped schemas try each reading and let the schema decide")
    func candidateTypes() throws {
        #expect(try get("/pets?either=7").isValid)
        #expect(try get("/pets?either=x").isValid)
        #expect(ExchangeTestKit.locations(try get("/pets?either=8")) == ["/request/query/either"])
        // No type: `007` is not a JSON number, and `abc` only a string.
        #expect(try get("/pets?code=007").isValid)
        #expect(try get("/pets?code=abc").isValid)
        #expect(ExchangeTestKit.locations(try get("/pets?code=7")) == ["/request/query/code"])
    }

    @Test("array items are converted and located: /request/query/ids/2")
    func arrayItems() throws {
        #expect(try get("/pets?ids=1,2,3").isValid)
        // `explode: false` writes one pair: a repeated name is not this parameter's serialization.
        let repeated = try get("/pets?ids=1&ids=2")
        #expect(ExchangeTestKit.locations(repeated) == ["/request/query/ids"])
        #expect(repeated.errors[0].message.contains("only an exploded array may repeat"), "\(repeated.errors[0].message)")
        #expect(repeated.errors[0].code == "parameter.repeated")
        let bad = try get("/pets?ids=1,2,x")
        #expect(ExchangeTestKit.locations(bad) == ["/request/query/ids/2"])
        // Exploded (the default for form): one pair per item; a single pair is a one-item array.
        #expect(try get("/pets?tags=a&tags=b").isValid)
        #expect(try get("/pets?tags=a,b").isValid)
        // A primitive given twice is an error, not a silent pick.
        let twice = try get("/pets?limit=1&limit=2")
        #expect(ExchangeTestKit.locations(twice) == ["/request/query/limit"])
        #expect(twice.errors[0].message.contains("2 times"))
    }

    @Test("required parameters; path-level parameters merged and overridden by name and location")
    func requiredAndMerged() throws {
        let missing = try get("/pets", [])
        #expect(ExchangeTestKit.locations(missing) == ["/request/header/x-request-id"])
        #expect(missing.errors[0].keyword == "required")
        // POST overrides the path-level `limit` (integer) with a required lower-case string.
        let contract = try contract()
        #expect(try contract.validateRequest(method: "POST", url: "/pets?limit=abc").isValid)
        #expect(ExchangeTestKit.locations(try contract.validateRequest(method: "POST", url: "/pets?limit=10")) == ["/request/query/limit"])
        #expect(ExchangeTestKit.locations(try contract.validateRequest(method: "POST", url: "/pets")) == ["/request/query/limit"])
        // The path-level header applies to both operations.
        let list = try contract.operation("listPets")
        #expect(list.parameters.map(\.name).prefix(2) == ["limit", "X-Trace"])
        #expect(try contract.operation("createPet").parameters.map(\.name) == ["limit", "X-Trace"])
    }

    @Test("path parameters are converted; a bad one is at /request/path/{name}")
    func pathParameters() throws {
        #expect(try get("/pets/12").isValid)
        #expect(try get("/pets/12").operation?.operationId == "getPet")
        #expect(ExchangeTestKit.locations(try get("/pets/0")) == ["/request/path/petId"])
        #expect(ExchangeTestKit.locations(try get("/pets/abc")) == ["/request/path/petId"])
    }

    @Test("header names are case-insensitive and reported in lower case; Accept, Content-Type and Authorization parameters are ignored")
    func headers() throws {
        #expect(try get("/pets", [("x-request-id", Self.id.1)]).isValid)
        #expect(try get("/pets", [("X-REQUEST-ID", Self.id.1)]).isValid)
        let bad = try get("/pets", [("X-Request-Id", "not-a-uuid")])
        #expect(ExchangeTestKit.locations(bad) == ["/request/header/x-request-id"])
        // Required, integer-typed Authorization/Accept/Content-Type parameters are ignored.
        #expect(try get("/pets", [Self.id, ("Accept", "application/json"), ("Authorization", "Bearer abc")]).isValid)
    }

    @Test("cookies are read from the Cookie header")
    func cookies() throws {
        #expect(try get("/pets", [Self.id, ("Cookie", "theme=dark; session=42")]).isValid)
        #expect(ExchangeTestKit.locations(try get("/pets", [Self.id, ("Cookie", "session=abc")])) == ["/request/cookie/session"])
    }

    @Test("content-described parameters: JSON in a query parameter")
    func contentParameter() throws {
        #expect(try get("/pets?filter=%7B%22age%22%3A3%7D").isValid)
        let wrong = try get("/pets?filter=%7B%22age%22%3A%22old%22%7D")
        #expect(ExchangeTestKit.locations(wrong) == ["/request/query/filter/age"])
        let notJSON = try get("/pets?filter=%7Bage")
        #expect(ExchangeTestKit.locations(notJSON) == ["/request/query/filter"])
        #expect(notJSON.errors[0].message.contains("not valid JSON"))
    }

    @Test("allowEmptyValue: an empty value means the parameter is unused")
    func allowEmptyValue() throws {
        #expect(try get("/pets?empty=").isValid)
        #expect(try get("/pets?empty").isValid)
        #expect(ExchangeTestKit.locations(try get("/pets?empty=x")) == ["/request/query/empty"])
    }

    @Test("undocumented query parameters are warnings; strict makes them errors")
    func unknownQueryParameters() throws {
        let result = try get("/pets?limit=1&colour=red")
        #expect(result.isValid)
        #expect(result.warnings.map(\.instanceLocation) == ["/request/query/colour"])
        let strict = try get("/pets?limit=1&colour=red", strict: true)
        #expect(ExchangeTestKit.locations(strict) == ["/request/query/colour"])
        #expect(strict.warnings.isEmpty)
    }

    @Test("names compare by their bytes: a canonically equivalent spelling is another name")
    func namesCompareByBytes() throws {
        // "é" precomposed (U+00E9) and decomposed (e, U+0301) are equal Swift strings, but two
        // names to a server, and two members to JSON Schema's `properties`.
        let contract = try ExchangeTestKit.document(
            """
            openapi: 3.1.0
            info: {title: names, version: '1'}
            paths:
              /menu:
                get:
                  parameters:
                    - {name: "cafe\u{301}", in: query, required: true, schema: {type: integer}}
                    - {name: "the\u{301}", in: cookie, required: true, schema: {type: integer}}
                    - name: filter
                      in: query
                      schema: {type: object, properties: {"sucre\u{301}": {type: integer}}, additionalProperties: false}
                  responses: {'200': {description: ok}}
            """)
        func get(_ url: String, cookie: String) throws -> ExchangeResult {
            try contract.validateRequest(method: "GET", url: url, headers: [("Cookie", cookie)])
        }
        #expect(try get("/menu?cafe%CC%81=1&sucre%CC%81=2", cookie: "the\u{301}=2").isValid)
        let other = try get("/menu?caf%C3%A9=1&sucr%C3%A9=2", cookie: "th\u{E9}=2")
        #expect(other.errors.map(\.code) == ["parameter.required", "parameter.required"])
        #expect(
            other.errors.map { Array($0.instanceLocation.utf8) }
                == [Array("/request/query/cafe\u{301}".utf8), Array("/request/cookie/the\u{301}".utf8)])
        // Neither precomposed query name is claimed by a parameter (nor by `filter`'s properties).
        #expect(
            other.warnings.map { Array($0.instanceLocation.utf8) }
                == [Array("/request/query/caf\u{E9}".utf8), Array("/request/query/sucr\u{E9}".utf8)])
    }

    @Test("plain values and HTTPRequest give the same result")
    func httpTypesEntryPoint() throws {
        var request = HTTPRequest(method: .get, scheme: "https", authority: "api.example.com", path: "/pets?limit=ten")
        request.headerFields[HTTPField.Name("X-Request-ID")!] = Self.id.1
        let result = try contract().validate(request: request)
        #expect(ExchangeTestKit.locations(result) == ["/request/query/limit"])
        #expect(result.operation?.operationId == "listPets")
    }

    @Test("an explicit operation is checked against the request's path")
    func explicitOperation() throws {
        let contract = try contract()
        #expect(try contract.validateRequest(method: "GET", url: "/pets/3", operation: "getPet").isValid)
        let mismatch = try contract.validateRequest(method: "GET", url: "/owners/3", operation: "getPet")
        #expect(ExchangeTestKit.locations(mismatch) == ["/request"])
        #expect(throws: ContractError.self) { try contract.validateRequest(method: "GET", url: "/pets", operation: "nope") }
    }
}
