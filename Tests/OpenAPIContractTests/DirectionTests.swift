import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// readOnly / writeOnly follow the direction. OpenAPI 3.0.4 §4.8.24.1, Schema Object fixed fields:
/// readOnly — "the property ... MAY be sent as part of a response but SHOULD NOT be sent as part of
/// the request. If the property is marked as readOnly being true and is in the required list, the
/// required will take effect on the response only." writeOnly is the mirror image. 3.1 keeps the
/// JSON Schema annotations with the same reading.
@Suite("readOnly and writeOnly by direction")
struct DirectionTests {
    static func document(version: String) -> String {
        """
        openapi: \(version)
        info: {title: direction, version: '1'}
        paths:
          /pets:
            post:
              operationId: createPet
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Pet'}
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
          /owners:
            post:
              operationId: createOwner
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Owner'}
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Owner'}
        components:
          schemas:
            Id: {type: integer, readOnly: true}
            Pet:
              type: object
              required: [id, name, secret]
              properties:
                id: {$ref: '#/components/schemas/Id'}
                name: {type: string}
                secret: {type: string, writeOnly: true}
                tags:
                  type: array
                  items: {$ref: '#/components/schemas/Tag'}
            Tag:
              type: object
              required: [tagId, label]
              properties:
                tagId: {type: integer, readOnly: true}
                label: {type: string}
            Base:
              type: object
              properties:
                created: {type: string, readOnly: true}
            Owner:
              allOf:
                - $ref: '#/components/schemas/Base'
                - type: object
                  required: [created, name, password]
                  properties:
                    name: {type: string}
                    password:
                      allOf: [{type: string}, {writeOnly: true}]
        """
    }

    static let versions = ["3.0.3", "3.1.0"]

    static func contract(_ version: String) throws -> OpenAPIDocument {
        try ContractTestKit.document(document(version: version), file: "direction-\(version).yaml")
    }

    /// The errors of a request (or response) body, checked against `isValid` on the same schema.
    static func errors(_ contract: OpenAPIDocument, _ json: String, request operation: String) throws -> [String] {
        let body = try ContractTestKit.json(json)
        let result = try contract.validateRequest(body, for: operation)
        #expect(try contract.requestSchema(for: operation).isValid(body) == result.isValid)
        return result.errors.map { "\($0.instanceLocation): \($0.message)" }
    }

    static func errors(_ contract: OpenAPIDocument, _ json: String, response operation: String) throws -> [String] {
        let body = try ContractTestKit.json(json)
        let result = try contract.validateResponse(body, status: 201, for: operation)
        #expect(try contract.responseSchema(for: operation, status: 201).isValid(body) == result.isValid)
        return result.errors.map { "\($0.instanceLocation): \($0.message)" }
    }

    @Test(arguments: versions) func requestsOmitReadOnlyAndMustNotSendIt(_ version: String) throws {
        let contract = try Self.contract(version)
        #expect(try Self.errors(contract, #"{"name": "Rex", "secret": "s"}"#, request: "createPet") == [])
        #expect(
            try Self.errors(contract, #"{"id": 1, "name": "Rex", "secret": "s"}"#, request: "createPet")
                == [#"/id: readOnly property "id" must not be sent in a request"#])
        // writeOnly stays required in a request.
        #expect(try Self.errors(contract, #"{"name": "Rex"}"#, request: "createPet") == [#": missing required property "secret""#])
        // Nested objects inside arrays.
        #expect(try Self.errors(contract, #"{"name": "R", "secret": "s", "tags": [{"label": "a"}]}"#, request: "createPet") == [])
        #expect(
            try Self.errors(contract, #"{"name": "R", "secret": "s", "tags": [{"label": "a", "tagId": 2}]}"#, request: "createPet")
                == [#"/tags/0/tagId: readOnly property "tagId" must not be sent in a request"#])
    }

    @Test(arguments: versions) func responsesOmitWriteOnlyAndMustNotReturnIt(_ version: String) throws {
        let contract = try Self.contract(version)
        #expect(try Self.errors(contract, #"{"id": 1, "name": "Rex"}"#, response: "createPet") == [])
        #expect(
            try Self.errors(contract, #"{"id": 1, "name": "Rex", "secret": "s"}"#, response: "createPet")
                == [#"/secret: writeOnly property "secret" must not be sent in a response"#])
        // readOnly stays required in a response, nested ones too.
        #expect(
            try Self.errors(contract, #"{"name": "Rex", "tags": [{"label": "a"}]}"#, response: "createPet")
                == [#": missing required property "id""#, #"/tags/0: missing required property "tagId""#])
    }

    /// `required` in one `allOf` branch, `readOnly` declared in another (through `$ref`), and
    /// `writeOnly` declared through an `allOf` inside the property schema.
    @Test(arguments: versions) func throughAllOfAndReferences(_ version: String) throws {
        let contract = try Self.contract(version)
        #expect(try Self.errors(contract, #"{"name": "n", "password": "p"}"#, request: "createOwner") == [])
        #expect(
            try Self.errors(contract, #"{"name": "n", "password": "p", "created": "now"}"#, request: "createOwner")
                == [#"/created: readOnly property "created" must not be sent in a request"#])
        #expect(try Self.errors(contract, #"{"name": "n", "created": "now"}"#, response: "createOwner") == [])
        #expect(try Self.errors(contract, #"{"name": "n"}"#, response: "createOwner") == [#": missing required property "created""#])
        #expect(
            try Self.errors(contract, #"{"name": "n", "created": "c", "password": "p"}"#, response: "createOwner")
                == [#"/password: writeOnly property "password" must not be sent in a response"#])
    }

    /// The error points at the `readOnly` keyword where it is written (behind the `$ref`).
    @Test func errorLocatesTheKeyword() throws {
        let contract = try Self.contract("3.0.3")
        let body = try ContractTestKit.json(#"{"id": 1, "name": "Rex", "secret": "s"}"#)
        let error = try #require(try contract.validateRequest(body, for: "createPet").errors.first)
        #expect(error.keyword == "readOnly")
        #expect(error.keywordLocation == "/$ref/properties/id/readOnly")
        #expect(error.absoluteKeywordLocation == "urn:spec-check:openapi#/components/schemas/Id/readOnly")
        #expect(error.source.line == 33)
    }

    /// Without a direction (a named schema), validation is plain JSON Schema.
    @Test(arguments: versions) func plainSchemaIgnoresDirection(_ version: String) throws {
        let pet = try Self.contract(version).schema(named: "Pet")
        #expect(pet.direction == nil)
        #expect(
            pet.validate(try ContractTestKit.json(#"{"name": "Rex", "secret": "s"}"#)).errors.map(\.message) == [
                #"missing required property "id""#
            ])
        #expect(pet.isValid(try ContractTestKit.json(#"{"id": 1, "name": "Rex", "secret": "s"}"#)))
        #expect(!pet.directed(.request).isValid(try ContractTestKit.json(#"{"id": 1, "name": "Rex", "secret": "s"}"#)))
        #expect(pet.directed(.response).isValid(try ContractTestKit.json(#"{"id": 1, "name": "Rex"}"#)))
    }
}
