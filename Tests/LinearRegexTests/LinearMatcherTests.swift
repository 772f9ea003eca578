import Testing

@testable import LinearRegex

/// The NFA simulation and its building blocks, on hand-built expression trees.
@Suite("LinearMatcher")
struct LinearMatcherTests {
    private func set(_ text: String) -> RegexNode {
        var set = ScalarSet()
        for scalar in text.unicodeScalars { set.insert(scalar.value...scalar.value) }
        return .scalars(set)
    }

    private func literal(_ text: String) -> RegexNode {
        .sequence(text.unicodeScalars.map { .scalars(ScalarSet($0)) })
    }

    private func search(_ node: RegexNode, _ input: String) throws -> Bool {
        switch try LinearMatcher(node).search(input) {
        case .match: return true
        case .noMatch: return false
        case .budgetExhausted:
            Issue.record("unexpected budget exhaustion")
            return false
        }
    }

    @Test func literalSearchIsUnanchored() throws {
        #expect(try search(literal("abc"), "xxabcxx"))
        #expect(try !search(literal("abc"), "xxabxcx"))
        #expect(try search(.empty, ""))
        #expect(try search(.empty, "anything"))
    }

    @Test func anchorsAreInputStartAndEnd() throws {
        let node = RegexNode.sequence([.assertion(.inputStart), literal("ab"), .assertion(.inputEnd)])
        #expect(try search(node, "ab"))
        #expect(try !search(node, "xab"))
        #expect(try !search(node, "ab\n"))
        #expect(try LinearMatcher(node).isAnchoredAtStart)
    }

    @Test func multilineAnchorsSeeLineTerminators() throws {
        let node = RegexNode.sequence([.assertion(.lineStart), literal("b"), .assertion(.lineEnd)])
        #expect(try search(node, "a\nb\nc"))
        #expect(try search(node, "a\u{2028}b\rc"))
        #expect(try !search(node, "ab\nc"))
    }

    @Test func wordBoundaries() throws {
        let node = RegexNode.sequence([.assertion(.wordBoundary), literal("foo"), .assertion(.wordBoundary)])
        #expect(try search(node, "a foo b"))
        #expect(try search(node, "foo"))
        #expect(try search(node, "é foo"))
        #expect(try !search(node, "afoo"))
        #expect(try !search(node, "foo_"))
        let inside = RegexNode.sequence([literal("a"), .assertion(.notWordBoundary), literal("b")])
        #expect(try search(inside, "ab"))
    }

    @Test func countedRepetition() throws {
        let node = RegexNode.sequence([
            .assertion(.inputStart), .repetition(set("x"), minimum: 2, maximum: 4), .assertion(.inputEnd),
        ])
        #expect(try !search(node, "x"))
        #expect(try search(node, "xx"))
        #expect(try search(node, "xxxx"))
        #expect(try !search(node, "xxxxx"))
        let atLeast = RegexNode.sequence([
            .assertion(.inputStart), .repetition(set("x"), minimum: 3, maximum: nil), .assertion(.inputEnd),
        ])
        #expect(try !search(atLeast, "xx"))
        #expect(try search(atLeast, String(repeating: "x", count: 1000)))
    }

    @Test func emptyLoopsTerminate() throws {
        // (a*)* and (|a)+ against a non-matching tail.
        let node = RegexNode.sequence([
            .assertion(.inputStart),
            .repetition(.repetition(set("a"), minimum: 0, maximum: nil), minimum: 0, maximum: nil),
            .assertion(.inputEnd),
        ])
        #expect(try search(node, "aaaa"))
        #expect(try !search(node, "aaab"))
        let plus = RegexNode.repetition(.alternation([.empty, set("a")]), minimum: 1, maximum: nil)
        #expect(try search(.sequence([plus, literal("!")]), "aaa!"))
        #expect(try search(.repetition(.empty, minimum: 1_000_000, maximum: nil), "x"))
    }

    @Test func programSizeIsLimited() throws {
        let huge = RegexNode.repetition(.repetition(set("a"), minimum: 1000, maximum: 1000), minimum: 1000, maximum: 1000)
        #expect(throws: LinearMatcher.ProgramTooLarge.self) { try LinearMatcher(huge) }
        let overflow = RegexNode.repetition(set("a"), minimum: 0, maximum: Int.max)
        #expect(throws: LinearMatcher.ProgramTooLarge.self) { try LinearMatcher(overflow) }
        #expect(try LinearMatcher(.repetition(set("a"), minimum: 0, maximum: 100)).instructionCount == 201)
    }

    @Test func budgetIsReported() throws {
        // A word boundary keeps the program off the DFA, whose steps the budget does not count.
        let matcher = try LinearMatcher(
            .sequence([.assertion(.wordBoundary), .repetition(set("a"), minimum: 0, maximum: nil), literal("b")]))
        #expect(matcher.program.dfa == nil)
        let input = String(repeating: "a", count: 10_000)
        #expect(matcher.search(input) == .noMatch)
        guard case .budgetExhausted(let steps) = matcher.search(input, budget: 1_000) else {
            Issue.record("expected the budget to run out")
            return
        }
        #expect(steps > 1_000)
    }

    @Test func nonASCIIInputIsDecodedToScalars() throws {
        let node = RegexNode.sequence([
            .assertion(.inputStart), .repetition(.scalars(ScalarSet(0x80...0x10FFFF)), minimum: 3, maximum: 3),
            .assertion(.inputEnd),
        ])
        #expect(try search(node, "é€😀"))
        #expect(try !search(node, "é€"))
        #expect(try !search(node, "e\u{301}€"))  // three scalars, but `e` is ASCII
    }

