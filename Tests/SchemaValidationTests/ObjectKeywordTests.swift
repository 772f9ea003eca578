import SchemaValidation
import SpecSource
import Testing

@Suite("object keywords")
struct ObjectKeywordTests {
    static let cases: [KeywordCase] = [
        // required
        KeywordCase(#"{"required":["a","b"]}"#, #"{"a":1,"b":null}"#, true),
        KeywordCase(#"{"required":["a","b"]}"#, #"{"a":1}"#, false, keyword: "required"),
        KeywordCase(#"{"required":["a"]}"#, "[]", true),
        KeywordCase(#"{"required":["a"]}"#, #""a""#, true),
        // Names compare by code points: "é" (U+00E9) is not "e" + U+0301.
        KeywordCase(#"{"required":["\u00e9"]}"#, #"{"e\u0301":1}"#, false, keyword: "required"),
        KeywordCase(#"{"required":["e\u0301"]}"#, #"{"e\u0301":1}"#, true),
        KeywordCase(#"{"properties":{"\u00e9":{"type":"string"}}}"#, #"{"e\u0301":1}"#, true),
        KeywordCase(
            #"{"properties":{"\u00e9":{}},"unevaluatedProperties":false}"#, #"{"e\u0301":1}"#, false, keyword: "unevaluatedProperties"),
        KeywordCase(#"{"properties":{"e\u0301":{}},"unevaluatedProperties":false}"#, #"{"e\u0301":1}"#, true),
        // properties
        KeywordCase(#"{"properties":{"a":{"type":"string"}}}"#, #"{"a":"x","b":1}"#, true),
        KeywordCase(#"{"properties":{"a":{"type":"string"}}}"#, #"{"a":1}"#, false, keyword: "type"),
        KeywordCase(#"{"properties":{"a":{"type":"string"}}}"#, "{}", true),
        KeywordCase(#"{"properties":{"a":false}}"#, #"{"a":1}"#, false),
        // patternProperties
        KeywordCase(#"{"patternProperties":{"^x-":{"type":"integer"}}}"#, #"{"x-a":1,"y":"s"}"#, true),
        KeywordCase(#"{"patternProperties":{"^x-":{"type":"integer"}}}"#, #"{"x-a":"s"}"#, false, keyword: "type"),
        KeywordCase(#"{"patternProperties":{"a":{"type":"integer"}}}"#, #"{"bab":"s"}"#, false, keyword: "type"),
        // additionalProperties
        KeywordCase(#"{"properties":{"a":{}},"additionalProperties":false}"#, #"{"a":1}"#, true),
        KeywordCase(#"{"properties":{"a":{}},"additionalProperties":false}"#, #"{"a":1,"b":2}"#, false, keyword: "additionalProperties"),
        KeywordCase(#"{"properties":{"a":{}},"patternProperties":{"^x-":{}},"additionalProperties":false}"#, #"{"a":1,"x-y":2}"#, true),
        KeywordCase(
            #"{"properties":{"a":{}},"patternProperties":{"^x-":{}},"additionalProperties":false}"#, #"{"y-x":2}"#, false,
            keyword: "additionalProperties"),
        KeywordCase(#"{"properties":{"a":{}},"additionalProperties":{"type":"boolean"}}"#, #"{"a":1,"b":true}"#, true),
        KeywordCase(#"{"properties":{"a":{}},"additionalProperties":{"type":"boolean"}}"#, #"{"a":1,"b":"no"}"#, false, keyword: "type"),
        KeywordCase(#"{"additionalProperties":true}"#, #"{"z":1}"#, true),
        // propertyNames
        KeywordCase(#"{"propertyNames":{"maxLength":3}}"#, #"{"abc":1}"#, true),
        KeywordCase(#"{"propertyNames":{"maxLength":3}}"#, #"{"abcd":1}"#, false, keyword: "maxLength"),
        KeywordCase(#"{"propertyNames":{"pattern":"^[a-z]+$"}}"#, #"{"Ab":1}"#, false, keyword: "pattern"),
        KeywordCase(#"{"propertyNames":false}"#, "{}", true),
        KeywordCase(#"{"propertyNames":false}"#, #"{"a":1}"#, false),
        // minProperties / maxProperties
        KeywordCase(#"{"minProperties":2}"#, #"{"a":1,"b":2}"#, true),
        KeywordCase(#"{"minProperties":2}"#, #"{"a":1}"#, false, keyword: "minProperties"),
        KeywordCase(#"{"maxProperties":1}"#, #"{"a":1}"#, true),
        KeywordCase(#"{"maxProperties":1}"#, #"{"a":1,"b":2}"#, false, keyword: "maxProperties"),
        KeywordCase(#"{"maxProperties":0}"#, "[1,2]", true),
        // dependentRequired / dependentSchemas (2020-12)
        KeywordCase(#"{"dependentRequired":{"card":["billing"]}}"#, #"{"card":1,"billing":2}"#, true),
        KeywordCase(#"{"dependentRequired":{"card":["billing"]}}"#, #"{"name":1}"#, true),
        KeywordCase(#"{"dependentRequired":{"card":["billing"]}}"#, #"{"card":1}"#, false, keyword: "dependentRequired"),
        KeywordCase(#"{"dependentSchemas":{"card":{"required":["billing"]}}}"#, #"{"card":1,"billing":2}"#, true),
        KeywordCase(#"{"dependentSchemas":{"card":{"required":["billing"]}}}"#, #"{"card":1}"#, false, keyword: "required"),
        KeywordCase(#"{"dependentSchemas":{"card":{"properties":{"n":{"type":"integer"}}}}}"#, #"{"n":"x"}"#, true),
        // dependencies (draft 7): both forms
        KeywordCase(#"{"dependencies":{"a":["b"]}}"#, #"{"a":1}"#, false, dialect: .draft7, keyword: "dependencies"),
        KeywordCase(#"{"dependencies":{"a":["b"]}}"#, #"{"a":1,"b":1}"#, true, dialect: .draft7),
        KeywordCase(#"{"dependencies":{"a":{"required":["c"]}}}"#, #"{"a":1}"#, false, dialect: .draft7, keyword: "required"),
        // 2020-12 keeps `dependencies` as a compatibility alias (the suite's optional
        // dependencies-compatibility tests)
        KeywordCase(#"{"dependencies":{"a":["b"]}}"#, #"{"a":1}"#, false, keyword: "dependencies"),
    ]

    @Test(arguments: cases)
    func keyword(_ c: KeywordCase) throws { try SchemaTestKit.run(c) }

    @Test func requiredIsReportedAtTheObjectOncePerMissingMember() throws {
        let schema = try SchemaTestKit.compile(#"{"properties":{"a":{"required":["x","y","z"]}}}"#)
        let result = try SchemaTestKit.validate(schema, #"{"a":{"y":1}}"#)
        #expect(result.errors.count == 2)
        #expect(result.errors.allSatisfy { $0.instanceLocation == "/a" && $0.keyword == "required" })
        #expect(result.errors.map(\.message) == [#"missing required property "x""#, #"missing required property "z""#])
        #expect(result.errors.first?.keywordLocation == "/properties/a/required")
    }

    @Test func additionalPropertyIsReportedAtTheMember() throws {
        let schema = try SchemaTestKit.compile(#"{"properties":{"a":{}},"additionalProperties":false}"#)
        let result = try SchemaTestKit.validate(schema, #"{"a":1,"b":2,"c":3}"#)
        #expect(result.errors.map(\.instanceLocation) == ["/b", "/c"])
        #expect(result.errors.allSatisfy { $0.keywordLocation == "/additionalProperties" })
        #expect(result.errors.first?.message.contains(#""b""#) == true)
    }

    @Test func additionalPropertiesSchemaErrorsPointIntoTheMember() throws {
        let schema = try SchemaTestKit.compile(#"{"additionalProperties":{"type":"integer"}}"#)
        let result = try SchemaTestKit.validate(schema, #"{"n":"x"}"#)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.instanceLocation == "/n")
        #expect(result.errors.first?.keywordLocation == "/additionalProperties/type")
    }

    @Test func propertyNamesErrorNamesTheMember() throws {
        let schema = try SchemaTestKit.compile(#"{"propertyNames":{"maxLength":2}}"#)
        let result = try SchemaTestKit.validate(schema, #"{"ok":1,"long":2}"#)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.instanceLocation == "/long")
        #expect(result.errors.first?.keywordLocation == "/propertyNames/maxLength")
    }

    @Test func invalidKeywordValuesAreCompileErrors() throws {
        for schema in [#"{"required":"a"}"#, #"{"minProperties":-1}"#, #"{"maxProperties":1.5}"#, #"{"properties":[]}"#] {
            let errors = try SchemaTestKit.compileErrors(schema)
            #expect(errors?.first?.code == "schema.invalid-keyword", "\(schema)")
        }
    }
}
