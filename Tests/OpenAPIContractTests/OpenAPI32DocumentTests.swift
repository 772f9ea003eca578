import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// OpenAPI 3.2.0 document features: `components/mediaTypes` (Media Type Objects by `$ref`), the
/// discriminator's `defaultMapping` (§4.8.25), the 3.2 dialect URI, and `$self` as the base URI of
/// references (§4.8.1, Appendix F).
@Suite("OpenAPI 3.2 documents")
struct OpenAPI32DocumentTests {
    // MARK: - components/mediaTypes

    static let mediaTypes = """
        openapi: 3.2.0
        info: {title: media types, version: '1'}
        components:
          mediaTypes:
            Pet:
              schema: {type: object, required: [name], properties: {name: {type: string}}}
              example: {name: Rex}
            Form:
              schema: {type: object, properties: {count: {type: integer}, tags: {type: array, items: {type: string}}}}
              encoding:
                tags: {style: form, explode: false}
            Log:
              itemSchema: {type: object, required: [level], properties: {level: {type: integer}}}
            Indirect:
              $ref: '#/components/mediaTypes/Pet'
        paths:
          /pets:
            post:
              requestBody:
                required: true
                content:
                  application/json: {$ref: '#/components/mediaTypes/Pet'}
                  application/x-www-form-urlencoded: {$ref: '#/components/mediaTypes/Form'}
              responses:
                '200':
                  description: ok
                  content:
                    application/json: {$ref: '#/components/mediaTypes/Indirect'}
                    application/jsonl: {$ref: '#/components/mediaTypes/Log'}
        """

