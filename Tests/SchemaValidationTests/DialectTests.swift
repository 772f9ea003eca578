import Foundation
import SchemaValidation
import SpecSource
import Testing

@Suite("dialects")
struct DialectTests {
    static let nullableCases: [KeywordCase] = [
        KeywordCase(#"{"type":"string","nullable":true}"#, "null", true, dialect: .openAPI30),
        KeywordCase(#"{"type":"string","nullable":true}"#, "null", true, dialect: .openAPI31),
        KeywordCase(#"{"type":"string","nullable":true}"#, "null", false, dialect: .draft2020_12, keyword: "type"),
        KeywordCase(#"{"type":"string","nullable":true}"#, "null", false, dialect: .draft7, keyword: "type"),
        KeywordCase(#"{"type":"string","nullable":false}"#, "null", false, dialect: .openAPI30, keyword: "type"),
        KeywordCase(#"{"type":"string","nullable":true}"#, #""x""#, true, dialect: .openAPI30),
        KeywordCase(#"{"type":"string","nullable":true}"#, "1", false, dialect: .openAPI30, keyword: "type"),
        KeywordCase(
            #"{"type":"object","additionalProperties":{"nullable":true}}"#, #"{"a":null,"b":1,"c":"x"}"#, true, dialect: .openAPI31),
    ]

    @Test(arguments: nullableCases)
    func nullable(_ c: KeywordCase) throws { try SchemaTestKit.run(c) }

    /// OpenAPI 3.0.4, Data Types: "both `1` and `1.0` are equivalent, and are both considered to be
    /// integers", although 3.0 builds on draft-wright-00. jsonschema-rs's draft 4 validator (the
    /// differential audit's reference for 3.0 documents) calls `1.0` a non-integer; this pins the
    /// OpenAPI reading, and the `oneOf` shape of DigitalOcean's metric values, where `1.0` must
    /// match the integer branch alone.
    static let zeroFractionIntegerCases: [KeywordCase] = [
        KeywordCase(#"{"type":"integer"}"#, "1.0", true, dialect: .openAPI30),
        KeywordCase(#"{"type":"integer","nullable":true}"#, "2.0", true, dialect: .openAPI30),
        KeywordCase(#"{"oneOf":[{"type":"integer"},{"type":"string"}]}"#, "1.0", true, dialect: .openAPI30),
        KeywordCase(#"{"oneOf":[{"type":"integer"},{"type":"number"}]}"#, "1.0", false, dialect: .openAPI30, keyword: "oneOf"),
        KeywordCase(#"{"type":"integer"}"#, "1.5", false, dialect: .openAPI30, keyword: "type"),
    ]

    @Test(arguments: zeroFractionIntegerCases)
    func zeroFractionIsAnIntegerInOpenAPI30(_ c: KeywordCase) throws { try SchemaTestKit.run(c) }

    @Test func nullableNamesNullInTheTypeMessage() throws {
        let schema = try SchemaTestKit.compile(#"{"type":"integer","nullable":true}"#, dialect: .openAPI30)
        let result = try SchemaTestKit.validate(schema, #""x""#)
        #expect(result.errors.first?.message.contains("integer or null") == true)
    }

    @Test(arguments: [
        ("http://json-schema.org/draft-07/schema#", "draft7"),
        ("https://json-schema.org/draft/2020-12/schema", "2020-12"),
        ("https://json-schema.org/draft/2019-09/schema", "2019-09"),
        ("http://json-schema.org/draft-06/schema#", "draft6"),
        ("http://json-schema.org/draft-04/schema#", "draft4"),
        ("https://spec.openapis.org/oas/3.1/dialect/base", "oas3.1"),
    ])
    func metaSchemaURIs(_ uri: String, _ name: String) throws {
        let dialect = try #require(Dialect(metaSchemaURI: uri))
        #expect(dialect.name == name)
        #expect(Dialect(name: name) == dialect)
    }

    @Test func unknownDialectNames() {
        #expect(Dialect(metaSchemaURI: "https://example.com/my-meta") == nil)
        #expect(Dialect(name: "draft3") == nil)
        #expect(Dialect.all.count == 7)
    }

    @Test func declaredSchemaPicksTheDialect() throws {
        // draft 4: `const` is unknown and boolean exclusiveMinimum is the modifier.
        let draft4 = try SchemaTestKit.compile(
            #"{"$schema":"http://json-schema.org/draft-04/schema#","const":1,"minimum":1,"exclusiveMinimum":true}"#)
        #expect(try SchemaTestKit.validate(draft4, "2").isValid)
        #expect(!(try SchemaTestKit.validate(draft4, "1").isValid))
        // draft 7: if/then work, prefixItems does not.
        let draft7 = try SchemaTestKit.compile(
            #"{"$schema":"http://json-schema.org/draft-07/schema#","if":{"const":1},"then":false,"prefixItems":[false]}"#)
        #expect(!(try SchemaTestKit.validate(draft7, "1").isValid))
        #expect(try SchemaTestKit.validate(draft7, "[2]").isValid)
    }

    /// `Schema.load(contentsOf:dialect:)` documents that `dialect` "overrides the file's `$schema`"
    /// (and the CLI's `--dialect` relies on it).
    @Test func explicitDialectOverridesDeclaredSchema() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spec-check-dialect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("schema.json")
        try #"{"$schema":"http://json-schema.org/draft-04/schema#","const":1}"#.write(to: file, atomically: true, encoding: .utf8)
        let declared = try Schema.load(contentsOf: file.path)
        #expect(try SchemaTestKit.validate(declared, "2").isValid)  // draft 4 has no const
        let forced = try Schema.load(contentsOf: file.path, dialect: .draft2020_12)
        let forcedResult = try SchemaTestKit.validate(forced, "2")
        #expect(!forcedResult.isValid)
    }

    @Test func refSiblingsAreIgnoredBefore2019() throws {
        let text =
            ##"{"$defs":{"s":{"type":"string"}},"definitions":{"s":{"type":"string"}},"properties":{"a":{"$ref":"#/definitions/s","maxLength":1}}}"##
        let draft7 = try SchemaTestKit.compile(text, dialect: .draft7)
        #expect(try SchemaTestKit.validate(draft7, #"{"a":"long"}"#).isValid)
        let oas30 = try SchemaTestKit.compile(text, dialect: .openAPI30)
        #expect(try SchemaTestKit.validate(oas30, #"{"a":"long"}"#).isValid)
        let modern = try SchemaTestKit.compile(text, dialect: .draft2020_12)
        #expect(try SchemaTestKit.validate(modern, #"{"a":"long"}"#).errors.map(\.keyword) == ["maxLength"])
        let oas31 = try SchemaTestKit.compile(text, dialect: .openAPI31)
        #expect(!(try SchemaTestKit.validate(oas31, #"{"a":"long"}"#).isValid))
    }

    @Test func draft4UsesIdForBaseURI() throws {
        var resolver = ReferenceResolver()
        resolver.register(try SchemaTestKit.json(#"{"type":"integer"}"#), at: "https://example.com/schemas/int.json")
        let schema = try SchemaTestKit.compile(
            #"{"id":"https://example.com/schemas/root.json","properties":{"n":{"$ref":"int.json"}}}"#,
            dialect: .draft4, options: SchemaOptions(resolver: resolver))
        #expect(try SchemaTestKit.validate(schema, #"{"n":1}"#).isValid)
        #expect(!(try SchemaTestKit.validate(schema, #"{"n":"x"}"#).isValid))
    }

    @Test func nonSchemaValueIsACompileError() throws {
        let errors = try #require(try SchemaTestKit.compileErrors(#"{"properties":{"a":3}}"#))
        #expect(errors.first?.code == "schema.invalid")
    }
}
