/// An array or object that has been opened but not yet closed (one level of the explicit stack).
struct JSONOpenContainer {
    /// Whether this is an object (members stack) rather than an array (values stack).
    var isObject: Bool
    /// Index of the container's first child on the values or members stack.
    var start: Int
    /// Where the opening bracket is.
    var location: SourceLocation
    /// For objects: the key whose value is being parsed.
    var key: String = ""
    /// For objects: where ``key`` is written.
    var keyLocation: SourceLocation = .unknown
    /// For large objects: key → absolute index on the members stack, for duplicate detection.
    var keyIndex: [MemberName: Int]? = nil
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
    /// Finished elements of all open arrays. Both stacks start at 16 (640 and 1,024 bytes): within
    /// malloc's per-thread cache, where a request body's parse mostly stays; at 64 (2.5 and 4 KB)
    /// each allocation took malloc's general path, about 340 instructions, twice a document.
    var values = MoveStack<JSONValue>(capacity: 16)
    /// Finished members of all open objects.
    var members = MoveStack<JSONObject.Member>(capacity: 16)
    /// The open containers, innermost last.
    var open: [JSONOpenContainer] = []
    /// Reusable buffer for decoding strings that contain escapes.
    var scratch: [UInt8] = []
    /// Keys already created, kept across the lines of a JSON Lines file (`nil` for one document:
    /// setting up and tearing down the cache costs more than it saves on one small value).
    var keyCache: JSONKeyCache?

    /// ``SmallASCIIString/discriminator``, read once per parse (0 when small strings are not
    /// built directly on this system).
    let smallStrings = SmallASCIIString.discriminator ?? 0

    /// Objects with more members than this use a dictionary for duplicate detection.
    static let linearKeyScanLimit = 16

    /// Creates a parser over `count` bytes at `base`.
    init(base: UnsafePointer<UInt8>, count: Int, file: SourceFileID, maxDepth: Int) {
        p = base
        bufferCount = count
        self.file = file
        self.maxDepth = maxDepth
        open.reserveCapacity(16)
        scratch.reserveCapacity(64)
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
        members.removeAll()
        open.removeAll(keepingCapacity: true)
    }

    // MARK: Positions and errors

    /// The location of byte `offset` on the current line (no multi-byte character may lie between
    /// `offset` and `pos`).
    @inline(__always)
    func location(at offset: Int) -> SourceLocation {
        SourceLocation(
            file: file, line: line,
            column: UInt32(truncatingIfNeeded: offset - lineStart - continuationBytes + 1))
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
        open.append(
            JSONOpenContainer(
                isObject: isObject, start: isObject ? members.count : values.count,
                location: location))
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
                    open.removeLast()
                    value = JSONValue(.object(JSONObject()), location: loc)
                } else {
                    try readKey(afterComma: false)
                    continue nextValue
                }
            case UInt8(ascii: "["):
                try openContainer(isObject: false, at: loc)
                if pos < end && p[pos] == UInt8(ascii: "]") {
                    pos += 1
                    open.removeLast()
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
            // for as long as their closing bracket follows.
            while open.count > baseDepth {
                let top = open.count - 1
                skipWhitespace()
                if open[top].isObject {
                    members.push(JSONObject.Member(key: open[top].key, keyLocation: open[top].keyLocation, value: value))
                    guard pos < end else { throw unexpected(#""," or "}" after object member"#) }
                    let b = p[pos]
                    if b == UInt8(ascii: ",") {
                        pos += 1
                        skipWhitespace()
                        try readKey(afterComma: true)
                        continue nextValue
                    }
                    guard b == UInt8(ascii: "}") else { throw unexpected(#""," or "}" after object member"#) }
                    pos += 1
                    let container = open.removeLast()
                    value = JSONValue(.object(JSONObject(members.moveOut(from: container.start))), location: container.location)
                } else {
                    values.push(value)
                    guard pos < end else { throw unexpected(#""," or "]" after array element"#) }
                    let b = p[pos]
                    if b == UInt8(ascii: ",") {
                        pos += 1
                        skipWhitespace()
                        continue nextValue
                    }
                    guard b == UInt8(ascii: "]") else { throw unexpected(#""," or "]" after array element"#) }
                    pos += 1
                    let container = open.removeLast()
                    value = JSONValue(.array(values.moveOut(from: container.start)), location: container.location)
                }
            }
            return value
        }
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

    /// Reads an object key at `pos` (whitespace skipped), checks it is not a duplicate, and reads
    /// the `:` and the whitespace after it, leaving `pos` at the member's value.
    mutating func readKey(afterComma: Bool) throws(SourceError) {
        guard pos < end, p[pos] == UInt8(ascii: "\"") else {
            if afterComma {
                let hint = pos < end && p[pos] == UInt8(ascii: "}") ? " (trailing commas are not allowed)" : ""
                throw unexpected(#"a string key after ",""#, hint: hint)
            }
            throw unexpected(#"a string key or "}" after "{""#)
        }
        let keyLocation = here
        let key = try readString(isKey: true)
        let top = open.count - 1
        let start = open[top].start
        let n = members.count - start
        if n <= Self.linearKeyScanLimit {
            for i in start..<members.count where MemberName.same(members[i].key, key) {
                throw duplicateKey(key, at: keyLocation, first: members[i].keyLocation)
            }
        } else {
            if open[top].keyIndex == nil {
                var index = [MemberName: Int](minimumCapacity: n * 2)
                for i in start..<members.count { index[MemberName(members[i].key)] = i }
                open[top].keyIndex = index
            }
            if let first = open[top].keyIndex!.updateValue(members.count, forKey: MemberName(key)) {
                throw duplicateKey(key, at: keyLocation, first: members[first].keyLocation)
            }
        }
        open[top].key = key
        open[top].keyLocation = keyLocation
        skipWhitespace()
        guard pos < end, p[pos] == UInt8(ascii: ":") else { throw unexpected(#"":" after object key"#) }
        pos += 1
        skipWhitespace()
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
