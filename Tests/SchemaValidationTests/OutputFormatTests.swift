import SchemaValidation
import SpecSource
import Testing

/// The JSON Schema output formats (2020-12 core §12.4) built from a ``ValidationResult``.
@Suite("JSON Schema output formats")
struct OutputFormatTests {
    /// The example of 2020-12 core §12.4: a polygon of points.
    static let polygon = """
        {
          "$id": "https://example.com/polygon",
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$defs": {
            "point": {
              "type": "object",
              "properties": {"x": {"type": "number"}, "y": {"type": "number"}},
              "additionalProperties": false,
              "required": ["x", "y"]
            }
          },
          "type": "array",
          "items": {"$ref": "#/$defs/point"},
          "minItems": 3
        }
        """

    func result(_ schema: String, _ instance: String) throws -> ValidationResult {
        try Schema.compile(try SchemaTestKit.json(schema)).validate(try SchemaTestKit.json(instance))
    }

    @Test func detailedNestsTheSpecificationExample() throws {
        let result = try result(Self.polygon, #"[{"x": 2.5, "y": 1.3}, {"x": 1, "z": 6.7}]"#)
        let detailed = result.detailedOutput
        #expect(!detailed.valid && detailed.keywordLocation == "" && detailed.instanceLocation == "")
        #expect(detailed.errors.count == 2)
        let point = try #require(detailed.errors.first { $0.keywordLocation == "/items/$ref" })
        #expect(point.instanceLocation == "/1")
        #expect(point.absoluteKeywordLocation == "https://example.com/polygon#/$defs/point")
        #expect(point.error == nil)
        #expect(Set(point.errors.map(\.keywordLocation)) == ["/items/$ref/required", "/items/$ref/additionalProperties"])
        #expect(Set(point.errors.map(\.instanceLocation)) == ["/1", "/1/z"])
        #expect(
            point.errors.allSatisfy {
                !$0.valid && $0.error != nil && $0.absoluteKeywordLocation?.hasPrefix("https://example.com/polygon#/$defs/point/") == true
            })
        let minItems = try #require(detailed.errors.first { $0.keywordLocation == "/minItems" })
        #expect(minItems.instanceLocation == "" && minItems.error != nil && minItems.errors.isEmpty)
    }

