import Foundation

/// Limits that keep hostile or broken input from exhausting the process.
public struct LoadLimits: Sendable {
    /// Deepest nesting of arrays/objects accepted (the readers are iterative where it matters, but
    /// the rest of the pipeline recurses, so depth is bounded here).
    public var maxDepth: Int
    /// Most nodes that YAML alias expansion may produce in one document (an "alias bomb" guard).
    public var maxAliasExpansion: Int
    /// Largest input accepted, in bytes.
    public var maxBytes: Int

    /// Creates limits; the defaults accept every real OpenAPI document we know of.
    public init(maxDepth: Int = 1_000, maxAliasExpansion: Int = 1_000_000, maxBytes: Int = 1 << 30) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxBytes = maxBytes
    }
}

/// The syntax a source is read with.
public enum SourceFormat: Sendable {
    /// JSON (RFC 8259), read by our own reader: exact numbers, surrogate pairs, positions.
    case json
    /// YAML 1.2 (core schema) over libyaml's event parser.
    case yaml

    /// The format a path's extension implies: `.json`, `.jsonl` and `.ndjson` are JSON, everything
    /// else is YAML (a superset of JSON for the documents we read).
    public init(path: String) {
        self =
            path.hasSuffix(caseInsensitive: ".json") || path.hasSuffix(caseInsensitive: ".jsonl")
                || path.hasSuffix(caseInsensitive: ".ndjson") ? .json : .yaml
    }
}

/// One instance of a JSON Lines file.
public struct JSONLinesEntry: Sendable {
    /// 1-based line number of the instance in the file.
    public var line: Int
    /// The parsed instance, or why the line could not be parsed.
    public var result: Result<JSONValue, SourceError>
}

/// Reads YAML and JSON sources into located ``JSONValue`` trees.
///
/// This is the only entry point other modules need: it picks the reader from the file extension
/// (or content), interns the file for ``SourceLocation``s, and turns every failure (unreadable file,
/// invalid UTF-8, syntax error, alias bomb, excessive depth) into a ``SourceError`` naming the file,
/// line and column.
///
/// YAML text of 128 KB or more is parsed with libyaml on a second thread when the machine has
/// a second core, a few thousand events ahead of the tree being built; the call still returns
/// only when both are done, and the value, locations and errors are those of a one-thread parse.
public enum SourceLoader {
    /// Reads and parses the file at `path`.
    /// - Parameters:
    ///   - path: The file to read; it is never modified.
    ///   - format: The syntax to use; by default chosen by ``SourceFormat/init(path:)``.
    ///   - limits: Resource limits.
    /// - Returns: The document's root value.
    /// - Throws: ``SourceError`` with the file, line and column of the problem.
    public static func load(contentsOf path: String, format: SourceFormat? = nil, limits: LoadLimits = LoadLimits()) throws(SourceError)
        -> JSONValue
    {
        try load(contentsOf: path, format: format, listedRegular: false, limits: limits)
    }

    /// ``load(contentsOf:format:limits:)`` of a file that a folder's listing has just given as a
    /// regular file (`readdir`'s `DT_REG`): opened without the `stat` that keeps other paths
    /// from opening a device, and without following a symbolic link, so that an entry replaced
    /// by a link since the listing is checked like any path (see
    /// ``readFile(_:file:limits:)``). One system call fewer per file of a folder run.
    package static func load(contentsOf path: String, format: SourceFormat? = nil, listedRegular: Bool, limits: LoadLimits)
        throws(SourceError)
        -> JSONValue
    {
        let file = SourceFileID.intern(path)
        let bytes = try readFile(path, file: file, listedRegular: listedRegular, limits: limits)
        let format = format ?? SourceFormat(path: path)
        guard format == .yaml else { return try parse(bytes, format: format, file: file, limits: limits) }
        // The text is read for this parse only: its memory goes back as the parser moves on.
        try SourceEncoding.check(bytes, format: format, file: file)
        return try YAMLReader.parse(releasing: consume bytes, file: file, limits: limits)
    }

