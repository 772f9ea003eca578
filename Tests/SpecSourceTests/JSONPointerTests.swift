import Testing

@testable import SpecSource

@Suite("JSONPointer")
struct JSONPointerTests {
    @Test("appending builds the deeper pointer at its exact size and leaves the original alone")
    func appending() throws {
        let base = try JSONPointer(parsing: "/components/schemas/a~1b")
        let one = base.appending("properties")
        #expect(one.tokens == ["components", "schemas", "a/b", "properties"])
        #expect(one.tokens.capacity == 4)
        #expect(one.description == "/components/schemas/a~1b/properties")
        #expect(base.appending(3).tokens.last == "3")
        let many = base.appending(contentsOf: ["properties", "x~y", "items"])
        #expect(many.tokens == ["components", "schemas", "a/b", "properties", "x~y", "items"])
        #expect(many.tokens.capacity == 6)
        #expect(many.description == "/components/schemas/a~1b/properties/x~0y/items")
        #expect(base.appending(contentsOf: []) == base)
        #expect(JSONPointer.root.appending(contentsOf: ["a"]) == JSONPointer(tokens: ["a"]))
        #expect(base.tokens == ["components", "schemas", "a/b"])
    }
}
