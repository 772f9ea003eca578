import Testing

@testable import SchemaValidation

/// Translation rules of ``ECMARegex`` (ECMA-262 → ICU) and its fast paths.
@Suite("ECMARegex")
struct ECMARegexTests {
    private func expectMatch(
        _ pattern: String, _ matching: [String], _ nonMatching: [String] = [],
        lenient: Bool = false, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let regex: ECMARegex
        do {
            regex = try ECMARegex(pattern, lenient: lenient)
        } catch {
            Issue.record("/\(pattern)/ failed to compile: \(error)", sourceLocation: sourceLocation)
            return
        }
        for string in matching {
            #expect(
                regex.search(string) == .match, "/\(pattern)/ should match \(String(reflecting: string))",
                sourceLocation: sourceLocation)
        }
        for string in nonMatching {
            #expect(
                regex.search(string) == .noMatch, "/\(pattern)/ should not match \(String(reflecting: string))",
                sourceLocation: sourceLocation)
        }
    }

    // MARK: - Character class escapes

    @Test func digitIsASCIIOnly() {
        expectMatch("^\\d$", ["0", "9"], ["\u{7C0}", "\u{9EA}", "a", "\u{FF11}"])
        expectMatch("^\\D$", ["\u{7C0}", "a"], ["0"])
        expectMatch("^[\\d]+$", ["42"], ["\u{9EA}\u{9E8}"])
        expectMatch("^[^\\d]$", ["\u{9EA}"], ["4"])
    }

    @Test func wordIsASCIIOnly() {
        expectMatch("^\\w+$", ["abc_XYZ_019"], ["é", "\u{212A}"])
        expectMatch("^\\W$", ["é", "-"], ["a", "_"])
        expectMatch("\\wcole", ["l'ecole"], ["l'\u{E9}cole"])
        expectMatch("^[\\w.-]+$", ["a.b-c"], ["a b"])
        expectMatch("^[^\\W]$", ["a"], ["é"])
    }

    @Test func whitespaceIsECMASet() {
        let spaces = [
            " ", "\t", "\u{B}", "\u{C}", "\u{A0}", "\u{FEFF}", "\n", "\r", "\u{2028}", "\u{2029}", "\u{2003}",
            "\u{3000}", "\u{1680}", "\u{202F}",
        ]
        expectMatch("^\\s$", spaces, ["\u{1}", "\u{2013}", "\u{85}", "\u{200B}", "a"])
        expectMatch("^\\S$", ["\u{1}", "\u{2013}", "\u{85}"], spaces)
        expectMatch("^[\\s]$", ["\u{FEFF}"], ["x"])
        expectMatch("^[^\\s]$", ["x"], ["\u{A0}"])
    }

    @Test func unicodePropertiesPassThrough() {
        expectMatch("\\p{Letter}cole", ["l'\u{E9}cole"], ["L'\u{C9}COLE"])
        expectMatch("^\\p{digit}+$", ["42", "\u{9EA}\u{9E8}"], ["-%#"])
        expectMatch("^\\P{L}+$", ["123"], ["a1"])
        expectMatch("^\\p{Script=Greek}$", ["α"], ["a"])
    }

    // MARK: - Anchors, dot, boundaries

    @Test func dollarOnlyAtVeryEnd() {
        expectMatch("^abc$", ["abc"], ["abc\n", "abcd", "xabc"])
        expectMatch("c$", ["abc"], ["abc\n"])
        expectMatch("b$", ["ab"], ["ab\r"])
    }

    @Test func caretOnlyAtVeryStart() {
        expectMatch("^b", ["bc"], ["a\nb", "ab"])
        expectMatch("a|^b", ["a", "b"], ["cb"])
    }

    @Test func dotExcludesLineTerminators() {
        expectMatch("^a.c$", ["abc", "a\u{85}c", "a\u{1F600}c"], ["a\nc", "a\rc", "a\u{2028}c", "a\u{2029}c"])
    }

    @Test func wordBoundaryIsASCII() {
        expectMatch("caf\\b", ["café", "caf"], ["cafe"])
        expectMatch("\\bfoo\\b", ["a foo b", "foo"], ["afoo", "foo_"])
        expectMatch("a\\Bb", ["ab"], ["a b"])
        expectMatch("[\\b]", ["\u{8}"], ["b"])
    }

    // MARK: - Escapes

    @Test func characterEscapes() {
        expectMatch("^\\t$", ["\t"], ["\\t"])
        expectMatch("^\\cC$", ["\u{3}"], ["\\cC"])
        expectMatch("^\\cc$", ["\u{3}"], ["c"])
        expectMatch("^\\0$", ["\u{0}"], ["0"])
        expectMatch("^\\x41\\u0042\\u{43}$", ["ABC"], ["abc"])
        expectMatch("^\\uD83D\\uDE00$", ["\u{1F600}"], ["\u{1F601}"])
        expectMatch("^\\u{1F600}+$", ["\u{1F600}\u{1F600}"], [""])
        expectMatch("^[\\uD83D\\uDE00-\\uD83D\\uDE4F]$", ["\u{1F64F}"], ["\u{1F650}"])
        expectMatch("^\\/\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\\\$", ["/.*+?()[]{}|^$\\"])
        expectMatch("^[\\-\\]]+$", ["-]"], ["a"])
        expectMatch("\\uD800", [], ["\u{FFFD}", ""])
    }

    @Test func surrogatePairsInLiterals() {
        expectMatch("^🐲*$", ["", "🐲", "🐲🐲"], ["🐉", "D"])
    }

    // MARK: - Groups, references, lookaround

    @Test func groupsAndReferences() {
        expectMatch("^(?<year>\\d{4})-(?<m>\\d\\d)$", ["2024-01"], ["2024-1"])
        expectMatch("^(?<n>a|b)\\k<n>$", ["aa", "bb"], ["ab"])
        expectMatch("^(a)(b)\\2\\1$", ["abba"], ["abab"])
        expectMatch("^(?<$é_1>x)\\k<$é_1>$", ["xx"])
        expectMatch("^(?:ab)+$", ["abab"], ["aba"])
    }

    @Test func lookaround() {
        expectMatch("(?<=a+)b", ["aaab", "ab"], ["b", "cb"])
        expectMatch("(?<!a)b", ["b", "cb"], ["ab"])
        expectMatch("^(?=.*\\d)(?!.*x)\\w+$", ["a1"], ["ab", "a1x"])
    }

    @Test func modifiers() {
        expectMatch("^(?i:a)b$", ["Ab", "ab"], ["AB"])
        expectMatch("^(?s:.)$", ["\n"])
        expectMatch("(?m:^b$)", ["a\nb\nc"], ["ab"])
    }

    @Test func emptyClasses() {
        expectMatch("[]", [], ["", "a"])
        expectMatch("^[^]$", ["\n", "a", "\u{1F600}"], [""])
    }

    @Test func quantifiers() {
        expectMatch("^x{2,3}$", ["xx", "xxx"], ["x", "xxxx"])
        expectMatch("^x{2}$", ["xx"], ["xxx"])
        expectMatch("^x{2,}?$", ["xxxxx"], ["x"])
        expectMatch("^[a-z]+?-\\d*$", ["abc-", "a-12"], ["-1", "A-1"])
    }

    // MARK: - Semantics details

    @Test func searchIsUnanchoredAndCodePointBased() {
        expectMatch("b", ["abc"], ["ac"])
        expectMatch("e", ["e\u{301}"])  // a combining mark does not hide the code point
        expectMatch("é", ["\u{E9}"], ["e\u{301}"])  // no canonical equivalence
        expectMatch("", ["", "anything"])
    }

    @Test func fastPathsAgreeWithRegexEngine() throws {
        // Literal, prefix, suffix, exact and ASCII-sequence fast paths, and their non-ASCII fallbacks.
        expectMatch("abc", ["xabcx"], ["ab"])
        expectMatch("^abc", ["abcd"], ["xabc"])
        expectMatch("abc$", ["xabc"], ["abcx"])
        expectMatch("^a\\.b$", ["a.b"], ["aXb", "a.b\n"])
        expectMatch("^[a-z]+-\\d{3}$", ["item-123"], ["item-12", "Item-123", "item-1234", "ïtem-123"])
        expectMatch("^\\w*_x$", ["a_b_x"], ["a_b_y"])
        expectMatch("[^a]", ["é", "b"], ["aaa"])
        expectMatch("^.{2}$", ["é1", "ab"], ["a", "a\n"])
    }

    // MARK: - Syntax errors

    @Test(arguments: [
        "\\a", "(?P<name>x)", "(?P<n>a)(?P=n)", "(?#comment)a", "(?i)abc", "(?ims)abc", "a{", "a}", "]", "{1}", "*a",
        "a**", "a{1,2}+", "(", ")", "[b-a]", "[\\d-z]", "\\1", "(a)\\2", "\\k<x>", "(?<a>x)\\k<b>", "\\c1", "\\u12",
        "\\u{110000}", "\\x4", "(?<1a>x)", "(?<a>x)(?<a>y)", "(?=a)*", "(?<=a)?", "\\p{}", "\\p{NotAProp}", "\\01",
        "a{3,1}", "\\-", "\\_", "(?-:a)", "(?ii:a)", "[a", "\\", "(?<>x)",
    ])
    func rejectsInvalidSyntax(_ pattern: String) {
        #expect(throws: ECMARegex.SyntaxError.self) { try ECMARegex(pattern) }
        #expect(!FormatCheckers.isRegex(pattern))
    }

    @Test(arguments: [
        "(?<name>x)", "(?<n>a)\\k<n>", "(?<=a+)b", "(?<!a{2,})b", "[]", "[^]", "\\cA", "[\\-]", "\\/", "a{1,2}?",
        "(?i:x)", "(?-i:x)", "\\p{L}", "\\P{Lu}", "[\\b]", "\\0", "(?:)", "|", "a||b", "()", "x{0}",
    ])
    func acceptsValidSyntax(_ pattern: String) {
        #expect(throws: Never.self) { try ECMARegex(pattern) }
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let deep = String(repeating: "(", count: 200) + "a" + String(repeating: ")", count: 200)
        #expect(try ECMARegex(deep).search("xa") == .match)
        let tooDeep = String(repeating: "(?:", count: 20_000) + "a" + String(repeating: ")", count: 20_000)
        #expect(throws: ECMARegex.SyntaxError.self) { try ECMARegex(tooDeep) }
        #expect(!FormatCheckers.isRegex(tooDeep))
    }

    @Test func errorDescriptionIsClear() {
        do {
            _ = try ECMARegex("ab\\a")
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 2)
            #expect(error.message == "invalid escape '\\a'")
            #expect(error.description == "invalid regular expression /ab\\a/ at offset 2: invalid escape '\\a'")
        }
    }

    @Test func lenientModeAcceptsCommonIdentityEscapes() {
        expectMatch("^\\d{3}\\-\\d{4}$", ["555-1234"], ["5551234"], lenient: true)
        expectMatch("^a{$", ["a{"], lenient: true)
        expectMatch("^[\\w-.]+$", ["a-b.c"], ["a b"], lenient: true)
        #expect(throws: ECMARegex.SyntaxError.self) { try ECMARegex("\\a", lenient: true) }
    }

    @Test func hashableByPattern() throws {
        let first = try ECMARegex("^a+$")
        let second = try ECMARegex("^a+$")
        #expect(first == second)
        #expect(Set([first, second]).count == 1)
        #expect(try ECMARegex("^a+$", lenient: true) != first)
        #expect(first.pattern == "^a+$")
    }

    @Test func concurrentMatchingIsSafe() async throws {
        let regex = try ECMARegex("^(?:[a-z]+|\\d+)-(?<n>x)\\k<n>$")
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask { regex.search(index.isMultiple(of: 2) ? "abc-xx" : "é-xx") == .match }
            }
            var collected: [Bool] = []
            for await result in group { collected.append(result) }
            return collected
        }
        #expect(results.filter { $0 }.count == 32)
    }
}
