import Foundation
import Testing
import OpenAPIContract
import SchemaValidation
import SpecSource

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
            let missingSize = try contract.validateRequest(try ContractTestKit.json(#"{"prompt":"p","model":"m","duration":0}"#), for: "createVideos")
            #expect(missingSize.errors.map(\.message) == [#"missing required property "size""#])
        }
    }

    @Test func notAnOverlay() throws {
        try Self.withOverlay("info: {title: t}\nactions: []\n") { path in
            #expect(throws: SourceErrors.self) { _ = try OpenAPIDocument.load(contentsOf: ContractTestKit.seedSpec, overlays: [path]) }
        }
    }
}

@Suite("real documents")
struct RealDocumentTests {
    static let sharedSpecs = ContractTestKit.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/testdata/specs")

    @Test func sharedSpecsLoad() throws {
        guard FileManager.default.fileExists(atPath: Self.sharedSpecs.path) else {
            print("notice: \(Self.sharedSpecs.path) is absent; real-document checks not run on this machine")
            return
        }
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.sharedSpecs.path))
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let lower = relative.lowercased()
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") {
                files.append(Self.sharedSpecs.appendingPathComponent(relative).path)
            }
        }
        #expect(!files.isEmpty)
        for file in files.sorted() {
            do {
                let contract = try OpenAPIDocument.load(contentsOf: file)
                #expect(contract.operations.count > 0, "\(file) has no operations")
                #expect(contract.schemaCount >= 0)
            } catch {
                Issue.record("\(file) failed to load:\n\(error.errors.prefix(10).map(\.description).joined(separator: "\n"))")
            }
        }
    }

    @Test func seedLoadsWithoutOverlayAndFromJSONValue() throws {
        let value = try SourceLoader.load(contentsOf: ContractTestKit.seedSpec)
        let contract = try OpenAPIDocument(document: value)
        #expect(contract.operations.count == 1)
        #expect(contract.schemaCount > 20)
        #expect(contract.schemaNames.contains("InputReference") && contract.schemaNames.contains("VideoGenerationUsage"))
    }
}