    @Test func basicListsEveryErrorFlat() throws {
        let result = try result(Self.polygon, #"[{"x": 2.5, "y": 1.3}, {"x": 1, "z": 6.7}]"#)
        let basic = result.basicOutput
        #expect(!basic.valid && basic.keywordLocation == "" && basic.instanceLocation == "" && basic.error == nil)
        #expect(basic.errors.count == result.errors.count && basic.errors.count == 3)
        for (unit, error) in zip(basic.errors, result.errors) {
            #expect(unit.keywordLocation == error.keywordLocation && unit.instanceLocation == error.instanceLocation)
            #expect(unit.absoluteKeywordLocation == error.absoluteKeywordLocation && unit.error == error.message && unit.errors.isEmpty)
        }
        let json = result.output(.basic)
        #expect(json["errors"]?.arrayValue?.count == 3)
        #expect(json.objectValue?.keys == ["valid", "keywordLocation", "instanceLocation", "errors"])
    }

    @Test func validResultsAreTheRootUnit() throws {
        let result = try result(Self.polygon, #"[{"x": 1, "y": 2}, {"x": 1, "y": 2}, {"x": 1, "y": 2}]"#)
        #expect(result.output(.flag).description == #"{"valid":true}"#)
        #expect(result.output(.basic).description == #"{"valid":true,"keywordLocation":"","instanceLocation":""}"#)
        #expect(result.output(.detailed).description == #"{"valid":true,"keywordLocation":"","instanceLocation":""}"#)
        let invalid = try self.result(Self.polygon, "[]")
        #expect(invalid.output(.flag).description == #"{"valid":false}"#)
    }

    @Test func aLoneErrorIsTheWholeDetailedOutput() throws {
        let result = try result(#"{"properties": {"a": {"properties": {"b": {"type": "string"}}}}}"#, #"{"a": {"b": 1}}"#)
        let detailed = result.detailedOutput
        #expect(detailed.keywordLocation == "/properties/a/properties/b/type")
        #expect(detailed.instanceLocation == "/a/b")
        #expect(detailed.error != nil && detailed.errors.isEmpty)
    }

    @Test func siblingsGroupUnderTheirSubschemaAtItsInstanceLocation() throws {
        let schema = #"{"properties": {"a": {"properties": {"b": {"type": "string"}, "c": {"type": "string"}}}}, "required": ["z"]}"#
        let detailed = try result(schema, #"{"a": {"b": 1, "c": 2}}"#).detailedOutput
        #expect(detailed.errors.count == 2)
        let a = try #require(detailed.errors.first { $0.keywordLocation == "/properties/a" })
        #expect(a.instanceLocation == "/a")
        #expect(a.absoluteKeywordLocation == "urn:spec-check:schema#/properties/a")
        #expect(a.errors.map(\.instanceLocation).sorted() == ["/a/b", "/a/c"])
    }

    @Test func itemsOfArraysAndCombinatorsNestByIndex() throws {
        let schema = #"{"items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}}"#
        let detailed = try result(schema, #"[true, 1, null]"#).detailedOutput
        // Two failing items, each the anyOf failure and the errors of the branch it shows (anyOf/0),
        // grouped under the items subschema at the item's location.
        #expect(detailed.errors.map(\.instanceLocation) == ["/0", "/2"], "\(detailed.jsonValue)")
        for item in detailed.errors {
            #expect(item.keywordLocation == "/items" && item.absoluteKeywordLocation == "urn:spec-check:schema#/items")
            #expect(Self.leaves(item).map(\.keywordLocation) == ["/items/anyOf", "/items/anyOf/0/type"], "\(item.jsonValue)")
            #expect(Self.leaves(item).allSatisfy { $0.instanceLocation == item.instanceLocation })
        }
    }

    func annotated(_ schema: String, _ instance: String) throws -> ValidationResult {
        try Schema.compile(try SchemaTestKit.json(schema)).validate(try SchemaTestKit.json(instance), collectingAnnotations: true)
    }

    @Test func anInvalidResultHasNoAnnotationsMember() throws {
        let invalid = try annotated(#"{"type": "string", "readOnly": true}"#, "1")
        #expect(invalid.output(.basic)["annotations"] == nil && invalid.output(.detailed)["annotations"] == nil)
        #expect(invalid.output(.basic)["errors"]?.arrayValue?.count == 1)
    }

    @Test func basicListsAnnotationUnits() throws {
        let result = try annotated(#"{"title": "t", "properties": {"a": {"readOnly": true}}}"#, #"{"a": 1}"#)
        let basic = result.basicOutput
        #expect(basic.valid && basic.errors.isEmpty && basic.annotations.count == 3)
        #expect(basic.annotations.allSatisfy { $0.valid && $0.annotation != nil && $0.absoluteKeywordLocation != nil })
        let json = result.output(.basic)
        #expect(json.objectValue?.keys == ["valid", "keywordLocation", "instanceLocation", "annotations"])
        let readOnly = try #require(json["annotations"]?.arrayValue?.last)
        #expect(
            readOnly.description
                == #"{"valid":true,"keywordLocation":"/properties/a/readOnly","#
                + #""absoluteKeywordLocation":"urn:spec-check:schema#/properties/a/readOnly","instanceLocation":"/a","annotation":true}"#
        )
    }

    @Test func detailedNestsAnnotationsBySubschema() throws {
        let schema =
            ##"{"title": "root", "properties": {"a": {"title": "A", "description": "d"}, "b": {"$ref": "#/$defs/b"}}, "##
            + ##""$defs": {"b": {"title": "B"}}}"##
        let detailed = try annotated(schema, #"{"a": 1, "b": 2}"#).detailedOutput
        #expect(detailed.valid && detailed.keywordLocation == "" && detailed.errors.isEmpty)
        #expect(detailed.annotations.map(\.keywordLocation) == ["/title", "/properties", "/properties/a", "/properties/b/$ref/title"])
        let a = detailed.annotations[2]
        #expect(a.valid && a.instanceLocation == "/a" && a.annotation == nil)
        #expect(a.absoluteKeywordLocation == "urn:spec-check:schema#/properties/a")
        #expect(a.annotations.map(\.keywordLocation) == ["/properties/a/title", "/properties/a/description"])
        // The lone annotation below `/properties/b` replaces its group, keeping its own absolute location.
        #expect(detailed.annotations[3].instanceLocation == "/b")
        #expect(detailed.annotations[3].absoluteKeywordLocation == "urn:spec-check:schema#/$defs/b/title")
        #expect(detailed.annotations[1].annotation == .array([.string("a"), .string("b")]))
    }

    static func leaves(_ unit: OutputUnit) -> [OutputUnit] {
        unit.error != nil ? [unit] : unit.errors.flatMap(leaves)
    }
}
