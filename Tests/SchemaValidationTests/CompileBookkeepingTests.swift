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
}
