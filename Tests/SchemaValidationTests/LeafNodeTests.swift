import Foundation
import SpecSource
import Testing

@testable import SchemaValidation

/// A plain node whose keywords are all context-free (`SchemaNode.isLeaf`, planned by
/// `KeywordFusion`) is checked without a descent's bookkeeping by the yes/no walk: the verdicts
/// are those of the descent.
@Suite("leaf nodes")
struct LeafNodeTests {
    /// The schema of property `a` of the root.
    static func propertyNode(_ schema: Schema) -> SchemaNode? {
        let properties = schema.root.keywords.lazy.compactMap { $0 as? PropertiesKeyword }.first
        return properties?.entries.first { $0.name == "a" }?.schema
    }

    @Test(arguments: [
        (#"{"properties":{"a":{"type":"string","maxLength":3,"pattern":"^x"}}}"#, true),
        (#"{"properties":{"a":{"enum":[1,2],"const":1,"minimum":0,"multipleOf":1}}}"#, true),
        (#"{"properties":{"a":{"format":"uri","uniqueItems":true,"minItems":1}}}"#, true),
        (#"{"properties":{"a":{"title":"no assertion"}}}"#, false),  // the constant `true`, not walked at all
        (#"{"properties":{"a":{"type":"object","required":["b"]}}}"#, false),
        (#"{"properties":{"a":{"items":{"type":"number"}}}}"#, false),
        (##"{"properties":{"a":{"$ref":"#/$defs/n"}},"$defs":{"n":{"type":"number"}}}"##, false),
        (#"{"properties":{"a":{"type":"object","unevaluatedProperties":false}}}"#, false),
        // `readOnly` is the parent's to check (through its `properties`): the node stays a leaf.
        (#"{"properties":{"a":{"type":"string","readOnly":true}}}"#, true),
        (#"{"properties":{"a":{"type":"object","properties":{"b":{"readOnly":true}}}}}"#, false),
        (#"{"properties":{"a":{"type":"string","not":false}}}"#, false),
        (#"{"properties":{"a":false}}"#, false),
    ])
    func onlyContextFreeKeywordsMakeALeaf(_ text: String, _ leaf: Bool) throws {
        let node = try #require(Self.propertyNode(try SchemaTestKit.compile(text)))
        #expect(node.isLeaf == leaf)
    }

    @Test func openAPI30NullableIsALeaf() throws {
        let schema = try SchemaTestKit.compile(#"{"properties":{"a":{"type":"string","nullable":true}}}"#, dialect: .openAPI30)
        #expect(Self.propertyNode(schema)?.isLeaf == true)
        #expect(schema.isValid(try SchemaTestKit.json(#"{"a":null}"#)))
        #expect(!schema.isValid(try SchemaTestKit.json(#"{"a":1}"#)))
    }

    /// The same schema with `not: false` beside the leaf's keywords: it never fails, and keeps
    /// the descent.
    static let pairs: [(leaf: String, written: String)] = [
        (#"{"properties":{"a":{"type":"integer","minimum":2}}}"#, #"{"properties":{"a":{"type":"integer","minimum":2,"not":false}}}"#),
        (
            #"{"items":{"enum":["x","y"]},"unevaluatedItems":false}"#,
            #"{"items":{"enum":["x","y"],"not":false},"unevaluatedItems":false}"#
        ),
        (
            #"{"properties":{"a":{"type":"string"}},"unevaluatedProperties":false}"#,
            #"{"properties":{"a":{"type":"string","not":false}},"unevaluatedProperties":false}"#
        ),
        (
            ##"{"allOf":[{"$ref":"#/$defs/s"}],"properties":{"a":true},"unevaluatedProperties":false,"$defs":{"s":{"type":"object"}}}"##,
            ##"{"allOf":[{"$ref":"#/$defs/s"}],"properties":{"a":true},"unevaluatedProperties":false,"$defs":{"s":{"type":"object","not":false}}}"##
        ),
        (
            #"{"properties":{"a":{"pattern":"^[a-z]+$","format":"email"}},"additionalProperties":{"type":"boolean"}}"#,
            #"{"properties":{"a":{"pattern":"^[a-z]+$","format":"email","not":false}},"additionalProperties":{"type":"boolean"}}"#
        ),
    ]

    static let instances = [
        "{}", #"{"a":1}"#, #"{"a":3}"#, #"{"a":"x"}"#, #"{"a":"a@b.c"}"#, #"{"a":"abc"}"#, #"{"a":3,"b":true}"#, #"{"b":1}"#,
        #"["x","y"]"#, #"["x","z"]"#, "[]", "5", "null",
    ]

    @Test(arguments: pairs.indices, instances)
    func verdictsAgreeWithDescending(_ pair: Int, _ instance: String) throws {
        let leaf = try SchemaTestKit.compile(Self.pairs[pair].leaf)
        let written = try SchemaTestKit.compile(Self.pairs[pair].written)
        SchemaTestKit.expectSameOutcome(leaf, as: written, on: try SchemaTestKit.json(instance))
    }

    /// At the depth limit a leaf fails as the descent would: objects nested so that the leaf is
    /// the first schema application past the limit, or the last one within it, get the same
    /// verdict either way, through a property (a child) and through a `$ref` (in place).
    @Test func theDepthLimitStillApplies() throws {
        func schema(_ leaf: String) throws -> Schema {
            try SchemaTestKit.compile(
                ##"{"properties":{"next":{"$ref":"#"},"leaf":\##(leaf),"viaRef":{"$ref":"#/$defs/leaf"}},"$defs":{"leaf":\##(leaf)}}"##
            )
        }
        let leaf = try schema(#"{"type":"integer"}"#)
        let written = try schema(#"{"type":"integer","not":false}"#)
        let list = SchemaTestKit.verdictsNearTheDepthLimit(
            leaf, written, levels: 2_495...2_502, keys: ["leaf", "viaRef"], innermost: JSONValue(.number(JSONNumber(1))))
        #expect(list.count == 16)
        #expect(list.allSatisfy { $0.fast == $0.reference }, "\(list)")
        #expect(list.first?.fast == true && list.last?.fast == false, "the levels straddle the limit: \(list)")
    }
}
