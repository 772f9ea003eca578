import SchemaValidation
import SpecSource
import Testing

@Suite("array keywords")
struct ArrayKeywordTests {
    static let cases: [KeywordCase] = [
        // items (schema form)
        KeywordCase(#"{"items":{"type":"integer"}}"#, "[1,2,3.0]", true),
        KeywordCase(#"{"items":{"type":"integer"}}"#, #"[1,"2"]"#, false, keyword: "type"),
        KeywordCase(#"{"items":{"type":"integer"}}"#, "[]", true),
        KeywordCase(#"{"items":{"type":"integer"}}"#, #"{"0":"x"}"#, true),
        KeywordCase(#"{"items":false}"#, "[]", true),
        KeywordCase(#"{"items":false}"#, "[1]", false),
        // prefixItems + items (2020-12)
        KeywordCase(#"{"prefixItems":[{"type":"string"},{"type":"integer"}]}"#, #"["a",1,true]"#, true),
        KeywordCase(#"{"prefixItems":[{"type":"string"},{"type":"integer"}]}"#, #"[1]"#, false, keyword: "type"),
        KeywordCase(#"{"prefixItems":[{"type":"string"}],"items":false}"#, #"["a"]"#, true),
        KeywordCase(#"{"prefixItems":[{"type":"string"}],"items":false}"#, #"["a","b"]"#, false, keyword: "items"),
        KeywordCase(#"{"prefixItems":[{"type":"string"}],"items":{"type":"integer"}}"#, #"["a",1,2]"#, true),
        KeywordCase(#"{"prefixItems":[{"type":"string"}],"items":{"type":"integer"}}"#, #"["a",1,"b"]"#, false, keyword: "type"),
        // array-form items + additionalItems (draft 4 and OpenAPI 3.0)
        KeywordCase(#"{"items":[{"type":"string"}],"additionalItems":false}"#, #"["a"]"#, true, dialect: .draft4),
        KeywordCase(
            #"{"items":[{"type":"string"}],"additionalItems":false}"#, #"["a",1]"#, false, dialect: .draft4, keyword: "additionalItems"),
        KeywordCase(#"{"items":[{"type":"string"}],"additionalItems":false}"#, #"[1]"#, false, dialect: .draft4, keyword: "type"),
        KeywordCase(#"{"items":[{"type":"string"}],"additionalItems":{"type":"integer"}}"#, #"["a",1,2]"#, true, dialect: .openAPI30),
        KeywordCase(
            #"{"items":[{"type":"string"}],"additionalItems":{"type":"integer"}}"#, #"["a",1,"x"]"#, false, dialect: .openAPI30,
            keyword: "type"),
        KeywordCase(
            #"{"items":[{"type":"string"}],"additionalItems":false}"#, #"["a",1]"#, false, dialect: .openAPI30, keyword: "additionalItems"),
        KeywordCase(#"{"items":{"type":"string"},"additionalItems":false}"#, #"["a","b"]"#, true, dialect: .draft4),
        // contains / minContains / maxContains
        KeywordCase(#"{"contains":{"type":"string"}}"#, #"[1,"a"]"#, true),
        KeywordCase(#"{"contains":{"type":"string"}}"#, "[1,2]", false, keyword: "contains"),
        KeywordCase(#"{"contains":{"type":"string"}}"#, "[]", false, keyword: "contains"),
        KeywordCase(#"{"contains":{"type":"string"},"minContains":2}"#, #"["a",1,"b"]"#, true),
        KeywordCase(#"{"contains":{"type":"string"},"minContains":2}"#, #"["a",1]"#, false, keyword: "contains"),
        KeywordCase(#"{"contains":{"type":"string"},"maxContains":1}"#, #"["a",1]"#, true),
        KeywordCase(#"{"contains":{"type":"string"},"maxContains":1}"#, #"["a","b"]"#, false, keyword: "contains"),
        KeywordCase(#"{"contains":{"type":"string"},"minContains":0}"#, "[1]", true),
        KeywordCase(#"{"contains":{"type":"string"},"minContains":2,"maxContains":3}"#, #"["a","b","c","d"]"#, false, keyword: "contains"),
        KeywordCase(#"{"contains":{"type":"string"},"minContains":2}"#, #"["a",1]"#, true, dialect: .draft7),
        // minItems / maxItems
        KeywordCase(#"{"minItems":2}"#, "[1,2]", true),
        KeywordCase(#"{"minItems":2}"#, "[1]", false, keyword: "minItems"),
        KeywordCase(#"{"maxItems":2}"#, "[1,2]", true),
        KeywordCase(#"{"maxItems":2}"#, "[1,2,3]", false, keyword: "maxItems"),
        KeywordCase(#"{"maxItems":0}"#, #""not an array""#, true),
        // uniqueItems
        KeywordCase(#"{"uniqueItems":true}"#, "[1,2,3]", true),
        KeywordCase(#"{"uniqueItems":true}"#, "[1,1.0]", false, keyword: "uniqueItems"),
        KeywordCase(#"{"uniqueItems":true}"#, "[0.1,0.10]", false, keyword: "uniqueItems"),
        KeywordCase(#"{"uniqueItems":true}"#, #"[1,"1",true]"#, true),
        KeywordCase(#"{"uniqueItems":true}"#, "[0,false,null]", true),
        KeywordCase(#"{"uniqueItems":true}"#, #"[{"a":1,"b":2},{"b":2,"a":1}]"#, false, keyword: "uniqueItems"),
        KeywordCase(#"{"uniqueItems":true}"#, #"[{"a":1},{"a":2}]"#, true),
        KeywordCase(#"{"uniqueItems":true}"#, "[[1,2],[2,1]]", true),
        KeywordCase(#"{"uniqueItems":true}"#, "[[1,2],[1,2.0]]", false, keyword: "uniqueItems"),
        KeywordCase(#"{"uniqueItems":false}"#, "[1,1]", true),
    ]

    @Test(arguments: cases)
    func keyword(_ c: KeywordCase) throws { try SchemaTestKit.run(c) }

    @Test func arrayFormItemsIsRejectedIn2020_12() throws {
        let errors = try #require(try SchemaTestKit.compileErrors(#"{"items":[{"type":"string"}]}"#))
        #expect(errors.first?.code == "schema.invalid-keyword")
    }

    @Test func prefixItemsIsIgnoredInDraft7() throws {
        let schema = try SchemaTestKit.compile(#"{"prefixItems":[{"type":"string"}]}"#, dialect: .draft7)
        #expect(try SchemaTestKit.validate(schema, "[1]").isValid)
    }

    @Test func itemErrorsPointAtTheElement() throws {
        let schema = try SchemaTestKit.compile(#"{"prefixItems":[{"type":"string"}],"items":{"type":"integer"}}"#)
        let result = try SchemaTestKit.validate(schema, #"[1,2,"x",4,"y"]"#)
        #expect(result.errors.map(\.instanceLocation) == ["/0", "/2", "/4"])
        #expect(result.errors.map(\.keywordLocation) == ["/prefixItems/0/type", "/items/type", "/items/type"])
    }

    @Test func uniqueItemsMessageNamesBothIndexes() throws {
        let schema = try SchemaTestKit.compile(#"{"uniqueItems":true}"#)
        let result = try SchemaTestKit.validate(schema, #"["a",{"x":1,"y":2},"b",{"y":2,"x":1.0}]"#)
        #expect(result.errors.count == 1)
        let message = try #require(result.errors.first?.message)
        #expect(message.contains("1") && message.contains("3"))
    }

    /// Short arrays are compared pair by pair, long ones through a hash table: the same verdicts
    /// and the same pair reported (the first item equal to an earlier one, with the earliest).
    @Test(arguments: [3, 16, 17, 40])
    func uniqueItemsAgreesOnEitherSideOfThePairwiseLimit(_ count: Int) throws {
        let schema = try SchemaTestKit.compile(#"{"uniqueItems":true}"#)
        let distinct = (0..<count).map { #"{"name":"p\#($0)","in":"query","n":\#($0)}"# }
        #expect(SchemaTestKit.validate(schema, try SchemaTestKit.json("[" + distinct.joined(separator: ",") + "]")).isValid)
        // Item 1 again (members reordered, 1 as 1.0) at the end, and item 0 again just before it.
        var repeated = distinct
        repeated[count - 2] = #"{"in":"query","n":0,"name":"p0"}"#
        repeated[count - 1] = #"{"n":1.0,"in":"query","name":"p1"}"#
        let result = SchemaTestKit.validate(schema, try SchemaTestKit.json("[" + repeated.joined(separator: ",") + "]"))
        #expect(result.errors.map(\.code) == ["uniqueItems"])
        #expect(result.errors.first?.message.hasPrefix("items 0 and \(count - 2) are equal") == true, "\(result.errors)")
    }

    @Test func containsReportsOneErrorAtTheArray() throws {
        let schema = try SchemaTestKit.compile(#"{"contains":{"const":5}}"#)
        let result = try SchemaTestKit.validate(schema, "[1,2,3]")
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.instanceLocation == "")
        #expect(result.errors.first?.keywordLocation == "/contains")
    }
}
