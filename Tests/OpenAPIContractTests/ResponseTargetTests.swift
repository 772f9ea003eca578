import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Response targets by code, range and `default` (OpenAPI 3.1.1 §4.8.16: an explicit code takes
/// precedence over its range, `default` covers what no specific code declares), and schemas named
/// by a JSON pointer into the document.
@Suite("response targets and schema pointers")
struct ResponseTargetTests {
    /// `createJob` documents 201, 2XX, 4XX and default; `rangeOnly` 2XX only; `codesOnly` 200 and
    /// 204 and default; `defaultOnly` default only. Each response's schema requires a different
    /// property, so which one validated is visible.
    static let yaml = """
        openapi: 3.1.0
        info: {title: statuses, version: '1'}
        paths:
          /jobs:
            post:
              operationId: createJob
              responses:
                '201': {description: created, content: {application/json: {schema: {required: [created]}}}}
                2XX: {description: other success, content: {application/json: {schema: {required: [success]}}}}
                4xx: {description: client error, content: {application/json: {schema: {required: [clientError]}}}}
                default: {description: error, content: {application/json: {schema: {required: [error]}}}}
            get:
              operationId: rangeOnly
              responses:
                2XX: {description: any success, content: {application/json: {schema: {required: [success]}}}}
            delete:
              operationId: codesOnly
              responses:
                '200': {description: ok, content: {application/json: {schema: {required: [ok]}}}}
                '204': {description: no content}
                default: {description: error, content: {application/json: {schema: {required: [error]}}}}
          /other:
            get:
              operationId: defaultOnly
              responses:
                default: {description: anything, content: {application/json: {schema: {required: [error]}}}}
        components:
          schemas:
            Job:
              type: object
              properties:
                id: {type: string}
                tags: {type: array, items: {type: string}}
                kind: {anyOf: [{type: string}, {type: integer}]}
              example: {id: x}
        """

    static func document() throws -> OpenAPIDocument {
        try ContractTestKit.document(yaml, file: "statuses.yaml")
    }

    @Test(arguments: [
        ("201", ResponseStatus.code(201)), ("599", .code(599)), ("100", .code(100)), ("2XX", .range(2)), ("2xx", .range(2)),
        ("5Xx", .range(5)),
        ("default", .default),
    ])
    func statusesAreRead(_ text: String, _ expected: ResponseStatus) {
        #expect(ResponseStatus(text) == expected)
    }

    @Test(arguments: ["600", "099", "6XX", "0XX", "20X", "2X", "Default", "DEFAULT", "", "2XXX", "+20", "２00"])
    func otherStatusesAreRefused(_ text: String) {
        #expect(ResponseStatus(text) == nil, "\(text)")
    }

    /// The property each response's schema requires: which response a status selected.
    static func selected(_ op: String, _ status: String, in document: OpenAPIDocument) throws -> String? {
        let operation = try document.operation(op)
        guard let response = operation.response(for: try #require(ResponseStatus(status))) else { return nil }
        return response.status
    }

    @Test(arguments: [
        // An explicit code beats its range, which beats default.
        ("createJob", "201", "201"), ("createJob", "202", "2XX"), ("createJob", "299", "2XX"), ("createJob", "404", "4xx"),
        ("createJob", "500", "default"),
        // A range names the range's own response, even where a code of it is documented too.
        ("createJob", "2XX", "2XX"), ("createJob", "4XX", "4xx"), ("createJob", "default", "default"),
        // No 5XX key, no code of 5XX documented: default is what every 5XX code gets.
        ("createJob", "5XX", "default"),
        ("rangeOnly", "201", "2XX"), ("rangeOnly", "2xx", "2XX"),
        ("defaultOnly", "2XX", "default"), ("defaultOnly", "418", "default"), ("defaultOnly", "default", "default"),
        ("codesOnly", "204", "204"), ("codesOnly", "201", "default"), ("codesOnly", "default", "default"),
    ])
    func precedenceFollowsTheResponsesObject(_ op: String, _ status: String, _ expected: String) throws {
        #expect(try Self.selected(op, status, in: Self.document()) == expected)
    }

    @Test(arguments: [
        // 200 and 204 are documented one by one: "the 2XX response" is none of them.
        ("codesOnly", "2XX"),
        ("rangeOnly", "default"), ("rangeOnly", "404"), ("rangeOnly", "4XX"),
    ])
    func unselectableStatusesSelectNothing(_ op: String, _ status: String) throws {
        #expect(try Self.selected(op, status, in: Self.document()) == nil)
    }

    @Test func schemasAndValidationFollowTheSelection() throws {
        let document = try Self.document()
        let body = try ContractTestKit.json(#"{"success": true}"#)
        // 201 has its own response (requires "created"); 2XX and 202 get the 2XX one.
        #expect(
            try document.responseSchema(for: "createJob", status: .code(201)).validate(body).errors.map(\.message) == [
                #"missing required property "created""#
            ])
        #expect(try document.responseSchema(for: "createJob", status: .range(2)).validate(body).isValid)
        #expect(try document.validateResponse(body, status: .code(202), for: "createJob").isValid)
        #expect(try document.validateResponse(body, status: .range(2), for: "createJob").isValid)
        #expect(try !document.validateResponse(body, status: .default, for: "createJob").isValid)
        // An unselectable range is one contract error, naming the codes documented one by one.
        let ambiguous = try document.validateResponse(body, status: .range(2), for: "codesOnly")
        #expect(ambiguous.errors.map(\.code) == ["status.undocumented"])
        #expect(ambiguous.errors.first?.message.contains("its codes are documented one by one (200, 204)") == true, "\(ambiguous)")
        #expect(throws: ContractError.self) { try document.responseSchema(for: "rangeOnly", status: .default) }
        do {
            _ = try document.responseSchema(for: "rangeOnly", status: .default)
        } catch {
            #expect(error.code == "status.undocumented")
            #expect(error.message == "response default is not documented for rangeOnly (documented: 2XX)")
        }
    }

    @Test func aPointerNamesASchemaOrASubschema() throws {
        let document = try Self.document()
        let media = try document.schema(atPointer: "#/paths/~1jobs/post/responses/201/content/application~1json/schema")
        #expect(media.validate(try ContractTestKit.json(#"{"created": 1}"#)).isValid)
        #expect(!media.isValid(try ContractTestKit.json("{}")))
        // Plain and fragment forms, components, and subschemas inside a schema.
        let job = try document.schema(atPointer: "/components/schemas/Job")
        #expect(!job.isValid(try ContractTestKit.json(#"{"id": 1}"#)))
        let id = try document.schema(atPointer: "#/components/schemas/Job/properties/id")
        #expect(id.isValid(try ContractTestKit.json(#""x""#)))
        #expect(!id.isValid(try ContractTestKit.json("1")))
        let item = try document.schema(atPointer: "#/components/schemas/Job/properties/tags/items")
        #expect(!item.isValid(try ContractTestKit.json("1")))
        let branch = try document.schema(atPointer: "#/components/schemas/Job/properties/kind/anyOf/1")
        #expect(branch.isValid(try ContractTestKit.json("1")))
        #expect(!branch.isValid(try ContractTestKit.json(#""x""#)))
        // Percent-encoding in the fragment form (RFC 6901 §6).
        let encoded = try document.schema(atPointer: "#/components/schemas/Job/properties/%69d")
        #expect(encoded.isValid(try ContractTestKit.json(#""x""#)))
    }

    static func pointerError(_ pointer: String) throws -> ContractError? {
        let document = try document()
        do {
            _ = try document.schema(atPointer: pointer)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        // Resolves to nothing: the deepest value that exists, and its nearest member.
        ("#/paths/~1jobs/pots", #"#/paths/~1jobs/pots resolves to nothing: #/paths/~1jobs has no member "pots"; did you mean "post"?"#),
        ("#/paths/~1job/post", #"#/paths/~1job/post resolves to nothing: #/paths has no member "/job"; did you mean "/jobs"?"#),
        // A path written as is: "/" inside a member name is "~1".
        (
            "#/paths/jobs",
            #"#/paths/jobs resolves to nothing: #/paths has no member "jobs"; a "/" inside a member name is written "~1": did you mean #/paths/~1jobs?"#
        ),
        (
            "#/paths//jobs/post/responses/201",
            #"#/paths//jobs/post/responses/201 resolves to nothing: #/paths has no member ""; a "/" inside a member name is written "~1": did you mean #/paths/~1jobs/post/responses/201?"#
        ),
        (
            "#/components/schemas/Job/properties/tags/items/0",
            #"#/components/schemas/Job/properties/tags/items/0 resolves to nothing: #/components/schemas/Job/properties/tags/items has no member "0"; available: "type""#
        ),
        (
            "#/components/schemas/Job/properties/kind/anyOf/2",
            #"#/components/schemas/Job/properties/kind/anyOf/2 resolves to nothing: #/components/schemas/Job/properties/kind/anyOf is an array of 2 items, and "2" is not one of its indexes"#
        ),
        ("#/openapi/x", "#/openapi/x resolves to nothing: #/openapi is a string, which has no members"),
        // Not a schema: the schemas below it are named; an operation's, how to check its bodies.
        (
            "#/paths/~1jobs/post",
            #"#/paths/~1jobs/post is not a schema (it is an object, not a Schema Object or a subschema of one); it is the Operation Object of POST /jobs: check its bodies with --request "createJob" or --response "createJob" --status CODE; the schemas below it: #/paths/~1jobs/post/responses/201/content/application~1json/schema, #/paths/~1jobs/post/responses/2XX/content/application~1json/schema, #/paths/~1jobs/post/responses/4xx/content/application~1json/schema, #/paths/~1jobs/post/responses/default/content/application~1json/schema"#
        ),
        (
            "#/paths/~1jobs/post/responses/201",
            "#/paths/~1jobs/post/responses/201 is not a schema (it is an object, not a Schema Object or a subschema of one); the schemas below it: #/paths/~1jobs/post/responses/201/content/application~1json/schema"
        ),
        (
            "#/components/schemas/Job/properties",
            "#/components/schemas/Job/properties is not a schema (it is an object, not a Schema Object or a subschema of one); --schema takes a pointer to a Schema Object (e.g. a media type's schema) or a name under components/schemas"
        ),
        (
            "#/components/schemas/Job/example",
            "#/components/schemas/Job/example is not a schema (it is an object, not a Schema Object or a subschema of one); --schema takes a pointer to a Schema Object (e.g. a media type's schema) or a name under components/schemas"
        ),
        (
            "#/info/title",
            "#/info/title is not a schema (it is a string, not a Schema Object or a subschema of one); --schema takes a pointer to a Schema Object (e.g. a media type's schema) or a name under components/schemas"
        ),
        (
            "#paths",
            #"invalid JSON pointer "paths": a JSON pointer must start with "/"; write it as #/paths/~1videos/post/… ("~1" for "/", "~0" for "~")"#
        ),
    ])
    func badPointersSayWhatIsNearThem(_ pointer: String, _ message: String) throws {
        let error = try #require(try Self.pointerError(pointer), "\(pointer) unexpectedly named a schema")
        #expect(error.code == "schema.unknown")
        #expect(error.message == message)
    }

    @Test func aPointerDoesNotFollowReferences() throws {
        let document = try ContractTestKit.document(
            """
            openapi: 3.1.0
            info: {title: refs, version: '1'}
            paths:
              /jobs:
                post:
                  requestBody: {$ref: '#/components/requestBodies/Job'}
                  responses: {'200': {description: ok}}
            components:
              requestBodies:
                Job: {content: {application/json: {schema: {type: object}}}}
            """, file: "refs.yaml")
        #expect(throws: ContractError.self) {
            try document.schema(atPointer: "#/paths/~1jobs/post/requestBody/content/application~1json/schema")
        }
        do {
            _ = try document.schema(atPointer: "#/paths/~1jobs/post/requestBody/content/application~1json/schema")
        } catch {
            #expect(
                error.message.contains(##"#/paths/~1jobs/post/requestBody is a reference ($ref: "#/components/requestBodies/Job")"##),
                "\(error)")
        }
        // Its target is a schema position.
        #expect(
            try document.schema(atPointer: "#/components/requestBodies/Job/content/application~1json/schema").isValid(
                try ContractTestKit.json("{}")))
    }
}
