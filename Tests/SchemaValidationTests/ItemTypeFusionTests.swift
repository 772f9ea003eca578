import Foundation
import SpecSource
import Testing

@testable import SchemaValidation

/// `items` whose schema is only a `type` tests each item's type in place in the yes/no walk
/// (`ItemsKeyword.itemTypes`, planned by `KeywordFusion`): the verdicts are those of descending.
@Suite("item type fusion")
struct ItemTypeFusionTests {
    static func itemsKeyword(_ schema: Schema) -> ItemsKeyword? {
        schema.root.keywords.lazy.compactMap { $0 as? ItemsKeyword }.first
    }

    @Test(arguments: [
        (#"{"items":{"type":"number"}}"#, true),
        (#"{"items":{"type":["string","null"]}}"#, true),
        (#"{"items":{"type":"number","minimum":0}}"#, false),
        (##"{"items":{"$ref":"#/$defs/n"},"$defs":{"n":{"type":"number"}}}"##, false),
        (#"{"items":{"type":"object","unevaluatedProperties":false}}"#, false),
        (#"{"items":{"properties":{"a":{"readOnly":true}},"type":"object"}}"#, false),
        (#"{"items":true}"#, false),
    ])
    func onlyATypeIsTestedInPlace(_ text: String, _ fused: Bool) throws {
        let keyword = try #require(Self.itemsKeyword(try SchemaTestKit.compile(text)))
        #expect((keyword.itemTypes != nil) == fused)
    }

    /// The same schema with `not: false` beside the `type`: it never fails, and keeps the descent
    /// (a keyword that only tests the value, such as `minimum`, would make the item schema a leaf
    /// node, which skips the descent too; see `LeafNodeTests`).
    static let pairs: [(fused: String, written: String)] = [
        (#"{"items":{"type":"integer"}}"#, #"{"items":{"type":"integer","not":false}}"#),
        (#"{"items":{"type":["string","null"]}}"#, #"{"items":{"type":["string","null"],"not":false}}"#),
        (
            #"{"prefixItems":[{"type":"string"}],"items":{"type":"number"}}"#,
            #"{"prefixItems":[{"type":"string"}],"items":{"type":"number","not":false}}"#
        ),
        (
            #"{"items":{"type":"array","items":{"type":"number"}},"unevaluatedItems":false}"#,
            #"{"items":{"type":"array","items":{"type":"number","not":false}},"unevaluatedItems":false}"#
        ),
    ]

    static let instances = [
        "[]", "[1]", "[1,2.0,3]", "[1,2.5]", #"["a",1]"#, #"["a",null]"#, "[null]", "[[1,2],[3]]", #"[[1,"x"]]"#, "{}", "5",
    ]

    @Test(arguments: pairs.indices, instances)
    func verdictsAgreeWithDescending(_ pair: Int, _ instance: String) throws {
        let fused = try SchemaTestKit.compile(Self.pairs[pair].fused)
        let written = try SchemaTestKit.compile(Self.pairs[pair].written)
        #expect(Self.itemsKeyword(written)?.itemTypes == nil)
        SchemaTestKit.expectSameOutcome(fused, as: written, on: try SchemaTestKit.json(instance))
    }

    @Test func openAPI30NullableAddsNull() throws {
        let schema = try SchemaTestKit.compile(#"{"items":{"type":"string","nullable":true}}"#, dialect: .openAPI30)
        #expect(Self.itemsKeyword(schema)?.itemTypes != nil)
        #expect(schema.isValid(try SchemaTestKit.json(#"["a",null]"#)))
        #expect(!schema.isValid(try SchemaTestKit.json(#"["a",1]"#)))
    }

    /// At the depth limit the in-place test gives way to the descent, which fails: objects nested
    /// so that their innermost items reach the limit get the same verdict either way.
    @Test func theDepthLimitStillApplies() throws {
        // `viaRef` reaches the same items one application later: between them, the innermost item
        // is the first application past the limit at one level or the next.
        func schema(_ items: String) throws -> Schema {
            try SchemaTestKit.compile(
                ##"{"properties":{"next":{"$ref":"#"},"leaf":{"items":\##(items)},"viaRef":{"$ref":"#/$defs/leaf"}},"$defs":{"leaf":{"items":\##(items)}}}"##
            )
        }
        let fused = try schema(#"{"type":"integer"}"#)
        let written = try schema(#"{"type":"integer","not":false}"#)
        @Sendable func leafItems(_ schema: Schema) -> ItemsKeyword? {
            let properties = schema.root.keywords.lazy.compactMap { $0 as? PropertiesKeyword }.first
            let leaf = properties?.entries.first { $0.schema.keywords.contains { $0 is ItemsKeyword } }?.schema
            return leaf?.keywords.lazy.compactMap { $0 as? ItemsKeyword }.first
        }
        #expect(leafItems(fused)?.itemTypes != nil && leafItems(written)?.itemTypes == nil)
        // {"next": {"next": … {"leaf": [1]}}}: two schema applications per level (the property's
        // schema, then its `$ref`), and two more to the innermost item.
        let list = SchemaTestKit.verdictsNearTheDepthLimit(
            fused, written, levels: 2_495...2_502, keys: ["leaf", "viaRef"],
            innermost: JSONValue(.array([JSONValue(.number(JSONNumber(1)))])))
        #expect(list.count == 16)
        #expect(list.allSatisfy { $0.fast == $0.reference }, "\(list)")
        #expect(list.first?.fast == true && list.last?.fast == false, "the levels straddle the limit: \(list)")
    }
}
