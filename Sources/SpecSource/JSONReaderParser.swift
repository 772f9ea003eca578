/// An array or object that has been opened but not yet closed (one level of the explicit stack).
///
/// Plain data (no references), so that the stack of open containers costs no reference counting.
struct JSONOpenContainer {
    /// Whether this is an object rather than an array.
    var isObject: Bool
    /// Index of the container's first child value on the values stack.
    var valueStart: Int
    /// For objects: index of the first key on the keys stack.
    var keyStart: Int
    /// Where the opening bracket is.
    var location: SourceLocation
    /// For objects of more than ``JSONParser/linearKeyScanLimit`` members: the position of their
    /// key index on ``JSONParser/keyIndexes``, else -1.
    var keyIndexSlot = -1
    /// For objects of up to ``JSONParser/linearKeyScanLimit`` members: a bit (chosen by a hash of
    /// the print) set for every key read so far, so that a key whose bit is clear is new without
    /// comparing it with the others.
    var keyPrintBits: UInt64 = 0
}

/// An object member's key, kept until its value is read and the object closes.
struct JSONPendingKey {
    /// The key.
    var name: String
    /// Where the key is written.
    var location: SourceLocation
    /// ``JSONParser/keyPrint(_:count:readable:)`` of the key's bytes: keys with different prints
    /// differ, so the duplicate check compares names only when the prints are equal.
    var print: UInt64
}

/// The byte cursor, line bookkeeping and reusable stacks of one JSON parse.
///
/// The parser works on a byte range of a buffer that outlives it (the caller holds
/// `withUnsafeBufferPointer`). For JSON Lines the same parser is ``reset(start:end:line:atEndOf:)``
/// to each line in turn, so its stacks are allocated once per file.
struct JSONParser: ~Copyable {
    /// The whole input buffer.
    let p: UnsafePointer<UInt8>
    /// Total size of the buffer.
    let bufferCount: Int
    /// The file locations refer to.
    let file: SourceFileID
    /// Deepest nesting accepted.
    let maxDepth: Int
    /// Current byte offset.
    var pos = 0
    /// Start of the range being parsed.
    var rangeStart = 0
    /// End of the range being parsed (exclusive).
    var end = 0
    /// 1-based line of `pos`.
    var line: UInt32 = 1
    /// Byte offset where the current line starts.
    var lineStart = 0
    /// UTF-8 continuation bytes already validated on the current line before `pos`: the column of
    /// `pos` is `pos - lineStart - continuationBytes + 1`, so columns cost nothing to compute.
    var continuationBytes = 0
    /// What running out of bytes is called in messages ("input", or "line" for JSON Lines).
    var endName = "input"
    /// Finished elements of all open arrays and values of all open objects' members. The stacks
    /// start at 16 (values: 512 bytes): within malloc's per-thread cache, where a request body's
    /// parse mostly stays; at 64 (2 KB and more) each allocation took malloc's general path,
    /// about 340 instructions, for every stack of every document.
    var values: MoveStack<JSONValue>
    /// Keys of all open objects' members; an object's members are its keys here and its values
    /// on ``values``, paired when it closes.
    var keys: MoveStack<JSONPendingKey>
    /// The open containers, innermost last.
    var open: MoveStack<JSONOpenContainer>
    /// Key → absolute index on ``keys``, for duplicate detection in the open objects of more than
    /// ``linearKeyScanLimit`` members, innermost last.
    var keyIndexes: [[MemberName: Int]] = []
    /// Reusable buffer for decoding strings that contain escapes (allocated on the first escape).
    var scratch: [UInt8] = []
    /// Keys already created, kept across the lines of a JSON Lines file (`nil` for one document:
    /// setting up and tearing down the cache costs more than it saves on one small value).
    var keyCache: JSONKeyCache?

    /// ``SmallASCIIString/discriminator``, read once per parse (0 when small strings are not
    /// built directly on this system).
    let smallStrings = SmallASCIIString.discriminator ?? 0

    /// Objects with more members than this use a dictionary for duplicate detection.
    static let linearKeyScanLimit = 16

    /// Creates a parser over `count` bytes at `base`, with new stacks or on `storage`.
    init(base: UnsafePointer<UInt8>, count: Int, file: SourceFileID, maxDepth: Int, storage: JSONParserStorage? = nil) {
        p = base
        bufferCount = count
        self.file = file
        self.maxDepth = maxDepth
        if let storage {
            values = MoveStack(adopting: storage.values.base, capacity: storage.values.capacity)
            keys = MoveStack(adopting: storage.keys.base, capacity: storage.keys.capacity)
            open = MoveStack(adopting: storage.open.base, capacity: storage.open.capacity)
        } else {
            values = MoveStack(capacity: 16)
            keys = MoveStack(capacity: 16)
            open = MoveStack(capacity: 16)
        }
    }

