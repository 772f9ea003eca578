/// A short JSON rendering of a value for messages, built without serializing more than it shows.
///
/// ``JSONWriter/string(from:pretty:sortedKeys:)`` writes the whole value; a message that quotes a
/// 5 MB string or a large object only needs its first few dozen characters. `ValuePreview` writes
/// the value's JSON text (escaped exactly as ``JSONWriter`` escapes it) into a buffer that stops
/// accepting Unicode scalars once `limit` are written: strings are read scalar by scalar up to the
/// cut, arrays and objects member by member, and nothing after the cut is visited. A cut preview
/// ends with `…`.
///
/// ```swift
/// ValuePreview.text(of: hugeString, limit: 40)   // "\"aaaa…aaa…"  (39 scalars, then …)
/// ```
public struct ValuePreview: Sendable {
    /// The most Unicode scalars of JSON text kept (the `…` not counted).
    public let limit: Int
    /// The text written so far.
    public private(set) var text = ""
    /// Unicode scalars of JSON text written so far (never more than ``limit``).
    public private(set) var scalarsWritten = 0
    /// Whether the value's text was longer than ``limit``, so the preview is cut.
    public private(set) var isTruncated = false

    /// Creates an empty preview of at most `limit` scalars.
    public init(limit: Int) { self.limit = max(1, limit) }

    /// The JSON text of `value`, cut to `limit` Unicode scalars (the last replaced by `…` when cut).
    /// - Parameters:
    ///   - value: Any value; only the part that fits is visited.
    ///   - limit: The most scalars of the result, `…` included (at least 1).
    public static func text(of value: JSONValue, limit: Int = 80) -> String {
        var preview = ValuePreview(limit: max(1, limit))
        preview.write(value)
        return preview.finished
    }

    /// `s` as a JSON string literal, cut like ``text(of:limit:)`` (for member names in messages).
    public static func quoted(_ s: String, limit: Int = 80) -> String {
        var preview = ValuePreview(limit: max(1, limit))
        preview.writeString(s)
        return preview.finished
    }

    /// The text, its last scalar replaced by `…` when cut (so at most ``limit`` scalars).
    public var finished: String {
        guard isTruncated else { return text }
        // The last scalar written gives way to the ellipsis (sliced: `removeLast()` on a
        // string's scalar view rebuilds the string, about 14,000 instructions for a preview).
        let scalars = text.unicodeScalars
        guard !scalars.isEmpty else { return "…" }
        return String(scalars[..<scalars.index(before: scalars.endIndex)]) + "…"
    }

    /// Appends the JSON text of `value`, stopping at the limit.
    public mutating func write(_ value: JSONValue) {
        guard !isTruncated else { return }
        switch value.kind {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .number(let n): append(n.description)
        case .string(let s): writeString(s)
        case .array(let items):
            append("[")
            for (i, item) in items.enumerated() {
                if isTruncated { return }
                if i > 0 { append(",") }
                write(item)
            }
            append("]")
        case .object(let object):
            append("{")
            for (i, member) in object.members.enumerated() {
                if isTruncated { return }
                if i > 0 { append(",") }
                writeString(member.key)
                append(":")
                write(member.value)
            }
            append("}")
        }
    }

    /// Appends `s` as a JSON string literal (escaped as ``JSONWriter/writeString(_:into:)``
    /// does), stopping at the limit.
    public mutating func writeString(_ s: String) {
        append("\"")
        // Whole, when it surely fits (no more scalars than UTF-8 bytes) and holds nothing to
        // escape: the usual short string, without a scalar-by-scalar append.
        if !isTruncated, !JSONWriter.needsEscape(s, quotesAndBackslashes: true) {
            if s.utf8.count < limit - scalarsWritten {
                text += s
                scalarsWritten += s.unicodeScalars.count
                append("\"")
                return
            }
            // Longer than what is left: the scalars that fit, at once, as the loop below would
            // write them one by one.
            let scalars = s.unicodeScalars
            let room = limit - scalarsWritten
            let end = scalars.index(scalars.startIndex, offsetBy: room, limitedBy: scalars.endIndex) ?? scalars.endIndex
            text.unicodeScalars.append(contentsOf: scalars[..<end])
            scalarsWritten += scalars.distance(from: scalars.startIndex, to: end)
            if end != scalars.endIndex {
                isTruncated = true
                return
            }
            append("\"")
            return
        }
        for scalar in s.unicodeScalars {
            if isTruncated { return }
            switch scalar {
            case "\"": append("\\\"")
            case "\\": append("\\\\")
            case "\n": append("\\n")
            case "\r": append("\\r")
            case "\t": append("\\t")
            case "\u{08}": append("\\b")
            case "\u{0C}": append("\\f")
            default:
                if JSONWriter.isEscapedControl(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    append(scalar)
                }
            }
        }
        append("\"")
    }

    private mutating func append(_ scalar: Unicode.Scalar) {
        guard scalarsWritten < limit else {
            isTruncated = true
            return
        }
        text.unicodeScalars.append(scalar)
        scalarsWritten += 1
    }

    /// Appends a short token (a keyword, a number, an escape); a token that does not fit is cut.
    private mutating func append(_ token: String) {
        // The tokens written are ASCII (punctuation, `null`, numbers, escapes): one that fits is
        // appended whole, as many scalars as bytes.
        let count = token.utf8.count
        if scalarsWritten + count <= limit, token.utf8.allSatisfy({ $0 < 0x80 }) {
            text += token
            scalarsWritten += count
            return
        }
        for scalar in token.unicodeScalars {
            append(scalar)
            if isTruncated { return }
        }
    }
}
