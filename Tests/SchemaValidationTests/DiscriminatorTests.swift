import SchemaValidation
import SpecSource
import Testing

/// OpenAPI 3.1.1 / 3.0.4, Discriminator Object: "Note that `discriminator` MUST NOT change the
/// validation outcome of the schema." The value only picks the branch whose errors are reported;
/// strict mode (opt-in) adds "If the discriminating value does not match an implicit or explicit
/// mapping, no schema can be determined and validation SHOULD fail."
@Suite("OpenAPI discriminator")
struct DiscriminatorTests {
    /// A standalone schema shaped like an OpenAPI document's components.
    static let pets = #"""
        {"$ref":"#/components/schemas/Pet",
         "components":{"schemas":{
           "Pet":{"oneOf":[{"$ref":"#/components/schemas/Cat"},{"$ref":"#/components/schemas/Dog"},{"$ref":"#/components/schemas/Lizard"}],
                  "discriminator":{"propertyName":"kind","mapping":{"cat":"#/components/schemas/Cat","dog":"Dog"}}},
           "Cat":{"type":"object","required":["kind","meows"],"properties":{"kind":{"type":"string"},"meows":{"type":"boolean"}}},
           "Dog":{"type":"object","required":["kind","barks"],"properties":{"kind":{"type":"string"},"barks":{"type":"boolean"}}},
           "Lizard":{"type":"object","required":["kind","scales"],"properties":{"kind":{"type":"string"}}}}}}
        """#

    static let strict = SchemaOptions(discriminator: .strict)

    @Test(arguments: [Dialect.openAPI30, .openAPI31])
    func branchSelectedByMappingAndImplicitName(_ dialect: Dialect) throws {
        for options in [SchemaOptions(), Self.strict] {
            let schema = try SchemaTestKit.compile(Self.pets, dialect: dialect, options: options)
            #expect(try SchemaTestKit.validate(schema, #"{"kind":"cat","meows":true}"#).isValid)
            #expect(try SchemaTestKit.validate(schema, #"{"kind":"dog","barks":false}"#).isValid)
            #expect(try SchemaTestKit.validate(schema, #"{"kind":"Lizard","scales":1}"#).isValid)
            // "The value … is used as the name of the associated schema under the Components
            // Object, _unless_ a `mapping` is present for that value": "Dog" has no mapping entry.
            #expect(try SchemaTestKit.validate(schema, #"{"kind":"Dog","barks":false}"#).isValid)
        }
    }

    @Test(arguments: [Dialect.openAPI30, .openAPI31])
    func selectedBranchErrorsAreReported(_ dialect: Dialect) throws {
        let schema = try SchemaTestKit.compile(Self.pets, dialect: dialect)
        // Every branch fails; "dog" names the one whose errors are shown.
        let result = try SchemaTestKit.validate(schema, #"{"kind":"dog"}"#)
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.keyword == "required")
        #expect(error.message.contains("barks"))
        #expect(error.keywordLocation == "/$ref/oneOf/1/$ref/required")
        #expect(error.absoluteKeywordLocation == "urn:spec-check:schema#/components/schemas/Dog/required")
    }

    @Test(arguments: [Dialect.openAPI30, .openAPI31])
    func discriminatorNeverChangesTheOneOfOutcome(_ dialect: Dialect) throws {
        let schema = try SchemaTestKit.compile(Self.pets, dialect: dialect)
        // "dog" selects Dog, which fails (no barks); exactly one branch, Cat, matches. The
        // `discriminator` "cannot change the validation result of the `oneOf`": valid.
        #expect(try SchemaTestKit.validate(schema, #"{"kind":"dog","meows":true}"#).isValid)
        // A value that selects nothing: plain oneOf, Cat matches.
        #expect(try SchemaTestKit.validate(schema, #"{"kind":"fish","meows":true}"#).isValid)
    }

    @Test func strictRequiresTheSelectedBranchToMatch() throws {
        let schema = try SchemaTestKit.compile(Self.pets, dialect: .openAPI31, options: Self.strict)
        let result = try SchemaTestKit.validate(schema, #"{"kind":"dog","meows":true}"#)
        #expect(result.errors.map(\.keyword) == ["discriminator", "required"], "\(result)")
        #expect(
            result.errors[0].message.contains("valid against oneOf/0 (#/components/schemas/Cat) instead"), "\(result.errors[0].message)")
        #expect(result.errors[1].absoluteKeywordLocation == "urn:spec-check:schema#/components/schemas/Dog/required")
    }

    @Test func strictRejectsAValueThatSelectsNoBranchEvenWhenTheOneOfPasses() throws {
        let schema = try SchemaTestKit.compile(Self.pets, dialect: .openAPI31, options: Self.strict)
        let result = try SchemaTestKit.validate(schema, #"{"kind":"fish","meows":true}"#)
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.keyword == "discriminator")
        #expect(error.absoluteKeywordLocation == "urn:spec-check:schema#/components/schemas/Pet/discriminator")
        #expect(error.message.contains(#""Lizard", "cat", "dog""#))
    }

    @Test func unknownValueIsOneErrorNamingTheAllowedValues() throws {
        let schema = try SchemaTestKit.compile(Self.pets, dialect: .openAPI31)
        let result = try SchemaTestKit.validate(schema, #"{"kind":"fish"}"#)
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.keyword == "discriminator")
        #expect(error.instanceLocation == "")
        // Mapped schemas are listed by their mapping keys, the others by component name.
        #expect(error.message.contains(#"expected one of "Lizard", "cat", "dog""#))
    }

    @Test func missingPropertyIsOneError() throws {
        for options in [SchemaOptions(), Self.strict] {
            let schema = try SchemaTestKit.compile(Self.pets, dialect: .openAPI31, options: options)
            let result = try SchemaTestKit.validate(schema, #"{"meows":true}"#)
            #expect(result.errors.count == 1)
            #expect(result.errors.first?.keyword == "discriminator")
            #expect(result.errors.first?.message.contains(#"missing discriminator property "kind""#) == true)
        }
    }

    @Test func missingPropertyWhereSeveralBranchesMatchReportsTheChoice() throws {
        // Both branches allow the object without `type` (OpenAI's EasyInputMessage and
        // InputMessage): the oneOf fails because two match, and naming `type` would not help.
        let schema = #"""
            {"oneOf":[{"$ref":"#/components/schemas/Easy"},{"$ref":"#/components/schemas/Full"}],
             "discriminator":{"propertyName":"type"},
             "components":{"schemas":{
               "Easy":{"type":"object","required":["role"],"properties":{"type":{"enum":["message"]},"role":{"type":"string"}}},
               "Full":{"type":"object","required":["role"],"properties":{"type":{"enum":["message"]},"role":{"type":"string"}}}}}}
            """#
        let compiled = try SchemaTestKit.compile(schema, dialect: .openAPI31)
        for instance in [#"{"role":"user"}"#, #"{"role":"user","type":"message"}"#] {
            let result = try SchemaTestKit.validate(compiled, instance)
            #expect(result.errors.map(\.code) == ["oneOf.multiple"], "\(instance): \(result.errors)")
        }
    }

    /// OpenAI's `CompoundFilter`: `{$recursiveRef: "#"}` is no keyword in 2020-12, so that branch
    /// accepts any value and every filter its sibling accepts matches twice. The verdict stands
    /// (2020-12 ignores unknown keywords); the error names the branch that accepts everything.
    @Test(arguments: [#", "discriminator": {"propertyName": "type"}"#, ""])
    func aBranchThatAcceptsAnyValueIsNamedInTheDoubleMatch(discriminator: String) throws {
        let schema = #"""
            {"oneOf":[{"$ref":"#/components/schemas/Comparison"},{"$recursiveRef":"#"}]\#(discriminator),
             "components":{"schemas":{
               "Comparison":{"type":"object","required":["type"],"properties":{"type":{"enum":["eq","ne"]}}}}}}
            """#
        let compiled = try SchemaTestKit.compile(schema, dialect: .openAPI31)
        let result = try SchemaTestKit.validate(compiled, #"{"type":"eq"}"#)
        #expect(result.errors.map(\.code) == ["oneOf.multiple"], "\(result.errors)")
        #expect(
            result.errors.first?.message.hasSuffix(
                "; branch 1 accepts any value (no keyword of its dialect constrains it); branch 1's $recursiveRef is not a keyword of JSON Schema 2020-12 (lint rule keyword-earlier-draft)"
            ) == true, "\(result.errors)")
        // Two constraining branches that both match: no such note.
        let twice = try SchemaTestKit.compile(#"{"oneOf":[{"type":"object"},{"required":["type"]}]\#(discriminator)}"#, dialect: .openAPI31)
        let plain = try SchemaTestKit.validate(twice, #"{"type":"eq"}"#)
        #expect(plain.errors.map(\.code) == ["oneOf.multiple"], "\(plain.errors)")
        #expect(plain.errors.first?.message.contains("accepts any value") == false)
        #expect(try SchemaTestKit.validate(compiled, #"{"type":"and"}"#).errors.isEmpty)
    }

    @Test func missingOptionalPropertyIsValidUnlessStrict() throws {
        // "This property SHOULD be required in the payload schema, as the behavior when the
        // property is absent is undefined." Lenient: the oneOf decides. Strict: an error.
        let schema = #"""
            {"oneOf":[{"$ref":"#/components/schemas/Note"},{"$ref":"#/components/schemas/Link"}],
             "discriminator":{"propertyName":"type"},
             "components":{"schemas":{
               "Note":{"type":"object","required":["text"],"properties":{"type":{"enum":["note"]},"text":{"type":"string"}}},
               "Link":{"type":"object","required":["type","url"],"properties":{"type":{"enum":["link"]},"url":{"type":"string"}}}}}}
            """#
        let lenient = try SchemaTestKit.compile(schema, dialect: .openAPI31)
        #expect(try SchemaTestKit.validate(lenient, #"{"text":"hi"}"#).isValid)
        let strict = try SchemaTestKit.compile(schema, dialect: .openAPI31, options: Self.strict)
        let result = try SchemaTestKit.validate(strict, #"{"text":"hi"}"#)
        #expect(result.errors.map(\.keyword) == ["discriminator"])
        #expect(result.errors.first?.message.contains(#"expected one of "link", "note""#) == true)
    }

    @Test func nonObjectFallsBackToOneOf() throws {
        let schema = try SchemaTestKit.compile(Self.pets, dialect: .openAPI31)
        let result = try SchemaTestKit.validate(schema, "42")
        #expect(!result.isValid)
        #expect(result.errors.map(\.keyword) == ["oneOf", "type"])
        #expect(result.errors.first?.message.contains("any of the 3 schemas in oneOf") == true)
    }

    @Test func discriminatorIsNotAKeywordInPlainJSONSchema() throws {
        // Without the OpenAPI vocabulary, `kind: dog` with a cat payload matches the Cat branch only.
        let schema = try SchemaTestKit.compile(Self.pets, dialect: .draft2020_12, options: Self.strict)
        #expect(try SchemaTestKit.validate(schema, #"{"kind":"dog","meows":true}"#).isValid)
    }

    // MARK: Values from const/enum

    /// No mapping; each branch fixes `kind` with `const` (3.1) or a one-value `enum`, directly, in
    /// an `allOf` member, or behind a `$ref` — as 103 of the OpenAI description's 105
    /// discriminators do.
    static func payments(const: Bool) -> String {
        let card = const ? #"{"const":"card"}"# : #"{"enum":["card"]}"#
        return #"""
            {"$ref":"#/components/schemas/Payment",
             "components":{"schemas":{
               "Payment":{"oneOf":[{"$ref":"#/components/schemas/CardPayment"},{"$ref":"#/components/schemas/BankPayment"}],"discriminator":{"propertyName":"kind"}},
               "Base":{"type":"object","required":["kind"],"properties":{"kind":{"type":"string"}}},
               "CardPayment":{"allOf":[{"$ref":"#/components/schemas/Base"},
                 {"type":"object","required":["card"],"properties":{"kind":\#(card),
                  "card":{"type":"object","required":["number"],"properties":{"number":{"type":"string","pattern":"^[0-9]{12,19}$"}}}}}]},
               "BankPayment":{"type":"object","required":["kind","iban"],"properties":{"kind":{"$ref":"#/components/schemas/BankKind"},"iban":{"type":"string"}}},
               "BankKind":{"type":"string","enum":["bank","sepa"]}}}}
            """#
    }

    @Test(arguments: [(Dialect.openAPI31, true), (.openAPI31, false), (.openAPI30, false)])
    func constAndEnumValuesSelectTheBranch(_ dialect: Dialect, _ usesConst: Bool) throws {
        for options in [SchemaOptions(), Self.strict] {
            let schema = try SchemaTestKit.compile(Self.payments(const: usesConst), dialect: dialect, options: options)
            #expect(try SchemaTestKit.validate(schema, #"{"kind":"card","card":{"number":"4111111111111111"}}"#).isValid)
            #expect(try SchemaTestKit.validate(schema, #"{"kind":"sepa","iban":"DE89"}"#).isValid)
            let card = try SchemaTestKit.validate(schema, #"{"kind":"card","card":{"number":"12ab"}}"#)
            #expect(card.errors.map(\.instanceLocation) == ["/card/number"], "\(card)")
            #expect(card.errors.first?.keyword == "pattern")
            let bank = try SchemaTestKit.validate(schema, #"{"kind":"sepa"}"#)
            #expect(
                bank.errors.map(\.absoluteKeywordLocation) == ["urn:spec-check:schema#/components/schemas/BankPayment/required"], "\(bank)")
            let unknown = try SchemaTestKit.validate(schema, #"{"kind":"cash"}"#)
            #expect(unknown.errors.map(\.keyword) == ["discriminator"])
            #expect(unknown.errors.first?.message.contains(#"expected one of "bank", "card", "sepa""#) == true, "\(unknown)")
        }
    }

    @Test func componentNameStillSelectsATaggedBranch() throws {
        // Values come from the mapping, then const/enum, then the component name.
        let schema = try SchemaTestKit.compile(Self.payments(const: true), dialect: .openAPI31)
        let result = try SchemaTestKit.validate(schema, #"{"kind":"CardPayment","card":{"number":"4111111111111111"}}"#)
        #expect(result.errors.map(\.keywordLocation) == ["/$ref/oneOf/0/$ref/allOf/1/properties/kind/const"], "\(result)")
    }

    @Test func constIsNoTagInOpenAPI30() throws {
        // OpenAPI 3.0 has no `const` (draft 4 subset): the first branch does not restrict `kind`,
        // so it must still be evaluated for "b" — and it matches.
        let schema = #"""
            {"oneOf":[{"type":"object","properties":{"kind":{"const":"a"}}},
                      {"type":"object","required":["b"],"properties":{"kind":{"const":"b"}}}],
             "discriminator":{"propertyName":"kind"}}
            """#
        #expect(try SchemaTestKit.validate(try SchemaTestKit.compile(schema, dialect: .openAPI30), #"{"kind":"b"}"#).isValid)
        #expect(!(try SchemaTestKit.validate(try SchemaTestKit.compile(schema, dialect: .openAPI31), #"{"kind":"b"}"#).isValid))
    }

    @Test func branchesWithoutATagAreAlwaysEvaluated() throws {
        let oneOf = #"""
            {"oneOf":[{"type":"object","required":["kind"],"properties":{"kind":{"const":"a"}}},{"type":"object"}],
             "discriminator":{"propertyName":"kind"}}
            """#
        let schema = try SchemaTestKit.compile(oneOf, dialect: .openAPI31)
        // "a" selects branch 0, which passes; branch 1 has no tag and passes too: not exactly one.
        let both = try SchemaTestKit.validate(schema, #"{"kind":"a"}"#)
        #expect(both.errors.map(\.keyword) == ["oneOf"])
        #expect(both.errors.first?.message.contains("more than one") == true)
        #expect(try SchemaTestKit.validate(schema, #"{"kind":"b"}"#).isValid)
        // anyOf: the selected branch fails, another passes: valid.
        let anyOf = try SchemaTestKit.compile(
            #"""
            {"anyOf":[{"type":"object","required":["x"],"properties":{"kind":{"const":"a"}}},{"type":"object"}],
             "discriminator":{"propertyName":"kind"}}
            """#, dialect: .openAPI31)
        #expect(try SchemaTestKit.validate(anyOf, #"{"kind":"a"}"#).isValid)
    }

    @Test func sharedValuesKeepEveryBranchThatAllowsThem() throws {
        let source = #"""
            {"KEYWORD":[{"type":"object","properties":{"kind":{"enum":["a","x"]}}},{"type":"object","properties":{"kind":{"enum":["b","x"]}}}],
             "discriminator":{"propertyName":"kind"}}
            """#
        let oneOf = try SchemaTestKit.compile(source.replacingOccurrences(of: "KEYWORD", with: "oneOf"), dialect: .openAPI31)
        #expect(try SchemaTestKit.validate(oneOf, #"{"kind":"a"}"#).isValid)
        #expect(!(try SchemaTestKit.validate(oneOf, #"{"kind":"x"}"#).isValid))
        let anyOf = try SchemaTestKit.compile(source.replacingOccurrences(of: "KEYWORD", with: "anyOf"), dialect: .openAPI31)
        #expect(try SchemaTestKit.validate(anyOf, #"{"kind":"x"}"#).isValid)
    }

    @Test func mappingValuesAreNamesReferencesOrRefObjects() throws {
        let schema = try SchemaTestKit.compile(
            #"""
            {"oneOf":[{"$ref":"#/components/schemas/Pet.v2"},{"$ref":"#/components/schemas/Other"},{"$ref":"#/components/schemas/Third"}],
             "discriminator":{"propertyName":"kind","mapping":{"p":"Pet.v2","o":"#/components/schemas/Other","t":{"$ref":"#/components/schemas/Third"}}},
             "components":{"schemas":{
               "Pet.v2":{"type":"object","required":["p"]},
               "Other":{"type":"object","required":["o"]},
               "Third":{"type":"object","required":["t"]}}}}
            """#, dialect: .openAPI31)
        for (value, missing) in [("p", "p"), ("o", "o"), ("t", "t")] {
            let result = try SchemaTestKit.validate(schema, #"{"kind":"\#(value)"}"#)
            #expect(result.errors.count == 1, "\(value): \(result)")
            #expect(result.errors.first?.message == #"missing required property "\#(missing)""#, "\(value): \(result)")
        }
    }

    /// Toolchains write extensions into `mapping` (OpenRouter's Speakeasy output has
    /// `x-speakeasy-unknown-values: allow`). An `x-` key whose target does not exist is skipped,
    /// not a load error; one whose target exists is an ordinary discriminator value.
    @Test func extensionKeysInTheMappingAreSkipped() throws {
        let text = Self.pets.replacingOccurrences(
            of: #""dog":"Dog"}"#, with: #""dog":"Dog","x-vendor-unknown":"allow","x-lizard":"Lizard"}"#)
        #expect(text != Self.pets)
        let schema = try SchemaTestKit.compile(text, dialect: .openAPI31, options: Self.strict)
        #expect(try SchemaTestKit.validate(schema, #"{"kind":"x-lizard","scales":1}"#).isValid)
        let unknown = try SchemaTestKit.validate(schema, #"{"kind":"x-vendor-unknown","meows":true}"#)
        #expect(!unknown.isValid)
        #expect(!unknown.errors.contains { $0.message.contains("allow") })
    }
}
