/// Writes ``JSONValue`` trees as JSON text.
public enum JSONWriter {
    /// Returns the JSON text of `value`.
    /// - Parameters:
    ///   - value: The value to write.
    ///   - pretty: Indent nested values by two spaces, one member per line.
    ///   - sortedKeys: Write object members sorted by key instead of in source order.
    public static func string(from value: JSONValue, pretty: Bool = false, sortedKeys: Bool = false) -> String {
        var out = ""
        write(value, into: &out, pretty: pretty, sortedKeys: sortedKeys, depth: 0)
        return out
    }

    /// Appends the JSON text of `value` to `out`.
    public static func write(_ value: JSONValue, into out: inout String, pretty: Bool = false, sortedKeys: Bool = false, depth: Int = 0) {
        switch value.kind {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.description
        case .string(let s): writeString(s, into: &out)
        case .array(let a):
            if a.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, e) in a.enumerated() {
                if i > 0 { out += "," }
                if pretty { newline(&out, depth + 1) }
                write(e, into: &out, pretty: pretty, sortedKeys: sortedKeys, depth: depth + 1)
            }
            if pretty { newline(&out, depth) }
            out += "]"
        case .object(let o):
            if o.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            let members = sortedKeys ? o.members.sorted { $0.key < $1.key } : o.members
            for (i, m) in members.enumerated() {
                if i > 0 { out += "," }
                if pretty { newline(&out, depth + 1) }
                writeString(m.key, into: &out)
                out += pretty ? ": " : ":"
                write(m.value, into: &out, pretty: pretty, sortedKeys: sortedKeys, depth: depth + 1)
            }
            if pretty { newline(&out, depth) }
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ depth: Int) {
        out += "\n"
        out += String(repeating: "  ", count: depth)
    }

    /// Appends `s` as a JSON string literal.
    ///
    /// Quotes and backslashes are escaped as RFC 8259 requires, and so is every character a
    /// line-based reader or a terminal could take for a line break or a command: C0 controls
    /// (`\n`, `\r`, `\t`, `\b`, `\f`, else `\u00XX`), DEL and the C1 controls (`\u007f`,
    /// `\u0080`…`\u009f`, NEL `\u0085` among them), LINE SEPARATOR and PARAGRAPH SEPARATOR
    /// (`\u2028`, `\u2029`, line terminators in JavaScript). The literal is therefore always one
    /// line, and reads back (RFC 8259 §7) as exactly `s`.
    public static func writeString(_ s: String, into out: inout String) {
        out += "\""
        appendEscaped(s, into: &out, quotesAndBackslashes: true)
        out += "\""
    }

