import SpecSource
import Testing

@testable import SchemaValidation

/// A compiled graph is freed with its last `Schema`, cycles and all (found by `scripts/fuzz.sh
/// schema`: the node of every `false` schema, and of every `readOnly`/`writeOnly` schema, kept
/// itself alive through its own keyword site).
@Suite("Schema graph lifetime")
struct GraphLifetimeTests {
    @Test(arguments: [
        "false", #"{"readOnly":true}"#, #"{"writeOnly":true,"properties":{"a":false}}"#,
        ##"{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"type":"string"}},"$ref":"#/$defs/a"}"##,
        ##"{"properties":{"next":{"$ref":"#"}},"additionalProperties":false}"##,
    ])
    func aGraphIsFreedWithItsLastSchema(schema text: String) throws {
        weak var root: SchemaNode?
        weak var graph: SchemaGraph?
        do {
            let schema = try Schema.compile(try SourceLoader.parse(text, format: .json))
            root = schema.root
            graph = schema.graph
            _ = schema.validate(try SourceLoader.parse(#"{"a":1,"next":{}}"#, format: .json))
        }
        #expect(graph == nil)
        #expect(root == nil)
    }
}
