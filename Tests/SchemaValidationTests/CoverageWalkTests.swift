import Foundation
import SchemaValidation
import SpecSource
import Testing

/// `Schema.outline()` and `Schema.coverageFacts(of:)`: what a schema declares and what one
/// instance exercised in it.
@Suite("Coverage walk")
struct CoverageWalkTests {
    static let pet = """
        {"$ref": "#/$defs/Pet", "$defs": {
          "Pet": {"type": "object", "required": ["kind"], "properties": {
            "kind": {"enum": ["cat", "dog"]},
            "tags": {"type": "array", "items": {"enum": ["a", "b"]}},
            "owner": {"anyOf": [{"type": "string"}, {"type": "integer"}]}}}}}
        """

    @Test func outlineListsWhatEachSchemaDeclares() throws {
        let outline = try SchemaTestKit.compile(Self.pet).outline()
        #expect(outline.root == "#")
        #expect(outline.nodes["#"]?.inPlace == ["#/$defs/Pet"])
        let pet = try #require(outline.nodes["#/$defs/Pet"])
        #expect(pet.properties.map(\.name) == ["kind", "tags", "owner"])
        #expect(pet.properties.map(\.required) == [true, false, false])
        #expect(outline.nodes["#/$defs/Pet/properties/kind"]?.enumValues == [.string("cat"), .string("dog")])
        #expect(outline.nodes["#/$defs/Pet/properties/tags"]?.children.map(\.location) == ["#/$defs/Pet/properties/tags/items"])
        #expect(outline.nodes["#/$defs/Pet/properties/owner"]?.choices.first?.branches.count == 2)
    }

    @Test func factsOfOneInstance() throws {
        let schema = try SchemaTestKit.compile(Self.pet)
        let facts = schema.coverageFacts(of: try SchemaTestKit.json(#"{"kind": "dog", "tags": ["b", "z"], "owner": 7}"#))
        #expect(
            facts == [
                .property(schema: "#/$defs/Pet", name: "kind", present: true),
                .property(schema: "#/$defs/Pet", name: "tags", present: true),
                .property(schema: "#/$defs/Pet", name: "owner", present: true),
                .enumValue(schema: "#/$defs/Pet/properties/kind", value: .string("dog")),
                // "z" is not one of the enum's values: nothing to count.
                .enumValue(schema: "#/$defs/Pet/properties/tags/items", value: .string("b")),
                .branch(schema: "#/$defs/Pet/properties/owner", keyword: "anyOf", branch: 1),
            ])
        let missing = schema.coverageFacts(of: try SchemaTestKit.json(#"{"owner": true}"#))
        #expect(missing.contains(.property(schema: "#/$defs/Pet", name: "kind", present: false)))
        // No branch matched a boolean.
        #expect(!missing.contains { if case .branch = $0 { true } else { false } })
    }

    @Test func sharedSubschemasAreWalkedOncePerValue() throws {
        // A chain of 40 allOf: [next, next]: 2^40 paths reach the last schema at the root.
        var defs: [String] = []
        for i in 0..<40 { defs.append(##""S\##(i)": {"allOf": [{"$ref": "#/$defs/S\##(i + 1)"}, {"$ref": "#/$defs/S\##(i + 1)"}]}"##) }
        defs.append(#""S40": {"properties": {"x": {"enum": [1]}}}"#)
        let schema = try SchemaTestKit.compile(##"{"$ref": "#/$defs/S0", "$defs": {\##(defs.joined(separator: ","))}}"##)
        let start = Date()
        let facts = schema.coverageFacts(of: try SchemaTestKit.json(#"{"x": 1}"#))
        #expect(Date().timeIntervalSince(start) < 5)
        let expected: Set<SchemaCoverageFact> = [
            .property(schema: "#/$defs/S40", name: "x", present: true),
            .enumValue(schema: "#/$defs/S40/properties/x", value: .number(JSONNumber(1))),
        ]
        #expect(facts == expected)
    }
}