    /// Appends `s` as a JSON string literal, escaped as ``writeString(_:into:)-(_,String)``
    /// escapes it, to the UTF-8 bytes `out`: for a line of JSON built as bytes, which costs a
    /// copy per piece where appending to a `String` costs its bookkeeping as well.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { appendEscaped($0, into: &out, quotesAndBackslashes: true) }
        out.append(UInt8(ascii: "\""))
    }

    /// `s` with every control character and line separator escaped as ``writeString(_:into:)-(_,String)``
    /// escapes it (`\n`, `\r`, `\u001b`, `\u0085`, `\u2028`…), quotes and backslashes left as
    /// they are: a file name, key or message printed as text is then one line, and cannot move a
    /// terminal's cursor or change its colours. Returns `s` itself when there is nothing to escape.
    public static func singleLine(_ s: String) -> String {
        guard needsEscape(s, quotesAndBackslashes: false) else { return s }
        var out = ""
        appendEscaped(s, into: &out, quotesAndBackslashes: false)
        return out
    }

    /// Appends ``singleLine(_:)`` of `s` to the UTF-8 bytes `out`.
    public static func writeSingleLine(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendEscaped($0, into: &out, quotesAndBackslashes: false) }
    }

    private static func appendEscaped(_ s: String, into out: inout String, quotesAndBackslashes: Bool) {
        if !needsEscape(s, quotesAndBackslashes: quotesAndBackslashes) {
            out += s
            return
        }
        var s = s
        var bytes: [UInt8] = []
        s.withUTF8 {
            bytes.reserveCapacity($0.count + 16)
            appendEscaped($0, into: &bytes, quotesAndBackslashes: quotesAndBackslashes)
        }
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 text `bytes` to `out` with ``isEscapedControl(_:)``'s characters (and,
    /// when asked, quotes and backslashes) escaped. Runs of bytes that need nothing are copied
    /// whole: escaping scalar by scalar through `String.UnicodeScalarView.append` cost about 400
    /// instructions a character, most of a `--format json` run's rendering (see "Performance
    /// choices" in DESIGN.md).
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], quotesAndBackslashes: Bool) {
        var runStart = 0
        var i = 0
        while i < bytes.count {
            guard let (width, letter, value) = escape(at: i, in: bytes, quotesAndBackslashes: quotesAndBackslashes) else {
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            out.append(UInt8(ascii: "\\"))
            if letter != 0 {
                out.append(letter)
            } else {
                out.append(UInt8(ascii: "u"))
                for shift in stride(from: 12, through: 0, by: -4) {
                    let digit = UInt8(truncatingIfNeeded: (value >> UInt32(shift)) & 15)
                    out.append(digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10)
                }
            }
            i += width
            runStart = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    }

    /// The escape of the character that starts at byte `i` of the valid UTF-8 text `bytes`: the
    /// bytes it replaces, and `\` with `letter`, or (`letter` 0) `\u` with `value` in four hex
    /// digits. `nil` when the character is written as it is (or `i` is not where one starts).
    @inline(__always)
    private static func escape(
        at i: Int, in bytes: UnsafeBufferPointer<UInt8>, quotesAndBackslashes: Bool
    ) -> (width: Int, letter: UInt8, value: UInt32)? {
        let c = bytes[i]
        // Printable ASCII other than `"` and `\` is most text: passed over before the switch.
        if c >= 0x20 && c < 0x7F && (c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") || !quotesAndBackslashes) { return nil }
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): return quotesAndBackslashes ? (1, c, 0) : nil
        case UInt8(ascii: "\n"): return (1, UInt8(ascii: "n"), 0)
        case UInt8(ascii: "\r"): return (1, UInt8(ascii: "r"), 0)
        case UInt8(ascii: "\t"): return (1, UInt8(ascii: "t"), 0)
        case 0x08: return (1, UInt8(ascii: "b"), 0)
        case 0x0C: return (1, UInt8(ascii: "f"), 0)
        case 0..<0x20, 0x7F: return (1, 0, UInt32(c))
        // U+0080…U+009F are C2 80…C2 9F; U+2028 and U+2029 are E2 80 A8 and E2 80 A9. A
        // String's bytes are valid UTF-8, so a lead byte has its continuation bytes.
        case 0xC2 where (0x80...0x9F).contains(bytes[i + 1]): return (2, 0, UInt32(bytes[i + 1]))
        case 0xE2 where bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
            return (3, 0, 0x2000 | UInt32(bytes[i + 2] & 0x3F))
        default: return nil
        }
    }

    /// Whether a character without a short escape is written as `\uXXXX`: C0 controls other than
    /// `\n \r \t \b \f`, DEL, C1, U+2028 and U+2029.
    @inline(__always)
    static func isEscapedControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// Whether `s` holds anything to escape: one pass over its UTF-8 bytes with the writer's own
    /// test, ``escape(at:in:quotesAndBackslashes:)`` (continuation bytes never match it).
    static func needsEscape(_ s: String, quotesAndBackslashes: Bool) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            bytes.indices.contains { escape(at: $0, in: bytes, quotesAndBackslashes: quotesAndBackslashes) != nil }
        }
    }

    /// The JSON string literal of `s`.
    public static func quoted(_ s: String) -> String {
        var out = ""
        writeString(s, into: &out)
        return out
    }
}
