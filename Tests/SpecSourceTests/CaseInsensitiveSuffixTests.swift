import Testing

@testable import SpecSource

/// `String.hasSuffix(caseInsensitive:)`: ASCII letters match either case, every other byte only
/// itself, in small (inline) and large strings.
@Suite struct CaseInsensitiveSuffixTests {
    @Test(arguments: [
        ("a/b/file.JSON", ".json", true), ("file.Json", ".JSON", true), ("x.jsonl", ".json", false),
        ("file.json", "", true), ("", ".json", false), ("json", ".json", false), (".json", ".json", true),
        // Bytes that differ only in 0x20 but are not letters: "@" and "`", "[" and "{", "É" and "é".
        ("a@", "a`", false), ("a[", "a{", false), ("caf\u{C9}", "caf\u{E9}", false), ("caf\u{E9}", "CAF\u{E9}", true),
        (String(repeating: "long/", count: 20) + "name.NDJSON", ".ndjson", true),
        (String(repeating: "long/", count: 20) + "name.ndjso", ".ndjson", false),
    ])
    func matchesASCIILettersInEitherCase(_ text: String, _ suffix: String, _ expected: Bool) {
        #expect(text.hasSuffix(caseInsensitive: suffix) == expected)
        // The definition, byte by byte (only A-Z fold to a-z), agrees with the expectation.
        let a = Array(text.utf8)
        let b = Array(suffix.utf8)
        let lower = { (x: UInt8) in x >= 65 && x <= 90 ? x + 32 : x }
        let reference = a.count >= b.count && zip(a.suffix(b.count), b).allSatisfy { lower($0) == lower($1) }
        #expect(reference == expected)
    }
}
