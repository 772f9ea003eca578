import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// `compilation: .lazy`: nothing about Schema Objects is read at load, yet every schema that is
/// used compiles to the same verdicts and errors as with eager compilation, `$id`, `$anchor` and
/// `$dynamicAnchor` lookups included (the registry indexes the document when a lookup first needs
/// identifiers), and a broken reference of a used schema is reported exactly as `.onDemand`
/// reports it at load.
@Suite("lazy compilation")
struct LazyCompilationTests {
    /// Schemas found by pointer, by `$id`, by `$anchor` and through the dynamic scope, plus
    /// `Broken`, whose reference resolves to nothing.
    static let schemas = """
            Order:
              type: object
              required: [id, item]
              properties:
                id: {$ref: 'https://example.com/schemas/id'}
                item: {$ref: '#item'}
                tags: {$ref: '#/components/schemas/Tags'}
            Id:
              $id: 'https://example.com/schemas/id'
              type: integer
              minimum: 1
            Item:
              $anchor: item
              type: string
              maxLength: 3
            Tags:
              type: array
              items: {type: string, minLength: 1}
            Tree:
              $id: 'https://example.com/tree'
              $dynamicAnchor: node
              type: object
              properties:
                children: {type: array, items: {$dynamicRef: '#node'}}
            StrictTree:
              $id: 'https://example.com/strict-tree'
              $dynamicAnchor: node
              $ref: 'https://example.com/tree'
              unevaluatedProperties: false
        """
    static let broken = """
            Broken:
              type: object
              properties:
                a: {$ref: '#/components/schemas/Missing'}
        """

