import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

@Suite("overlays")
struct OverlayTests {
    static func withOverlay(_ text: String, _ body: (String) throws -> Void) throws {
        let dir = try ContractTestKit.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("test.overlay.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try body(file.path)
    }

    @Test func targetSelectingNothingIsAWarning() throws {
        let overlay = """
            overlay: 1.0.0
            info: {title: t, version: '1'}
            actions:
              - target: $.components.schemas.NoSuchSchema
                update: {maxLength: 3}
              - target: $.components.schemas.VideoGenerationRequest.properties.prompt
                update: {maxLength: 3}
            """
        try Self.withOverlay(overlay) { path in
            let contract = try OpenAPIDocument.load(contentsOf: ContractTestKit.seedSpec, overlays: [path])
            #expect(contract.overlayWarnings.count == 1)
            let warning = try #require(contract.overlayWarnings.first)
            #expect(warning.message.contains("selects nothing"))
            #expect(warning.location.line == 4)
            #expect(warning.location.file.path == path)
            // The second action still applied.
            let result = try contract.validateRequest(try ContractTestKit.json(#"{"prompt":"long","model":"m"}"#), for: "createVideos")
            #expect(result.errors.map(\.keyword) == ["maxLength"])
            #expect(result.errors.first?.source.file.path == path)
            #expect(result.errors.first?.source.line == 7)
        }
    }

    @Test(arguments: [
        // (target as written after "target: ", error code, what the message must say)
        ("$.info[", "overlay.invalid-target", "at character 8"),
        ("'$.info[?@.a ==]'", "overlay.invalid-target", "at character 15"),
        ("\"$.info.\"", "overlay.invalid-target", "at character 8"),
        ("info.title", "overlay.invalid", "/actions/1/target"),
    ])
    func invalidTargetIsALocatedSourceError(_ target: String, _ code: String, _ detail: String) throws {
        let overlay = """
            overlay: 1.0.0
            info: {title: t, version: '1'}
            actions:
              - description: fine
                target: $.info
                update: {x-a: 1}
              - target: \(target)
                update: {x-b: 1}
            """
        try Self.withOverlay(overlay) { path in
            do {
                _ = try OpenAPIDocument.load(contentsOf: ContractTestKit.seedSpec, overlays: [path])
                Issue.record("expected an invalid target error")
            } catch let error as SourceErrors {
                #expect(error.errors.count == 1)
                let sourceError = try #require(error.errors.first)
                #expect(sourceError.code == code, "\(sourceError)")
                #expect(sourceError.message.contains(detail), "\(sourceError)")
                // The target value starts on line 7, column 13 (after "  - target: ").
                #expect(sourceError.location.file.path == path)
                #expect(sourceError.location.line == 7)
                #expect(sourceError.location.column == 13)
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func removeAndArrayAppend() throws {
        let overlay = """
            overlay: 1.0.0
            info: {title: t, version: '1'}
            actions:
              - target: $.components.schemas.VideoGenerationRequest.required
                update: [size]
              - target: $.components.schemas.VideoGenerationRequest.properties.duration.minimum
                remove: true
            """
        try Self.withOverlay(overlay) { path in
            let contract = try OpenAPIDocument.load(contentsOf: ContractTestKit.seedSpec, overlays: [path])
            let missingSize = try contract.validateRequest(
                try ContractTestKit.json(#"{"prompt":"p","model":"m","duration":0}"#), for: "createVideos")
            #expect(missingSize.errors.map(\.message) == [#"missing required property "size""#])
        }
    }

    @Test func notAnOverlay() throws {
        try Self.withOverlay("info: {title: t}\nactions: []\n") { path in
            #expect(throws: SourceErrors.self) { _ = try OpenAPIDocument.load(contentsOf: ContractTestKit.seedSpec, overlays: [path]) }
        }
    }
}

/// The real descriptions in `../shared/testdata/specs` (opt-in: skipped, with the reason shown, on
/// machines without that folder).
enum RealDocuments {
    static let folder = ContractTestKit.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/testdata/specs")
    static let present = FileManager.default.fileExists(atPath: folder.path)

    /// Every root OpenAPI document below the folder: a YAML or JSON file whose top level has
    /// `openapi` (fragments of multi-file descriptions and overlays are not roots).
    static var roots: [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let lower = relative.lowercased()
            guard lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") else { continue }
            let path = folder.appendingPathComponent(relative).path
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            if text.hasPrefix("openapi:") || text.contains("\nopenapi:") || text.hasPrefix("{\"openapi\"")
                || text.contains("\n  \"openapi\":")
            {
                files.append(path)
            }
        }
        return files.sorted()
    }
}

@Suite("real documents", .enabled(if: RealDocuments.present, "../shared/testdata/specs is absent on this machine"))
struct RealDocumentTests {
    @Test func everyRootDocumentLoadsWithZeroErrors() throws {
        let roots = RealDocuments.roots
        // OpenAI, OpenRouter (and its toolchain's output), Plaid, DigitalOcean and six OAI examples.
        #expect(roots.count >= 11, "\(roots)")
        for file in roots {
            do {
                let contract = try OpenAPIDocument.load(contentsOf: file)
                #expect(contract.operations.count > 0, "\(file) has no operations")
                #expect(
                    contract.schemaCount > 0
                        || contract.operations.allSatisfy { op in op.responses.allSatisfy { $0.content.allSatisfy { !$0.hasSchema } } },
                    "\(file): no schema compiled")
            } catch {
                Issue.record("\(file) failed to load:\n\(error.errors.prefix(10).map(\.description).joined(separator: "\n"))")
            }
        }
    }

    /// DigitalOcean's description spreads 659 operations over about 2,900 files with relative
    /// references inside referenced files; it loads, and its responses validate.
    @Test func digitalOceanResponsesValidate() throws {
        let root = RealDocuments.folder.appendingPathComponent("digitalocean/specification/DigitalOcean-public.v2.yaml").path
        let contract = try OpenAPIDocument.load(contentsOf: root, compilation: .onDemand)
        #expect(contract.operations.count == 659)
        let list = try SourceLoader.parse(#"{"1_clicks": [{"slug": "monitoring", "type": "kubernetes"}]}"#, format: .json)
        #expect(try contract.validateResponse(list, status: 200, for: "oneClicks_list").isValid)
        let bad = try SourceLoader.parse(#"{"1_clicks": [{"slug": 3}]}"#, format: .json)
        let errors = try contract.validateResponse(bad, status: 200, for: "GET /v2/1-clicks").errors
        #expect(errors.map(\.instanceLocation).sorted() == ["/1_clicks/0", "/1_clicks/0/slug"])
        #expect(errors.allSatisfy { $0.source.file.path.hasSuffix("resources/1-clicks/models/oneClicks.yml") })
        // Shared error responses (../../shared/responses/unauthorized.yml → ../models/error.yml).
        let unauthorized = try SourceLoader.parse(#"{"id": "unauthorized", "message": "Unable to authenticate you."}"#, format: .json)
        #expect(try contract.validateResponse(unauthorized, status: 401, for: "account_get").isValid)
        #expect(
            try !contract.validateResponse(try SourceLoader.parse(#"{"id": 1}"#, format: .json), status: 401, for: "account_get").isValid)

        // Every example the description gives for a JSON response, validated against its schema.
        var checked = 0
        var failures: [String] = []
        for op in contract.operations {
            for response in op.responses {
                for content in response.content where content.hasSchema && content.mediaType.contains("json") {
                    for (name, example) in content.examples {
                        checked += 1
                        let result = try contract.validateResponse(
                            example, status: Int(response.status) ?? 599, for: op.displayName, contentType: content.mediaType)
                        if !result.isValid { failures.append("\(op.displayName) \(response.status) \(name): \(result.errors.first!)") }
                    }
                }
            }
        }
        print("DigitalOcean: \(checked) response examples checked, \(failures.count) invalid")
        for failure in failures.prefix(20) { print("  \(failure)") }
        #expect(checked > 3_000)
        // The two the description gets wrong: their `example` is `{$ref: 'examples.yml#/…'}`, which
        // OpenAPI reads as a literal value (an `example` is data, not a Reference Object), and that
        // literal lacks the schema's required `meta`.
        #expect(
            failures.map { $0.components(separatedBy: ":").first! } == [
                "byoipPrefixes_list 200 example", "byoipPrefixes_list_resources 200 example",
            ])
    }

    @Test func seedLoadsWithoutOverlayAndFromJSONValue() throws {
        let value = try SourceLoader.load(contentsOf: ContractTestKit.seedSpec)
        let contract = try OpenAPIDocument(document: value)
        #expect(contract.operations.count == 1)
        #expect(contract.schemaCount > 20)
        #expect(contract.schemaNames.contains("InputReference") && contract.schemaNames.contains("VideoGenerationUsage"))
    }
}
