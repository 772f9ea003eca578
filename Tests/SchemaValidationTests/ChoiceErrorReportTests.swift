import SchemaValidation
import SpecSource
import Testing

/// A failing `oneOf`/`anyOf` says what to fix: the errors of the branch whose tag matched, at their
/// own locations; else the branch that got furthest plus one error naming it.
@Suite("anyOf/oneOf error reports")
struct ChoiceErrorReportTests {
    /// Two payment kinds told apart by `kind` (a `const` in 2020-12, a one-value `enum` in draft 4).
    static func payments(const: Bool) -> String {
        let card = const ? #"{"const":"card"}"# : #"{"enum":["card"]}"#
        let bank = const ? #"{"const":"bank"}"# : #"{"enum":["bank"]}"#
        return #"""
            {"oneOf":[
              {"type":"object","required":["kind","card"],"properties":{"kind":\#(card),
                "card":{"type":"object","required":["number"],"properties":{"number":{"type":"string","pattern":"^[0-9]{12,19}$"}}}}},
              {"type":"object","required":["kind","iban"],"properties":{"kind":\#(bank),"iban":{"type":"string"}}}]}
            """#
    }

    @Test(arguments: [(Dialect.draft2020_12, true), (.draft7, true), (.draft4, false)])
    func tagMatchedBranchIsReportedAtNestedLocations(_ dialect: Dialect, _ usesConst: Bool) throws {
        let schema = try SchemaTestKit.compile(Self.payments(const: usesConst), dialect: dialect)
        let result = try SchemaTestKit.validate(schema, #"{"kind":"card","card":{"number":"12ab"}}"#)
        // The bank branch fails too (kind, iban), but its tag rejects the instance: only the card
        // branch's pattern failure is reported, where it is.
        #expect(result.errors.count == 1, "\(result)")
        let error = try #require(result.errors.first)
        #expect(error.keyword == "pattern")
        #expect(error.instanceLocation == "/card/number")
        #expect(error.keywordLocation == "/oneOf/0/properties/card/properties/number/pattern")
    }

    @Test func tagThroughAllOfAndRefSelectsTheBranch() throws {
        // The tags sit in an allOf member and behind a $ref: both are conjunctive, so they count.
        let schema = try SchemaTestKit.compile(
            #"""
            {"anyOf":[{"$ref":"#/$defs/card"},{"$ref":"#/$defs/bank"}],
             "$defs":{
               "card":{"allOf":[{"type":"object","required":["kind"]},{"properties":{"kind":{"const":"card"},"number":{"type":"string","minLength":12}}}]},
               "bank":{"type":"object","properties":{"kind":{"$ref":"#/$defs/bankKind"},"iban":{"type":"string"}},"required":["iban"]},
               "bankKind":{"enum":["bank","sepa"]}}}
            """#)
        let result = try SchemaTestKit.validate(schema, #"{"kind":"sepa","iban":7}"#)
        #expect(result.errors.map(\.instanceLocation) == ["/iban"], "\(result)")
        #expect(result.errors.first?.keywordLocation == "/anyOf/1/$ref/properties/iban/type")
    }

    @Test func instanceTypeIsATag() throws {
        let schema = try SchemaTestKit.compile(#"{"oneOf":[{"type":"string","maxLength":3},{"type":"object","required":["id"]}]}"#)
        let result = try SchemaTestKit.validate(schema, #""abcdef""#)
        #expect(result.errors.map(\.keywordLocation) == ["/oneOf/0/maxLength"])
    }

    @Test func withoutATagTheFurthestBranchIsShownAndNamed() throws {
        // Neither branch has a tag. The second got deeper into the instance (/b/c) than the first
        // (a missing member at the root), so its errors are shown after one summary error.
        let schema = try SchemaTestKit.compile(
            #"""
            {"anyOf":[{"required":["a"]},
                      {"$ref":"#/$defs/deep"}],
             "$defs":{"deep":{"required":["b"],"properties":{"b":{"properties":{"c":{"type":"string"}}}}}}}
            """#)
        let result = try SchemaTestKit.validate(schema, #"{"b":{"c":1}}"#)
        #expect(result.errors.map(\.instanceLocation) == ["", "/b/c"], "\(result)")
        let summary = try #require(result.errors.first)
        #expect(summary.keywordLocation == "/anyOf")
        #expect(summary.message.contains("any of the 2 schemas in anyOf"))
        #expect(summary.message.contains("anyOf/1 (#/$defs/deep)"), "\(summary.message)")
        #expect(result.errors[1].keywordLocation == "/anyOf/1/$ref/properties/b/properties/c/type")
    }

    @Test func equallyDeepBranchesAreDecidedByFewerErrors() throws {
        let schema = try SchemaTestKit.compile(#"{"oneOf":[{"required":["a","b"]},{"required":["c"]},{"required":["a","b","c"]}]}"#)
        let result = try SchemaTestKit.validate(schema, #"{"x":1}"#)
        let shown = result.errors.dropFirst().map(\.keywordLocation)
        #expect(Set(shown) == ["/oneOf/1/required"], "\(result)")
        #expect(result.errors.first?.message.contains("oneOf/1") == true)
    }

    @Test func tagsTellApartOnlyWhereSeveralBranchesUseThem() throws {
        // `size` is restricted by one branch only: it is an ordinary constraint, not a tag, so the
        // branch whose `kind` matches is still the one reported (for its `size`).
        let schema = try SchemaTestKit.compile(
            #"""
            {"oneOf":[{"properties":{"kind":{"const":"a"},"size":{"enum":["s","m"]}},"required":["kind"]},
                      {"properties":{"kind":{"const":"b"}},"required":["kind","b"]}]}
            """#)
        let result = try SchemaTestKit.validate(schema, #"{"kind":"a","size":"xl"}"#)
        #expect(result.errors.map(\.keywordLocation) == ["/oneOf/0/properties/size/enum"], "\(result)")
    }

    @Test func validInstancesStayValid() throws {
        let schema = try SchemaTestKit.compile(Self.payments(const: true))
        #expect(try SchemaTestKit.validate(schema, #"{"kind":"card","card":{"number":"4111111111111111"}}"#).isValid)
        #expect(try SchemaTestKit.validate(schema, #"{"kind":"bank","iban":"DE89"}"#).isValid)
    }
}
