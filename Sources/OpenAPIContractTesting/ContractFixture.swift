import Foundation
import OpenAPIContract

/// A contract for tests, declared once at file scope without `try` and loaded on first use.
///
/// ```swift
/// let videos = ContractFixture("specs/openrouter-videos.yaml", overlays: ["specs/openrouter-videos.overlay.yaml"])
///
/// @Test func createVideo() throws {
///     let contract = try videos.load()          // loaded once for all tests; a failure fails this test
///     try contract.checkRequest(#"{"model": "google/veo-3.1", "prompt": "sunset"}"#, for: "createVideos")
/// }
/// ```
/// A file-scope `try!` would crash the whole test process when the path is wrong; here each test
/// that uses the contract fails with a ``ContractLoadError`` naming the file, the working
/// directory and every problem found. Relative paths are read from the working directory (the
/// package root under `swift test`). Safe to use from concurrent tests.
public final class ContractFixture: @unchecked Sendable {
    /// The OpenAPI document.
    public let path: String
    /// Overlays applied in order.
    public let overlays: [String]
    private let options: SchemaOptions
    private let compilation: OpenAPIDocument.Compilation
    private let lock = NSLock()
    private var loaded: Result<OpenAPIDocument, ContractLoadError>?

    /// Declares a contract; nothing is read until ``load()``.
    /// - Parameters:
    ///   - path: The OpenAPI document.
    ///   - overlays: Overlay files applied in order.
    ///   - options: Schema options.
    ///   - compilation: Compile every schema at load (the default) or each on first use.
    public init(
        _ path: String, overlays: [String] = [], options: SchemaOptions = SchemaOptions(), compilation: OpenAPIDocument.Compilation = .eager
    ) {
        self.path = path
        self.overlays = overlays
        self.options = options
        self.compilation = compilation
    }

    /// The loaded contract, loading it on the first call (later calls return the same contract,
    /// or throw the same error).
    /// - Throws: ``ContractLoadError``.
    public func load() throws(ContractLoadError) -> OpenAPIDocument {
        lock.lock()
        defer { lock.unlock() }
        if loaded == nil {
            do {
                loaded = .success(
                    try OpenAPIDocument.load(contentsOf: path, overlays: overlays, options: options, compilation: compilation))
            } catch {
                loaded = .failure(
                    ContractLoadError(
                        path: path, overlays: overlays, workingDirectory: FileManager.default.currentDirectoryPath, errors: error))
            }
        }
        return try loaded!.get()
    }
}

/// A contract that could not be loaded: the file, and every problem with its position.
public struct ContractLoadError: Error, Sendable, CustomStringConvertible {
    /// The OpenAPI document.
    public var path: String
    /// The overlays.
    public var overlays: [String]
    /// The working directory relative paths were read from.
    public var workingDirectory: String
    /// The problems, each with file:line:column.
    public var errors: SourceErrors

    /// `cannot load the contract FILE (+ overlays) from DIR:` then one problem per line.
    public var description: String {
        let with = overlays.isEmpty ? "" : " with overlays \(overlays.joined(separator: ", "))"
        return "cannot load the contract \(path)\(with) (relative paths from \(workingDirectory)):\n"
            + errors.errors.map { "  " + JSONWriter.singleLine($0.description) }.joined(separator: "\n")
    }
}
