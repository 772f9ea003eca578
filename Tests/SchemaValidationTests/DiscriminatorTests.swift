import Testing
import SpecSource
import SchemaValidation

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

    @Test(arguments: [Dialect.openAPI30, .openAPI31])
    func branchSelectedByMappingAndImplicitName(_ dialect: Dialect) throws {
        let schema = try SchemaTestKit.compile(Self.pets, dialect: dialect)
        #expect(try SchemaTestKit.validate(schema, #"{"kind":"cat","meows":true}"#).isValid)
        #expect(try SchemaTestKit.validate(schema, #"{"kind":"dog","barks":false}"#).isValid)
        #expect(try SchemaTestKit.validate(schema, #"{"kind":"Lizard","scales":1}"#).isValid)
    }

    @Test(arguments: [Dialect.openAPI30, .openAPI31])
    func wrongPayloadReportsOnlyTheSelectedBranch(_ dialect: Dialect) throws {
        let schema = try SchemaTestKit.compile(Self.pets, dialect: dialect)
        let result = try SchemaTestKit.validate(schema, #"{"kind":"dog","meows":true}"#)
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.keyword == "required")
        #expect(error.message.contains("barks"))
        #expect(error.keywordLocation == "/$ref/oneOf/1/$ref/required")
        #expect(error.absoluteKeywordLocation == "#/components/schemas/Dog/required")
    }

    @Test func unknownValueIsOneErrorNamingTheAllowedValues() throws {
        let schema = try SchemaTestKit.compile(Self.pets, dialect: .openAPI31)
        let result = try SchemaTestKit.validate(schema, #"{"kind":"fish"}"#)
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.keyword == "discriminator")
        #expect(error.instanceLocation == "")
        #expect(error.message.contains(#""Lizard", "cat", "dog""#))
    }

    @Test func missingPropertyIsOneError() throws {
        let schema = try SchemaTestKit.compile(Self.pets, dialect: .openAPI31)
        let result = try SchemaTestKit.validate(schema, #"{"meows":true}"#)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.keyword == "discriminator")
        #expect(result.errors.first?.message.contains(#""kind""#) == true)
    }

    @Test func nonObjectFallsBackToOneOf() throws {
        let schema = try SchemaTestKit.compile(Self.pets, dialect: .openAPI31)
        let result = try SchemaTestKit.validate(schema, "42")
        #expect(!result.isValid)
        // Every branch rejects the type: one error names the branch shown, then its error.
        #expect(result.errors.map(\.keyword) == ["oneOf", "type"])
        #expect(result.errors.first?.message.contains("any of the 3 schemas in oneOf") == true)
    }

    @Test func discriminatorIsNotAKeywordInPlainJSONSchema() throws {
        // Without the OpenAPI vocabulary, `kind: dog` with a cat payload matches the Cat branch only.
        let schema = try SchemaTestKit.compile(Self.pets, dialect: .draft2020_12)
        #expect(try SchemaTestKit.validate(schema, #"{"kind":"dog","meows":true}"#).isValid)
    }
}
