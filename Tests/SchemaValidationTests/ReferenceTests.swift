import Foundation
import SchemaValidation
import SpecSource
import Testing

@Suite("$ref resolution")
struct ReferenceTests {
    /// A fresh temporary folder, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spec-check-ref-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func localPointerWithEscapesAndPercentEncoding() throws {
        let schema = try SchemaTestKit.compile(
            #"""
            {"$defs":{"a/b%c":{"type":"integer"},"t~x":{"type":"string"},"sp ace":{"minimum":3}},
             "properties":{"p":{"$ref":"#/$defs/a~1b%25c"},"q":{"$ref":"#/$defs/t~0x"},"r":{"$ref":"#/$defs/sp%20ace"}}}
            """#)
        #expect(try SchemaTestKit.validate(schema, #"{"p":1,"q":"s","r":4}"#).isValid)
        let result = try SchemaTestKit.validate(schema, #"{"p":"x","q":1,"r":2}"#)
        #expect(result.errors.map(\.instanceLocation) == ["/p", "/q", "/r"])
        #expect(
            result.errors.map(\.absoluteKeywordLocation) == [
                "urn:spec-check:schema#/$defs/a~1b%25c/type", "urn:spec-check:schema#/$defs/t~0x/type",
                "urn:spec-check:schema#/$defs/sp%20ace/minimum",
            ])
        #expect(result.errors.first?.keywordLocation == "/properties/p/$ref/type")
    }

    @Test func refIntoAnotherFileResolvesRelativeToTheReferringFile() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(
            #"{"type":"object","properties":{"item":{"$ref":"sub/item.json#/$defs/item"}}}"#, to: dir.appendingPathComponent("main.json"))
        // `limits.json` next to item.json must win over the decoy next to main.json.
        try Self.write(#"{"$defs":{"item":{"properties":{"n":{"$ref":"limits.json"}}}}}"#, to: dir.appendingPathComponent("sub/item.json"))
        try Self.write(#"{"type":"integer","maximum":10}"#, to: dir.appendingPathComponent("sub/limits.json"))
        try Self.write(#"{"type":"string"}"#, to: dir.appendingPathComponent("limits.json"))
        let schema = try Schema.load(contentsOf: dir.appendingPathComponent("main.json").path)
        #expect(try SchemaTestKit.validate(schema, #"{"item":{"n":5}}"#).isValid)
        let result = try SchemaTestKit.validate(schema, #"{"item":{"n":11}}"#)
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.instanceLocation == "/item/n")
        #expect(error.keywordLocation == "/properties/item/$ref/properties/n/$ref/maximum")
        #expect(error.source.file.path.hasSuffix("sub/limits.json"))
        #expect(error.source.line == 1)
        // An absolute URI (2020-12 core §12.3.2): the file that holds the keyword, not main.json.
        #expect(
            error.absoluteKeywordLocation == SchemaGraphBuilder.fileURI(forPath: dir.appendingPathComponent("sub/limits.json").path)
                + "#/maximum")
    }

    @Test func missingFileIsAnUnresolvedReference() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write("{\"$ref\": \"nowhere.json\"}", to: dir.appendingPathComponent("main.json"))
        do {
            _ = try Schema.load(contentsOf: dir.appendingPathComponent("main.json").path)
            Issue.record("expected an unresolved reference")
        } catch {
            #expect(error.errors.map(\.code) == ["ref.unresolved"])
            #expect(error.errors.first?.location.line == 1)
            #expect(error.errors.first?.location.column == 10)
        }
    }

    @Test func idAndAnchorReferences() throws {
        let schema = try SchemaTestKit.compile(
            #"""
            {"$id":"https://example.com/root.json",
             "$defs":{"item":{"$id":"item.json","type":"object","properties":{"n":{"$ref":"#pos"}},
                              "$defs":{"p":{"$anchor":"pos","minimum":0}}},
                      "named":{"$anchor":"named","type":"string"}},
             "properties":{"a":{"$ref":"item.json"},"b":{"$ref":"https://example.com/item.json#pos"},"c":{"$ref":"#named"}}}
            """#)
        #expect(try SchemaTestKit.validate(schema, #"{"a":{"n":1},"b":0,"c":"x"}"#).isValid)
        let result = try SchemaTestKit.validate(schema, #"{"a":{"n":-1},"b":-2,"c":3}"#)
        #expect(result.errors.map(\.instanceLocation) == ["/a/n", "/b", "/c"])
        #expect(result.errors.map(\.keyword) == ["minimum", "minimum", "type"])
    }

    @Test func registeredDocument() throws {
        var resolver = ReferenceResolver()
        resolver.register(
            try SchemaTestKit.json(#"{"$defs":{"name":{"type":"string","minLength":1}}}"#), at: "https://schemas.example/common.json")
        #expect(resolver.hasDocument(at: "https://schemas.example/common.json#/anything"))
        let schema = try SchemaTestKit.compile(
            #"{"properties":{"name":{"$ref":"https://schemas.example/common.json#/$defs/name"}}}"#,
            options: SchemaOptions(resolver: resolver))
        #expect(try SchemaTestKit.validate(schema, #"{"name":"x"}"#).isValid)
        let result = try SchemaTestKit.validate(schema, #"{"name":""}"#)
        #expect(result.errors.map(\.keyword) == ["minLength"])
        // Without the registration, nothing is fetched: the reference is a compile error.
        let errors = try SchemaTestKit.compileErrors(#"{"$ref":"https://schemas.example/common.json#/$defs/name"}"#)
        #expect(errors?.map(\.code) == ["ref.unresolved"])
    }

    @Test func mappedURLPrefix() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(#"{"type":"integer"}"#, to: dir.appendingPathComponent("integer.json"))
        try Self.write(#"{"items":{"$ref":"integer.json"}}"#, to: dir.appendingPathComponent("nested/list.json"))
        try Self.write(#"{"type":"integer"}"#, to: dir.appendingPathComponent("nested/integer.json"))
        var resolver = ReferenceResolver()
        resolver.map(prefix: "http://localhost:1234/", toDirectory: dir.path)
        let schema = try SchemaTestKit.compile(
            #"{"properties":{"n":{"$ref":"http://localhost:1234/integer.json"},"l":{"$ref":"http://localhost:1234/nested/list.json"}}}"#,
            options: SchemaOptions(resolver: resolver))
        #expect(try SchemaTestKit.validate(schema, #"{"n":1,"l":[1,2]}"#).isValid)
        let result = try SchemaTestKit.validate(schema, #"{"n":"1","l":[1,"2"]}"#)
        #expect(result.errors.map(\.instanceLocation) == ["/n", "/l/1"])
    }

    static let tree = #"""
        {"$defs":{"node":{"type":"object","required":["value"],
           "properties":{"value":{"type":"integer"},"children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}},
         "$ref":"#/$defs/node"}
        """#

    static func nested(depth: Int, leaf: String) -> String {
        var text = leaf
        for i in 0..<depth { text = #"{"value":\#(i),"children":[\#(text)]}"# }
        return text
    }

    @Test func recursiveSchemaValidatesNestedData() throws {
        let schema = try SchemaTestKit.compile(Self.tree)
        #expect(try SchemaTestKit.validate(schema, Self.nested(depth: 40, leaf: #"{"value":1}"#)).isValid)
        let result = try SchemaTestKit.validate(schema, Self.nested(depth: 40, leaf: #"{"value":"deep"}"#))
        #expect(result.errors.count == 1)
        let location = try #require(result.errors.first?.instanceLocation)
        #expect(location == String(repeating: "/children/0", count: 40) + "/value")
        #expect(result.errors.first?.absoluteKeywordLocation == "urn:spec-check:schema#/$defs/node/properties/value/type")
        let missing = try SchemaTestKit.validate(schema, Self.nested(depth: 3, leaf: "{}"))
        #expect(missing.errors.map(\.instanceLocation) == ["/children/0/children/0/children/0"])
    }

    @Test func pureReferenceCycleIsACompileError() throws {
        let errors = try #require(
            try SchemaTestKit.compileErrors(##"{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}"##))
        #expect(errors.contains { $0.code == "ref.cycle" })
        #expect(errors.allSatisfy { $0.code == "ref.cycle" })
    }

    @Test func unresolvableReferencesAreAllReportedAtOnce() throws {
        let text = """
            type: object
            properties:
              a:
                $ref: '#/$defs/missing'
              b:
                $ref: '#/$defs/ok'
              c:
                $ref: 'https://nowhere.example/x.json'
              d:
                $ref: '#/$defs/also-missing'
            $defs:
              ok: {type: string}
            """
        let value = try SchemaTestKit.yaml(text, file: "unresolvable-refs.yaml")
        do {
            _ = try Schema.compile(value)
            Issue.record("expected unresolvable references")
        } catch {
            #expect(error.errors.count == 3)
            #expect(error.errors.allSatisfy { $0.code == "ref.unresolved" })
            #expect(error.errors.map(\.location.line) == [4, 8, 10])
            #expect(error.errors.allSatisfy { $0.location.column == 11 })
            #expect(error.errors.allSatisfy { $0.location.file.path == "unresolvable-refs.yaml" })
            #expect(error.errors.first?.message.contains("#/$defs/missing") == true)
        }
    }

    /// A schema that applies itself to the same instance location never ends (JSON Schema leaves it
    /// undefined): a compile error at the `$ref` that closes the loop, not a verdict on instances.
    @Test(arguments: [
        (##"{"allOf":[{"$ref":"#"}]}"##, 12), (##"{"anyOf":[{"type":"string"},{"$ref":"#"}]}"##, 30),
        (##"{"$defs":{"a":{"not":{"$ref":"#/$defs/b"}},"b":{"if":{"$ref":"#/$defs/a"}}},"$ref":"#/$defs/a"}"##, 55),
    ])
    func selfApplicationWithoutProgressIsACompileError(_ schema: String, column: UInt32) throws {
        let errors = try #require(try SchemaTestKit.compileErrors(schema))
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.code == "ref.cycle")
        #expect(errors.first?.message.contains("applies itself to the same instance location without consuming it") == true)
        #expect(errors.first?.location.column == column, "\(errors)")
    }

    /// Every keyword that applies subschemas in place closes a loop (the analysis finds each by
    /// its class): `oneOf`, `then`/`else`, `dependentSchemas`, draft 7 `dependencies` and an
    /// OpenAPI `discriminator` beside `oneOf`, besides the cases above.
    @Test(arguments: [
        (##"{"oneOf":[{"type":"string"},{"$ref":"#"}]}"##, nil as Dialect?),
        (##"{"if":true,"then":{"$ref":"#"}}"##, nil), (##"{"if":false,"else":{"$ref":"#"}}"##, nil),
        (##"{"dependentSchemas":{"a":{"$ref":"#"}}}"##, nil),
        (##"{"dependencies":{"a":{"$ref":"#"}}}"##, .draft7),
        (
            ##"{"oneOf":[{"$ref":"#/components/schemas/A"}],"discriminator":{"propertyName":"k"},"components":{"schemas":{"A":{"$ref":"#"}}}}"##,
            .openAPI31
        ),
    ])
    func everyInPlaceApplicatorIsFollowed(_ schema: String, dialect: Dialect?) throws {
        let errors = try #require(try SchemaTestKit.compileErrors(schema, dialect: dialect))
        #expect(errors.map(\.code) == ["ref.cycle"], "\(errors)")
    }

    /// Regression: the depth guard once counted every schema application, so valid data nested
    /// 400 deep under a recursive schema was reported as too deep.
    @Test func deepDataUnderARecursiveSchemaIsValid() throws {
        let schema = try SchemaTestKit.compile(##"{"$defs":{"a":{"type":"array","items":{"$ref":"#/$defs/a"}}},"$ref":"#/$defs/a"}"##)
        let deep = String(repeating: "[", count: 900) + String(repeating: "]", count: 900)
        #expect(try SchemaTestKit.validate(schema, deep).isValid)
        let wrong = String(repeating: "[", count: 900) + "1" + String(repeating: "]", count: 900)
        let result = try SchemaTestKit.validate(schema, wrong)
        #expect(result.errors.map(\.keyword) == ["type"])
        #expect(result.errors.first?.instanceLocation == "/" + Array(repeating: "0", count: 900).joined(separator: "/"))
    }
}
