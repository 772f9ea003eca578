import SchemaValidation
import SpecSource
import Testing

/// The `allOf` form: a `discriminator` on a parent, children that name the parent in their `allOf`.
/// OpenAPI 3.1.1/3.0.4: validation with the parent "_does not_ perform a search for child schemas"
/// (lenient, the default); strict mode opts in to dispatching to the child the value names.
@Suite("OpenAPI discriminator, allOf inheritance")
struct DiscriminatorInheritanceTests {
    /// The specification's own example (Discriminator Object, "This example shows the `allOf`
    /// usage"), as a standalone schema validated against `root`.
    static func pets(root: String = "Pet") -> String {
        #"""
        {"$ref":"#/components/schemas/\#(root)",
         "components":{"schemas":{
           "Pet":{"type":"object","required":["petType"],"properties":{"petType":{"type":"string"}},
                  "discriminator":{"propertyName":"petType","mapping":{"dog":"Dog"}}},
           "Cat":{"allOf":[{"$ref":"#/components/schemas/Pet"},{"type":"object","properties":{"name":{"type":"string"}}}]},
           "Dog":{"allOf":[{"$ref":"#/components/schemas/Pet"},{"type":"object","properties":{"bark":{"type":"string"}}}]},
           "Lizard":{"allOf":[{"$ref":"#/components/schemas/Pet"},{"type":"object","properties":{"lovesRocks":{"type":"boolean"}}}]}}}}
        """#
    }

    static let strict = SchemaOptions(discriminator: .strict)

    @Test(arguments: [Dialect.openAPI30, .openAPI31])
    func lenientModeLeavesTheDiscriminatorAnAnnotation(_ dialect: Dialect) throws {
        let schema = try SchemaTestKit.compile(Self.pets(), dialect: dialect)
        #expect(try SchemaTestKit.validate(schema, #"{"petType":"Cat","name":5}"#).isValid)
        #expect(try SchemaTestKit.validate(schema, #"{"petType":"fish"}"#).isValid)
    }

    @Test(arguments: [Dialect.openAPI30, .openAPI31])
    func strictModeDispatchesToTheNamedChild(_ dialect: Dialect) throws {
        let schema = try SchemaTestKit.compile(Self.pets(), dialect: dialect, options: Self.strict)
        // "Validated against the `Pet` schema, a payload like this … will indicate that the
        // `#/components/schemas/Cat` schema is expected to match."
        #expect(try SchemaTestKit.validate(schema, #"{"petType":"Cat","name":"Misty"}"#).isValid)
        #expect(try SchemaTestKit.validate(schema, #"{"petType":"dog","bark":"soft"}"#).isValid)
        let cat = try SchemaTestKit.validate(schema, #"{"petType":"Cat","name":5}"#)
        // One error: the parent's own keywords are not evaluated a second time through Cat's allOf.
        #expect(cat.errors.count == 1, "\(cat)")
        #expect(cat.errors.first?.instanceLocation == "/name")
        #expect(cat.errors.first?.absoluteKeywordLocation == "urn:spec-check:schema#/components/schemas/Cat/allOf/1/properties/name/type")
        #expect(cat.errors.first?.keywordLocation == "/$ref/discriminator/allOf/1/properties/name/type")
        let dog = try SchemaTestKit.validate(schema, #"{"petType":"dog","bark":1}"#)
        #expect(dog.errors.map(\.keywordLocation) == ["/$ref/discriminator/mapping/dog/allOf/1/properties/bark/type"])
        // No mapping entry for "Dog": the component name applies.
        #expect(try SchemaTestKit.validate(schema, #"{"petType":"Dog","bark":1}"#).errors.map(\.instanceLocation) == ["/bark"])
    }

    @Test func strictModeRejectsUnknownAndMissingValues() throws {
        let schema = try SchemaTestKit.compile(Self.pets(), dialect: .openAPI30, options: Self.strict)
        let unknown = try SchemaTestKit.validate(schema, #"{"petType":"fish"}"#)
        #expect(unknown.errors.count == 1)
        #expect(unknown.errors.first?.keyword == "discriminator")
        #expect(unknown.errors.first?.message.contains(#"expected one of "Cat", "Lizard", "dog""#) == true, "\(unknown)")
        let missing = try SchemaTestKit.validate(schema, #"{"name":"Misty"}"#)
        #expect(Set(missing.errors.map(\.keyword)) == ["required", "discriminator"], "\(missing)")
        #expect(missing.errors.contains { $0.message.hasPrefix(#"missing discriminator property "petType""#) })
        // Not an object: the parent's own `type` reports it, the discriminator adds nothing.
        #expect(try SchemaTestKit.validate(schema, "[]").errors.map(\.keyword) == ["type"])
    }

    @Test(arguments: [Dialect.openAPI30, .openAPI31])
    func validatingAChildDirectlyDoesNotDispatchAgain(_ dialect: Dialect) throws {
        let schema = try SchemaTestKit.compile(Self.pets(root: "Cat"), dialect: dialect, options: Self.strict)
        // "dog" would name a sibling: Cat does not jump there (and does not loop through Pet).
        #expect(try SchemaTestKit.validate(schema, #"{"petType":"dog","name":"Misty","bark":1}"#).isValid)
        let result = try SchemaTestKit.validate(schema, #"{"petType":"Cat","name":5}"#)
        #expect(result.errors.map(\.keywordLocation) == ["/$ref/allOf/1/properties/name/type"], "\(result)")
        // The parent's constraints still apply through the child's allOf.
        #expect(
            try SchemaTestKit.validate(schema, #"{"name":"Misty"}"#).errors.map(\.absoluteKeywordLocation) == [
                "urn:spec-check:schema#/components/schemas/Pet/required"
            ])
    }

    @Test func mappingToTheParentItselfNeedsNoChild() throws {
        let schema = try SchemaTestKit.compile(
            Self.pets().replacingOccurrences(of: #"{"dog":"Dog"}"#, with: #"{"dog":"Dog","pet":"Pet"}"#),
            dialect: .openAPI30, options: Self.strict)
        #expect(try SchemaTestKit.validate(schema, #"{"petType":"pet","bark":1}"#).isValid)
    }

    @Test func childAnnotationsReachUnevaluatedProperties() throws {
        // 3.1: the child ends with unevaluatedProperties: false. petType is evaluated by Pet (through
        // the child's allOf), name by the child: both allowed; anything else is not.
        let source = #"""
            {"$ref":"#/components/schemas/ROOT",
             "components":{"schemas":{
               "Pet":{"type":"object","required":["petType"],"properties":{"petType":{"type":"string"}},"discriminator":{"propertyName":"petType"}},
               "Cat":{"allOf":[{"$ref":"#/components/schemas/Pet"},{"properties":{"name":{"type":"string"}}}],"unevaluatedProperties":false}}}}
            """#
        for root in ["Pet", "Cat"] {
            let schema = try SchemaTestKit.compile(
                source.replacingOccurrences(of: "ROOT", with: root), dialect: .openAPI31, options: Self.strict)
            #expect(try SchemaTestKit.validate(schema, #"{"petType":"Cat","name":"Misty"}"#).isValid, "\(root)")
            let extra = try SchemaTestKit.validate(schema, #"{"petType":"Cat","name":"Misty","age":3}"#)
            #expect(extra.errors.map(\.instanceLocation) == ["/age"], "\(root): \(extra)")
        }
    }

    @Test func aDiscriminatorWithoutChildrenStaysAnAnnotation() throws {
        // OpenAI writes `discriminator` next to `type: array`: no mapping, no child — nothing to do.
        let schema = try SchemaTestKit.compile(
            #"{"type":"object","discriminator":{"propertyName":"type"}}"#,
            dialect: .openAPI31, options: Self.strict)
        #expect(try SchemaTestKit.validate(schema, #"{"type":"anything"}"#).isValid)
    }
}