    @Test("Media Type Objects by $ref: schema, example, encoding and itemSchema are read from components/mediaTypes")
    func componentsMediaTypes() throws {
        let contract = try ExchangeTestKit.document(Self.mediaTypes)
        let op = try contract.operation("POST /pets")
        let json = try #require(op.requestContent.first { $0.mediaType == "application/json" })
        #expect(json.hasSchema)
        #expect(json.examples.map(\.name) == ["example"])
        func post(_ type: String, _ body: String) throws -> ExchangeResult {
            try contract.validateRequest(method: "POST", url: "/pets", headers: [("Content-Type", type)], body: ExchangeTestKit.bytes(body))
        }
        #expect(try post("application/json", #"{"name":"Rex"}"#).isValid)
        #expect(ExchangeTestKit.locations(try post("application/json", "{}")) == ["/request/body"])
        #expect(try post("application/x-www-form-urlencoded", "count=2&tags=a,b").isValid)
        #expect(ExchangeTestKit.locations(try post("application/x-www-form-urlencoded", "count=x&tags=a,b")) == ["/request/body/count"])
        func respond(_ type: String, _ body: String) throws -> ExchangeResult {
            try contract.validateResponse(
                status: 200, headers: [("Content-Type", type)], body: ExchangeTestKit.bytes(body), method: "POST", url: "/pets")
        }
        #expect(ExchangeTestKit.locations(try respond("application/json", "{}")) == ["/response/body"], "a reference to a reference")
        #expect(
            ExchangeTestKit.locations(try respond("application/jsonl", "{\"level\":1}\n{\"level\":\"x\"}\n")) == ["/response/body/1/level"])
        #expect(
            try contract.validateRequest(try ContractTestKit.json(#"{"name":"a"}"#), for: "POST /pets").isValid, "the body-only API too")
    }

    @Test("a broken components/mediaTypes reference is a load error with its position")
    func brokenMediaTypeReference() throws {
        let errors = try ContractTestKit.documentErrors(
            """
            openapi: 3.2.0
            info: {title: broken, version: '1'}
            paths:
              /x:
                post:
                  requestBody:
                    content:
                      application/json: {$ref: '#/components/mediaTypes/Missing'}
                  responses: {'204': {description: ok}}
            """, file: "broken-media.yaml")
        #expect(errors?.count == 1)
        #expect(errors?.first?.location.line == 8)
    }

    // MARK: - defaultMapping

    static func pets(_ options: SchemaOptions = SchemaOptions()) throws -> OpenAPIDocument {
        let value = try SourceLoader.parse(
            """
            openapi: 3.2.0
            info: {title: pets, version: '1'}
            components:
              schemas:
                Pet:
                  oneOf:
                    - $ref: '#/components/schemas/Cat'
                    - $ref: '#/components/schemas/Dog'
                    - $ref: '#/components/schemas/OtherPet'
                  discriminator:
                    propertyName: petType
                    defaultMapping: OtherPet
                Cat:
                  type: object
                  required: [petType, lives]
                  properties: {petType: {const: Cat}, lives: {type: integer}}
                Dog:
                  type: object
                  required: [petType, bark]
                  properties: {petType: {const: Dog}, bark: {type: string}}
                OtherPet:
                  type: object
                  required: [name]
                  properties:
                    petType: {not: {enum: [Cat, Dog]}}
                    name: {type: string}
                Vehicle:
                  type: object
                  required: [wheels]
                  properties: {kind: {type: string}, wheels: {type: integer}}
                  discriminator:
                    propertyName: kind
                    defaultMapping: Car
                Car:
                  allOf: [{$ref: '#/components/schemas/Vehicle'}]
                  required: [doors]
                  properties: {doors: {type: integer}}
                Bike:
                  allOf: [{$ref: '#/components/schemas/Vehicle'}]
                  properties: {bell: {type: boolean}}
            paths: {}
            """, format: .yaml, file: SourceFileID.intern("default-mapping.yaml"))
        return try OpenAPIDocument(document: value, options: options)
    }

    @Test("defaultMapping: a missing or unmapped value selects the default branch, whose errors are reported")
    func defaultMappingLenient() throws {
        let pet = try Self.pets().schema(named: "Pet")
        #expect(pet.validate(try ContractTestKit.json(#"{"name":"Polly"}"#)).isValid)
        #expect(pet.validate(try ContractTestKit.json(#"{"petType":"Parrot","name":"Polly"}"#)).isValid)
        #expect(pet.validate(try ContractTestKit.json(#"{"petType":"Cat","lives":9}"#)).isValid)
        let missing = pet.validate(try ContractTestKit.json(#"{"name":5}"#))
        #expect(missing.errors.map(\.instanceLocation) == ["/name"], "OtherPet's error, not a missing-discriminator error: \(missing)")
        let unmapped = pet.validate(try ContractTestKit.json(#"{"petType":"Parrot"}"#))
        #expect(unmapped.errors.map(\.keyword) == ["required"], "\(unmapped)")
        #expect(unmapped.errors.first?.message.contains("name") == true)
        // The outcome is still the oneOf's: a Cat value with Cat's errors.
        let cat = pet.validate(try ContractTestKit.json(#"{"petType":"Cat"}"#))
        #expect(cat.errors.map(\.keyword) == ["required"])
        #expect(cat.errors.first?.message.contains("lives") == true)
    }

    @Test("defaultMapping in strict mode: a missing value is not an error; the default branch must match")
    func defaultMappingStrict() throws {
        let contract = try Self.pets(SchemaOptions(discriminator: .strict))
        let pet = try contract.schema(named: "Pet")
        #expect(pet.validate(try ContractTestKit.json(#"{"name":"Polly"}"#)).isValid)
        #expect(!pet.isValid(try ContractTestKit.json(#"{"petType":"Parrot"}"#)))
        // allOf form: a parent with defaultMapping dispatches a missing or unknown value to it.
        let vehicle = try contract.schema(named: "Vehicle")
        #expect(vehicle.validate(try ContractTestKit.json(#"{"kind":"Bike","wheels":2}"#)).isValid)
        let noKind = vehicle.validate(try ContractTestKit.json(#"{"wheels":4}"#))
        #expect(noKind.errors.map(\.keyword) == ["required"], "Car requires doors: \(noKind)")
        #expect(vehicle.validate(try ContractTestKit.json(#"{"wheels":4,"doors":5}"#)).isValid)
        #expect(!vehicle.isValid(try ContractTestKit.json(#"{"kind":"Tank","wheels":4}"#)))
        // Without defaultMapping, strict mode still rejects a missing value (unchanged).
        let lenientVehicle = try Self.pets().schema(named: "Vehicle")
        #expect(lenientVehicle.validate(try ContractTestKit.json(#"{"wheels":4}"#)).isValid, "lenient mode never dispatches the allOf form")
    }

    @Test("a defaultMapping that names nothing is a load error")
    func defaultMappingUnresolved() throws {
        let errors = try ContractTestKit.documentErrors(
            """
            openapi: 3.2.0
            info: {title: bad default, version: '1'}
            components:
              schemas:
                A: {type: object}
                Pet:
                  oneOf: [{$ref: '#/components/schemas/A'}]
                  discriminator: {propertyName: kind, defaultMapping: Nowhere}
            paths: {}
            """, file: "bad-default.yaml")
        #expect(errors?.isEmpty == false)
    }

    // MARK: - the 3.2 dialect

    @Test("jsonSchemaDialect and $schema name the 3.2 dialect: OpenAPI rules apply")
    func dialectURI() throws {
        let contract = try ExchangeTestKit.document(
            """
            openapi: 3.2.0
            jsonSchemaDialect: https://spec.openapis.org/oas/3.2/dialect/2025-09-17
            info: {title: dialect, version: '1'}
            components:
              schemas:
                Nullable: {type: string, nullable: true}
                Own:
                  $schema: https://spec.openapis.org/oas/3.2/dialect/2025-09-17
                  type: integer
                  nullable: true
            paths: {}
            """)
        #expect(contract.dialect == .openAPI31)
        #expect(try contract.schema(named: "Nullable").isValid(.null), "nullable is read by the OpenAPI dialect")
        #expect(try contract.schema(named: "Own").isValid(.null))
        #expect(!(try contract.schema(named: "Own").isValid(.string("x"))))
        #expect(Dialect(metaSchemaURI: "https://spec.openapis.org/oas/3.2/dialect/2025-09-17") == .openAPI31)
        #expect(Dialect(metaSchemaURI: "https://spec.openapis.org/oas/3.2/dialect/2025-09-17#") == .openAPI31)
        #expect(Dialect(metaSchemaURI: "https://spec.openapis.org/oas/3.2/dialect/later") == nil)
        #expect(Dialect(metaSchemaURI: "https://spec.openapis.org/oas/3.3/dialect/2025-09-17") == nil)
    }

    // MARK: - $self

    static let shared = """
        openapi: 3.2.0
        $self: https://example.com/api/shared/foo
        info: {title: shared, version: '1'}
        components:
          requestBodies:
            Foo:
              required: true
              content:
                application/json:
                  schema: {$ref: '../schemas/foo'}
          schemas:
            Foo:
              $id: https://example.com/api/schemas/foo
              type: object
              required: [bar]
              properties:
                bar: {$ref: bar}
            Bar:
              $id: https://example.com/api/schemas/bar
              type: string
        """

    @Test(
        "$self is the base URI: the OpenAPI 3.2.0 Appendix F example resolves across documents",
        arguments: [OpenAPIDocument.Compilation.eager, .lazy])
    func selfBaseURI(_ compilation: OpenAPIDocument.Compilation) throws {
        let directory = try ContractTestKit.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let main = directory.appendingPathComponent("openapi.yaml")
        try """
        openapi: 3.2.0
        $self: https://example.com/api/openapi
        info: {title: main, version: '1'}
        paths:
          /foo:
            post:
              requestBody: {$ref: 'shared/foo#/components/requestBodies/Foo'}
              responses: {'204': {description: ok}}
        """.write(to: main, atomically: true, encoding: .utf8)
        // The shared document is registered under the URI the main document's $self makes of its reference.
        var resolver = ReferenceResolver()
        resolver.register(try SourceLoader.parse(Self.shared, format: .yaml), at: "https://example.com/api/shared/foo")
        let contract = try OpenAPIDocument.load(contentsOf: main.path, options: SchemaOptions(resolver: resolver), compilation: compilation)
        func post(_ body: String) throws -> ExchangeResult {
            try contract.validateRequest(
                method: "POST", url: "/foo", headers: [("Content-Type", "application/json")], body: ExchangeTestKit.bytes(body))
        }
        #expect(try post(#"{"bar":"x"}"#).isValid)
        #expect(ExchangeTestKit.locations(try post(#"{"bar":1}"#)) == ["/request/body/bar"], "bar resolves against Foo's $id to Bar")
        #expect(ExchangeTestKit.locations(try post("")) == ["/request/body"], "the shared request body's required")
    }

    @Test(
        "references that name a document's $self resolve to it; fragment-only references use $self as their base",
        arguments: [OpenAPIDocument.Compilation.eager, .lazy])
    func selfIdentifiesTheDocument(_ compilation: OpenAPIDocument.Compilation) throws {
        let directory = try ContractTestKit.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let main = directory.appendingPathComponent("main.yaml")
        try """
        openapi: 3.2.0
        $self: https://example.com/specs/main
        info: {title: main, version: '1'}
        components:
          schemas:
            Pet: {type: object, required: [name], properties: {name: {type: string}}}
            Local: {$ref: '#/components/schemas/Pet'}
            ByURI: {$ref: 'https://example.com/specs/main#/components/schemas/Pet'}
            ByRelative: {$ref: 'main#/components/schemas/Pet'}
        paths:
          /pets:
            post:
              requestBody:
                content:
                  application/json: {schema: {$ref: 'main#/components/schemas/Pet'}}
              responses: {'204': {description: ok}}
        """.write(to: main, atomically: true, encoding: .utf8)
        let contract = try OpenAPIDocument.load(contentsOf: main.path, compilation: compilation)
        for name in ["Local", "ByURI", "ByRelative"] {
            let schema = try contract.schema(named: name)
            #expect(schema.isValid(try ContractTestKit.json(#"{"name":"a"}"#)), "\(name)")
            #expect(!schema.isValid(try ContractTestKit.json("{}")), "\(name)")
        }
        #expect(
            ExchangeTestKit.locations(
                try contract.validateRequest(
                    method: "POST", url: "/pets", headers: [("Content-Type", "application/json")],
                    body: ExchangeTestKit.bytes("{}"))) == ["/request/body"])
    }

    @Test("a relative $self is resolved against the retrieval URI", arguments: [OpenAPIDocument.Compilation.eager, .lazy])
    func relativeSelf(_ compilation: OpenAPIDocument.Compilation) throws {
        let directory = try ContractTestKit.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("v2"), withIntermediateDirectories: true)
        let main = directory.appendingPathComponent("openapi.yaml")
        // $self names v2/openapi: relative references resolve from the v2 folder.
        try """
        openapi: 3.2.0
        $self: v2/openapi
        info: {title: relative, version: '1'}
        components:
          schemas:
            Thing: {$ref: 'thing.yaml'}
        paths: {}
        """.write(to: main, atomically: true, encoding: .utf8)
        try "{type: integer}".write(to: directory.appendingPathComponent("v2/thing.yaml"), atomically: true, encoding: .utf8)
        let contract = try OpenAPIDocument.load(contentsOf: main.path, compilation: compilation)
        #expect(try contract.schema(named: "Thing").isValid(.number(JSONNumber(3))))
        #expect(!(try contract.schema(named: "Thing").isValid(.string("x"))))
    }
}
