import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Values an overlay adds keep the overlay file's positions, so validation errors they cause point
/// into the overlay.
@Suite("Overlay provenance")
struct OverlayProvenanceTests {
    static let first = """
        overlay: 1.0.0
        info:
          title: provenance
          version: '1'
        actions:
          - target: $.components.schemas.VideoGenerationRequest.properties
            update:
              prompt:
                maxLength: 10
              mood:
                type: string
                enum: [calm, tense]
          - target: $.components.schemas.VideoGenerationRequest
            update:
              required: [resolution]
        """

    static let second = """
        overlay: 1.1.0
        info: {title: second, version: '1'}
        actions:
          - target: $.components.schemas.VideoGenerationRequest.properties.prompt
            update: {maxLength: 5}
        """

    /// Writes the overlays into a temporary directory and loads the seed spec with them.
    static func withContract(_ overlays: [(String, String)], _ body: (OpenAPIDocument, [String]) throws -> Void) throws {
        let dir = try ContractTestKit.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for (name, text) in overlays {
            let url = dir.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        let contract = try OpenAPIDocument.load(contentsOf: ContractTestKit.seedSpec, overlays: paths)
        try body(contract, paths)
    }

    @Test func addedKeywordPointsIntoTheOverlay() throws {
        try Self.withContract([("fixes.overlay.yaml", Self.first)]) { contract, paths in
            #expect(contract.overlayWarnings.isEmpty)
            let body = try ContractTestKit.json(#"{"prompt":"far too long a prompt","model":"m","resolution":"720p"}"#)
            let result = try contract.validateRequest(body, for: "createVideos")
            #expect(result.errors.map(\.keyword) == ["maxLength"])
            let error = try #require(result.errors.first)
            #expect(error.source.file.path.hasSuffix("fixes.overlay.yaml"))
            #expect(error.source.file.path == paths[0])
            #expect(error.source.line == 9 && error.source.column == 9, "\(error.source)")
            #expect("\(error.source)" == "\(paths[0]):9:9")
        }
    }

    @Test func keywordsOfANewPropertyPointIntoTheOverlay() throws {
        try Self.withContract([("fixes.overlay.yaml", Self.first)]) { contract, paths in
            let body = try ContractTestKit.json(#"{"prompt":"short","model":"m","resolution":"720p","mood":"sleepy"}"#)
            let result = try contract.validateRequest(body, for: "createVideos")
            #expect(result.errors.map(\.keyword) == ["enum"])
            #expect(result.errors.first?.instanceLocation == "/mood")
            #expect(result.errors.first?.source.file.path == paths[0])
            #expect(result.errors.first?.source.line == 12 && result.errors.first?.source.column == 9)
            let wrongType = try contract.validateRequest(
                try ContractTestKit.json(#"{"prompt":"p","model":"m","resolution":"720p","mood":1}"#), for: "createVideos")
            let typeError = try #require(wrongType.errors.first { $0.keyword == "type" })
            #expect(typeError.source.file.path == paths[0] && typeError.source.line == 11 && typeError.source.column == 9)
        }
    }

    @Test func untouchedKeywordsStillPointIntoTheSpec() throws {
        try Self.withContract([("fixes.overlay.yaml", Self.first)]) { contract, _ in
            let body = try ContractTestKit.json(#"{"prompt":"p","model":"m","resolution":"720p","duration":0}"#)
            let result = try contract.validateRequest(body, for: "createVideos")
            let error = try #require(result.errors.first)
            #expect(error.keyword == "minimum")
            #expect(error.source.file.path == ContractTestKit.seedSpec)
            #expect(error.source.line == 212 && error.source.column == 11, "\(error.source)")
        }
    }

    @Test func appendedRequiredEntryIsEnforced() throws {
        try Self.withContract([("fixes.overlay.yaml", Self.first)]) { contract, paths in
            let result = try contract.validateRequest(try ContractTestKit.json(ContractTestKit.minimalRequest), for: "createVideos")
            #expect(result.errors.map(\.message) == [#"missing required property "resolution""#])
            // The entry is appended to the spec's own `required` (spec line 276), so the keyword is
            // still written there; the overlay did not add the keyword, only a value in it.
            let error = try #require(result.errors.first)
            #expect(error.source.file.path == ContractTestKit.seedSpec)
            #expect(error.source.line == 276 && error.source.column == 7, "\(error.source)")
            #expect(
                contract.root["components"]?["schemas"]?["VideoGenerationRequest"]?["required"]?.arrayValue?.last?.location.file.path
                    == paths[0])
        }
    }

    @Test func laterOverlayWinsAndIsTheOneReported() throws {
        try Self.withContract([("first.overlay.yaml", Self.first), ("second.overlay.yaml", Self.second)]) { contract, paths in
            let result = try contract.validateRequest(
                try ContractTestKit.json(#"{"prompt":"sixsix","model":"m","resolution":"720p"}"#), for: "createVideos")
            let error = try #require(result.errors.first)
            #expect(result.errors.count == 1)
            #expect(error.keyword == "maxLength" && error.message.contains("5"), "\(error)")
            #expect(error.source.file.path == paths[1])
            #expect(error.source.line == 5 && error.source.column == 14, "\(error.source)")
        }
    }

    @Test func replacedSpecKeywordPointsIntoTheOverlay() throws {
        let overlay = """
            overlay: 1.0.0
            info: {title: stricter duration, version: '1'}
            actions:
              - target: $.components.schemas.VideoGenerationRequest.properties.duration
                update:
                  minimum: 5
            """
        try Self.withContract([("duration.overlay.yaml", overlay)]) { contract, paths in
            let result = try contract.validateRequest(
                try ContractTestKit.json(ContractTestKit.request(#""duration":3"#)), for: "createVideos")
            let error = try #require(result.errors.first)
            #expect(result.errors.count == 1)
            #expect(error.keyword == "minimum" && error.message.contains("5"), "the overlay's value is the one enforced: \(error)")
            #expect(error.source.file.path == paths[0], "\(error.source)")
            #expect(error.source.line == 6 && error.source.column == 7, "\(error.source)")
        }
    }

    @Test func overlayValueLocationsSurviveApply() throws {
        let docFile = "provenance-doc.yaml"
        let overlayFile = "provenance.overlay.yaml"
        let doc = try OverlayKit.yaml("a:\n  b: 1\n", file: docFile)
        let overlay = try OverlayKit.overlay(
            """
            overlay: 1.0.0
            info: {title: t, version: '1'}
            actions:
              - target: $.a
                update:
                  c: {d: true}
                  b: 2
              - target: $
                update: {list: [x]}
            """, file: overlayFile)
        let (result, _) = try overlay.apply(to: doc)
        let c = try #require(result["a"]?.objectValue?.member("c"))
        #expect(c.keyLocation.file.path == overlayFile && c.keyLocation.line == 6 && c.keyLocation.column == 7)
        #expect(c.value["d"]?.location.line == 6)
        // A replaced primitive is the overlay's, key and value: errors about it name the overlay.
        let b = try #require(result["a"]?.objectValue?.member("b"))
        #expect(b.value.location.file.path == overlayFile && b.value.location.line == 7)
        #expect(b.keyLocation.file.path == overlayFile && b.keyLocation.line == 7 && b.keyLocation.column == 7)
        // The merged container keeps the document's location.
        #expect(result["a"]?.location.file.path == docFile)
        #expect(result["list"]?.location.file.path == overlayFile && result["list"]?.location.line == 9)
    }
}