    // MARK: - DFA

    @Test func dfaIsBuiltOnlyForStartAndEndAssertions() throws {
        #expect(try LinearMatcher(.sequence([.assertion(.inputStart), literal("ab"), .assertion(.inputEnd)])).program.dfa != nil)
        #expect(try LinearMatcher(.sequence([.assertion(.wordBoundary), literal("ab")])).program.dfa == nil)
        #expect(try LinearMatcher(.sequence([.assertion(.lineStart), literal("ab")])).program.dfa == nil)
        // (a|b)*a(a|b){12} needs 2^13 DFA states: the NFA runs alone.
        let ab = set("ab")
        let explosive = RegexNode.sequence([
            .repetition(ab, minimum: 0, maximum: nil), literal("a"), .repetition(ab, minimum: 12, maximum: 12),
        ])
        let matcher = try LinearMatcher(explosive)
        #expect(matcher.program.dfa == nil)
        #expect(matcher.search("bbbabbbbbbbbbbbb") == .match)
        #expect(matcher.search("bbbbabbbbbbbbbbb") == .noMatch)
    }

    @Test func dfaHandsOverToTheNFAOnNonASCIIInput() throws {
        // ^[a-z]+(é|e)\d*$ and an unanchored [a-c]{2}é.
        let letters = RegexNode.repetition(.scalars(ScalarSet(0x61...0x7A)), minimum: 1, maximum: nil)
        let anchored = RegexNode.sequence([
            .assertion(.inputStart), letters, .alternation([literal("é"), literal("e")]),
            .repetition(.scalars(ScalarSet(0x30...0x39)), minimum: 0, maximum: nil), .assertion(.inputEnd),
        ])
        let matcher = try LinearMatcher(anchored)
        #expect(matcher.program.dfa != nil)
        for (input, expected) in [
            ("abcé12", true), ("abce12", true), ("abcé1x", false), ("é", false), ("abcéé", false),
            ("abc", false), ("", false), ("abcé", true), ("abc😀é", false),
        ] {
            #expect((matcher.search(input) == .match) == expected, "\(input)")
        }
        let unanchored = try LinearMatcher(.sequence([.repetition(set("abc"), minimum: 2, maximum: 2), literal("é")]))
        #expect(unanchored.program.dfa != nil)
        for (input, expected) in [("xxabé", true), ("xxaé", false), ("ééabé", true), ("abxé", false), ("a😀bcé", true)] {
            #expect((unanchored.search(input) == .match) == expected, "\(input)")
        }
    }

    @Test func dfaAcceptsAtTheEndOnly() throws {
        let node = RegexNode.sequence([literal("ab"), .alternation([.assertion(.inputEnd), literal("!")])])
        let matcher = try LinearMatcher(node)
        #expect(matcher.program.dfa != nil)
        #expect(matcher.search("xxab") == .match)
        #expect(matcher.search("xxab!x") == .match)
        #expect(matcher.search("xxabx") == .noMatch)
        #expect(try LinearMatcher(.assertion(.inputEnd)).search("") == .match)
        #expect(try LinearMatcher(.sequence([.assertion(.inputStart), .assertion(.inputEnd)])).search("a") == .noMatch)
    }

    // MARK: - Scalar sets

    @Test func scalarSetRangesMergeAndComplement() {
        var set = ScalarSet(0x61...0x63)
        set.insert(0x64...0x66)
        set.insert(0x100...0x200)
        #expect(set.contains(0x61) && set.contains(0x66) && set.contains(0x150))
        #expect(!set.contains(0x67) && !set.contains(0x201))
        let complement = set.complemented()
        #expect(complement.contains(0x67) && complement.contains(0x10FFFF) && complement.contains(0))
        #expect(!complement.contains(0x62) && !complement.contains(0x200))
        #expect(ScalarSet.all.complemented().isTriviallyEmpty)
        #expect(ScalarSet().complemented() == ScalarSet.all)
    }

    @Test func propertySets() throws {
        let letters = ScalarSet(try #require(ScalarProperty(ecmaName: "Letter")))
        #expect(letters.contains(0x61) && letters.contains(0xE9) && letters.contains(0x3B1))
        #expect(!letters.contains(0x31) && !letters.contains(0x2013))
        let notLetters = ScalarSet(try #require(ScalarProperty(ecmaName: "L")), negated: true)
        #expect(notLetters.contains(0x31) && !notLetters.contains(0xE9))
        #expect(!notLetters.complemented().contains(0x31) && notLetters.complemented().contains(0xE9))
        #expect(ScalarProperty(ecmaName: "gc=Lu") == ScalarProperty(ecmaName: "Uppercase_Letter"))
        #expect(ScalarProperty(ecmaName: "digit") == ScalarProperty(ecmaName: "Nd"))
        #expect(ScalarSet(try #require(ScalarProperty(ecmaName: "ASCII"))) == ScalarSet(0...0x7F))
        #expect(ScalarProperty(ecmaName: "Script=Greek") == nil)
        #expect(ScalarProperty(ecmaName: "letter") == nil)
        #expect(ScalarProperty(ecmaName: "NotAProp") == nil)
        let space = ScalarSet(try #require(ScalarProperty(ecmaName: "White_Space")))
        #expect(space.contains(0x20) && space.contains(0x3000) && !space.contains(0x200B))
    }
}
