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

    /// `s` with every control character and line separator escaped as ``writeString(_:into:)``
    /// escapes it (`\n`, `\r`, `\u001b`, `\u0085`, `\u2028`…), quotes and backslashes left as
    /// they are: a file name, key or message printed as text is then one line, and cannot move a
    /// terminal's cursor or change its colours. Returns `s` itself when there is nothing to escape.
    public static func singleLine(_ s: String) -> String {
        guard needsEscape(s, quotesAndBackslashes: false) else { return s }
        var out = ""
        appendEscaped(s, into: &out, quotesAndBackslashes: false)
        return out
    }

    private static func appendEscaped(_ s: String, into out: inout String, quotesAndBackslashes: Bool) {
        if !needsEscape(s, quotesAndBackslashes: quotesAndBackslashes) {
            out += s
            return
        }
        let hex = Array("0123456789abcdef".unicodeScalars)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"" where quotesAndBackslashes: out += "\\\""
            case "\\" where quotesAndBackslashes: out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if isEscapedControl(scalar) {
                    out += "\\u"
                    for shift in stride(from: 12, through: 0, by: -4) {
                        out.unicodeScalars.append(hex[Int(scalar.value >> UInt32(shift)) & 15])
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
    }

    /// Whether a character without a short escape is written as `\uXXXX`: C0 controls other than
    /// `\n \r \t \b \f`, DEL, C1, U+2028 and U+2029.
    @inline(__always)
    static func isEscapedControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// Whether `s` holds anything to escape. One pass over the UTF-8 bytes finds ASCII controls,
    /// quotes and backslashes, and the lead bytes of C1 controls (`C2`) and of U+2028/U+2029
    /// (`E2`); only text with such a lead byte is read again by scalar.
    static func needsEscape(_ s: String, quotesAndBackslashes: Bool) -> Bool {
        let (escape, lead) =
            s.utf8.withContiguousStorageIfAvailable { scan($0, quotesAndBackslashes) }
            ?? scan(s.utf8, quotesAndBackslashes)
        if escape { return true }
        return lead && s.unicodeScalars.contains(where: isEscapedControl)
    }

    @inline(__always)
    private static func scan<Bytes: Sequence<UInt8>>(_ bytes: Bytes, _ quotesAndBackslashes: Bool) -> (escape: Bool, lead: Bool) {
        var lead = false
        for c in bytes {
            if c < 0x20 || c == 0x7F || (quotesAndBackslashes && (c == 0x22 || c == 0x5C)) { return (true, lead) }
            if c == 0xC2 || c == 0xE2 { lead = true }
        }
        return (false, lead)
    }

    /// The JSON string literal of `s`.
    public static func quoted(_ s: String) -> String {
        var out = ""
        writeString(s, into: &out)
        return out
    }
}
