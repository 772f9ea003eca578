import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

@Suite("inline OpenAPI 3.0 and 3.1 documents")
struct InlineContractTests {
    static let jobs30 = """
        openapi: 3.0.3
        info: {title: jobs, version: '1'}
        paths:
          /videos/{jobId}:
            get:
              operationId: getJob
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Job'}
                2XX:
                  description: other success
                  content:
                    application/json:
                      schema: {type: object, required: [accepted]}
                default:
                  description: error
                  content:
                    application/*:
                      schema: {type: object, required: [error]}
          /videos/latest:
            get:
              operationId: getLatest
              responses:
                '200': {description: ok}
          /videos:
            post:
              operationId: createJob
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        name: {type: string, nullable: true}
                        count: {type: integer, minimum: 1, exclusiveMinimum: true, maximum: 9223372036854776000}
              responses:
                '201': {description: created}
        components:
          schemas:
            Job:
              type: object
              required: [id]
              properties:
                id: {type: string}
                progress: {type: number, nullable: true, minimum: 0, maximum: 100}
        """

    @Test func concretePathsMatchTemplates() throws {
        let contract = try ContractTestKit.document(Self.jobs30, file: "jobs-3.0.yaml")
        #expect(contract.dialect == .openAPI30)
        #expect(try contract.operation("GET /videos/job-1").operationId == "getJob")
        #expect(try contract.operation("GET /videos/latest").operationId == "getLatest")
        #expect(try contract.operation("GET /videos/job-1?verbose=1").operationId == "getJob")
        #expect(try contract.operation("POST /videos").operationId == "createJob")
        #expect(throws: ContractError.self) { _ = try contract.operation("GET /videos/a/b") }
        #expect(throws: ContractError.self) { _ = try contract.operation("GET /videos/") }
        #expect(try contract.operation("getJob").path == "/videos/{jobId}")
    }