    /// Parses in-memory text.
    /// - Parameters:
    ///   - bytes: UTF-8 text (for YAML also UTF-16 with a byte order mark); UTF-16 and UTF-32 text
    ///     that the reader does not take is refused by name (`source.encoding`).
    ///   - format: The syntax to use.
    ///   - file: The file the text came from, for locations (``SourceFileID/none`` if none).
    ///   - limits: Resource limits.
    /// - Throws: ``SourceError``.
    public static func parse(_ bytes: [UInt8], format: SourceFormat, file: SourceFileID = .none, limits: LoadLimits = LoadLimits())
        throws(SourceError) -> JSONValue
    {
        try SourceEncoding.check(bytes, format: format, file: file)
        switch format {
        case .json: return try JSONReader.parse(bytes, file: file, limits: limits)
        case .yaml: return try YAMLReader.parse(bytes, file: file, limits: limits)
        }
    }

    /// Parses a string.
    public static func parse(_ text: String, format: SourceFormat, file: SourceFileID = .none, limits: LoadLimits = LoadLimits())
        throws(SourceError) -> JSONValue
    {
        try parse(Array(text.utf8), format: format, file: file, limits: limits)
    }

    /// Reads a JSON Lines file: one instance per non-blank line, each parsed independently.
    /// - Throws: ``SourceError`` only when the file itself cannot be read.
    public static func loadJSONLines(contentsOf path: String, limits: LoadLimits = LoadLimits()) throws(SourceError) -> [JSONLinesEntry] {
        let file = SourceFileID.intern(path)
        let bytes = try readFile(path, file: file, limits: limits)
        try SourceEncoding.check(bytes, format: .json, file: file)
        return JSONReader.parseLines(bytes, file: file, limits: limits)
    }

    /// Reads a JSON Lines file for parsing in chunks (``JSONLinesText/chunks(maxEntries:maxBytes:)``),
    /// e.g. one chunk per core; the entries are those of ``loadJSONLines(contentsOf:limits:)``.
    /// - Parameters:
    ///   - path: The file to read; it is never modified.
    ///   - limits: Resource limits (``LoadLimits/maxBytes`` applies to the whole file).
    /// - Throws: ``SourceError`` only when the file itself cannot be read (`file.*`), or is UTF-16
    ///   or UTF-32 text (`source.encoding`).
    public static func readJSONLines(contentsOf path: String, limits: LoadLimits = LoadLimits()) throws(SourceError) -> JSONLinesText {
        let file = SourceFileID.intern(path)
        let bytes = try readFile(path, file: file, limits: limits)
        try SourceEncoding.check(bytes, format: .json, file: file)
        return JSONLinesText(bytes: bytes, file: file)
    }
}

extension String {
    /// Whether the string ends with `suffix`, comparing ASCII letters without case (byte-wise: no
    /// lowercased copy, no grapheme breaking).
    public func hasSuffix(caseInsensitive suffix: String) -> Bool {
        // Over the contiguous bytes when there are (native and small strings): no index
        // arithmetic per byte (this runs several times per file of a directory of instances).
        let contiguous = utf8.withContiguousStorageIfAvailable { a in
            suffix.utf8.withContiguousStorageIfAvailable { b -> Bool in
                guard a.count >= b.count else { return false }
                let start = a.count - b.count
                for i in 0..<b.count {
                    let x = a[start + i]
                    let y = b[i]
                    if x != y && (x | 0x20 != y | 0x20 || !(x | 0x20 >= 97 && x | 0x20 <= 122)) { return false }
                }
                return true
            }
        }
        if let contiguous = contiguous ?? nil { return contiguous }
        let a = utf8
        let b = suffix.utf8
        guard a.count >= b.count else { return false }
        for (x, y) in zip(a.suffix(b.count), b) {
            let lx = x >= 65 && x <= 90 ? x + 32 : x
            let ly = y >= 65 && y <= 90 ? y + 32 : y
            if lx != ly { return false }
        }
        return true
    }
}
