import SchemaValidation
import SpecSource
import Testing

@Suite("string keywords")
struct StringKeywordTests {
    static let cases: [KeywordCase] = [
        // lengths count Unicode code points
        KeywordCase(#"{"maxLength":1}"#, #""😀""#, true),
        KeywordCase(#"{"minLength":2}"#, #""😀""#, false, keyword: "minLength"),
        KeywordCase(#"{"minLength":2}"#, #""😀😀""#, true),
        KeywordCase(#"{"maxLength":1}"#, #""😀😀""#, false, keyword: "maxLength"),
        KeywordCase(#"{"maxLength":3}"#, #""😀😀😀""#, true),
        KeywordCase(#"{"maxLength":2}"#, #""😀😀😀""#, false, keyword: "maxLength"),
        KeywordCase(#"{"maxLength":1}"#, #""\ud83d\ude00""#, true),
        KeywordCase(#"{"maxLength":1}"#, #""é""#, true),
        KeywordCase(#"{"minLength":2}"#, #""e\u0301""#, true),
        KeywordCase(#"{"maxLength":2}"#, #""abc""#, false, keyword: "maxLength"),
        KeywordCase(#"{"minLength":1}"#, #""""#, false, keyword: "minLength"),
        KeywordCase(#"{"minLength":3}"#, "12", true),
        // pattern: ECMA-262, unanchored search
        KeywordCase(#"{"pattern":"b"}"#, #""abc""#, true),
        KeywordCase(#"{"pattern":"^b"}"#, #""abc""#, false, keyword: "pattern"),
        KeywordCase(#"{"pattern":"c$"}"#, #""abc""#, true),
        KeywordCase(#"{"pattern":"^[0-9]+x[0-9]+$"}"#, #""1280x720""#, true),
        KeywordCase(#"{"pattern":"^[0-9]+x[0-9]+$"}"#, #""1280x720p""#, false, keyword: "pattern"),
        KeywordCase(#"{"pattern":"^https://"}"#, #""http://x""#, false, keyword: "pattern"),
        KeywordCase(#"{"pattern":"^a"}"#, "12", true),
    ]

    @Test(arguments: cases)
    func keyword(_ c: KeywordCase) throws { try SchemaTestKit.run(c) }

    @Test func lengthMessageCountsCodePoints() throws {
        let schema = try SchemaTestKit.compile(#"{"maxLength":1}"#)
        let result = try SchemaTestKit.validate(schema, #""😀😀""#)
        let message = try #require(result.errors.first?.message)
        #expect(message.contains("2 characters"))
    }

    @Test func invalidPatternIsACompileError() throws {
        let errors = try #require(try SchemaTestKit.compileErrors(#"{"pattern":"(unclosed"}"#))
        #expect(errors.count == 1)
        #expect(errors.first?.code == "schema.invalid-pattern")
        #expect(errors.first?.location.line == 1)
    }
}

@Suite("format keyword")
struct FormatAssertionTests {
    static let cases: [KeywordCase] = [
        KeywordCase(#"{"format":"uri"}"#, #""https://example.com/a?b#c""#, true),
        KeywordCase(#"{"format":"uri"}"#, #""example.com/webhook""#, false, keyword: "format"),
        KeywordCase(#"{"format":"uri"}"#, #""https://example.com/my hook""#, false, keyword: "format"),
        KeywordCase(#"{"format":"date-time"}"#, #""2024-02-29T12:30:00Z""#, true),
        KeywordCase(#"{"format":"date-time"}"#, #""2024-02-29T12:30:00.5+01:00""#, true),
        KeywordCase(#"{"format":"date-time"}"#, #""2024-02-29""#, false, keyword: "format"),
        KeywordCase(#"{"format":"date-time"}"#, #""2023-02-29T12:30:00Z""#, false, keyword: "format"),
        KeywordCase(#"{"format":"email"}"#, #""joe@example.com""#, true),
        KeywordCase(#"{"format":"email"}"#, #""joe.example.com""#, false, keyword: "format"),
        KeywordCase(#"{"format":"int32"}"#, "2147483647", true),
        KeywordCase(#"{"format":"int32"}"#, "-2147483648", true),
        KeywordCase(#"{"format":"int32"}"#, "2147483648", false, keyword: "format"),
        KeywordCase(#"{"format":"int32"}"#, "1.5", false, keyword: "format"),
        KeywordCase(#"{"format":"int64"}"#, "9223372036854775808", false, keyword: "format"),
        KeywordCase(#"{"format":"uri"}"#, "42", true),
        KeywordCase(#"{"format":"int32"}"#, #""x""#, true),
        KeywordCase(#"{"format":"x-made-up"}"#, #""anything""#, true),
    ]

    @Test(arguments: cases)
    func asserted(_ c: KeywordCase) throws { try SchemaTestKit.run(c) }

    @Test func annotateModeDisablesFormatChecks() throws {
        let options = SchemaOptions(formats: .annotate)
        let schema = try SchemaTestKit.compile(#"{"properties":{"u":{"format":"uri"},"n":{"format":"int32"}}}"#, options: options)
        #expect(try SchemaTestKit.validate(schema, #"{"u":"not a uri","n":99999999999}"#).isValid)
        let asserted = try SchemaTestKit.compile(#"{"properties":{"u":{"format":"uri"},"n":{"format":"int32"}}}"#)
        #expect(try SchemaTestKit.validate(asserted, #"{"u":"not a uri","n":99999999999}"#).errors.map(\.instanceLocation) == ["/u", "/n"])
    }

    @Test func customFormatChecker() throws {
        let options = SchemaOptions(customFormats: ["even": .number { $0.isInteger && $0.isMultiple(of: JSONNumber(2)) }])
        let schema = try SchemaTestKit.compile(#"{"format":"even"}"#, options: options)
        #expect(try SchemaTestKit.validate(schema, "4").isValid)
        #expect(try SchemaTestKit.validate(schema, #""three""#).isValid)
        let result = try SchemaTestKit.validate(schema, "3")
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.keyword == "format")
        #expect(result.errors.first?.message.contains("even") == true)
    }

    @Test func customFormatReplacesBuiltin() throws {
        let options = SchemaOptions(customFormats: ["email": .string { $0.hasSuffix("@corp.example") }])
        let schema = try SchemaTestKit.compile(#"{"format":"email"}"#, options: options)
        #expect(try SchemaTestKit.validate(schema, #""a@corp.example""#).isValid)
        #expect(!(try SchemaTestKit.validate(schema, #""a@example.com""#).isValid))
    }
}
