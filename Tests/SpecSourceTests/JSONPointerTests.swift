import Testing

@testable import SpecSource

@Test func pointersParseAndPrintPerRFC6901() throws {
    let cases: [(String, [String])] = [
        ("", []),
        ("/", [""]),
        ("//", ["", ""]),
        ("/a/", ["a", ""]),
        ("/foo/0", ["foo", "0"]),
        ("/a~1b/m~0n", ["a/b", "m~n"]),
        ("/~01", ["~1"]),
        ("/ünï/ç", ["ünï", "ç"]),
    ]
    for (text, tokens) in cases {
        let pointer = try JSONPointer(parsing: text)
        #expect(pointer.tokens == tokens, "\(text)")
        #expect(pointer.description == text)
    }
    #expect(throws: JSONPointer.SyntaxError.self) { try JSONPointer(parsing: "a/b") }
    #expect(throws: JSONPointer.SyntaxError.self) { try JSONPointer(parsing: "/a~") }
    #expect(throws: JSONPointer.SyntaxError.self) { try JSONPointer(parsing: "/a~2") }
}

@Test func fragmentsPercentEncodeWhatRFC3986Forbids() throws {
    // Allowed in a fragment (RFC 3986 §3.5): unreserved, sub-delims, ":", "@", "/", "?".
    let plain = JSONPointer(tokens: ["components", "schemas", "A-b.c_d~e", "!$&'()*+,;=:@?"])
    #expect(plain.fragment == "/components/schemas/A-b.c_d~0e/!$&'()*+,;=:@?")
    let encoded = JSONPointer(tokens: ["paths", "/things/{id}", "a b", "%", "é", "\"<>"])
    #expect(encoded.fragment == "/paths/~1things~1%7Bid%7D/a%20b/%25/%C3%A9/%22%3C%3E")
    #expect(try JSONPointer(fragment: encoded.fragment) == encoded)
    #expect(percentEncodeFragment("") == "")
}

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

    /// A combining mark after `~`, `/` or an escape's digit makes one `Character` with it; the
    /// escapes are bytes, so they hold there too (found by the exchange fuzz target).
    @Test("escapes hold when a combining mark follows them")
    func combiningMarksAfterEscapes() throws {
        let tokens = ["a/\u{346}b", "~\u{303}x", "https:/\u{346}spaces", "\u{303}lead"]
        let pointer = JSONPointer(tokens: tokens)
        #expect(pointer.description == "/a~1\u{346}b/~0\u{303}x/https:~1\u{346}spaces/\u{303}lead")
        #expect(try JSONPointer(parsing: pointer.description).tokens == tokens)
        #expect(try JSONPointer(fragment: pointer.fragment).tokens == tokens)
        #expect(tokens.map(JSONPointer.escape) == ["a~1\u{346}b", "~0\u{303}x", "https:~1\u{346}spaces", "\u{303}lead"])
        #expect(throws: JSONPointer.SyntaxError.self) { try JSONPointer(parsing: "/a~\u{346}1") }
    }
}
