import Foundation
import Testing

@testable import SpecSource

/// Writes `value` as YAML, reads it back through the public loader, and checks the trees are equal
/// (and, for objects, that member order survived). Returns the YAML text for further checks.
@discardableResult
private func roundTrip(_ value: JSONValue, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
    let text = YAMLWriter.string(from: value)
    #expect(text.hasSuffix("\n"), "YAML output must end with a newline", sourceLocation: sourceLocation)
    do {
        let reread = try SourceLoader.parse(text, format: .yaml)
        #expect(reread == value, "round trip changed the tree:\n\(text)\nread back as \(reread)", sourceLocation: sourceLocation)
        #expect(orderedKeys(reread) == orderedKeys(value), "member order changed:\n\(text)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("YAML output does not parse: \(error)\n\(text)", sourceLocation: sourceLocation)
    }
    return text
}

/// Every object's keys, depth first, so that order differences show up (JSONValue `==` ignores order).
private func orderedKeys(_ value: JSONValue) -> [[String]] {
    switch value.kind {
    case .object(let o): return [o.keys] + o.flatMap { orderedKeys($0.value) }
    case .array(let a): return a.flatMap(orderedKeys)
    default: return []
    }
}

private func object(_ members: [(String, JSONValue)]) -> JSONValue {
    JSONValue(.object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) })))
}

private func number(_ literal: String) -> JSONValue { .number(JSONNumber(literal: literal)!) }

@Suite("YAMLWriter")
struct YAMLWriterTests {
    /// Strings a YAML 1.1 or 1.2 resolver (or the YAML syntax itself) would misread when written plain.
    static let ambiguousStrings = [
        "yes", "no", "on", "off", "Yes", "NO", "On", "y", "n", "Y", "true", "False", "TRUE",
        "16:9", "190:20:30", "1_000", "0x1F", "0o17", "0b101", "017", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
        "null", "Null", "NULL", "~", ".inf", ".Inf", "-.inf", "+.INF", ".nan", ".NaN",
        "-1", "+1", "1", "0", "1.5", "1e3", ".5", "-0", "12e03",
        "'quoted'", "\"double\"", "key: value", "# x", "a #b", "trailing:", "- item", "? q", "!tag", "&anchor", "*alias",
        "|", ">", "%directive", "@at", "`tick", "[a]", "{a: 1}", ",comma", "<<", "=",
        " leading", "trailing ", " both ", "", " ", "tab\there", "---", "...",
        // `: ` and ` #` followed by a combining mark (one character with it, still the YAML
        // indicator): found by the YAML fuzz target.
        "m)dels/ $ref: \u{64E}/error.taml", "key: \u{301}x", "a #\u{301}b",
    ]

    @Test(arguments: ambiguousStrings)
    func ambiguousStringsAreQuotedAndRoundTrip(_ text: String) {
        let yaml = roundTrip(object([("v", .string(text))]))
        // Nothing that could be misread may be written plain after "v: ".
        #expect(!YAMLWriter.isPlainSafe(text), "\(JSONWriter.quoted(text)) must not be plain")
        #expect(yaml != "v: \(text)\n", "written plain: \(yaml)")
        // The same strings as keys and as sequence items.
        roundTrip(object([(text, .string("k"))]))
        roundTrip(.array([.string(text), .string(text)]))
    }

    @Test(arguments: [
        "hello", "Hello world", "snake_case", "kebab-case", "a:b", "http://example.com/a?b=c#frag", "x-vendor", "über", "日本語", "a-1",
        "v1.2.3", "no_way", "yesterday", "null_value", "application/json",
    ])
    func ordinaryStringsStayPlain(_ text: String) {
        let yaml = roundTrip(object([("v", .string(text))]))
        #expect(yaml == "v: \(text)\n")
    }

    @Test(arguments: [
        "line one\nline two",
        "line one\nline two\n",
        "a\n\nb\n",
        "  indented first line\nsecond",
        "first\n  indented second\n",
        "trailing spaces  \nnext",
        "two trailing newlines\n\n",
        "\nleading newline",
        "windows\r\nline endings",
        "has: colon\n# and hash\n- and dash",
        "tab\tinside\nnext",
    ])
    func multiLineStringsRoundTrip(_ text: String) {
        roundTrip(object([("description", .string(text))]))
        roundTrip(object([("outer", object([("inner", .array([object([("text", .string(text))])]))]))]))
    }

    /// Found by `scripts/fuzz.sh yaml`: a multi-line string as the whole document was written as a
    /// literal block with its lines at column 1, which libyaml reads as a second document.
    @Test(arguments: ["oveer:nios 0>0.0\nactions {}", "one\ntwo\n", "---\n..."])
    func multiLineStringAtTheRootRoundTrips(text: String) {
        roundTrip(.string(text))
    }

    /// Found by `scripts/fuzz.sh yaml`: a key over 1024 characters cannot be an implicit key, so
    /// it is written in the explicit `? key` form.
    @Test func keysLongerThanAnImplicitKeyMayBeRoundTrip() {
        let long = String(repeating: "1", count: 1_100) + " :e"
        let text = roundTrip(object([("a", object([(long, .null), ("b", .number(JSONNumber(1)))]))]))
        #expect(text.contains("\n  ? \"" + long + "\"\n  : null\n  b: 1\n"), "\(text)")
        roundTrip(.array([object([(long, object([("x", .string("y"))])), (long + "2", .array([.null]))])]))
        roundTrip(object([(String(repeating: "é", count: 1_020), .bool(true))]))
    }

