import Foundation

/// A file known to the process, interned so that a ``SourceLocation`` stays three words wide.
///
/// Every loaded document, overlay and instance file gets an identifier the first time its path is
/// seen. Identifier `0` is reserved for values that were not read from any file (built in code).
public struct SourceFileID: Hashable, Sendable, Comparable {
    /// The raw index into the process-wide file table.
    public let rawValue: UInt32

    /// The identifier of values built in code rather than read from a file.
    public static let none = SourceFileID(rawValue: 0)

    /// Creates an identifier from its raw index.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Interns `path` and returns its identifier; the same path always yields the same identifier.
    /// - Parameter path: The file path as the user gave it (kept verbatim for messages).
    /// - Returns: The identifier for `path`.
    public static func intern(_ path: String) -> SourceFileID {
        fileTable.withLock { table in
            if let id = table.ids[path] { return id }
            table.paths.append(path)
            let id = SourceFileID(rawValue: UInt32(table.paths.count - 1))
            table.ids[path] = id
            return id
        }
    }

    /// The path this identifier was interned from, or `"<memory>"` for ``none``.
    public var path: String {
        fileTable.withLock { $0.paths[Int(rawValue)] }
    }

    /// Whether `lhs` comes before `rhs` in the order described on the type.
    public static func < (lhs: SourceFileID, rhs: SourceFileID) -> Bool { lhs.rawValue < rhs.rawValue }
}

private struct FileTable {
    var paths: [String] = ["<memory>"]
    var ids: [String: SourceFileID] = [:]
}

/// The process-wide file table behind an `NSLock` (a pthread mutex, which ThreadSanitizer sees);
/// with `Synchronization.Mutex`, whose lock lives in the uninstrumented runtime, it reported
/// every concurrent first use of a path as a race.
private final class FileTableBox: @unchecked Sendable {
    private let lock = NSLock()
    private var table = FileTable()

    func withLock<T>(_ body: (inout FileTable) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&table)
    }
}

private let fileTable = FileTableBox()

/// A position in a source file: 1-based line and 1-based column.
///
/// Columns count Unicode scalars from the start of the line (libyaml's and our JSON reader's
/// convention alike), so a column points at the same character whatever the encoding width.
/// A line of `0` means "no position" (the value was built in code).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file the position is in.
    public var file: SourceFileID
    /// 1-based line number, or 0 when unknown.
    public var line: UInt32
    /// 1-based column number, or 0 when unknown.
    public var column: UInt32

    /// Creates a location.
    public init(file: SourceFileID, line: UInt32, column: UInt32) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A location for values that were not read from a file.
    public static let unknown = SourceLocation(file: .none, line: 0, column: 0)

    /// Whether this location points into a file.
    public var isKnown: Bool { line != 0 }

    /// `path:line:column`, the form editors and CI logs link to.
    public var description: String {
        isKnown ? "\(file.path):\(line):\(column)" : file.path
    }
}

/// An error in a source document (malformed YAML/JSON, a bad `$ref`, an invalid keyword value),
/// located at the place a person has to look.
public struct SourceError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A stable identifier of the kind of problem, e.g. `yaml.syntax`, `json.syntax`, `ref.unresolved`.
    public var code: String
    /// What went wrong, in one sentence.
    public var message: String
    /// Where it went wrong.
    public var location: SourceLocation
    /// Further locations that explain the error (e.g. the first of two duplicate keys).
    public var related: [SourceLocation]

    /// Creates an error.
    public init(code: String, message: String, location: SourceLocation, related: [SourceLocation] = []) {
        self.code = code
        self.message = message
        self.location = location
        self.related = related
    }

    /// `file:line:column: message`.
    public var description: String { "\(location): \(message)" }
}

/// Several source errors found in one pass (e.g. every unresolvable `$ref` of a document).
public struct SourceErrors: Error, Sendable, CustomStringConvertible {
    /// The errors, in document order.
    public var errors: [SourceError]

    /// Creates the collection.
    public init(_ errors: [SourceError]) { self.errors = errors }

    /// One error per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
