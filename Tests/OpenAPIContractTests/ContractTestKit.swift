import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Paths and helpers shared by the OpenAPIContract suites.
enum ContractTestKit {
    /// The repository root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let seedSpec = repositoryRoot.appendingPathComponent("specs/openrouter-videos.yaml").path
    static let seedOverlay = repositoryRoot.appendingPathComponent("specs/openrouter-videos.overlay.yaml").path
    /// The seed's retrieval URI, which absolute keyword locations start with.
    static let seedURI = SchemaGraphBuilder.fileURI(forPath: seedSpec)

    /// The seed contract with its overlay (loaded once per call; loading is cheap enough for tests).
    static func seed(withOverlay: Bool = true) throws -> OpenAPIDocument {
        try OpenAPIDocument.load(contentsOf: seedSpec, overlays: withOverlay ? [seedOverlay] : [])
    }

    static func json(_ text: String) throws -> JSONValue {
        try SourceLoader.parse(text, format: .json)
    }

    /// Parses an inline YAML document, named `file` in locations.
    static func document(_ yaml: String, file: String) throws -> OpenAPIDocument {
        let value = try SourceLoader.parse(yaml, format: .yaml, file: SourceFileID.intern(file))
        return try OpenAPIDocument(document: value)
    }

    /// The errors thrown by compiling an inline YAML document, or `nil` when it compiles.
    static func documentErrors(_ yaml: String, file: String) throws -> [SourceError]? {
        let value = try SourceLoader.parse(yaml, format: .yaml, file: SourceFileID.intern(file))
        do {
            _ = try OpenAPIDocument(document: value)
            return nil
        } catch {
            return error.errors
        }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spec-check-contract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A minimal request body that the seed contract accepts.
    static let minimalRequest = #"{"prompt":"A cat","model":"google/veo-3.1"}"#

    /// `minimalRequest` plus the given members (a JSON object body without braces).
    static func request(_ members: String) -> String {
        #"{"prompt":"A cat","model":"google/veo-3.1",\#(members)}"#
    }
}
