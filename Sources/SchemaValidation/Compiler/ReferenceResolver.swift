import Foundation
import SpecSource

/// Where `$ref`s to other documents are read from. Nothing is ever fetched from the network.
///
/// A reference resolves, in order, to a document registered with ``register(_:at:)``, to a file
/// under a folder mapped with ``map(prefix:toDirectory:)`` (how the JSON-Schema-Test-Suite's
/// `http://localhost:1234/` documents, or a vendor's remote schemas, are kept offline), or to a
/// `file:` URI (a relative `$ref` in a document read from disk resolves to a sibling file).
///
/// Files are read only inside allowed folders (see ``confinesFileReferences``): the root
/// document's folder tree, the folders given to ``allowFileReferences(under:)``, and, for mapped
/// URLs, the mapped folder. So a document cannot make the checker read `../../etc/passwd`,
/// `file:///etc/passwd` or `/proc/self/environ` unless the caller allows that folder.
public struct ReferenceResolver: Sendable {
    private var documents: [String: JSONValue] = [:]
    private var mappings: [(prefix: String, directory: String)] = []
    /// Whether `file:` references may be read from disk.
    public var allowsFileAccess = true
    /// Whether a file is read only when its real path (symbolic links resolved) lies in the root
    /// document's folder tree or in one of ``allowedFileRoots`` (a file under a mapped URL prefix:
    /// in the mapped folder). On by default; a refused reference fails with `ref.outside-root`.
    public var confinesFileReferences = true
    /// Folders, besides the root document's own, whose files (and subfolders' files) references
    /// may read. See ``allowFileReferences(under:)``.
    public private(set) var allowedFileRoots: [String] = []
    /// The largest file a reference may load, in bytes (64 MiB by default), checked against the
    /// file's size before anything is read; a larger file fails with `file.too-large`.
    public var maxBytesPerDocument = 64 << 20
    /// Whose means messages name when a reference cannot be read: the Swift API (the default) or
    /// the options of a command line.
    public var advice: Advice = .swiftAPI

    /// Whose means the messages about an unavailable remote document or a confined file name.
    public enum Advice: Sendable, Equatable {
        /// ``register(_:at:)``, ``map(prefix:toDirectory:)`` and ``allowFileReferences(under:)``.
        case swiftAPI
        /// A command's options: `--map-url PREFIX=DIR` when `mapsURLs`, `--allow-ref-root DIR`
        /// when `allowsReferenceRoots`; a command without the option gets no advice beyond the
        /// reason (remote references are never fetched; file references stay in the folder).
        case commandLine(mapsURLs: Bool, allowsReferenceRoots: Bool)
    }
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

