import Foundation
import Synchronization

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
        fileTable.intern(path)
    }

    /// The path this identifier was interned from, or `"<memory>"` for ``none``.
    public var path: String {
        fileTable.withPath(self) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of ``path``, without copying them or taking a lock.
    @inline(__always)
    func withPathBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        fileTable.withPath(self, body)
    }

    /// Whether `lhs` comes before `rhs` in the order described on the type.
    public static func < (lhs: SourceFileID, rhs: SourceFileID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The process-wide file table. Interning takes a lock (an `NSLock`, a pthread mutex that
/// ThreadSanitizer sees; with `Synchronization.Mutex`, whose lock lives in the uninstrumented
/// runtime, it reported every concurrent first use of a path as a race). Reading a path takes
/// none: every error message and location of every instance reads one, from every core, and a
/// shared lock and a shared string's reference count written from each made two cores slower
/// than one per error. Each path is kept as an immortal UTF-8 copy in slots that never move
/// (chunks of 4,096, allocated as needed), written before the count that publishes it.
private final class FileTableBox: @unchecked Sendable {
    private static let chunkShift = 12
    private static let chunkSize = 1 << chunkShift
    private static let maxChunks = 1 << 14
    private let lock = NSLock()
    /// Identifiers by the paths' bytes: `String` equality is canonical equivalence, under which
    /// `café.json` written with a combining accent and with `é` would be one file, and they are two.
    private var ids: [PathKey: SourceFileID] = [:]
    /// `maxChunks` chunk pointers, each to `chunkSize` slots; written only under `lock`.
    private let chunks: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeBufferPointer<UInt8>>?>
    /// Paths past the slots' capacity (more than 67 million files), read under `lock`.
    private var overflow: [String] = []
    /// How many identifiers exist (slot 0 is `<memory>`).
    private let published = Atomic<Int>(0)

    init() {
        chunks = .allocate(capacity: Self.maxChunks)
        chunks.initialize(repeating: nil, count: Self.maxChunks)
        _ = append("<memory>")
    }

    func intern(_ path: String) -> SourceFileID {
        // Hashed before the lock is taken: hashing an array byte by byte under it (and again at
        // every growth of the table) was 7,600 instructions a file that the cores took in turns,
        // a tenth of a run over a directory of 10,000 small files.
        let key = PathKey(path)
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[key] { return id }
        let id = SourceFileID(rawValue: UInt32(append(path)))
        ids[key] = id
        return id
    }

    /// Stores `path` as the next identifier's and publishes it; returns its index. Under `lock`
    /// (or from `init`).
    private func append(_ path: String) -> Int {
        let index = published.load(ordering: .relaxed)
        let chunk = index >> Self.chunkShift
        if chunk < Self.maxChunks {
            if chunks[chunk] == nil { chunks[chunk] = .allocate(capacity: Self.chunkSize) }
            let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: path.utf8.count)
            _ = bytes.initialize(from: path.utf8)
            (chunks[chunk]! + (index & (Self.chunkSize - 1))).initialize(to: UnsafeBufferPointer(bytes))
        } else {
            overflow.append(path)
        }
        published.store(index + 1, ordering: .releasing)
        return index
    }

    func withPath<T>(_ id: SourceFileID, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let index = Int(id.rawValue)
        let chunk = index >> Self.chunkShift
        guard index < published.load(ordering: .acquiring) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        if chunk < Self.maxChunks { return body(chunks[chunk]![index & (Self.chunkSize - 1)]) }
        lock.lock()
        var path = overflow[index - (Self.maxChunks << Self.chunkShift)]
        lock.unlock()
        return path.withUTF8(body)
    }
}

/// A path's bytes and their hash, computed once (``FileTableBox/intern(_:)``).
private struct PathKey: Hashable {
    let bytes: [UInt8]
    let hash: Int

    init(_ path: String) {
        bytes = Array(path.utf8)
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        hash = hasher.finalize()
    }

    static func == (a: PathKey, b: PathKey) -> Bool { a.hash == b.hash && a.bytes == b.bytes }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
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
        guard isKnown else { return file.path }
        let (line, column) = (line, column)
        return file.withPathBytes { path in
            // The path, then `:line:column`: at most 22 more bytes.
            String(unsafeUninitializedCapacity: path.count + 22) { out in
                var end = out.initialize(fromContentsOf: path)
                out[end] = UInt8(ascii: ":")
                end = Self.writeDecimal(line, into: out, at: end + 1)
                out[end] = UInt8(ascii: ":")
                return Self.writeDecimal(column, into: out, at: end + 1)
            }
        }
    }

    /// Writes `n` in decimal at `start`; returns the index after it.
    private static func writeDecimal(_ n: UInt32, into out: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        var digits = 1
        var rest = n / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var value = n
        for i in stride(from: start + digits - 1, through: start, by: -1) {
            out[i] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
        return start + digits
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
