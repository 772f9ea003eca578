import SchemaValidation
import SpecSource
import Testing

@Suite("numeric keywords")
struct NumericKeywordTests {
    static let boundCases: [KeywordCase] = [
        KeywordCase(#"{"minimum":1}"#, "1", true),
        KeywordCase(#"{"minimum":1}"#, "0.999", false, keyword: "minimum"),
        KeywordCase(#"{"minimum":1}"#, #""0""#, true),
        KeywordCase(#"{"maximum":10}"#, "10.0", true),
        KeywordCase(#"{"maximum":10}"#, "10.0000000000000000001", false, keyword: "maximum"),
        KeywordCase(#"{"exclusiveMinimum":1}"#, "1", false, keyword: "exclusiveMinimum"),
        KeywordCase(#"{"exclusiveMinimum":1}"#, "1.0000001", true),
        KeywordCase(#"{"exclusiveMaximum":1}"#, "1", false, keyword: "exclusiveMaximum"),
        KeywordCase(#"{"exclusiveMaximum":1}"#, "0.9", true),
        KeywordCase(#"{"minimum":1,"exclusiveMinimum":2}"#, "1.5", false, keyword: "exclusiveMinimum"),
        // big numbers compare exactly
        KeywordCase(#"{"maximum":9223372036854775807}"#, "9223372036854775808", false, keyword: "maximum"),
        KeywordCase(#"{"maximum":9223372036854775807}"#, "9223372036854775807", true),
        KeywordCase(#"{"minimum":123456789012345678901234567890}"#, "123456789012345678901234567889", false, keyword: "minimum"),
        KeywordCase(#"{"maximum":9223372036854776000}"#, "9223372036854775999", true),
        KeywordCase(#"{"maximum":9223372036854776000}"#, "9223372036854776001", false, keyword: "maximum"),
        // boolean exclusiveMinimum/Maximum: draft 4, OpenAPI 3.0, and (leniently) OpenAPI 3.1
        KeywordCase(#"{"minimum":1,"exclusiveMinimum":true}"#, "1", false, dialect: .openAPI30, keyword: "exclusiveMinimum"),
        KeywordCase(#"{"minimum":1,"exclusiveMinimum":true}"#, "1.5", true, dialect: .openAPI30),
        KeywordCase(#"{"minimum":1,"exclusiveMinimum":false}"#, "1", true, dialect: .openAPI30),
        KeywordCase(#"{"maximum":5,"exclusiveMaximum":true}"#, "5", false, dialect: .openAPI30, keyword: "exclusiveMaximum"),
        KeywordCase(#"{"maximum":5,"exclusiveMaximum":true}"#, "4", true, dialect: .openAPI30),
        KeywordCase(#"{"minimum":1,"exclusiveMinimum":true}"#, "1", false, dialect: .openAPI31, keyword: "exclusiveMinimum"),
        KeywordCase(#"{"minimum":1,"exclusiveMinimum":true}"#, "2", true, dialect: .openAPI31),
        KeywordCase(#"{"maximum":5,"exclusiveMaximum":true}"#, "5", false, dialect: .openAPI31, keyword: "exclusiveMaximum"),
        KeywordCase(#"{"minimum":1,"exclusiveMinimum":true}"#, "1", false, dialect: .draft4, keyword: "exclusiveMinimum"),
        KeywordCase(#"{"exclusiveMinimum":3}"#, "3", false, dialect: .openAPI31, keyword: "exclusiveMinimum"),
        KeywordCase(#"{"exclusiveMinimum":3}"#, "3", false, dialect: .draft7, keyword: "exclusiveMinimum"),
    ]

    @Test(arguments: boundCases)
    func bounds(_ c: KeywordCase) throws { try SchemaTestKit.run(c) }

    static let multipleOfCases: [KeywordCase] = [
        KeywordCase(#"{"multipleOf":0.01}"#, "0.07", true),
        KeywordCase(#"{"multipleOf":0.01}"#, "19.99", true),
        KeywordCase(#"{"multipleOf":0.01}"#, "0.075", false, keyword: "multipleOf"),
        KeywordCase(#"{"multipleOf":0.1}"#, "0.3", true),
        KeywordCase(#"{"multipleOf":0.5}"#, "1e308", true),
        KeywordCase(#"{"multipleOf":0.5}"#, "1.75", false, keyword: "multipleOf"),
        KeywordCase(#"{"multipleOf":1.5}"#, "4.5", true),
        KeywordCase(#"{"multipleOf":2}"#, "7", false, keyword: "multipleOf"),
        KeywordCase(#"{"multipleOf":2}"#, "-8", true),
        KeywordCase(#"{"multipleOf":2}"#, "0", true),
        KeywordCase(#"{"multipleOf":3}"#, "123456789012345678901234567890", true),
        KeywordCase(#"{"multipleOf":3}"#, "123456789012345678901234567891", false, keyword: "multipleOf"),
        KeywordCase(#"{"multipleOf":0.0001}"#, "12345678901234567890.1234", true),
        KeywordCase(#"{"multipleOf":1e-9}"#, "0.000000003", true),
        KeywordCase(#"{"multipleOf":2}"#, #""7""#, true),
    ]

    @Test(arguments: multipleOfCases)
    func multipleOf(_ c: KeywordCase) throws { try SchemaTestKit.run(c) }

    @Test func boundMessagesAreExact() throws {
        let schema = try SchemaTestKit.compile(#"{"minimum":1}"#)
        #expect(try SchemaTestKit.validate(schema, "0").errors.map(\.message) == ["0 is not at least 1"])
        let exclusive = try SchemaTestKit.compile(#"{"minimum":1,"exclusiveMinimum":true}"#, dialect: .openAPI30)
        let result = try SchemaTestKit.validate(exclusive, "1")
        #expect(result.errors.map(\.message) == ["1 is not greater than 1"])
        #expect(result.errors.first?.keywordLocation == "/exclusiveMinimum")
    }

    @Test func invalidNumericKeywordValuesAreCompileErrors() throws {
        for (schema, dialect) in [
            (#"{"multipleOf":0}"#, Dialect.draft2020_12), (#"{"multipleOf":-2}"#, .draft2020_12),
            (#"{"minimum":"1"}"#, .draft2020_12), (#"{"exclusiveMinimum":true}"#, .draft2020_12),
            (#"{"exclusiveMinimum":1}"#, .draft4),
        ] {
            let errors = try SchemaTestKit.compileErrors(schema, dialect: dialect)
            #expect(errors?.first?.code == "schema.invalid-keyword", "\(schema) [\(dialect)]")
        }
    }
}
