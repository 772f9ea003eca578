import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Relative references resolve against the document that contains them (RFC 3986 §5.2; OpenAPI
/// 3.1.1 §4.3.3 "Relative References in URIs": "Relative references ... are resolved using the URI
/// of the current document as the base URI"), for every object kind that may be a Reference Object.
/// The fixture `Resources/multifile` spreads one API over folders: a Path Item in
/// `resources/pets/pets.yaml` refers to `responses/list.yaml`, which must be found as
/// `resources/pets/responses/list.yaml`, and the references inside that file resolve against
/// `resources/pets/responses/`.
@Suite("multi-file references")
struct MultiFileReferenceTests {
    static let fixture = OverlayResources.root.appendingPathComponent("multifile")
    static let root = fixture.appendingPathComponent("api.yaml").path

    static func body(_ json: String) throws -> JSONValue { try SourceLoader.parse(json, format: .json) }

    @Test(arguments: [OpenAPIDocument.Compilation.eager, .onDemand, .lazy])
    func everyObjectKindResolvesAcrossFolders(_ compilation: OpenAPIDocument.Compilation) throws {
        let contract = try OpenAPIDocument.load(contentsOf: Self.root, compilation: compilation)
        // Path Items, a whole Operation and the callback's operations are all reached.
        #expect(contract.operations.map(\.displayName) == ["listPets", "createPet", "getPet", "createOwner"])

        // Response (resources/pets/responses/list.yaml) → schema → ../models/pet.yaml → owner.yaml → address.yaml.
        let page = try Self.body(
            #"{"items": [{"id": 1, "name": "Rex", "owner": {"email": "a@example.com", "address": {"city": "Oslo"}}}], "next": "abc1"}"#)
        #expect(try contract.validateResponse(page, status: 200, for: "listPets").isValid)
        let badPage = try Self.body(
            #"{"items": [{"id": 0, "name": "Rex", "owner": {"email": "a@example.com", "address": {}}}], "next": "ABC"}"#)
        let errors = try contract.validateResponse(badPage, status: 200, for: "listPets").errors
        #expect(Set(errors.map(\.instanceLocation)) == ["/items/0/id", "/items/0/owner/address", "/next"])
        // Each error points into the file where the keyword is written.
        let files = Set(errors.map { URL(fileURLWithPath: $0.source.file.path).lastPathComponent })
        #expect(files == ["pet.yaml", "address.yaml", "cursor.yaml"])

        // Response shared by several operations (../../shared/responses/error.yaml → ../models/error.yaml).
        #expect(try contract.validateResponse(try Self.body(#"{"code": 1, "message": "m"}"#), status: 500, for: "listPets").isValid)
        #expect(try !contract.validateResponse(try Self.body(#"{"code": "1"}"#), status: 500, for: "getPet").isValid)

        // Request Body in requestBodies.yaml, schema at a pointer inside another file.
        #expect(try contract.validateRequest(try Self.body(#"{"name": "Rex"}"#), for: "createPet").isValid)
        #expect(try contract.validateRequest(try Self.body(#"{"name": ""}"#), for: "createPet").errors.map(\.instanceLocation) == ["/name"])
        #expect(try contract.validateRequest(nil, for: "createPet").errors.map(\.keyword) == ["requestBody"])

        // `#/components/schemas/Owner` written in operations/createOwner.yaml designates that file's
        // own component (which also requires `id`), not the root document's.
        let owner = try Self.body(#"{"email": "a@example.com"}"#)
        #expect(try contract.validateRequest(owner, for: "createOwner").isValid)
        let created = try contract.validateResponse(owner, status: 201, for: "createOwner").errors
        #expect(created.map(\.message) == [#"missing required property "id""#])
        #expect(created.first?.source.file.path.hasSuffix("operations/createOwner.yaml") == true)
    }

    @Test func componentSchemaBehindAReferenceIsNamed() throws {
        let contract = try OpenAPIDocument.load(contentsOf: Self.root)
        let schema = try contract.schema(named: "Owner")
        #expect(schema.isValid(try Self.body(#"{"email": "a@example.com"}"#)))
        #expect(!schema.isValid(try Self.body(#"{"address": {"city": "x"}}"#)))
    }

    /// Copies the fixture to a temporary folder, rewrites one file, and calls `body` with the path
    /// of the copy's root document.
    static func withModifiedFixture<T>(_ file: String, _ old: String, _ new: String, _ body: (String) throws -> T) throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spec-check-multifile-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture, to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent(file)
        let text = try String(contentsOf: target, encoding: .utf8)
        #expect(text.contains(old), "fixture \(file) no longer contains \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: target, atomically: true, encoding: .utf8)
        return try body(directory.appendingPathComponent("api.yaml").path)
    }

    /// The load errors of the fixture with one file rewritten.
    static func loadErrors(replacing file: String, _ old: String, with new: String, compilation: OpenAPIDocument.Compilation = .eager)
        throws -> [SourceError]
    {
        try withModifiedFixture(file, old, new) { path in
            do {
                _ = try OpenAPIDocument.load(contentsOf: path, compilation: compilation)
                return []
            } catch let error as SourceErrors {
                return error.errors
            }
        }
    }

    /// A broken reference in any nested file is reported at its own file:line:column, for each kind.
    @Test(arguments: [
        ("resources/pets/pets.yaml", "'responses/list.yaml'", 8),  // Response
        ("resources/pets/pets.yaml", "'parameters.yaml#/limit'", 5),  // Parameter
        ("resources/pets/pets.yaml", "'requestBodies.yaml#/NewPet'", 14),  // Request Body
        ("resources/pets/pets.yaml", "'callbacks.yaml#/onAdopted'", 17),  // Callback
        ("resources/pets/pets.yaml", "'../../shared/headers/location.yaml'", 23),  // Header
        ("resources/pets/pets.yaml", "'links.yaml#/GetPet'", 26),  // Link
        ("resources/pets/pets.yaml", "'examples/rex.yaml'", 33),  // Example
        ("resources/pets/responses/list.yaml", "'../../../shared/headers/rate-limit.yaml'", 5),  // Header in a Response file
        ("resources/pets/responses/list.yaml", "'../models/pet.yaml'", 15),  // Schema in a Response file
        ("resources/pets/callbacks.yaml", "'../../shared/responses/empty.yaml'", 11),  // Response in a Callback file
        ("api.yaml", "'components/security.yaml#/bearer'", 14),  // Security Scheme
        ("api.yaml", "'resources/pets/pet.yaml'", 7),  // Path Item
        ("api.yaml", "'operations/createOwner.yaml'", 10),  // Operation
    ])
    func brokenReferenceIsLocatedInItsFile(_ file: String, _ reference: String, _ line: Int) throws {
        for compilation in [OpenAPIDocument.Compilation.eager, .onDemand] {
            let broken = reference.replacingOccurrences(of: ".yaml", with: "-missing.yaml")
            let errors = try Self.loadErrors(replacing: file, reference, with: broken, compilation: compilation)
            let error = try #require(errors.first, "no error for \(broken) in \(file)")
            #expect(errors.count == 1, "\(errors)")
            #expect(error.code == "ref.unresolved")
            #expect(error.location.file.path.hasSuffix(file))
            #expect(error.location.line == line)
            #expect(error.message.contains(broken.replacingOccurrences(of: "'", with: "")))
        }
    }

    /// A schema reached only through non-schema references in other files is still compiled (and
    /// its problems reported) at load.
    @Test func schemaInANestedParameterFileIsCompiled() throws {
        let errors = try Self.loadErrors(replacing: "shared/models/limit.yaml", "minimum: 1", with: "minimum: one")
        #expect(errors.map(\.code) == ["schema.invalid-keyword"])
        #expect(errors.first?.location.file.path.hasSuffix("shared/models/limit.yaml") == true)
    }

    /// `properties` written as a JSON Reference to a map of schemas (DigitalOcean's description
    /// does this) is read as the map it designates.
    @Test func propertiesWrittenAsAReference() throws {
        let old = "required: [email]\nproperties:\n  email: {type: string, format: email}\n  address:\n    $ref: 'address.yaml'"
        try Self.withModifiedFixture(
            "shared/models/owner.yaml", old, "additionalProperties: false\nproperties:\n  $ref: 'address.yaml#/properties'"
        ) { path in
            let owner = try OpenAPIDocument.load(contentsOf: path).schema(named: "Owner")
            // `city` is declared (so not additional) and typed by the designated map.
            #expect(owner.validate(try Self.body(#"{"city": 3}"#)).errors.map(\.instanceLocation) == ["/city"])
            #expect(owner.validate(try Self.body(#"{"town": "x"}"#)).errors.map(\.instanceLocation) == ["/town"])
            #expect(owner.isValid(try Self.body(#"{"city": "Oslo"}"#)))
        }
    }

    /// The same reference text written in two files designates two objects: each resolves
    /// against its own file, however often the text repeats (resolutions are remembered per file).
    @Test func sameReferenceTextInTwoFoldersResolvesPerFile() throws {
        let dir = try ContractTestKit.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (folder, type) in [("a", "string"), ("b", "integer")] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(folder), withIntermediateDirectories: true)
            try "get:\n  operationId: get_\(folder)\n  responses:\n    '200': {$ref: 'ok.yaml'}\n    '201': {$ref: 'ok.yaml'}\n"
                .write(to: dir.appendingPathComponent("\(folder)/item.yaml"), atomically: true, encoding: .utf8)
            try "description: ok\ncontent:\n  application/json:\n    schema: {type: \(type)}\n"
                .write(to: dir.appendingPathComponent("\(folder)/ok.yaml"), atomically: true, encoding: .utf8)
        }
        let root = dir.appendingPathComponent("api.yaml")
        try "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a: {$ref: 'a/item.yaml'}\n  /b: {$ref: 'b/item.yaml'}\n"
            .write(to: root, atomically: true, encoding: .utf8)
        let contract = try OpenAPIDocument.load(contentsOf: root.path)
        for status in [200, 201] {
            #expect(try contract.validateResponse(try Self.body(#""x""#), status: status, for: "get_a").isValid)
            #expect(try !contract.validateResponse(try Self.body("1"), status: status, for: "get_a").isValid)
            #expect(try contract.validateResponse(try Self.body("1"), status: status, for: "get_b").isValid)
            #expect(try !contract.validateResponse(try Self.body(#""x""#), status: status, for: "get_b").isValid)
        }
    }
}
