import SpecSource
import Testing

@testable import SchemaValidation

/// `SchemaNode.isPlain`: the walk goes straight to a node's keywords only when the node is not a
/// boolean schema, collects no annotations and declares no `readOnly`/`writeOnly` names; the
/// flag follows those properties as compilation sets them.
@Suite("plain schema nodes")
struct PlainNodeTests {
    @Test func aSchemaOfKeywordsIsPlain() throws {
        let schema = try SchemaTestKit.compile(#"{"type":"object","properties":{"a":{"type":"integer"}}}"#)
        #expect(schema.root.isPlain)
        #expect(schema.isValid(try SchemaTestKit.json(#"{"a":1}"#)))
        #expect(!schema.isValid(try SchemaTestKit.json(#"{"a":"1"}"#)))
    }

    @Test(arguments: [("true", true), ("false", false), ("{}", true)])
    func booleanSchemasAreNot(_ text: String, _ verdict: Bool) throws {
        let schema = try SchemaTestKit.compile(text)
        #expect(!schema.root.isPlain)
        #expect(schema.isValid(try SchemaTestKit.json("1")) == verdict)
    }

    @Test func annotationCollectingSchemasAreNot() throws {
        let schema = try SchemaTestKit.compile(#"{"properties":{"a":true},"unevaluatedProperties":false}"#)
        #expect(!schema.root.isPlain)
        #expect(schema.isValid(try SchemaTestKit.json(#"{"a":1}"#)))
        #expect(!schema.isValid(try SchemaTestKit.json(#"{"a":1,"b":2}"#)))
    }

    @Test func schemasDeclaringReadOnlyNamesAreNot() throws {
        let schema = try SchemaTestKit.compile(#"{"properties":{"id":{"readOnly":true},"n":{}},"required":["id","n"]}"#)
        #expect(!schema.root.isPlain)
        #expect(schema.directed(.request).isValid(try SchemaTestKit.json(#"{"n":1}"#)))
        #expect(!schema.directed(.response).isValid(try SchemaTestKit.json(#"{"n":1}"#)))
        #expect(!schema.isValid(try SchemaTestKit.json(#"{"n":1}"#)))
    }
}