    static func document(_ compilation: OpenAPIDocument.Compilation, withBroken: Bool) throws -> OpenAPIDocument {
        let text = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths: {}
            components:
              schemas:
            \(schemas)
            \(withBroken ? broken : "")
            """
        let value = try SourceLoader.parse(text, format: .yaml, file: SourceFileID.intern("lazy.yaml"))
        return try OpenAPIDocument(document: value, uri: "file:///lazy/openapi.yaml", compilation: compilation)
    }

    static func instance(_ json: String) throws -> JSONValue { try SourceLoader.parse(json, format: .json) }

    /// What a report shows of each error.
    static func shown(_ result: ValidationResult) -> [String] {
        result.errors.map { "\($0.instanceLocation) \($0.keyword) \($0.absoluteKeywordLocation) \($0.message)" }
    }

    @Test(arguments: [
        ("Order", #"{"id": 1, "item": "abc", "tags": ["x"]}"#),
        ("Order", #"{"id": 0, "item": "abcd", "tags": [""]}"#),
        ("Order", #"{"item": 3}"#),
        ("Tree", #"{"children": [{"children": []}, {"extra": 1}]}"#),
        ("StrictTree", #"{"children": [{"children": []}]}"#),
        ("StrictTree", #"{"children": [{"extra": 1}], "more": 2}"#),
    ])
    func usedSchemasGiveEagerVerdictsAndErrors(_ name: String, _ json: String) throws {
        let eager = try Self.document(.eager, withBroken: false).schema(named: name)
        let lazy = try Self.document(.lazy, withBroken: true).schema(named: name)
        let value = try Self.instance(json)
        #expect(lazy.isValid(value) == eager.isValid(value))
        #expect(Self.shown(lazy.validate(value)) == Self.shown(eager.validate(value)))
    }

    /// The instances above are not all valid: the comparison would be empty otherwise.
    @Test func theComparedInstancesIncludeInvalidOnes() throws {
        let lazy = try Self.document(.lazy, withBroken: true)
        let order = try lazy.schema(named: "Order").validate(try Self.instance(#"{"id": 0, "item": "abcd", "tags": [""]}"#))
        #expect(Set(order.errors.map(\.instanceLocation)) == ["/id", "/item", "/tags/0"])
        #expect(order.errors.first { $0.instanceLocation == "/id" }?.absoluteKeywordLocation == "https://example.com/schemas/id#/minimum")
        let strict = try lazy.schema(named: "StrictTree").validate(try Self.instance(#"{"children": [{"extra": 1}]}"#))
        #expect(strict.errors.map(\.instanceLocation).contains("/children/0/extra"), "\(strict.errors)")
    }

    /// `.onDemand` reports the broken reference at load; `.lazy` loads, and reports the same error
    /// (code, message, position) when the schema that holds it is asked for, every time.
    @Test func aBrokenReferenceIsReportedWhenItsSchemaIsUsed() throws {
        var atLoad: [SourceError] = []
        do {
            _ = try Self.document(.onDemand, withBroken: true)
            Issue.record("the on-demand load should fail")
        } catch let errors as SourceErrors {
            atLoad = errors.errors
        }
        #expect(atLoad.map(\.code) == ["ref.unresolved"])
        let lazy = try Self.document(.lazy, withBroken: true)
        for _ in 0..<2 {
            do {
                _ = try lazy.schema(named: "Broken")
                Issue.record("Broken should not compile")
            } catch {
                #expect(error.kind == .schemaDoesNotCompile)
                #expect(error.sourceErrors.map(\.code) == atLoad.map(\.code))
                #expect(error.sourceErrors.map(\.message) == atLoad.map(\.message))
                #expect(error.sourceErrors.map(\.location) == atLoad.map(\.location))
            }
        }
        // The other schemas are unaffected.
        #expect(try lazy.schema(named: "Order").isValid(try Self.instance(#"{"id": 2, "item": "a"}"#)))
    }
}

/// A document loaded for `components/schemas` lookups by name only (`validate --schema NAME`):
/// the operations are not read, so a broken Path Item reference does not stop the load, and the
/// lookups that need the operations say that they were not read.
@Suite("schema lookups without operations")
struct SchemaLookupsOnlyTests {
    static let text = """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        paths:
          /items: {$ref: 'missing.yaml#/items'}
        components:
          schemas:
            Item: {type: object, required: [id], properties: {id: {type: integer}}}
        """

    static func load(findsOperations: Bool, compilation: OpenAPIDocument.Compilation = .lazy) throws -> OpenAPIDocument {
        let value = try SourceLoader.parse(text, format: .yaml, file: SourceFileID.intern("lookups.yaml"))
        return try OpenAPIDocument(
            document: value, uri: "file:///lookups/openapi.yaml", options: SchemaOptions(), compilation: compilation, overlayWarnings: [],
            findsOperations: findsOperations)
    }

    /// The broken Path Item fails the loads that check the document; a lazy load reads the
    /// operations it can, and a lookup that finds none names the Path Item it could not read.
    @Test(arguments: [OpenAPIDocument.Compilation.eager, .onDemand])
    func theBrokenPathItemFailsALoadThatChecksTheDocument(_ compilation: OpenAPIDocument.Compilation) throws {
        do {
            _ = try Self.load(findsOperations: true, compilation: compilation)
            Issue.record("the load should fail")
        } catch let errors as SourceErrors {
            #expect(errors.errors.map(\.code) == ["ref.unresolved"])
        }
    }

    @Test func aLazyLoadNamesTheBrokenPathItemWhenNoOperationIsFound() throws {
        let document = try Self.load(findsOperations: true)
        #expect(document.operations.isEmpty)
        do {
            _ = try document.operation("GET /items")
            Issue.record("an operation lookup should fail")
        } catch {
            #expect(error.kind == .unknownOperation)
            #expect(error.message.contains("lookups.yaml:4:18: cannot resolve $ref \"missing.yaml#/items\""), "\(error.message)")
        }
    }

    @Test func namedSchemasAnswerWithoutOperations() throws {
        let document = try Self.load(findsOperations: false)
        let item = try document.schema(named: "Item")
        #expect(item.isValid(try SourceLoader.parse(#"{"id": 1}"#, format: .json)))
        #expect(item.validate(try SourceLoader.parse(#"{"id": "1"}"#, format: .json)).errors.map(\.instanceLocation) == ["/id"])
        #expect(document.operations.isEmpty)
        do {
            _ = try document.operation("GET /items")
            Issue.record("an operation lookup should fail")
        } catch {
            #expect(error.kind == .unknownOperation)
            #expect(error.message.contains("operations were not read"), "\(error.message)")
        }
        do {
            _ = try document.schema(atPointer: "#/components/schemas/Item")
            Issue.record("a pointer lookup should fail")
        } catch {
            #expect(error.kind == .unknownSchema)
            #expect(error.message.contains("operations were not read"), "\(error.message)")
        }
    }
}
