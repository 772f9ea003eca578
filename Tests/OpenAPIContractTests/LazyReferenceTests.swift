import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// `compilation: .lazy` and broken references outside Schema Objects: the load succeeds, each
/// check of a request or response that reads a broken reference throws it (with the position
/// `.onDemand` reports at load), and the checks that read none give verdicts.
@Suite("lazy loading with broken non-schema references")
struct LazyReferenceTests {
    static let text = """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        paths:
          /items:
            post:
              operationId: createItem
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Item'}
                    examples: {one: {$ref: '#/components/examples/Nope'}}
              responses:
                '201': {$ref: '#/components/responses/Gone'}
                '400': {description: bad}
          /items/{id}:
            put:
              operationId: replaceItem
              parameters:
                - {$ref: '#/components/parameters/Nope'}
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Item'}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Item'}
        components:
          schemas:
            Item: {type: object, required: [name], properties: {name: {type: string}}}
        """

    static func load(_ compilation: OpenAPIDocument.Compilation) throws -> OpenAPIDocument {
        let value = try SourceLoader.parse(text, format: .yaml, file: SourceFileID.intern("lazy-refs.yaml"))
        return try OpenAPIDocument(document: value, uri: "file:///lazy-refs/openapi.yaml", compilation: compilation)
    }

    static let item = try! SourceLoader.parse(#"{"name": "a"}"#, format: .json)
    static let notItem = try! SourceLoader.parse(#"{"nam": "a"}"#, format: .json)

    /// The errors a check throws: a located `ref.unresolved` per broken reference it reads.
    static func thrown(_ check: () throws -> Void) -> [String] {
        do {
            try check()
            return []
        } catch let error as ContractError {
            #expect(error.kind == .schemaDoesNotCompile)
            return error.sourceErrors.map { "\($0.code) \($0.location)" }
        } catch {
            return ["unexpected \(error)"]
        }
    }

    @Test func theEagerLoadReportsEveryBrokenReference() throws {
        do {
            _ = try Self.load(.onDemand)
            Issue.record("the load should fail")
        } catch let errors as SourceErrors {
            #expect(
                errors.errors.map { "\($0.code) \($0.location)" }.sorted() == [
                    "ref.unresolved lazy-refs.yaml:11:36", "ref.unresolved lazy-refs.yaml:13:23", "ref.unresolved lazy-refs.yaml:19:18",
                ])
        }
    }

    @Test func checksThrowOnlyTheBrokenReferencesTheyRead() throws {
        let document = try Self.load(.lazy)
        // createItem's request reads no broken reference (its example is never read).
        #expect(try document.validateRequest(Self.item, for: "createItem").isValid)
        #expect(!(try document.validateRequest(Self.notItem, for: "createItem").isValid))
        #expect(try document.requestSchema(for: "createItem").isValid(Self.item))
        // Its 201 response cannot be read; 400 can.
        #expect(
            Self.thrown { _ = try document.validateResponse(Self.item, status: 201, for: "createItem") } == [
                "ref.unresolved lazy-refs.yaml:13:23"
            ])
        #expect(Self.thrown { _ = try document.responseSchema(for: "createItem", status: 201) } == ["ref.unresolved lazy-refs.yaml:13:23"])
        #expect(!(try document.validateResponse(Self.item, status: 400, for: "createItem").isValid))
        // replaceItem's parameter cannot be read: its request stops; its response does not.
        #expect(Self.thrown { _ = try document.validateRequest(Self.item, for: "replaceItem") } == ["ref.unresolved lazy-refs.yaml:19:18"])
        #expect(Self.thrown { _ = try document.requestSchema(for: "replaceItem") } == ["ref.unresolved lazy-refs.yaml:19:18"])
        #expect(try document.validateResponse(Self.item, status: 200, for: "replaceItem").isValid)
        #expect(!(try document.validateResponse(Self.notItem, status: 200, for: "replaceItem").isValid))
    }

    @Test func exchangeChecksThrowTheBrokenReferencesTheyRead() throws {
        let document = try Self.load(.lazy)
        let body = Array(#"{"name": "a"}"#.utf8)
        let json = [(name: "Content-Type", value: "application/json")]
        #expect(try document.validateRequest(method: "POST", url: "/items", headers: json, body: body).isValid)
        #expect(
            Self.thrown { _ = try document.validateRequest(method: "PUT", url: "/items/1", headers: json, body: body) } == [
                "ref.unresolved lazy-refs.yaml:19:18"
            ])
        #expect(
            Self.thrown { _ = try document.validateResponse(status: 201, headers: json, body: body, method: "POST", url: "/items") } == [
                "ref.unresolved lazy-refs.yaml:13:23"
            ])
        #expect(try document.validateResponse(status: 200, headers: json, body: body, method: "PUT", url: "/items/1").isValid)
    }
}
