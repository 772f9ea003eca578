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
        self = path.hasSuffix(caseInsensitive: ".json") || path.hasSuffix(caseInsensitive: ".jsonl")
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
public enum SourceLoader {
    /// Reads and parses the file at `path`.
    /// - Parameters:
    ///   - path: The file to read; it is never modified.
    ///   - format: The syntax to use; by default chosen by ``SourceFormat/init(path:)``.
    ///   - limits: Resource limits.
    /// - Returns: The document's root value.
    /// - Throws: ``SourceError`` with the file, line and column of the problem.
    public static func load(contentsOf path: String, format: SourceFormat? = nil, limits: LoadLimits = LoadLimits()) throws(SourceError) -> JSONValue {
        let file = SourceFileID.intern(path)
        let bytes = try readFile(path, file: file, limits: limits)
        return try parse(bytes, format: format ?? SourceFormat(path: path), file: file, limits: limits)
    }

    /// Parses in-memory text.
    /// - Parameters:
    ///   - bytes: UTF-8 text.
    ///   - format: The syntax to use.
    ///   - file: The file the text came from, for locations (``SourceFileID/none`` if none).
    ///   - limits: Resource limits.
    /// - Throws: ``SourceError``.
    public static func parse(_ bytes: [UInt8], format: SourceFormat, file: SourceFileID = .none, limits: LoadLimits = LoadLimits()) throws(SourceError) -> JSONValue {
        switch format {
        case .json: return try JSONReader.parse(bytes, file: file, limits: limits)
        case .yaml: return try YAMLReader.parse(bytes, file: file, limits: limits)
        }
    }

    /// Parses a string.
    public static func parse(_ text: String, format: SourceFormat, file: SourceFileID = .none, limits: LoadLimits = LoadLimits()) throws(SourceError) -> JSONValue {
        try parse(Array(text.utf8), format: format, file: file, limits: limits)
    }

    /// Reads a JSON Lines file: one instance per non-blank line, each parsed independently.
    /// - Throws: ``SourceError`` only when the file itself cannot be read.
    public static func loadJSONLines(contentsOf path: String, limits: LoadLimits = LoadLimits()) throws(SourceError) -> [JSONLinesEntry] {
        let file = SourceFileID.intern(path)
        let bytes = try readFile(path, file: file, limits: limits)
        return JSONReader.parseLines(bytes, file: file, limits: limits)
    }

    /// Reads a whole file as bytes (POSIX `open`/`read`: three or four system calls per file,
    /// which matters when a run reads ten thousand fixtures).
    /// - Throws: ``SourceError`` (`file.unreadable`, `file.too-large`).
    public static func readFile(_ path: String, file: SourceFileID, limits: LoadLimits = LoadLimits()) throws(SourceError) -> [UInt8] {
        let location = SourceLocation(file: file, line: 0, column: 0)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "no such file" : "cannot be opened for reading (\(String(cString: strerror(errno))))"
            throw SourceError(code: "file.unreadable", message: reason, location: location)
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            throw SourceError(code: "file.unreadable", message: "is a directory, not a file", location: location)
        }
        // Read straight into an array of the file's size (one more byte detects growth).
        let expected = info.st_size > 0 ? Int(info.st_size) : 0
        guard expected <= limits.maxBytes else {
            throw SourceError(code: "file.too-large", message: "is \(expected) bytes, more than the limit of \(limits.maxBytes)", location: location)
        }
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { return }
                count += n
            }
        }
        if failure == 0 && bytes.count == expected + 1 {
            // The file is longer than it was (a pipe, a growing file): read the rest in chunks.
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                bytes.append(contentsOf: chunk[0..<n])
                guard bytes.count <= limits.maxBytes else {
                    throw SourceError(code: "file.too-large", message: "is larger than the limit of \(limits.maxBytes) bytes", location: location)
                }
            }
        }
        if failure != 0 {
            throw SourceError(code: "file.unreadable", message: "cannot be read (\(String(cString: strerror(failure))))", location: location)
        }
        return bytes
    }
}

extension String {
    /// Whether the string ends with `suffix`, comparing ASCII letters without case (byte-wise: no
    /// lowercased copy, no grapheme breaking).
    public func hasSuffix(caseInsensitive suffix: String) -> Bool {
        let a = utf8, b = suffix.utf8
        guard a.count >= b.count else { return false }
        for (x, y) in zip(a.suffix(b.count), b) {
            let lx = x >= 65 && x <= 90 ? x + 32 : x
            let ly = y >= 65 && y <= 90 ? y + 32 : y
            if lx != ly { return false }
        }
        return true
    }
}
