import SchemaValidation
import SpecSource
import Testing

@Suite("allOf, anyOf, oneOf, not, if/then/else")
struct CombinatorTests {
    static let cases: [KeywordCase] = [
        KeywordCase(#"{"allOf":[{"type":"integer"},{"minimum":2}]}"#, "3", true),
        KeywordCase(#"{"allOf":[{"type":"integer"},{"minimum":2}]}"#, "1", false, keyword: "minimum"),
        KeywordCase(#"{"allOf":[{"type":"integer"},{"minimum":2}]}"#, "2.5", false, keyword: "type"),
        KeywordCase(#"{"anyOf":[{"type":"string"},{"minimum":2}]}"#, #""x""#, true),
        KeywordCase(#"{"anyOf":[{"type":"string"},{"minimum":2}]}"#, "5", true),
        KeywordCase(#"{"anyOf":[{"type":"string"},{"minimum":2}]}"#, "1", false),
        KeywordCase(#"{"oneOf":[{"type":"integer"},{"type":"string"}]}"#, "1", true),
        KeywordCase(#"{"oneOf":[{"type":"integer"},{"type":"string"}]}"#, "true", false, keyword: "oneOf"),
        KeywordCase(#"{"oneOf":[{"type":"integer"},{"minimum":0}]}"#, "5", false, keyword: "oneOf"),
        KeywordCase(#"{"oneOf":[{"type":"integer"},{"minimum":0}]}"#, "-5", true),
        KeywordCase(#"{"not":{"type":"string"}}"#, "1", true),
        KeywordCase(#"{"not":{"type":"string"}}"#, #""x""#, false, keyword: "not"),
        KeywordCase(#"{"not":{}}"#, "null", false, keyword: "not"),
        KeywordCase(#"{"if":{"minimum":10},"then":{"multipleOf":2},"else":{"multipleOf":3}}"#, "12", true),
        KeywordCase(#"{"if":{"minimum":10},"then":{"multipleOf":2},"else":{"multipleOf":3}}"#, "11", false, keyword: "multipleOf"),
        KeywordCase(#"{"if":{"minimum":10},"then":{"multipleOf":2},"else":{"multipleOf":3}}"#, "9", true),
        KeywordCase(#"{"if":{"minimum":10},"then":{"multipleOf":2},"else":{"multipleOf":3}}"#, "8", false, keyword: "multipleOf"),
        KeywordCase(#"{"if":{"minimum":10},"then":{"multipleOf":2}}"#, "7", true),
        KeywordCase(#"{"if":{"minimum":10},"else":{"multipleOf":3}}"#, "11", true),
        KeywordCase(#"{"then":{"const":1}}"#, "2", true),
        KeywordCase(#"{"if":{"const":1},"then":false}"#, "1", false, dialect: .draft7),
        KeywordCase(#"{"if":{"const":1},"then":false}"#, "1", true, dialect: .draft6),
    ]

    @Test(arguments: cases)
    func keyword(_ c: KeywordCase) throws { try SchemaTestKit.run(c) }

    @Test func allOfReportsEveryFailingBranch() throws {
        let schema = try SchemaTestKit.compile(#"{"allOf":[{"required":["a"]},{"required":["b"]},{"type":"object"}]}"#)
        let result = try SchemaTestKit.validate(schema, "{}")
        #expect(result.errors.map(\.keywordLocation) == ["/allOf/0/required", "/allOf/1/required"])
    }

    @Test func oneOfWithNoMatchReportsTheOnlyPlausibleBranch() throws {
        let schema = try SchemaTestKit.compile(#"{"oneOf":[{"type":"string"},{"type":"object","required":["id"]}]}"#)
        let result = try SchemaTestKit.validate(schema, #"{"name":"x"}"#)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.keywordLocation == "/oneOf/1/required")
    }

    @Test func oneOfRejectedByEveryTypeStillShowsABranch() throws {
        // Never only "not valid against any schema" at the parent: the summary names how many
        // branches were tried and which one is shown, then that branch's errors follow.
        let schema = try SchemaTestKit.compile(#"{"oneOf":[{"type":"string"},{"type":"integer"}]}"#)
        let result = try SchemaTestKit.validate(schema, "[1]")
        #expect(result.errors.map(\.keywordLocation) == ["/oneOf", "/oneOf/0/type"])
        let summary = try #require(result.errors.first?.message)
        #expect(summary.contains("any of the 2 schemas in oneOf"), "\(summary)")
        #expect(summary.contains("oneOf/0"), "\(summary)")
    }

    @Test func oneOfWithSeveralMatchesNamesTheBranches() throws {
        let schema = try SchemaTestKit.compile(#"{"oneOf":[{"type":"number"},{"type":"integer"},{"type":"string"}]}"#)
        let result = try SchemaTestKit.validate(schema, "3")
        #expect(result.errors.count == 1)
        let message = try #require(result.errors.first?.message)
        #expect(message.contains("more than one"))
        #expect(message.contains("0, 1"))
    }

    @Test func anyOfWithoutTagsShowsTheFirstOfEquallyFarBranches() throws {
        // Both branches fail at the root with one error each: the tie goes to the first.
        let schema = try SchemaTestKit.compile(#"{"anyOf":[{"minimum":5},{"maximum":1}]}"#)
        let result = try SchemaTestKit.validate(schema, "3")
        #expect(result.errors.map(\.keywordLocation) == ["/anyOf", "/anyOf/0/minimum"])
        #expect(result.errors.first?.message.contains("any of the 2 schemas in anyOf; the errors below are from anyOf/0") == true)
    }

    @Test func ifErrorsAreNeverReported() throws {
        let schema = try SchemaTestKit.compile(#"{"if":{"required":["a"]},"then":{"required":["b"]}}"#)
        let result = try SchemaTestKit.validate(schema, #"{"a":1}"#)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.keywordLocation == "/then/required")
        #expect(try SchemaTestKit.validate(schema, #"{"c":1}"#).isValid)
    }

    @Test func emptyCombinatorListIsACompileError() throws {
        for keyword in ["allOf", "anyOf", "oneOf"] {
            let errors = try SchemaTestKit.compileErrors(#"{"\#(keyword)":[]}"#)
            #expect(errors?.first?.code == "schema.invalid-keyword", "\(keyword)")
        }
    }
}
