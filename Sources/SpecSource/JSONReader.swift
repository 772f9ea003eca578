/// Strict RFC 8259 JSON reader producing located ``JSONValue`` trees.
///
/// - Exactly one value, then only whitespace; a leading UTF-8 byte order mark is skipped.
/// - No comments, trailing commas, leading zeros, `NaN`/`Infinity` or single-quoted strings.
/// - Numbers are kept exact (``JSONNumber``); strings may contain every escape, surrogate pairs
///   combine into one scalar, lone surrogates and raw control characters are errors.
/// - Invalid UTF-8 anywhere is an error at its line and column.
/// - Duplicate keys in one object are errors that point at both keys.
/// - Nesting is bounded by ``LoadLimits/maxDepth``; the parser is iterative (explicit stack), so
///   no depth of input can overflow the native stack while parsing.
///
/// Every value's location is its first character; every member's key location is the key's
/// opening quote. Lines are 1-based and end at `\n`; columns are 1-based and count Unicode scalars.
enum JSONReader {
    /// Parses one JSON document.
    /// - Parameters:
    ///   - bytes: UTF-8 text, optionally starting with a byte order mark.
    ///   - file: The file the text came from, for locations.
    ///   - limits: Resource limits (``LoadLimits/maxDepth`` is enforced here).
    /// - Returns: The root value.
    /// - Throws: ``SourceError`` with code `json.syntax`, `json.duplicate-key`, `json.invalid-utf8`,
    ///   `json.lone-surrogate`, `json.too-deep` or `json.empty`.
    static func parse(_ bytes: [UInt8], file: SourceFileID, limits: LoadLimits) throws(SourceError) -> JSONValue {
        let result: Result<JSONValue, SourceError> = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                return .failure(
                    SourceError(
                        code: "json.empty", message: "empty document: expected a JSON value, found end of input",
                        location: SourceLocation(file: file, line: 1, column: 1)))
            }
            var parser = JSONParser(
                base: base, count: buffer.count, file: file, maxDepth: limits.maxDepth, storage: JSONParserStorage.take())
            parser.reset(start: bomLength(base, buffer.count), end: buffer.count, line: 1, atEndOf: "input")
            let result: Result<JSONValue, SourceError>
            do throws(SourceError) {
                result = .success(try parser.parseDocument())
            } catch {
                result = .failure(error)
            }
            JSONParserStorage.keep(parser.releaseStorage())
            return result
        }
        return try result.get()
    }

    /// Parses JSON Lines (NDJSON): every line that is not blank holds one JSON value.
    ///
    /// Lines are parsed independently, so an error on one line does not stop the others. Locations
    /// inside each value (and in each error) carry the real line numbers of the file. A `\r` before
    /// the `\n` is tolerated (it is JSON whitespace).
    /// - Parameters:
    ///   - bytes: UTF-8 text, optionally starting with a byte order mark.
    ///   - file: The file the text came from, for locations.
    ///   - limits: Resource limits, applied to each line.
    /// - Returns: One entry per non-blank line, in file order.
    static func parseLines(_ bytes: [UInt8], file: SourceFileID, limits: LoadLimits) -> [JSONLinesEntry] {
        let text = JSONLinesText(bytes: bytes, file: file)
        var entries: [JSONLinesEntry] = []
        for chunk in text.chunks(maxEntries: .max, maxBytes: .max) {
            entries.reserveCapacity(chunk.entryCount)
            text.parse(chunk, limits: limits) { entries.append($0) }
        }
        return entries
    }

    /// The length of a UTF-8 byte order mark at the start of the buffer (3), or 0 when there is none.
    static func bomLength(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
    }
}

/// A growable stack whose top elements can be moved (not copied) into a new array in one step.
///
/// The parser keeps the finished children of all open arrays (or objects) on one such stack; closing
/// a container moves its children out with a single `moveInitialize`, with no retain/release traffic.
struct MoveStack<Element>: ~Copyable {
    /// Storage for `capacity` elements, of which the first `count` are initialised.
    private var base: UnsafeMutablePointer<Element>
    /// Number of elements on the stack.
    private(set) var count = 0
    /// Number of elements the storage can hold.
    private var capacity: Int

    /// Creates an empty stack with room for `capacity` elements.
    init(capacity: Int) {
        self.capacity = max(capacity, 4)
        base = MallocBuffer.allocate(capacity: self.capacity)
    }

    /// Creates an empty stack on storage that ``release()`` gave up (from ``MallocBuffer``, room
    /// for `capacity` elements, none initialised).
    init(adopting base: UnsafeMutablePointer<Element>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    deinit {
        base.deinitialize(count: count)
        MallocBuffer.free(base)
    }

    /// Empties the stack and gives up its storage instead of freeing it, for another stack to
    /// adopt (``init(adopting:capacity:)``) or for ``MallocBuffer/free(_:)``.
    consuming func release() -> (base: UnsafeMutablePointer<Element>, capacity: Int) {
        base.deinitialize(count: count)
        let storage = (base: base, capacity: capacity)
        discard self
        return storage
    }

    /// Pushes an element.
    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Doubles the capacity.
    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase: UnsafeMutablePointer<Element> = MallocBuffer.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        MallocBuffer.free(base)
        base = newBase
        capacity = newCapacity
    }

    /// The element at `index` (which must be below ``count``).
    subscript(index: Int) -> Element {
        unsafeAddress { UnsafePointer(base + index) }
    }

    /// The top element (the stack must not be empty).
    var top: Element {
        unsafeAddress { UnsafePointer(base + count - 1) }
        unsafeMutableAddress { base + count - 1 }
    }

    /// Removes the top element and returns it.
    @inline(__always)
    mutating func pop() -> Element {
        count -= 1
        return (base + count).move()
    }

    /// Takes the elements from `start` to the top off the stack, leaving `start` elements, and
    /// returns where they are: the caller must move each of them out (`move()`) before the next
    /// push, which would write over them. For moving two stacks' tops into one array together.
    @inline(__always)
    mutating func detach(from start: Int) -> UnsafeMutablePointer<Element> {
        count = start
        return base + start
    }

    /// Moves the elements from `start` to the top into a new array, leaving `start` elements.
    ///
    /// `reserveCapacity` and `append` rather than `Array(unsafeUninitializedCapacity:)`: the latter
    /// allocates through a non-inlinable, unspecialised stdlib entry point that looks up the
    /// buffer's generic metadata at run time on every call (about 240 instructions, 9% of parsing
    /// a small object), while this path is specialised here and uses a cached metadata accessor.
    /// Each `move()` is a plain copy of the bytes: no retain/release.
    mutating func moveOut(from start: Int) -> [Element] {
        let n = count - start
        var array: [Element] = []
        if n > 0 {
            array.reserveCapacity(n)
            for i in start..<count { array.append((base + i).move()) }
        }
        count = start
        return array
    }

    /// Removes (and destroys) every element, keeping the storage.
    mutating func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }
}
