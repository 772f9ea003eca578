import SchemaValidation
import SpecSource
import Testing

@Suite("type, enum and const")
struct TypeAndEnumTests {
    static let typeCases: [KeywordCase] = [
        KeywordCase(#"{"type":"integer"}"#, "8", true),
        KeywordCase(#"{"type":"integer"}"#, "8.0", true),
        KeywordCase(#"{"type":"integer"}"#, "1e1", true),
        KeywordCase(#"{"type":"integer"}"#, "-0", true),
        KeywordCase(#"{"type":"integer"}"#, "123456789012345678901234567890", true),
        KeywordCase(#"{"type":"integer"}"#, "8.5", false, keyword: "type"),
        KeywordCase(#"{"type":"integer"}"#, #""8""#, false, keyword: "type"),
        KeywordCase(#"{"type":"number"}"#, "8.5", true),
        KeywordCase(#"{"type":"number"}"#, "8", true),
        KeywordCase(#"{"type":"number"}"#, "true", false, keyword: "type"),
        KeywordCase(#"{"type":"string"}"#, #""x""#, true),
        KeywordCase(#"{"type":"string"}"#, "null", false, keyword: "type"),
        KeywordCase(#"{"type":"boolean"}"#, "false", true),
        KeywordCase(#"{"type":"boolean"}"#, "0", false, keyword: "type"),
        KeywordCase(#"{"type":"null"}"#, "null", true),
        KeywordCase(#"{"type":"null"}"#, #""""#, false, keyword: "type"),
        KeywordCase(#"{"type":"array"}"#, "[]", true),
        KeywordCase(#"{"type":"array"}"#, "{}", false, keyword: "type"),
        KeywordCase(#"{"type":"object"}"#, "{}", true),
        KeywordCase(#"{"type":"object"}"#, "[]", false, keyword: "type"),
        KeywordCase(#"{"type":["string","null"]}"#, "null", true),
        KeywordCase(#"{"type":["string","null"]}"#, #""a""#, true),
        KeywordCase(#"{"type":["string","null"]}"#, "1", false, keyword: "type"),
        KeywordCase(#"{"type":["integer","boolean"]}"#, "2.0", true),
    ]

    @Test(arguments: typeCases)
    func type(_ c: KeywordCase) throws { try SchemaTestKit.run(c) }

    @Test func typeMessageNamesExpectedAndFound() throws {
        let schema = try SchemaTestKit.compile(#"{"type":"integer"}"#)
        let result = try SchemaTestKit.validate(schema, "8.5")
        let error = try #require(result.errors.first)
        #expect(result.errors.count == 1)
        #expect(error.message.contains("integer"))
        #expect(error.message.contains("8.5"))
        #expect(error.keywordLocation == "/type")
        #expect(error.instanceLocation == "")
    }

    @Test func invalidTypeNameIsACompileError() throws {
        let errors = try #require(try SchemaTestKit.compileErrors(#"{"type":"float"}"#))
        #expect(errors.count == 1)
        #expect(errors.first?.code == "schema.invalid-keyword")
    }

    static let enumCases: [KeywordCase] = [
        KeywordCase(#"{"enum":[0.1]}"#, "0.1", true),
        KeywordCase(#"{"enum":[0.1]}"#, "0.10", true),
        KeywordCase(#"{"enum":[0.1]}"#, "1e-1", true),
        KeywordCase(#"{"enum":[0.1]}"#, "0.1000000000000000001", false, keyword: "enum"),
        KeywordCase(#"{"enum":[0.3]}"#, "0.30000000000000004", false, keyword: "enum"),
        KeywordCase(#"{"enum":[1.0]}"#, "1", true),
        KeywordCase(#"{"enum":[1]}"#, "1.0", true),
        KeywordCase(#"{"enum":[1]}"#, "true", false, keyword: "enum"),
        KeywordCase(#"{"enum":[0]}"#, "false", false, keyword: "enum"),
        KeywordCase(#"{"enum":[123456789012345678901234567890]}"#, "123456789012345678901234567890", true),
        KeywordCase(#"{"enum":[123456789012345678901234567890]}"#, "123456789012345678901234567891", false, keyword: "enum"),
        KeywordCase(#"{"enum":[18446744073709551616]}"#, "18446744073709551617", false, keyword: "enum"),
        KeywordCase(#"{"enum":[18446744073709551616]}"#, "18446744073709551616.0", true),
        KeywordCase(#"{"enum":["a","b"]}"#, #""a""#, true),
        KeywordCase(#"{"enum":["a","b"]}"#, #""A""#, false, keyword: "enum"),
        KeywordCase(#"{"enum":["1"]}"#, "1", false, keyword: "enum"),
        KeywordCase(#"{"enum":[null]}"#, "null", true),
        KeywordCase(#"{"enum":[{"a":1,"b":[1,2]}]}"#, #"{"b":[1,2.0],"a":1.0}"#, true),
        KeywordCase(#"{"enum":[[1,2]]}"#, "[2,1]", false, keyword: "enum"),
        // More than four mixed values: the hashed lookup must agree with exact number equality.
        KeywordCase(#"{"enum":["a","b",null,true,1,0.1]}"#, "1.0", true),
        KeywordCase(#"{"enum":["a","b",null,true,1,0.1]}"#, "0.10", true),
        KeywordCase(#"{"enum":["a","b",null,true,1,0.1]}"#, "10e-2", true),
        KeywordCase(#"{"enum":["a","b",null,true,1,0.1]}"#, "2", false, keyword: "enum"),
        KeywordCase(#"{"enum":["a","b",null,true,1,0.1]}"#, "false", false, keyword: "enum"),
    ]

    @Test(arguments: enumCases)
    func enumKeyword(_ c: KeywordCase) throws { try SchemaTestKit.run(c) }

    @Test func enumMessageListsAllowedValues() throws {
        let schema = try SchemaTestKit.compile(#"{"enum":["16:9","9:16"]}"#)
        let result = try SchemaTestKit.validate(schema, #""16:10""#)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.message == #""16:10" is not one of "16:9", "9:16""#)
    }

    /// A one-value enum reads as the constant it is, without a list of one or a "did you mean" of it.
    @Test func aOneValueEnumSaysTheValue() throws {
        let schema = try SchemaTestKit.compile(#"{"enum":["queued"]}"#)
        #expect(try SchemaTestKit.validate(schema, #""queud""#).errors.map(\.message) == [#""queud" must be "queued""#])
        let number = try SchemaTestKit.validate(schema, "3").errors.map(\.message)
        #expect(number == [#"3 must be "queued""#], "\(number)")
    }

    static let constCases: [KeywordCase] = [
        KeywordCase(#"{"const":0.1}"#, "0.1", true),
        KeywordCase(#"{"const":0.1}"#, "0.2", false, keyword: "const"),
        KeywordCase(#"{"const":1}"#, "1.0", true),
        KeywordCase(#"{"const":1}"#, "true", false, keyword: "const"),
        KeywordCase(#"{"const":false}"#, "0", false, keyword: "const"),
        KeywordCase(#"{"const":null}"#, "null", true),
        KeywordCase(#"{"const":null}"#, "false", false, keyword: "const"),
        KeywordCase(#"{"const":98765432109876543210987654321}"#, "98765432109876543210987654321", true),
        KeywordCase(#"{"const":98765432109876543210987654321}"#, "98765432109876543210987654320", false, keyword: "const"),
        KeywordCase(#"{"const":{"a":1,"b":2}}"#, #"{"b":2,"a":1}"#, true),
        KeywordCase(#"{"const":{"a":1,"b":2}}"#, #"{"a":1}"#, false, keyword: "const"),
        KeywordCase(#"{"const":[1,"x"]}"#, #"[1.0,"x"]"#, true),
        KeywordCase(#"{"const":"abc"}"#, #""abc ""#, false, keyword: "const"),
    ]

    @Test(arguments: constCases)
    func constKeyword(_ c: KeywordCase) throws { try SchemaTestKit.run(c) }

    @Test func constIsNotAKeywordInDraft4() throws {
        let schema = try SchemaTestKit.compile(#"{"const":1}"#, dialect: .draft4)
        #expect(try SchemaTestKit.validate(schema, "2").isValid)
    }

    @Test func booleanSchemas() throws {
        let yes = try SchemaTestKit.compile("true")
        let no = try SchemaTestKit.compile("false")
        #expect(try SchemaTestKit.validate(yes, #"{"anything":[1]}"#).isValid)
        let result = try SchemaTestKit.validate(no, "1")
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.instanceLocation == "")
    }
}
