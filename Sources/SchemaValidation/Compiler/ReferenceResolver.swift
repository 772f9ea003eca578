import Foundation
import SpecSource

/// Where `$ref`s to other documents are read from. Nothing is ever fetched from the network.
///
/// A reference resolves, in order, to a document registered with ``register(_:at:)``, to a file
/// under a folder mapped with ``map(prefix:toDirectory:)`` (how the JSON-Schema-Test-Suite's
/// `http://localhost:1234/` documents, or a vendor's remote schemas, are kept offline), or to a
/// `file:` URI (a relative `$ref` in a document read from disk resolves to a sibling file).
public struct ReferenceResolver: Sendable {
    private var documents: [String: JSONValue] = [:]
    private var mappings: [(prefix: String, directory: String)] = []
    /// Whether `file:` references may be read from disk.
    public var allowsFileAccess = true

    /// Creates a resolver with no registered documents.
    public init() {}

    /// Makes `document` available at the absolute URI `uri` (its fragment, if any, is ignored).
    public mutating func register(_ document: JSONValue, at uri: String) {
        documents[URIReference(uri).withoutFragment.description] = document
    }

    /// Serves URLs starting with `prefix` from files under `directory`
    /// (`http://localhost:1234/` + `tree.json` → `directory/tree.json`).
    public mutating func map(prefix: String, toDirectory directory: String) {
        mappings.append((prefix, directory))
    }

    /// Whether a document is registered at `uri`.
    public func hasDocument(at uri: String) -> Bool {
        documents[URIReference(uri).withoutFragment.description] != nil
    }

    func retrieve(_ uri: URIReference, relativeTo directory: String?) throws(SourceError) -> JSONValue? {
        let key = uri.description
        if let doc = documents[key] { return doc }
        for (prefix, dir) in mappings where key.hasPrefix(prefix) {
            let rest = String(key.dropFirst(prefix.count))
            let path = dir.hasSuffix("/") ? dir + rest : dir + "/" + rest
            if let document = try loadIfPresent(path) { return document }
        }
        if let meta = MetaSchemas.document(for: key) { return meta }
        if allowsFileAccess, let path = uri.filePath {
            return try loadIfPresent(displayPath(path))
        }
        return nil
    }

    /// The document in the file at `path`, or `nil` when there is no such file. Any other failure
    /// (permission denied, not a regular file, too large, malformed) is thrown.
    private func loadIfPresent(_ path: String) throws(SourceError) -> JSONValue? {
        do {
            return try SourceLoader.load(contentsOf: path)
        } catch where error.code == "file.not-found" && error.location.line == 0 {
            return nil
        }
    }

    func displayName(for uri: URIReference) -> String {
        if let path = uri.filePath { return displayPath(path) }
        return uri.description
    }

    /// `path` relative to the current directory when it lies below it.
    func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// The absolute, normalised form of a file path.
func absolutePath(_ path: String) -> String {
    let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    return URIReference.removeDotSegments(full)
}
