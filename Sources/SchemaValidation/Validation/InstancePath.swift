import SpecSource

/// One step into an instance: a member name or an array index.
enum PathSegment: Sendable {
    case key(String)
    case index(Int)
}

/// Renders `segments` as an RFC 6901 JSON pointer.
func jsonPointer(_ segments: ArraySlice<PathSegment>) -> String {
    var s = ""
    for seg in segments {
        s.append("/")
        switch seg {
        case .key(let k): s.append(JSONPointer.escape(k))
        case .index(let i): s.append(String(i))
        }
    }
    return s
}

/// Quotes an instance or schema value for a message, shortened when long.
func describeValue(_ value: JSONValue, limit: Int = 80) -> String {
    let text = JSONWriter.string(from: value)
    // Measured in scalars, not grapheme clusters: cheap, and never splits a scalar.
    guard text.utf8.count > limit, text.unicodeScalars.count > limit else { return text }
    var cut = String.UnicodeScalarView()
    cut.append(contentsOf: text.unicodeScalars.prefix(limit - 1))
    return String(cut) + "…"
}

/// Lists values for a message: `"a", "b", "c"`, shortened after `limit` items.
func describeList(_ values: [JSONValue], limit: Int = 12) -> String {
    var parts = values.prefix(limit).map { describeValue($0, limit: 40) }
    if values.count > limit { parts.append("… (\(values.count - limit) more)") }
    return parts.joined(separator: ", ")
}
