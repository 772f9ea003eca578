import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Schemas compiled on first use (`compilation: .onDemand`) that turn out not to compile.
@Suite("on-demand compilation errors")
struct OnDemandCompilationTests {
    /// `pattern: "("` is only found when the body schema is compiled, not at load.
    static let broken = """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        paths:
          /items:
            post:
              operationId: createItem
              requestBody:
                content:
                  application/json:
                    schema: {type: object, properties: {code: {type: string, pattern: "(", maxLength: 2}}}
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Item'}
          /items/{id}:
            put:
              operationId: replaceItem
              requestBody:
                content:
                  application/json:
                    schema: {type: object, properties: {code: {type: string, maxLength: 2}}}
              responses:
                '204': {description: replaced}
        components:
          schemas:
            Item: {type: object, properties: {code: {type: string, pattern: "[", maxLength: 2}}}
        """

    static func document() throws -> OpenAPIDocument {
        let value = try SourceLoader.parse(broken, format: .yaml, file: SourceFileID.intern("on-demand.yaml"))
        return try OpenAPIDocument(document: value, compilation: .onDemand)
    }

    /// The errors `body` throws, or `nil` (recording an issue) when it throws none.
    static func errors(_ body: () throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [SourceError]? {
        do {
            try body()
            Issue.record("expected a ContractError", sourceLocation: sourceLocation)
            return nil
        } catch let error as ContractError {
            return error.sourceErrors
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// Asking again for a schema that did not compile fails again with the same errors, instead of
    /// handing out the half-compiled schema (which would give verdicts without its `pattern`).
    @Test func aSchemaThatDoesNotCompileFailsEveryTimeItIsAskedFor() throws {
        let document = try Self.document()
        let body = try SourceLoader.parse(#"{"code": "ab"}"#, format: .json)
        let first = try #require(Self.errors { _ = try document.requestSchema(for: "createItem") })
        #expect(first.map { $0.code } == ["schema.invalid-pattern"])
        #expect(first.first?.location.line == 10, "\(first)")
        for _ in 0..<2 {
            #expect(Self.errors { _ = try document.requestSchema(for: "createItem") } == first)
            #expect(Self.errors { _ = try document.validateRequest(body, for: "createItem") } == first)
        }
        let response = try #require(Self.errors { _ = try document.validateResponse(body, status: 201, for: "createItem") })
        #expect(response.map { $0.code } == ["schema.invalid-pattern"])
        #expect(response.first?.location.line == 28, "\(response)")
        #expect(Self.errors { _ = try document.responseSchema(for: "createItem", status: 201) } == response)
        // The component is another schema sharing the broken node: it fails too.
        #expect(Self.errors { _ = try document.schema(named: "Item") } == response)
        // A schema sharing nothing broken still compiles, and gives verdicts.
        let sound = try document.requestSchema(for: "replaceItem")
        #expect(sound.isValid(body))
        #expect(!sound.isValid(try SourceLoader.parse(#"{"code": "abc"}"#, format: .json)))
    }
}