    /// Lets references read files anywhere below `directory` (the command line's
    /// `--allow-ref-root DIR`), in addition to the root document's folder.
    public mutating func allowFileReferences(under directory: String) {
        allowedFileRoots.append(directory)
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
            try checkConfinement(path, roots: [dir], rule: "the folder mapped to \(prefix)")
            if let document = try loadIfPresent(path) { return document }
        }
        if let meta = MetaSchemas.document(for: key) { return meta }
        if allowsFileAccess, let path = uri.filePath {
            try checkConfinement(
                path, roots: (directory.map { [$0] } ?? []) + allowedFileRoots,
                rule: directory.map { "the root document's folder \(displayPath($0))" }
                    ?? "the allowed folders (the root document is not a file)")
            return try loadIfPresent(displayPath(path))
        }
        return nil
    }

    /// Throws `ref.outside-root` when the real path of `path` is not in one of `roots` (their real
    /// paths, so a symbolic link cannot lead out). For a path that does not exist, the real path
    /// of its nearest existing folder decides.
    private func checkConfinement(_ path: String, roots: [String], rule: String) throws(SourceError) {
        guard confinesFileReferences else { return }
        let real = Self.realPathOfNearestAncestor(absolutePath(path))
        for root in roots {
            guard let realRoot = Self.realPath(root) else { continue }
            if realRoot == "/" || real == realRoot || real.hasPrefix(realRoot + "/") { return }
        }
        let widen = allowedFileRoots.isEmpty ? "" : " or \(allowedFileRoots.map(displayPath).joined(separator: ", "))"
        throw SourceError(
            code: "ref.outside-root",
            message:
                "is outside \(rule)\(widen), where file references are confined\(real == absolutePath(path) ? "" : " (it is \(real))")\(widenAdvice)",
            location: SourceLocation(file: SourceFileID.intern(displayPath(path)), line: 0, column: 0))
    }

    private var widenAdvice: String {
        switch advice {
        case .swiftAPI: return "; allow its folder with ReferenceResolver.allowFileReferences(under:)"
        case .commandLine(_, let allows): return allows ? "; allow its folder with --allow-ref-root DIR" : ""
        }
    }

    /// Why no document is available at `uri` (no fragment), which ``retrieve(_:relativeTo:)``
    /// found nothing at: for a local file (a `file:` URI, or a URL under a mapped prefix) that it
    /// does not exist, with the nearest existing name where the path first goes astray; for a
    /// remote URL that nothing is fetched, and how to provide the document.
    func unavailableMessage(for uri: URIReference) -> String {
        let key = uri.description
        if let (prefix, dir) = mappings.first(where: { key.hasPrefix($0.prefix) }) {
            let rest = String(key.dropFirst(prefix.count))
            let path = dir.hasSuffix("/") ? dir + rest : dir + "/" + rest
            return "file not found: \(displayPath(path)) (\(key) under the folder mapped to \(prefix))\(SourceLoader.nearestExisting(path))"
        }
        if allowsFileAccess, let path = uri.filePath {
            return "file not found: \(displayPath(path))\(SourceLoader.nearestExisting(path))"
        }
        let remote = uri.scheme?.lowercased() == "http" || uri.scheme?.lowercased() == "https"
        let prefix = key.lastIndex(of: "/").map { String(key[...$0]) } ?? key
        switch advice {
        case .swiftAPI:
            return remote
                ? "no document is available at \(key): nothing is fetched from the network; map the URL to a local copy with ReferenceResolver.map(prefix: \(JSONWriter.quoted(prefix)), toDirectory:) or register the document with ReferenceResolver.register(_:at:)"
                : "no document is available at \(key): register it with ReferenceResolver.register(_:at:)"
        case .commandLine(let mapsURLs, _):
            if mapsURLs {
                return remote
                    ? "no document is available at \(key): remote references are not fetched; map the URL to a local copy with --map-url \(prefix)=DIR"
                    : "no document is available at \(key); map it to a local file with --map-url \(prefix)=DIR"
            }
            return remote
                ? "no document is available at \(key): remote references are not fetched (download the document and refer to the local file)"
                : "no document is available at \(key)"
        }
    }

    /// `path` (absolute) with the symbolic links of its longest existing prefix resolved.
    static func realPathOfNearestAncestor(_ path: String) -> String {
        var head = path
        var tail: [Substring] = []
        while head.count > 1 {
            if let real = realPath(head) {
                return tail.isEmpty ? real : (real == "/" ? "" : real) + "/" + tail.reversed().joined(separator: "/")
            }
            guard let slash = head.lastIndex(of: "/") else { break }
            tail.append(head[head.index(after: slash)...])
            head = slash == head.startIndex ? "/" : String(head[..<slash])
        }
        return path
    }

    /// The absolute path with every symbolic link resolved, or `nil` when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The document in the file at `path`, or `nil` when there is no such file. Any other failure
    /// (permission denied, not a regular file, too large, malformed) is thrown.
    private func loadIfPresent(_ path: String) throws(SourceError) -> JSONValue? {
        do {
            return try SourceLoader.load(contentsOf: path, limits: LoadLimits(maxBytes: maxBytesPerDocument))
        } catch  where error.code == "file.not-found" && error.location.line == 0 {
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