    /// Ends the parse, handing over the stacks' storage (see ``JSONParserStorage``).
    consuming func releaseStorage() -> JSONParserStorage {
        JSONParserStorage(values: values.release(), keys: keys.release(), open: open.release())
    }

    /// Points the parser at `start..<end`, which begins at the start of line `line`.
    mutating func reset(start: Int, end: Int, line: UInt32, atEndOf endName: String) {
        pos = start
        rangeStart = start
        self.end = end
        self.line = line
        lineStart = start
        continuationBytes = 0
        self.endName = endName
        values.removeAll()
        keys.removeAll()
        open.removeAll()
        keyIndexes.removeAll()
    }

    // MARK: Positions and errors

    /// The location of byte `offset` on the current line (no multi-byte character may lie between
    /// `offset` and `pos`).
    @inline(__always)
    func location(at offset: Int) -> SourceLocation {
        SourceLocation(
            file: file, line: line,
            column: UInt32(truncatingIfNeeded: offset &- lineStart &- continuationBytes &+ 1))
    }

    /// The location of `pos`.
    @inline(__always)
    var here: SourceLocation { location(at: pos) }

    /// A `json.syntax` (or other `code`) error at byte `offset`.
    func error(_ message: String, at offset: Int, code: String = "json.syntax") -> SourceError {
        SourceError(code: code, message: message, location: location(at: offset))
    }

    /// An error for an unexpected byte (or end of range) at `pos`: `expected <expected>, found <x>`.
    /// Invalid UTF-8 at `pos` is reported as `json.invalid-utf8` instead.
    func unexpected(_ expected: String, hint: String = "") -> SourceError {
        if pos < end, p[pos] >= 0x80, utf8SequenceLength(at: pos) == 0 { return invalidUTF8(at: pos) }
        return error("expected \(expected), found \(foundDescription())\(hint)", at: pos)
    }

    /// How the text at `pos` is shown in messages: a quoted character, or a whole word for letters.
    func foundDescription() -> String {
        guard pos < end else { return "end of \(endName)" }
        let b = p[pos]
        if Self.isWordByte(b) {
            var e = pos
            while e < end, e - pos < 24, Self.isWordByte(p[e]) { e += 1 }
            return "\"" + String(decoding: UnsafeBufferPointer(start: p + pos, count: e - pos), as: UTF8.self) + "\""
        }
        if b < 0x20 || b == 0x7F { return Self.controlName(UInt32(b)) }
        if b < 0x80 { return b == UInt8(ascii: "\"") ? "'\"'" : "\"" + String(UnicodeScalar(b)) + "\"" }
        let n = utf8SequenceLength(at: pos)
        let text = String(decoding: UnsafeBufferPointer(start: p + pos, count: max(n, 1)), as: UTF8.self)
        if let scalar = text.unicodeScalars.first, scalar.value < 0xA0 { return Self.controlName(scalar.value) }
        return "\"" + text + "\""
    }

