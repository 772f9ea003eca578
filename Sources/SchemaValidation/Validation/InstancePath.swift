import SpecSource

/// One step into an instance: a member name or an array index.
enum PathSegment: Sendable {
    case key(String)
    case index(Int)
}

/// Renders `segments` as an RFC 6901 JSON pointer.
func jsonPointer(_ segments: ArraySlice<PathSegment>) -> String {
    var s = ""
    if segments.isEmpty { return s }
    // Room for the usual pointer (indices below 10,000, keys without `~` or `/`) at once.
    s.reserveCapacity(
        segments.reduce(0) { total, segment in
            switch segment {
            case .key(let k): total + 1 + k.utf8.count
            case .index(let i): total + (i < 10 ? 2 : i < 100 ? 3 : 5)
            }
        })
    for seg in segments {
        s.append("/")
        switch seg {
        case .key(let k): s.append(JSONPointer.escape(k))
        case .index(let i): s.append(String(i))
        }
    }
    return s
}

/// Quotes an instance or schema value for a message, shortened to `limit` Unicode scalars (the
/// last one `…` when cut). Only what is shown is serialized (``SpecSource/ValuePreview``), so a
/// 5 MB value costs no more than a short one.
func describeValue(_ value: JSONValue, limit: Int = 80) -> String {
    ValuePreview.text(of: value, limit: limit)
}

/// `1 item`, `2 items`: `n` and the noun in the number `n` calls for (`plural` defaults to
/// `singular` + "s").
func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
}

/// Lists values for a message: `"a", "b", "c"`, shortened after `limit` items.
func describeList(_ values: [JSONValue], limit: Int = 12) -> String {
    var parts = values.prefix(limit).map { describeValue($0, limit: 40) }
    if values.count > limit { parts.append("… (\(values.count - limit) more)") }
    return parts.joined(separator: ", ")
}
