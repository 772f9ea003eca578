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
