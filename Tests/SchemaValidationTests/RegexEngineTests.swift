import Foundation
import SpecSource
import Testing

@testable import SchemaValidation

/// Which engine runs an ``ECMARegex``, results on long inputs and pathological patterns, and what
/// happens when the backtracking engine gives up.
@Suite("regex engines")
struct RegexEngineTests {
    private static let base64Pattern = "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"

    /// A valid base64 text of about `byteCount` characters (the alphabet cycled, then padding).
    private static func base64(byteCount: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(byteCount + 4)
        for index in 0..<(byteCount / 4 * 4) { bytes.append(alphabet[(index * 7) % 64]) }
        bytes += Array("QQ==".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Runs `body`, printing how long it took (a measurement, not an assertion: the machine is shared).
    private func measured<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        let result = try body()
        print("regex timing: \(label): \(ContinuousClock.now - start)")
        return result
    }

    // MARK: - Engine choice

    @Test func backtrackingOnlyWhenNeeded() throws {
        for pattern in [
            Self.base64Pattern, "^(a|b)*$", "(a|a)*b", "^(a+)+$", "(.*a){20}", "\\bfoo\\B", "(?m:^a$)",
            "(?s:.)", "^\\p{L}+$", "[^\\P{Lu}]", "^(?<y>\\d{4})$", "(?-i:a)",
        ] {
            #expect(try ECMARegex(pattern).usesLinearEngine, "/\(pattern)/ should run on the linear engine")
        }
        for pattern in [
            "(a)\\1", "(?<n>a)\\k<n>", "(?=a)", "(?!a)b", "(?<=a)b", "(?<!a)b", "(?i:a)",
            "\\p{Script=Greek}", "^.{0,100000}$",
        ] {
            #expect(try !ECMARegex(pattern).usesLinearEngine, "/\(pattern)/ should need the backtracking engine")
        }
    }

    // MARK: - Long inputs and pathological patterns (issue #8 reproductions)

    @Test func longBase64MatchesStandardPattern() throws {
        let regex = try ECMARegex(Self.base64Pattern)
        let text = Self.base64(byteCount: 3_000_000)
        #expect(measured("base64 3 MB") { regex.search(text) } == .match)
        #expect(regex.search(String(text.dropLast(4)) + "Q===") == .noMatch)
    }

    @Test func longAlternationLoopMatches() throws {
        let regex = try ECMARegex("^(a|b)*$")
        let text = String(repeating: "a", count: 200_000)
        #expect(measured("^(a|b)*$ on 200,000 a") { regex.search(text) } == .match)
        #expect(regex.search(text + "c") == .noMatch)
    }

    @Test func exponentialBacktrackingPatternsAreLinear() throws {
        let cases: [(pattern: String, input: String, result: ECMARegex.SearchResult)] = [
            ("(a|a)*b", String(repeating: "a", count: 40), .noMatch),
            ("^(a+)+$", String(repeating: "a", count: 30) + "!", .noMatch),
            ("(.*a){20}", String(repeating: "b", count: 10_000), .noMatch),
            ("(.*a){20}", String(repeating: "ba", count: 20), .match),
            ("^(a+)+$", String(repeating: "a", count: 30), .match),
            ("(x+x+)+y", String(repeating: "x", count: 5_000), .noMatch),
        ]
        for c in cases {
            let regex = try ECMARegex(c.pattern)
            #expect(regex.usesLinearEngine)
            let result = measured("/\(c.pattern)/ on \(c.input.count) characters") { regex.search(c.input) }
            #expect(result == c.result, "/\(c.pattern)/")
        }
    }

    @Test func largeCountedRepetitionFallsBackAndStillMatches() throws {
        let regex = try ECMARegex("^[a-z]{1,20000}$")
        #expect(!regex.usesLinearEngine)
        #expect(regex.search(String(repeating: "q", count: 20_000)) == .match)
        #expect(regex.search(String(repeating: "q", count: 20_001)) == .noMatch)
        #expect(regex.search("Q") == .noMatch)
    }

    // MARK: - Giving up

    @Test func backtrackingStepLimitIsReportedNotNoMatch() throws {
        // The lookahead keeps the pattern on the backtracking engine, where (a+)+ explodes.
        let regex = try ECMARegex("^(?=a)(a+)+$")
        let result = measured("backtracking give-up") { regex.search(String(repeating: "a", count: 40) + "!") }
        guard case .gaveUp(let gaveUp) = result, case .stepLimit(let steps) = gaveUp.reason else {
            Issue.record("expected a step-limit give-up, got \(result)")
            return
        }
        #expect(steps > BacktrackingRegex.baseStepUnits * BacktrackingRegex.stepsPerUnit)
        #expect(gaveUp.description == "the regex engine gave up after \(steps) steps")
        #expect(throws: ECMARegex.GaveUp.self) { try regex.matches(String(repeating: "a", count: 40) + "!") }
        #expect(regex.search(String(repeating: "a", count: 40)) == .match)
    }

    @Test func backtrackingStackLimitIsReportedNotNoMatch() throws {
        let regex = try ECMARegex("^(?=a)(a|b)*$")
        let result = regex.search(String(repeating: "a", count: 200_000))
        #expect(result == .gaveUp(ECMARegex.GaveUp(reason: .engineLimit)))
        #expect(regex.search("abab") == .match)
        #expect(regex.search("abac") == .noMatch)
    }

    @Test func backtrackingEngineScansLongInputsWithoutGivingUp() throws {
        let regex = try ECMARegex("(?<=a)c")
        let text = String(repeating: "ab", count: 1_500_000)
        #expect(measured("lookbehind scan of 3 MB") { regex.search(text) } == .noMatch)
        #expect(regex.search(text + "ac") == .match)
    }

    @Test func patternKeywordReportsGaveUpWithPatternAndLocation() throws {
        let schema = try SchemaTestKit.compile(#"{"properties": {"name": {"pattern": "^(?=a)(a+)+$"}}}"#)
        let instance = try SchemaTestKit.json(#"{"name": "\#(String(repeating: "a", count: 40))!"}"#)
        let result = SchemaTestKit.validate(schema, instance)
        #expect(!schema.isValid(instance))
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.instanceLocation == "/name")
        #expect(error.keyword == "pattern")
        #expect(error.keywordLocation == "/properties/name/pattern")
        #expect(error.message.hasPrefix("pattern /^(?=a)(a+)+$/ could not be evaluated on this value: the regex engine gave up after "))
        #expect(!error.message.contains("does not match"))
    }

    @Test func patternPropertiesAndAdditionalPropertiesReportGaveUp() throws {
        let key = String(repeating: "a", count: 40) + "!"
        let schema = try SchemaTestKit.compile(
            #"{"patternProperties": {"^(?=a)(a+)+$": {"type": "integer"}}, "additionalProperties": false}"#)
        let instance = try SchemaTestKit.json(#"{"\#(key)": 1}"#)
        let result = SchemaTestKit.validate(schema, instance)
        #expect(!schema.isValid(instance))
        #expect(Set(result.errors.map(\.keyword)) == ["patternProperties", "additionalProperties"])
        for error in result.errors {
            #expect(error.instanceLocation == "/\(key)")
            #expect(
                error.message.hasPrefix("pattern /^(?=a)(a+)+$/ could not be evaluated on this property name: the regex engine gave up"))
        }
        // Decidable keys are unaffected.
        #expect(schema.isValid(try SchemaTestKit.json(#"{"aaa": 1}"#)))
        #expect(!schema.isValid(try SchemaTestKit.json(#"{"b": 1}"#)))
    }

    /// A give-up inside a sub-evaluation whose errors are discarded (`not`, `if`, `anyOf`) still
    /// makes the verdict undecided: it is reported, never turned into "valid" by the enclosing
    /// keyword.
    @Test(arguments: [
        #"{"not": {"properties": {"name": {"pattern": "^(?=a)(a+)+$"}}}}"#,
        #"{"if": {"properties": {"name": {"pattern": "^(?=a)(a+)+$"}}}, "then": true, "else": true}"#,
        #"{"anyOf": [{"properties": {"name": {"pattern": "^(?=a)(a+)+$"}}}, {"required": ["other"]}]}"#,
    ])
    func gaveUpInsideAQuietEvaluationIsNeverAVerdict(_ json: String) throws {
        let schema = try SchemaTestKit.compile(json)
        let instance = try SchemaTestKit.json(#"{"name": "\#(String(repeating: "a", count: 40))!"}"#)
        #expect(!schema.isValid(instance))
        let result = SchemaTestKit.validate(schema, instance)
        #expect(!result.isValid)
        #expect(result.errors.contains { $0.keyword == "pattern" && $0.message.contains("could not be evaluated") })
        // A decidable value is unaffected.
        #expect(schema.isValid(try SchemaTestKit.json(#"{"name": "b"}"#)) == !json.hasPrefix(#"{"anyOf""#))
    }
}
