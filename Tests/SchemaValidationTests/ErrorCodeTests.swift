import SpecSource
import Testing

@testable import SchemaValidation

/// Validation errors carry a stable code from the catalogue and an absolute keyword location.
@Suite("error codes and absolute locations")
struct ErrorCodeTests {
    struct CodeCase: Sendable, CustomTestStringConvertible {
        let schema: String
        let instance: String
        let code: String
        let dialect: Dialect?
        var options = SchemaOptions()

        init(_ schema: String, _ instance: String, _ code: String, dialect: Dialect? = nil, options: SchemaOptions = SchemaOptions()) {
            self.schema = schema
            self.instance = instance
            self.code = code
            self.dialect = dialect
            self.options = options
        }

        var testDescription: String { "\(code): \(schema) ← \(instance)" }
    }

    static let cases: [CodeCase] = [
        CodeCase(#"{"type":"string"}"#, "1", "type"),
        CodeCase(#"{"enum":["a"]}"#, #""b""#, "enum"),
        CodeCase(#"{"const":1}"#, "2", "const"),
        CodeCase(#"{"minLength":2}"#, #""a""#, "minLength"),
        CodeCase(#"{"maxItems":0}"#, "[1]", "maxItems"),
        CodeCase(#"{"minProperties":1}"#, "{}", "minProperties"),
        CodeCase(#"{"exclusiveMinimum":1}"#, "1", "exclusiveMinimum"),
        CodeCase(#"{"minimum":1,"exclusiveMinimum":true}"#, "1", "exclusiveMinimum", dialect: .openAPI30),
        CodeCase(#"{"multipleOf":2}"#, "3", "multipleOf"),
        CodeCase(#"{"pattern":"^a"}"#, #""b""#, "pattern"),
        CodeCase(#"{"required":["a"]}"#, "{}", "required"),
        CodeCase(#"{"dependentRequired":{"a":["b"]}}"#, #"{"a":1}"#, "dependentRequired"),
        CodeCase(#"{"dependencies":{"a":["b"]}}"#, #"{"a":1}"#, "dependencies", dialect: .draft7),
        CodeCase(#"{"uniqueItems":true}"#, "[1,1.0]", "uniqueItems"),
        CodeCase(#"{"contains":{"type":"string"}}"#, "[1]", "contains"),
        CodeCase(#"{"contains":{"type":"string"},"minContains":2}"#, #"["a",1]"#, "minContains"),
        CodeCase(#"{"contains":{"type":"string"},"maxContains":1}"#, #"["a","b"]"#, "maxContains"),
        CodeCase(#"{"additionalProperties":false}"#, #"{"a":1}"#, "additionalProperties"),
        CodeCase(#"{"unevaluatedProperties":false}"#, #"{"a":1}"#, "unevaluatedProperties"),
        CodeCase(#"{"prefixItems":[true],"items":false}"#, "[1,2]", "items"),
        CodeCase(#"{"items":[true],"additionalItems":false}"#, "[1,2]", "additionalItems", dialect: .draft7),
        CodeCase(#"{"unevaluatedItems":false}"#, "[1]", "unevaluatedItems"),
        CodeCase(#"{"not":{}}"#, "1", "not"),
        CodeCase(#"{"anyOf":[{"type":"string"},{"type":"boolean"}]}"#, "1", "anyOf"),
        CodeCase(#"{"oneOf":[{"minimum":1},{"maximum":5}]}"#, "3", "oneOf.multiple"),
        CodeCase(#"{"format":"date"}"#, #""2024-13-01""#, "format"),
        CodeCase(#"{"contentEncoding":"base64"}"#, #""*""#, "contentEncoding", dialect: .draft7),
        CodeCase(#"{"contentMediaType":"application/json"}"#, #""{""#, "contentMediaType", dialect: .draft7),
        CodeCase(#"{"properties":{"a":false}}"#, #"{"a":1}"#, "false-schema"),
        // Lookahead runs on the budgeted backtracking engine, which gives up on this input.
        CodeCase(#"{"pattern":"^(?=a)(a+)+$"}"#, "\"" + String(repeating: "a", count: 40) + "!\"", "pattern.gave-up"),
        CodeCase(
            #"{"patternProperties":{"^(?=a)(a+)+$":true}}"#, "{\"" + String(repeating: "a", count: 40) + "!\":1}",
            "patternProperties.gave-up"),
        CodeCase(
            #"{"patternProperties":{"^(?=a)(a+)+$":true},"additionalProperties":false}"#,
            "{\"" + String(repeating: "a", count: 40) + "!\":1}",
            "additionalProperties.gave-up"),
    ]

    @Test(arguments: cases)
    func failingKeywordReportsItsCode(_ c: CodeCase) throws {
        let schema = try SchemaTestKit.compile(c.schema, dialect: c.dialect, options: c.options)
        let result = try SchemaTestKit.validate(schema, c.instance)
        #expect(result.errors.map(\.code).contains(c.code), "\(result.errors.map(\.code))")
    }

    static let discriminatorSchema = """
        {"components":{"schemas":{
          "Pet":{"oneOf":[{"$ref":"#/components/schemas/Cat"},{"$ref":"#/components/schemas/Dog"}],
                 "discriminator":{"propertyName":"kind"}},
          "Cat":{"type":"object","required":["kind"],"properties":{"kind":{"const":"Cat"},"lives":{"type":"integer"}}},
          "Dog":{"type":"object","required":["kind"],"properties":{"kind":{"const":"Dog"}}}}},
         "$ref":"#/components/schemas/Pet"}
        """

    @Test(arguments: [
        (#"{"lives":1}"#, "discriminator.missing"),
        (#"{"kind":"Cow"}"#, "discriminator.unmapped"),
    ])
    func discriminatorCodes(_ instance: String, _ code: String) throws {
        let schema = try SchemaTestKit.compile(Self.discriminatorSchema, dialect: .openAPI31)
        let result = try SchemaTestKit.validate(schema, instance)
        #expect(result.errors.first?.code == code, "\(result)")
        #expect(result.errors.first?.keyword == "discriminator")
    }

    @Test func discriminatorMismatchInStrictMode() throws {
        // Cat's lives is optional and Dog allows any members: {"kind":"Cat"} with a Dog-only shape
        // cannot happen here, so make the value select Dog while the instance only fits Cat.
        let text = """
            {"oneOf":[{"$ref":"#/$defs/Cat"},{"$ref":"#/$defs/Dog"}],"discriminator":{"propertyName":"kind","mapping":{"dog":"#/$defs/Dog"}},
             "$defs":{"Cat":{"properties":{"n":{"type":"integer"}}},"Dog":{"properties":{"n":{"type":"string"}}}}}
            """
        let schema = try SchemaTestKit.compile(text, dialect: .openAPI31, options: SchemaOptions(discriminator: .strict))
        let result = try SchemaTestKit.validate(schema, #"{"kind":"dog","n":1}"#)
        #expect(result.errors.map(\.code).contains("discriminator.mismatch"), "\(result)")
    }

    @Test func readOnlyAndWriteOnlyCodes() throws {
        let schema = try SchemaTestKit.compile(#"{"properties":{"id":{"readOnly":true},"secret":{"writeOnly":true}}}"#)
        let request = SchemaTestKit.validate(schema.directed(.request), try SchemaTestKit.json(#"{"id":1}"#))
        #expect(request.errors.map(\.code) == ["readOnly.present"])
        let response = SchemaTestKit.validate(schema.directed(.response), try SchemaTestKit.json(#"{"secret":"x"}"#))
        #expect(response.errors.map(\.code) == ["writeOnly.present"])
    }

    // MARK: The catalogue's schema part

    @Test func keywordCodesAreNamedAfterTheirKeyword() {
        for definition in KeywordTable.definitions {
            for error in definition.errors {
                #expect(
                    error.code == definition.name || error.code.hasPrefix(definition.name + "."),
                    "\(error.code) declared by \(definition.name)")
                #expect(!error.summary.isEmpty && !error.explanation.isEmpty, "\(error.code)")
            }
        }
        let codes = ErrorCatalogue.schema.map(\.code)
        #expect(Set(codes).count == codes.count, "a code is declared twice")
    }

    /// A keyword that reports errors under its own name (the default code) has a catalogue entry.
    @Test(arguments: [
        "type", "enum", "const", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "pattern", "required",
        "dependentRequired", "dependencies", "uniqueItems", "contains", "additionalProperties", "unevaluatedProperties",
        "unevaluatedItems", "items", "additionalItems", "not", "anyOf", "oneOf", "format",
    ])
    func defaultCodesAreCatalogued(_ keyword: String) {
        #expect(SchemaTestKit.schemaCodes.contains(keyword))
    }

    // MARK: Absolute keyword locations (2020-12 core §12.3.2)

    @Test func absoluteLocationUsesTheBaseURI() throws {
        let schema = try Schema.compile(
            try SchemaTestKit.json(##"{"$defs":{"a":{"minimum":2}},"properties":{"x":{"$ref":"#/$defs/a"}}}"##),
            baseURI: "https://example.com/root.json")
        let error = try #require(schema.validate(try SchemaTestKit.json(#"{"x":1}"#)).errors.first)
        #expect(error.absoluteKeywordLocation == "https://example.com/root.json#/$defs/a/minimum")
        #expect(error.keywordLocation == "/properties/x/$ref/minimum")
    }

    @Test func absoluteLocationIsRelativeToTheEmbeddedResource() throws {
        // The keyword sits in a resource with its own `$id`: its pointer starts at that resource.
        let text =
            #"{"$id":"https://example.com/root.json","$defs":{"a":{"$id":"item.json","properties":{"n":{"type":"string"}}}},"items":{"$ref":"item.json"}}"#
        let schema = try SchemaTestKit.compile(text)
        let error = try #require(try SchemaTestKit.validate(schema, #"[{"n":1}]"#).errors.first)
        #expect(error.absoluteKeywordLocation == "https://example.com/item.json#/properties/n/type")
        #expect(error.instanceLocation == "/0/n")
    }

    @Test func falseSchemaLocationIsTheSchemaItself() throws {
        let schema = try SchemaTestKit.compile(##"{"$defs":{"no":false},"properties":{"a":{"$ref":"#/$defs/no"}}}"##)
        let error = try #require(try SchemaTestKit.validate(schema, #"{"a":1}"#).errors.first)
        #expect(error.code == "false-schema")
        #expect(error.absoluteKeywordLocation == "urn:spec-check:schema#/$defs/no")
    }
}
