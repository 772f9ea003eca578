import SchemaValidation
import SpecSource
import Testing

@Suite("error locations")
struct ErrorLocationTests {
    @Test func instanceLocationEscapesTildeAndSlash() throws {
        let schema = try SchemaTestKit.compile(
            #"{"properties":{"a/b":{"type":"integer"},"c~d":{"type":"integer"},"~/":{"items":{"type":"integer"}}}}"#)
        let result = try SchemaTestKit.validate(schema, #"{"a/b":"x","c~d":"y","~/":[1,"z"]}"#)
        #expect(result.errors.map(\.instanceLocation) == ["/a~1b", "/c~0d", "/~0~1/1"])
        #expect(result.errors.map(\.keywordLocation) == ["/properties/a~1b/type", "/properties/c~0d/type", "/properties/~0~1/items/type"])
    }

    @Test func additionalPropertyNameIsEscaped() throws {
        let schema = try SchemaTestKit.compile(#"{"additionalProperties":false}"#)
        let result = try SchemaTestKit.validate(schema, #"{"x/y~z":1}"#)
        #expect(result.errors.map(\.instanceLocation) == ["/x~1y~0z"])
    }

    @Test func keywordLocationGoesThroughRef() throws {
        let schema = try SchemaTestKit.compile(##"{"properties":{"a":{"$ref":"#/$defs/x"}},"$defs":{"x":{"required":["id"]}}}"##)
        let result = try SchemaTestKit.validate(schema, #"{"a":{}}"#)
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.instanceLocation == "/a")
        #expect(error.keywordLocation == "/properties/a/$ref/required")
        #expect(error.absoluteKeywordLocation == "urn:spec-check:schema#/$defs/x/required")
        #expect(error.keyword == "required")
    }

    @Test func keywordLocationThroughNestedRefsAndCombinators() throws {
        let schema = try SchemaTestKit.compile(
            #"""
            {"$ref":"#/$defs/outer","$defs":{"outer":{"allOf":[{"$ref":"#/$defs/inner"}]},
             "inner":{"properties":{"n":{"maximum":1}}}}}
            """#)
        let result = try SchemaTestKit.validate(schema, #"{"n":2}"#)
        #expect(result.errors.map(\.keywordLocation) == ["/$ref/allOf/0/$ref/properties/n/maximum"])
        #expect(result.errors.map(\.absoluteKeywordLocation) == ["urn:spec-check:schema#/$defs/inner/properties/n/maximum"])
        #expect(result.errors.map(\.instanceLocation) == ["/n"])
    }

    static let yamlSchema = """
        type: object
        properties:
          name:
            type: string
            minLength: 2
          tags:
            type: array
            items:
              enum: [a, b]
        required:
          - name
        """

    @Test func sourcePointsAtTheKeywordKeyInYAML() throws {
        let schema = try Schema.compile(try SchemaTestKit.yaml(Self.yamlSchema, file: "inline-schema.yaml"))
        let result = SchemaTestKit.validate(schema, try SchemaTestKit.json(#"{"name":"x","tags":["a","c"]}"#))
        #expect(result.errors.count == 2)
        let minLength = try #require(result.errors.first { $0.keyword == "minLength" })
        #expect(minLength.source.line == 5)
        #expect(minLength.source.column == 5)
        #expect(minLength.source.file.path == "inline-schema.yaml")
        #expect(minLength.source.description == "inline-schema.yaml:5:5")
        let enumError = try #require(result.errors.first { $0.keyword == "enum" })
        #expect(enumError.instanceLocation == "/tags/1")
        #expect((enumError.source.line, enumError.source.column) == (9, 7))
        let required = try #require(SchemaTestKit.validate(schema, try SchemaTestKit.json("{}")).errors.first)
        #expect(required.keyword == "required")
        #expect((required.source.line, required.source.column) == (10, 1))
        #expect(required.instanceLocation == "")
    }

    @Test func descriptionUsesRootForEmptyLocation() throws {
        let schema = try Schema.compile(try SchemaTestKit.yaml(Self.yamlSchema, file: "described.yaml"))
        let result = SchemaTestKit.validate(schema, try SchemaTestKit.json("{}"))
        #expect(result.errors.first?.description == #"(root): missing required property "name" (described.yaml:10:1)"#)
        #expect(result.failingInstanceLocations == [""])
    }

    @Test func noDuplicateErrorsWhenOneSchemaIsReachedTwice() throws {
        let schema = try SchemaTestKit.compile(
            #"""
            {"$defs":{"id":{"type":"string","minLength":3}},
             "allOf":[{"properties":{"id":{"$ref":"#/$defs/id"}}},{"properties":{"id":{"$ref":"#/$defs/id"}}}],
             "properties":{"id":{"$ref":"#/$defs/id"}}}
            """#)
        let result = try SchemaTestKit.validate(schema, #"{"id":"x"}"#)
        // One keyword failing with one message at one location is one error, reported with the
        // first path that reached it.
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.keywordLocation == "/allOf/0/properties/id/$ref/minLength")
        #expect(result.failingInstanceLocations == ["/id"])
    }

    /// A name that `propertyNames` rejects is located at the name, through any applicator below
    /// `propertyNames`; the value's own errors stay at the value.
    @Test func propertyNameErrorsArePositionedAtTheName() throws {
        let schema = try SchemaTestKit.compile(
            #"{"propertyNames": {"allOf": [{"pattern": "^[a-z]+$"}]}, "additionalProperties": {"type": "integer"}}"#)
        let file = SourceFileID.intern("names.json")
        let instance = try SourceLoader.parse("{\n  \"ok\": 1,\n  \"Bad\": \"x\"\n}", format: .json, file: file)
        let errors = schema.validate(instance).errors
        let name = try #require(errors.first { $0.keyword == "pattern" })
        #expect(name.instanceLocation == "/Bad")
        #expect(name.instancePosition == SourceLocation(file: file, line: 3, column: 3), "\(errors)")
        let value = try #require(errors.first { $0.keyword == "type" })
        #expect(value.instancePosition == SourceLocation(file: file, line: 3, column: 10), "\(errors)")
    }

    @Test func validInstanceHasNoErrorsAndDescription() throws {
        let schema = try SchemaTestKit.compile(#"{"type":"object"}"#)
        let result = try SchemaTestKit.validate(schema, "{}")
        #expect(result.isValid)
        #expect(result.description == "valid")
    }

    @Test(arguments: [
        (#"{"type":"object","required":["a"],"properties":{"a":{"type":"integer"}}}"#, #"{"a":"x"}"#),
        (#"{"items":{"oneOf":[{"type":"string"},{"type":"integer"}]}}"#, #"[1,"a",true,null]"#),
        (#"{"not":{"anyOf":[{"const":1},{"const":2}]}}"#, "2"),
        (#"{"if":{"type":"string"},"then":{"minLength":2},"else":{"minimum":0}}"#, "-1"),
        (#"{"contains":{"const":1},"uniqueItems":true}"#, "[2,2]"),
        (#"{"propertyNames":{"minLength":2},"additionalProperties":{"type":"null"}}"#, #"{"a":1,"bb":null}"#),
    ])
    func isValidAgreesWithValidate(_ schemaText: String, _ instance: String) throws {
        let schema = try SchemaTestKit.compile(schemaText)
        let result = try SchemaTestKit.validate(schema, instance)
        #expect(!result.isValid)
    }
}
