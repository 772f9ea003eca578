/// Writes ``JSONValue`` trees as block-style YAML that reads back to the same tree.
///
/// Member order is kept. A string is written plain only when no YAML 1.1 or 1.2 reader could take
/// it for anything else (`yes`, `16:9`, `1_000`, `null`, `0x1F`, `2001-12-14` are quoted), and
/// multi-line strings become literal blocks when that is exact.
public enum YAMLWriter {
    /// The YAML text of `value`, ending with a newline.
    public static func string(from value: JSONValue) -> String {
        var out = ""
        switch value.kind {
        case .object(let o) where !o.isEmpty:
            writeObject(o, indent: 0, into: &out)
        case .array(let a) where !a.isEmpty:
            writeArray(a, indent: 0, into: &out)
        default:
            // A literal block at the root needs its lines indented too (fuzzing found `|-` with
            // lines at column 1, which reads as a new document).
            out += scalar(value, indent: 2)
            out += "\n"
        }
        return out
    }

    private static func writeObject(_ object: JSONObject, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for member in object {
            out += pad
            writeKey(member.key, pad: pad, into: &out)
            writeValue(member.value, indent: indent, inSequence: false, into: &out)
        }
    }

    /// Writes `key:`, or, for a key longer than an implicit key may be (YAML 1.2 §7.4.2: 1024
    /// characters; found by fuzzing), the explicit form `? key` and `:` on the next line at `pad`.
    private static func writeKey(_ name: String, pad: String, into out: inout String) {
        let written = key(name)
        if written.unicodeScalars.count > 1000 {
            out += "? " + written + "\n" + pad + ":"
        } else {
            out += written + ":"
        }
    }

    private static func writeArray(_ array: [JSONValue], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for element in array {
            out += pad
            out += "-"
            writeValue(element, indent: indent, inSequence: true, into: &out)
        }
    }

    /// Writes what follows `key:` or `-`.
    private static func writeValue(_ value: JSONValue, indent: Int, inSequence: Bool, into out: inout String) {
        switch value.kind {
        case .object(let o) where !o.isEmpty:
            if inSequence {
                // `- a: 1` then the other members aligned under `a`.
                var first = true
                for member in o {
                    if first {
                        out += " "
                        first = false
                    } else {
                        out += String(repeating: " ", count: indent + 2)
                    }
                    writeKey(member.key, pad: String(repeating: " ", count: indent + 2), into: &out)
                    writeValue(member.value, indent: indent + 2, inSequence: false, into: &out)
                }
            } else {
                out += "\n"
                writeObject(o, indent: indent + 2, into: &out)
            }
        case .array(let a) where !a.isEmpty:
            if inSequence {
                out += "\n"
                writeArray(a, indent: indent + 2, into: &out)
            } else {
                out += "\n"
                writeArray(a, indent: indent, into: &out)
            }
        default:
            out += " "
            out += scalar(value, indent: indent + 2)
            out += "\n"
        }
    }

    private static func scalar(_ value: JSONValue, indent: Int) -> String {
        switch value.kind {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.description
        case .string(let s): return string(s, indent: indent)
        case .array: return "[]"
        case .object: return "{}"
        }
    }

    private static func key(_ text: String) -> String {
        isPlainSafe(text) ? text : quoted(text)
    }

    private static func string(_ text: String, indent: Int) -> String {
        if isPlainSafe(text) { return text }
        if let block = literalBlock(text, indent: indent) { return block }
        return quoted(text)
    }

    /// A YAML double-quoted scalar: JSON's escaping (a JSON string literal is a valid YAML
    /// double-quoted scalar), plus escapes for what YAML treats as line breaks or a reader may
    /// reject raw (NEL, LS, PS, C1 controls, BOM).
    static func quoted(_ text: String) -> String {
        let json = JSONWriter.quoted(text)
        guard json.unicodeScalars.contains(where: needsYAMLEscape) else { return json }
        var out = ""
        for scalar in json.unicodeScalars {
            switch scalar {
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            case _ where needsYAMLEscape(scalar):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func needsYAMLEscape(_ scalar: Unicode.Scalar) -> Bool {
        (0x80...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}"
    }

    /// A `|` block when the text is multi-line, printable, and its lines have no leading spaces
    /// that would confuse indentation detection.
    private static func literalBlock(_ text: String, indent: Int) -> String? {
        guard text.contains("\n"), !text.hasPrefix(" "), !text.hasPrefix("\n") else { return nil }
        for scalar in text.unicodeScalars {
            if scalar == "\n" { continue }
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar == "\u{FEFF}"
                || scalar == "\u{2028}" || scalar == "\u{2029}"
            {
                return nil
            }
        }
        var body = Substring(text)
        let chomp: String
        if body.hasSuffix("\n") {
            body = body.dropLast()
            if body.hasSuffix("\n") { return nil }  // several trailing newlines: keep it quoted
            chomp = ""
        } else {
            chomp = "-"
        }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.contains(where: { $0.hasSuffix(" ") || $0.hasSuffix("\t") }) { return nil }
        let pad = String(repeating: " ", count: indent)
        return "|" + chomp + lines.map { $0.isEmpty ? "\n" : "\n" + pad + $0 }.joined()
    }

    /// Whether `text` can be written unquoted and reads back as this exact string.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if first == " " || last == " " { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar == "\u{FEFF}"
                || scalar == "\u{2028}" || scalar == "\u{2029}"
            {
                return false
            }
        }
        // Byte pairs, not `String.contains`: that compares characters, and `": "` followed by a
        // combining mark is no `": "` character-wise, yet YAML reads it as a mapping indicator.
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if (previous == UInt8(ascii: ":") && byte == UInt8(ascii: " ")) || (previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#"))
                || byte == UInt8(ascii: "\t")
            {
                return false
            }
            previous = byte
        }
        if previous == UInt8(ascii: ":") { return false }
        // Anything a YAML 1.1 or 1.2 resolver might read as null, bool, number, date or sexagesimal.
        let lower = text.lowercased()
        if ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf", ".nan", "<<", "="].contains(lower) {
            return false
        }
        // Digits, `+` and `.` may start a number, a date or a base-60 value: quote them all.
        if ("0"..."9").contains(first) || first == "+" || first == "." { return false }
        return true
    }
}