    @Test func responseSelection() throws {
        let contract = try ContractTestKit.document(Self.jobs30, file: "jobs-3.0-responses.yaml")
        let job = try ContractTestKit.json(#"{"id":"j1","progress":null}"#)
        #expect(try contract.validateResponse(job, status: 200, for: "getJob").isValid)
        let noId = try contract.validateResponse(try ContractTestKit.json("{}"), status: 200, for: "getJob")
        #expect(noId.errors.map(\.absoluteKeywordLocation) == ["urn:spec-check:openapi#/components/schemas/Job/required"])
        // 2XX range
        #expect(try contract.validateResponse(try ContractTestKit.json(#"{"accepted":true}"#), status: 204, for: "getJob").isValid)
        #expect(
            try contract.validateResponse(try ContractTestKit.json("{}"), status: 201, for: "getJob").errors.first?.message.contains(
                "accepted") == true)
        // default, with a media-type range
        #expect(
            try contract.validateResponse(
                try ContractTestKit.json(#"{"error":"x"}"#), status: 404, for: "getJob", contentType: "application/problem+json"
            ).isValid)
        #expect(!(try contract.validateResponse(try ContractTestKit.json("{}"), status: 500, for: "getJob").isValid))
        // undocumented status without default
        let undocumented = try contract.validateResponse(try ContractTestKit.json("{}"), status: 404, for: "getLatest")
        #expect(undocumented.errors.map(\.keyword) == ["responses"])
        // a documented response without content accepts no body
        #expect(try contract.validateResponse(nil, status: 200, for: "getLatest").isValid)
        #expect(
            try contract.validateResponse(try ContractTestKit.json("{}"), status: 200, for: "getLatest").errors.map(\.keyword) == [
                "content"
            ])
    }

    @Test func openAPI30Keywords() throws {
        let contract = try ContractTestKit.document(Self.jobs30, file: "jobs-3.0-keywords.yaml")
        #expect(try contract.validateRequest(try ContractTestKit.json(#"{"name":null,"count":2}"#), for: "createJob").isValid)
        let atMinimum = try contract.validateRequest(try ContractTestKit.json(#"{"count":1}"#), for: "createJob")
        #expect(atMinimum.errors.map(\.keyword) == ["exclusiveMinimum"])
        #expect(try contract.validateRequest(try ContractTestKit.json(#"{"count":9223372036854775999}"#), for: "createJob").isValid)
        #expect(!(try contract.validateRequest(try ContractTestKit.json(#"{"count":9223372036854776001}"#), for: "createJob").isValid))
        // no requestBody.required: a missing body is fine
        #expect(try contract.validateRequest(nil, for: "createJob").isValid)
        // an operation without a request body
        #expect(try contract.validateRequest(try ContractTestKit.json("{}"), for: "getLatest").errors.map(\.keyword) == ["requestBody"])
    }

    static let lenient31 = """
        openapi: 3.1.0
        info: {title: lenient, version: '1'}
        paths:
          /items:
            $ref: '#/components/pathItems/Items'
          /other:
            get:
              $ref: '#/x-operations/getOther'
        x-operations:
          getOther:
            operationId: getOther
            responses:
              '200':
                description: ok
                content:
                  application/json:
                    schema: {type: integer, minimum: 10, exclusiveMinimum: true, maximum: 9223372036854776000}
        components:
          pathItems:
            Items:
              post:
                operationId: addItem
                requestBody:
                  required: true
                  content:
                    application/json:
                      schema:
                        type: [object]
                        properties:
                          note: {type: string, nullable: true}
                responses:
                  '204': {description: added}
        """

    @Test func refsInPlaceOfPathItemsAndOperations() throws {
        let contract = try ContractTestKit.document(Self.lenient31, file: "lenient-3.1.yaml")
        #expect(contract.dialect == .openAPI31)
        #expect(Set(contract.operations.compactMap(\.operationId)) == ["addItem", "getOther"])
        #expect(try contract.operation("POST /items").operationId == "addItem")
        #expect(try contract.operation("GET /other").operationId == "getOther")
        #expect(try contract.validateRequest(try ContractTestKit.json(#"{"note":null}"#), for: "addItem").isValid)
        #expect(try contract.validateRequest(nil, for: "addItem").errors.map(\.keyword) == ["requestBody"])
    }

    @Test func openAPI30StyleKeywordsIn31() throws {
        let contract = try ContractTestKit.document(Self.lenient31, file: "lenient-3.1-bounds.yaml")
        #expect(try contract.validateResponse(try ContractTestKit.json("11"), status: 200, for: "getOther").isValid)
        #expect(
            try contract.validateResponse(try ContractTestKit.json("10"), status: 200, for: "getOther").errors.map(\.keyword) == [
                "exclusiveMinimum"
            ])
        #expect(try contract.validateResponse(try ContractTestKit.json("9223372036854775999"), status: 200, for: "getOther").isValid)
    }

    @Test func unresolvablePathItemRefIsALocatedError() throws {
        let yaml = """
            openapi: 3.1.0
            info: {title: broken, version: '1'}
            paths:
              /a:
                $ref: '#/components/pathItems/Missing'
            """
        let errors = try #require(try ContractTestKit.documentErrors(yaml, file: "broken-ref.yaml"))
        #expect(errors.map(\.code) == ["ref.unresolved"])
        #expect(errors.first?.location.line == 5)
    }

    @Test(arguments: [
        ("swagger: '2.0'\ninfo: {title: old, version: '1'}\npaths: {}\n", "openapi.unsupported-version", 1),
        ("info: {title: none, version: '1'}\npaths: {}\n", "openapi.invalid", 1),
        ("openapi: 2.5.0\ninfo: {title: odd, version: '1'}\n", "openapi.unsupported-version", 1),
        ("- just\n- a list\n", "openapi.invalid", 1),
    ])
    func notAnOpenAPI3Document(_ yaml: String, _ code: String, _ line: UInt32) throws {
        let errors = try #require(try ContractTestKit.documentErrors(yaml, file: "not-openapi-\(code).yaml"))
        #expect(errors.map(\.code) == [code])
        #expect(errors.first?.location.line == line)
    }

    @Test func brokenSchemaListsEveryProblem() throws {
        let yaml = """
            openapi: 3.0.0
            info: {title: broken, version: '1'}
            paths: {}
            components:
              schemas:
                A: {$ref: '#/components/schemas/Nope'}
                B: {type: strin}
                C: {pattern: '(('}
            """
        let errors = try #require(try ContractTestKit.documentErrors(yaml, file: "broken-schemas.yaml"))
        #expect(errors.count == 3)
        #expect(errors.map(\.location.line) == [6, 7, 8])
    }
}