    @Test func simpleMultiLineStringsUseLiteralBlocks() {
        let kept = roundTrip(object([("d", .string("one\ntwo\n"))]))
        #expect(kept == "d: |\n  one\n  two\n")
        let stripped = roundTrip(object([("d", .string("one\ntwo"))]))
        #expect(stripped == "d: |-\n  one\n  two\n")
        let nested = roundTrip(object([("a", .array([object([("b", .string("x\ny"))])]))]))
        #expect(nested == "a:\n- b: |-\n    x\n    y\n")
    }

    @Test(arguments: [
        "é", "naïve café", "😀 emoji", "中文", "a\u{0301}", "\u{00A0}nbsp", "zero\u{200B}width", "right\u{200F}to-left", "\u{1F1EB}\u{1F1F7}",
    ])
    func unicodeRoundTrips(_ text: String) {
        roundTrip(object([(text, .string(text))]))
        roundTrip(object([("multi", .string("\(text)\nsecond \(text)\n"))]))
    }

    @Test(arguments: ["bell\u{07}", "del\u{7F}", "nul\u{00}", "bom\u{FEFF}inside"])
    func controlCharactersRoundTrip(_ text: String) {
        roundTrip(object([("v", .string(text))]))
    }

    /// NEL (U+0085), LINE SEPARATOR and PARAGRAPH SEPARATOR are line breaks for libyaml (YAML 1.1):
    /// written raw inside a double-quoted scalar they are folded or trimmed on reading.
    @Test(arguments: [
        "next\u{85}line", "line\u{2028} separator", "para\u{2029} separator", "multi\nline\u{85}x\n", "c1\u{9B}control\nline",
    ])
    func unicodeLineBreaksRoundTrip(_ text: String) {
        roundTrip(object([("v", .string(text))]))
        roundTrip(object([(text, .array([.string(text)]))]))
    }

    /// In a literal block, LS/PS would break the line for libyaml; such strings are written quoted.
    @Test(arguments: ["multi\nline\u{2028} x", "multi\npara\u{2029}graph\n"])
    func unicodeLineSeparatorsInMultiLineStrings(_ text: String) {
        roundTrip(object([("v", .string(text))]))
    }

    @Test func nestedArraysOfObjects() {
        let value = object([
            (
                "servers",
                .array([
                    object([
                        ("url", .string("https://a.example")),
                        (
                            "variables",
                            object([("port", object([("default", .string("443")), ("enum", .array([.string("443"), .string("8443")]))]))])
                        ),
                    ]),
                    object([("url", .string("https://b.example")), ("description", .string("no"))]),
                ])
            ),
            ("matrix", .array([.array([number("1"), number("2")]), .array([]), .array([.array([.string("deep")])])])),
            ("mixed", .array([.null, .bool(true), .string("s"), object([("k", .array([object([("z", .null)])]))]), .array([object([])])])),
        ])
        let yaml = roundTrip(value)
        #expect(yaml.contains("- url: https://a.example\n"))
    }

    @Test func emptyContainers() {
        roundTrip(object([("o", object([])), ("a", .array([])), ("s", .string("")), ("n", .null)]))
        roundTrip(.array([object([]), .array([]), object([("x", .array([]))])]))
        #expect(roundTrip(object([])) == "{}\n")
        #expect(roundTrip(.array([])) == "[]\n")
    }

    @Test(arguments: [
        "0.1", "0", "-0.5", "123456789012345678901234567890", "-98765432109876543210", "1e400", "1E-400", "2.5e-10", "9007199254740993",
        "1.000000000000000000001",
    ])
    func numbersAreExact(_ literal: String) throws {
        let n = number(literal)
        let yaml = roundTrip(object([("n", n)]))
        let reread = try SourceLoader.parse(yaml, format: .yaml)
        #expect(reread["n"]?.numberValue == JSONNumber(literal: literal))
        // A number is written as a number, not a string.
        #expect(reread["n"]?.stringValue == nil)
    }

    @Test func scalarsAndKeyOrder() {
        let value = object([
            ("zeta", .bool(false)), ("alpha", .null), ("mid", number("3")), ("0", .string("zero key")), ("true", .string("bool-like key")),
            ("", .string("empty key")),
        ])
        let yaml = roundTrip(value)
        #expect(yaml.hasPrefix("zeta: false\nalpha: null\nmid: 3\n"))
        roundTrip(.string("top-level string"))
        roundTrip(.string("yes"))
        roundTrip(.null)
        roundTrip(number("42"))
    }

    @Test func realDocumentsRoundTrip() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let seed = root.appendingPathComponent("specs/openrouter-videos.yaml").path
        let value = try SourceLoader.load(contentsOf: seed)
        let yaml = roundTrip(value)
        #expect(yaml.hasPrefix("openapi: "))
    }
}