    /// Whether `b` belongs to a bare word (`true`, `NaN`, `Infinity`, `undefined`...).
    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b == UInt8(ascii: "_")
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }

    /// `U+000A (control character)`.
    static func controlName(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + " (control character)"
    }

    /// A `json.invalid-utf8` error at byte `offset`.
    func invalidUTF8(at offset: Int) -> SourceError {
        let b = p[offset]
        return error(
            "invalid UTF-8: byte 0x\(String(b, radix: 16, uppercase: true)) does not start a valid sequence",
            at: offset, code: "json.invalid-utf8")
    }

    // MARK: Whitespace

    /// Skips JSON whitespace (space, tab, CR, LF), counting lines.
    @inline(__always)
    mutating func skipWhitespace() {
        while pos < end {
            let b = p[pos]
            if b > 0x20 { return }
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") {
                pos += 1
            } else if b == UInt8(ascii: "\n") {
                pos += 1
                line &+= 1
                lineStart = pos
                continuationBytes = 0
            } else {
                return
            }
        }
    }

    // MARK: Documents and values

    /// Parses exactly one value followed only by whitespace.
    mutating func parseDocument() throws(SourceError) -> JSONValue {
        skipWhitespace()
        if pos >= end {
            throw error("empty document: expected a JSON value, found end of \(endName)", at: pos, code: "json.empty")
        }
        let value = try parseValue()
        skipWhitespace()
        if pos < end { throw unexpected("end of \(endName) after the JSON value") }
        return value
    }

    /// Opens an array or object at `pos`, enforcing the depth limit.
    @inline(__always)
    mutating func openContainer(isObject: Bool, at location: SourceLocation) throws(SourceError) {
        if open.count >= maxDepth {
            throw SourceError(
                code: "json.too-deep",
                message: "nesting is deeper than the limit of \(maxDepth) arrays/objects",
                location: location)
        }
        open.push(JSONOpenContainer(isObject: isObject, valueStart: values.count, keyStart: keys.count, location: location))
        pos += 1
        skipWhitespace()
    }

    /// Parses one value (whitespace before it already skipped) with an explicit stack of open
    /// containers, so nesting depth never touches the native stack.
    mutating func parseValue() throws(SourceError) -> JSONValue {
        let baseDepth = open.count
        var value: JSONValue
        nextValue: while true {
            guard pos < end else { throw unexpected("a JSON value") }
            let loc = here
            switch p[pos] {
            case UInt8(ascii: "{"):
                try openContainer(isObject: true, at: loc)
                if pos < end && p[pos] == UInt8(ascii: "}") {
                    pos += 1
                    _ = open.pop()
                    value = JSONValue(.object(JSONObject()), location: loc)
                } else {
                    try readKey(afterComma: false)
                    continue nextValue
                }
            case UInt8(ascii: "["):
                try openContainer(isObject: false, at: loc)
                if pos < end && p[pos] == UInt8(ascii: "]") {
                    pos += 1
                    _ = open.pop()
                    value = JSONValue(.array([]), location: loc)
                } else {
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                value = JSONValue(.string(try readString()), location: loc)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = JSONValue(.number(try readNumber()), location: loc)
            case UInt8(ascii: "t"):
                try readWord(0x74_72_75_65, "true")
                value = JSONValue(.bool(true), location: loc)
            case UInt8(ascii: "f"):
                if end - pos >= 5 && p[pos + 4] == UInt8(ascii: "e") {
                    try readWord(0x66_61_6C_73, "false")
                    pos += 1
                } else {
                    throw unexpected("a JSON value")
                }
                value = JSONValue(.bool(false), location: loc)
            case UInt8(ascii: "n"):
                try readWord(0x6E_75_6C_6C, "null")
                value = JSONValue(.null, location: loc)
            case UInt8(ascii: "]") where afterComma():
                throw unexpected("a JSON value", hint: " (trailing commas are not allowed)")
            case UInt8(ascii: "'"):
                throw unexpected("a JSON value", hint: " (strings must use double quotes)")
            case UInt8(ascii: "/"):
                throw unexpected("a JSON value", hint: " (comments are not allowed)")
            default:
                throw unexpected("a JSON value")
            }

            // A value is complete: attach it to the innermost open container, closing containers
            // for as long as their closing bracket follows. An object member's value goes on the
            // values stack like an array element; its key is already on the keys stack.
            while open.count > baseDepth {
                skipWhitespace()
                values.push(consume value)
                let isObject = open.top.isObject
                if try readSeparator(isObject: isObject) {
                    if isObject { try readKey(afterComma: true) }
                    continue nextValue
                }
                let container = open.pop()
                if isObject {
                    value = JSONValue(.object(closeObject(container)), location: container.location)
                } else {
                    value = JSONValue(.array(values.moveOut(from: container.valueStart)), location: container.location)
                }
            }
            return value
        }
    }

    /// After a value in the innermost open container (whitespace skipped): reads the `,` before
    /// the next member or element and the whitespace after it (`true`), or the container's
    /// closing bracket (`false`); anything else is an error.
    @inline(__always)
    mutating func readSeparator(isObject: Bool) throws(SourceError) -> Bool {
        guard pos < end else {
            throw unexpected(isObject ? #""," or "}" after object member"# : #""," or "]" after array element"#)
        }
        let b = p[pos]
        if b == UInt8(ascii: ",") {
            pos += 1
            skipWhitespace()
            return true
        }
        guard b == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
            throw unexpected(isObject ? #""," or "}" after object member"# : #""," or "]" after array element"#)
        }
        pos += 1
        return false
    }

    /// The object `container` (just closed): its keys and values, moved off the two stacks.
    @inline(__always)
    mutating func closeObject(_ container: JSONOpenContainer) -> JSONObject {
        let count = keys.count - container.keyStart
        if container.keyIndexSlot >= 0 { keyIndexes.removeLast() }
        let keyBase = keys.detach(from: container.keyStart)
        let valueBase = values.detach(from: container.valueStart)
        var members: [JSONObject.Member] = []
        members.reserveCapacity(count)
        for i in 0..<count {
            let key = (keyBase + i).move()
            members.append(JSONObject.Member(key: key.name, keyLocation: key.location, value: (valueBase + i).move()))
        }
        // Keys are unique (checked as they were read); JSONObject builds its own index if large.
        return JSONObject(uniqueMembers: consume members, index: nil)
    }

    /// Whether the last non-whitespace byte before `pos` is a comma (for the trailing-comma hint).
    func afterComma() -> Bool {
        var i = pos - 1
        while i >= rangeStart,
            p[i] == UInt8(ascii: " ") || p[i] == UInt8(ascii: "\t") || p[i] == UInt8(ascii: "\r") || p[i] == UInt8(ascii: "\n")
        {
            i -= 1
        }
        return i >= rangeStart && p[i] == UInt8(ascii: ",")
    }

    /// Reads the four bytes at `pos`, which must equal `expected` (big-endian ASCII), else throws.
    @inline(__always)
    mutating func readWord(_ expected: UInt32, _ word: String) throws(SourceError) {
        if end - pos >= 4 {
            let v = UInt32(p[pos]) << 24 | UInt32(p[pos + 1]) << 16 | UInt32(p[pos + 2]) << 8 | UInt32(p[pos + 3])
            if v == expected {
                pos += 4
                return
            }
        }
        throw unexpected("a JSON value")
    }

    /// Reads an object key at `pos` (whitespace skipped), checks it is not a duplicate, pushes it
    /// on ``keys``, and reads the `:` and the whitespace after it, leaving `pos` at the member's value.
    mutating func readKey(afterComma: Bool) throws(SourceError) {
        guard pos < end, p[pos] == UInt8(ascii: "\"") else {
            if afterComma {
                let hint = pos < end && p[pos] == UInt8(ascii: "}") ? " (trailing commas are not allowed)" : ""
                throw unexpected(#"a string key after ",""#, hint: hint)
            }
            throw unexpected(#"a string key or "}" after "{""#)
        }
        let keyLocation = here
        let (key, print) = try readKeyString()
        let start = open.top.keyStart
        if keys.count - start <= Self.linearKeyScanLimit {
            // Compared with the others only if another key's print has the same bit.
            let bit = UInt64(1) << ((print &* 0x9E37_79B9_7F4A_7C15) >> 58)
            if open.top.keyPrintBits & bit != 0 {
                for i in start..<keys.count where keys[i].print == print && MemberName.same(keys[i].name, key) {
                    throw duplicateKey(key, at: keyLocation, first: keys[i].location)
                }
            }
            open.top.keyPrintBits |= bit
        } else {
            try checkKeyInLargeObject(key, at: keyLocation)
        }
        keys.push(JSONPendingKey(name: key, location: keyLocation, print: print))
        skipWhitespace()
        guard pos < end, p[pos] == UInt8(ascii: ":") else { throw unexpected(#"":" after object key"#) }
        pos += 1
        skipWhitespace()
    }

    /// The duplicate check of ``readKey(afterComma:)`` for an object that has more than
    /// ``linearKeyScanLimit`` members: through a dictionary, built at the first such key.
    mutating func checkKeyInLargeObject(_ key: String, at location: SourceLocation) throws(SourceError) {
        if open.top.keyIndexSlot < 0 {
            var index = [MemberName: Int](minimumCapacity: 2 * (keys.count - open.top.keyStart))
            for i in open.top.keyStart..<keys.count { index[MemberName(keys[i].name)] = i }
            open.top.keyIndexSlot = keyIndexes.count
            keyIndexes.append(index)
        }
        let slot = open.top.keyIndexSlot
        if let first = keyIndexes[slot].updateValue(keys.count, forKey: MemberName(key)) {
            throw duplicateKey(key, at: location, first: keys[first].location)
        }
    }

    /// The `json.duplicate-key` error for `key` at `location`, first written at `first`.
    func duplicateKey(_ key: String, at location: SourceLocation, first: SourceLocation) -> SourceError {
        SourceError(
            code: "json.duplicate-key",
            message: "duplicate key \(JSONParser.quoted(key)) (first at line \(first.line), column \(first.column))",
            location: location, related: [first])
    }

    /// `key` as a JSON string literal (``JSONWriter/quoted(_:)``), shortened when very long.
    static func quoted(_ key: String) -> String {
        guard key.unicodeScalars.count > 80 else { return JSONWriter.quoted(key) }
        var head = String.UnicodeScalarView()
        head.append(contentsOf: key.unicodeScalars.prefix(80))
        return JSONWriter.quoted(String(head)) + "…"
    }
}
