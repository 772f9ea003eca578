import SpecSource
import Testing

@testable import SchemaValidation

/// The compiler's bookkeeping that large documents made cheaper (issue #15 item 4): each shortcut
/// must give what the long way gives.
@Suite("Compile bookkeeping")
struct CompileBookkeepingTests {
    private final class Document {}

    /// A subschema's memo key, made from its parent's key and the tokens that lead to it, is the
    /// key made from its whole pointer (equal and hashed alike), and differs from its neighbour's.
    @Test func subschemaKeyEqualsTheKeyOfItsWholePointer() {
        let document = Document()
        let id = ObjectIdentifier(document)
        let parent = SchemaLocation.Key(document: id, tokens: ["components", "schemas", "Pet"])
        let whole: [String] = ["components", "schemas", "Pet", "properties", "name"]
        let child = SchemaLocation.Key(extending: parent, by: ["properties", "name"], tokens: whole)
        let fromScratch = SchemaLocation.Key(document: id, tokens: whole)
        #expect(child == fromScratch)
        #expect(child.hashValue == fromScratch.hashValue)
        let neighbour = SchemaLocation.Key(extending: parent, by: ["properties", "tag"], tokens: Array(whole.dropLast()) + ["tag"])
        #expect(neighbour != fromScratch)
        // Tokens are not concatenated text: ["ab", "c"] and ["a", "bc"] are different locations.
        #expect(SchemaLocation.Key(document: id, tokens: ["ab", "c"]) != SchemaLocation.Key(document: id, tokens: ["a", "bc"]))
        #expect(SchemaLocation.Key(document: id, tokens: []) != SchemaLocation.Key(document: ObjectIdentifier(Document()), tokens: []))
        withExtendedLifetime(document) {}
    }

    /// `URIReference` shares its components between copies: changing a copy leaves the original
    /// as it was, and values with equal components are equal and hash alike whichever box holds them.
    @Test func uriReferenceCopiesAreIndependent() {
        let original = URIReference("https://example.com/a/b.json?q=1#frag")
        var copy = original
        copy.fragment = nil
        #expect(original.fragment == "frag")
        #expect(original.description == "https://example.com/a/b.json?q=1#frag")
        #expect(copy.description == "https://example.com/a/b.json?q=1")
        #expect(original.withoutFragment == copy)
        #expect(original.withoutFragment.hashValue == copy.hashValue)
        #expect(URIReference("https://example.com/a/b.json?q=1") == copy)
        var other = copy
        other.path = "/c.json"
        #expect(copy.path == "/a/b.json")
        #expect(other != copy)
        #expect(other.description == "https://example.com/c.json?q=1")
    }

    /// Schemas asked for out of document order, in and out of two `$id` resources, each resolve
    /// their relative `$ref` against their own resource (the registry resumes its walk over the
    /// ancestors from the previous location's, and must drop what no longer applies).
    @Test func scopeOfLocationsAskedOutOfOrder() throws {
        let document = try SchemaTestKit.json(
            """
            {"$defs": {
              "a": {"$id": "https://a.example/root.json",
                    "properties": {"x": {"$ref": "item.json"}, "z": {"$ref": "item.json"}}},
              "b": {"$id": "https://b.example/root.json",
                    "properties": {"y": {"$ref": "item.json"}}},
              "plain": {"properties": {"w": {"$ref": "#/$defs/onlyString"}}},
              "onlyString": {"type": "string"}
            }}
            """)
        var options = SchemaOptions()
        options.resolver.register(try SchemaTestKit.json(#"{"type": "integer"}"#), at: "https://a.example/item.json")
        options.resolver.register(try SchemaTestKit.json(#"{"type": "boolean"}"#), at: "https://b.example/item.json")
        let builder = SchemaGraphBuilder(document: document, uri: "file:///schemas/root.json", dialect: .draft2020_12, options: options)
        func schema(_ tokens: [String]) -> Schema { builder.schema(at: JSONPointer(tokens: tokens)) }
        let x = schema(["$defs", "a", "properties", "x"])
        let y = schema(["$defs", "b", "properties", "y"])
        let w = schema(["$defs", "plain", "properties", "w"])
        let z = schema(["$defs", "a", "properties", "z"])
        let missing = schema(["$defs", "a", "properties", "none", "deeper"])
        try builder.finish()
        let number = try SchemaTestKit.json("3")
        let boolean = try SchemaTestKit.json("true")
        let string = try SchemaTestKit.json(#""s""#)
        for s in [x, z] {
            #expect(s.isValid(number))
            #expect(!s.isValid(boolean))
        }
        #expect(y.isValid(boolean))
        #expect(!y.isValid(number))
        #expect(w.isValid(string))
        #expect(!w.isValid(number))
        #expect(missing.isValid(number))  // nothing there: the always-true schema
    }
}
