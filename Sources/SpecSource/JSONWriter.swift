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
            if a.isEmpty { out += "[]"; return }
            out += "["
            for (i, e) in a.enumerated() {
                if i > 0 { out += "," }
                if pretty { newline(&out, depth + 1) }
                write(e, into: &out, pretty: pretty, sortedKeys: sortedKeys, depth: depth + 1)
            }
            if pretty { newline(&out, depth) }
            out += "]"
        case .object(let o):
            if o.isEmpty { out += "{}"; return }
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

    /// Appends `s` as a JSON string literal, escaping quotes, backslashes and control characters.
    public static func writeString(_ s: String, into out: inout String) {
        out += "\""
        var needsEscape = false
        for c in s.utf8 where c < 0x20 || c == 0x22 || c == 0x5C || c == 0x7F {
            needsEscape = true
            break
        }
        if !needsEscape {
            out += s
            out += "\""
            return
        }
        let hex = Array("0123456789abcdef".unicodeScalars)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u00"
                    out.unicodeScalars.append(hex[Int(scalar.value >> 4)])
                    out.unicodeScalars.append(hex[Int(scalar.value & 15)])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// The JSON string literal of `s`.
    public static func quoted(_ s: String) -> String {
        var out = ""
        writeString(s, into: &out)
        return out
    }
}
