import Testing

@testable import SchemaValidation

/// The linear engine against the backtracking (ICU) engine on generated patterns and inputs: both
/// implement the same ECMA-262 semantics, so every answer must agree.
@Suite("regex engines agree")
struct RegexDifferentialTests {
    /// SplitMix64: deterministic across runs and machines.
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static let atoms = [
        "a", "b", "c", "-", "é", "😀", "\\n", " ", "_", "[ab]", "[^a]", "[a-c]", "[^\\s]", "[\\w-]", "[é-😀]", "\\d",
        "\\D", "\\w", "\\W", "\\s", "\\S", ".", "\\p{L}", "\\P{Ll}", "[\\p{Lu}1]", "\\u{1F600}", "\\x41", "[]", "[^]",
    ]
    static let assertions = ["^", "$", "\\b", "\\B"]
    static let quantifiers = ["*", "+", "?", "{2}", "{1,}", "{0,2}", "{1,3}", "*?", "+?", "??", "{2,}?"]

    static func pattern(_ g: inout Generator, depth: Int = 0) -> String {
        var alternatives: [String] = []
        for _ in 0...(g.below(4) == 0 ? 1 : 0) {
            var sequence = ""
            for _ in 0..<(1 + g.below(4)) {
                let roll = g.below(10)
                var term: String
                if roll < 2, depth < 2 {
                    let body = pattern(&g, depth: depth + 1)
                    term = g.pick(["(", "(?:", "(?<n\(depth)\(g.below(1000))>", "(?m:", "(?s:"]) + body + ")"
                } else if roll < 3 {
                    sequence += g.pick(assertions)
                    continue
                } else {
                    term = g.pick(atoms)
                }
                if g.below(3) == 0 { term += g.pick(quantifiers) }
                sequence += term
            }
            alternatives.append(sequence)
        }
        return alternatives.joined(separator: "|")
    }

    static func input(_ g: inout Generator) -> String {
        let pieces = ["a", "a", "b", "c", "-", "1", " ", "é", "😀", "\n", "\r", "\u{2028}", "_", "A", "ab", "abc"]
        return (0..<g.below(9)).map { _ in g.pick(pieces) }.joined()
    }

    @Test func linearAndBacktrackingEnginesAgree() throws {
        var g = Generator(state: 0x5EED)
        var compared = 0
        var matched = 0
        var icuGaveUp = 0
        var disagreements: [String] = []
        for _ in 0..<400 {
            let pattern = Self.pattern(&g)
            // Names must be unique; skip the rare duplicate.
            guard let linear = try? ECMARegex(pattern, lenient: false, engine: .linearOnly) else { continue }
            let backtracking = try ECMARegex(pattern, lenient: false, engine: .backtrackingOnly)
            #expect(linear.usesLinearEngine && !backtracking.usesLinearEngine)
            for _ in 0..<5 {
                let text = Self.input(&g)
                let expected = backtracking.search(text)
                let actual = linear.search(text)
                if case .gaveUp = expected {
                    // ICU cannot answer some nested lazy empty loops on tiny inputs (its stack or
                    // step limit); that is the backtracking engine's failure, reported as such.
                    icuGaveUp += 1
                    continue
                }
                compared += 1
                if expected == .match { matched += 1 }
                if actual != expected {
                    disagreements.append("/\(pattern)/ on \(String(reflecting: text)): linear \(actual), ICU \(expected)")
                }
            }
        }
        print(
            "regex differential: \(compared) pairs compared, \(matched) matches, \(icuGaveUp) ICU give-ups, \(disagreements.count) disagreements"
        )
        #expect(compared >= 1_500)
        // Both outcomes occur often enough for the comparison to mean something.
        #expect(matched > compared / 5 && matched < compared * 4 / 5)
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20).joined(separator: "\n"))")
    }

    @Test func assertionsAndLineTerminatorsAgree() throws {
        // Short patterns dense in anchors and boundaries, with and without the m flag, on inputs full
        // of line terminators and word/non-word transitions.
        var g = Generator(state: 7)
        let items = ["^", "$", "\\b", "\\B", "a", "b", "\\n", ".", "\\s", "[^a]", "\\W", "é"]
        let pieces = ["a", "b", "\n", "\r", "\u{2028}", "\u{2029}", " ", "é", "_"]
        var compared = 0
        for _ in 0..<300 {
            var body = ""
            for _ in 0..<(1 + g.below(4)) {
                let item = g.pick(items)
                body += item
                if !["^", "$", "\\b", "\\B"].contains(item), g.below(3) == 0 { body += g.pick(["*", "+", "?"]) }
            }
            let pattern = g.below(2) == 0 ? "(?m:\(body))" : body
            let linear = try ECMARegex(pattern, lenient: false, engine: .linearOnly)
            let backtracking = try ECMARegex(pattern, lenient: false, engine: .backtrackingOnly)
            for _ in 0..<5 {
                let text = (0..<g.below(7)).map { _ in g.pick(pieces) }.joined()
                let expected = backtracking.search(text)
                guard expected != .gaveUp(ECMARegex.GaveUp(reason: .engineLimit)) else { continue }
                compared += 1
                #expect(linear.search(text) == expected, "/\(pattern)/ on \(String(reflecting: text))")
            }
        }
        #expect(compared >= 1_400)
    }

    @Test func fastPathsAgreeWithLinearEngine() throws {
        // Literal and ASCII-sequence fast paths against the plain linear program.
        var g = Generator(state: 42)
        let simple = ["a", "b", "-", "[a-c]", "\\d", "\\w", ".", "[^a]"]
        for _ in 0..<200 {
            var pattern = g.below(2) == 0 ? "^" : ""
            for _ in 0..<(1 + g.below(4)) {
                pattern += g.pick(simple)
                if g.below(2) == 0 { pattern += g.pick(["*", "+", "?", "{2}", "{1,3}"]) }
            }
            if g.below(2) == 0 { pattern += "$" }
            let automatic = try ECMARegex(pattern)
            let linear = try ECMARegex(pattern, lenient: false, engine: .linearOnly)
            for _ in 0..<5 {
                let text = Self.input(&g)
                #expect(automatic.search(text) == linear.search(text), "/\(pattern)/ on \(String(reflecting: text))")
            }
        }
    }
}
