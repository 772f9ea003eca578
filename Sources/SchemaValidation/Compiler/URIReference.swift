/// A URI reference split into its RFC 3986 components, with reference resolution (§5.2).
///
/// Used only for `$ref`/`$id` bookkeeping; nothing is ever fetched.
///
/// The five components live in one shared, copy-on-write box: the compiler copies a base URI
/// into every schema's context, compile queue entry and scope, and a copy of five strings was five
/// retains and five releases (with their outlined copy functions, about a twentieth of compiling
/// a large document); a copy is now one of each, and equal bases are usually the same box.
struct URIReference: Hashable, Sendable, CustomStringConvertible {
    private final class Parts: @unchecked Sendable {
        var scheme: String?
        var authority: String?
        var path: String
        var query: String?
        var fragment: String?

        init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
            self.scheme = scheme
            self.authority = authority
            self.path = path
            self.query = query
            self.fragment = fragment
        }

        func copy() -> Parts { Parts(scheme: scheme, authority: authority, path: path, query: query, fragment: fragment) }
    }

    /// Written only through ``unique``: a box is never changed while two values share it.
    private var parts: Parts

    /// The box, copied first if another value shares it.
    private var unique: Parts {
        mutating get {
            if !isKnownUniquelyReferenced(&parts) { parts = parts.copy() }
            return parts
        }
    }

    var scheme: String? {
        get { parts.scheme }
        set { unique.scheme = newValue }
    }
    var authority: String? {
        get { parts.authority }
        set { unique.authority = newValue }
    }
    var path: String {
        get { parts.path }
        set { unique.path = newValue }
    }
    var query: String? {
        get { parts.query }
        set { unique.query = newValue }
    }
    var fragment: String? {
        get { parts.fragment }
        set { unique.fragment = newValue }
    }

    static func == (lhs: URIReference, rhs: URIReference) -> Bool {
        if lhs.parts === rhs.parts { return true }
        let l = lhs.parts
        let r = rhs.parts
        return l.path == r.path && l.authority == r.authority && l.scheme == r.scheme && l.query == r.query && l.fragment == r.fragment
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(parts.scheme)
        hasher.combine(parts.authority)
        hasher.combine(parts.path)
        hasher.combine(parts.query)
        hasher.combine(parts.fragment)
    }

    /// Splits `text` per RFC 3986 appendix B.
    ///
    /// The delimiters are ASCII, so the text is scanned as UTF-8 bytes: searching it by
    /// `Character` ran grapheme breaking over every reference, and was a fifth of `inspect` on
    /// DigitalOcean's 2,900 files (see "Performance choices" in docs/DESIGN.md).
    init(_ text: String) {
        let utf8 = text.utf8
        var scheme: String?
        var authority: String?
        var query: String?
        var fragment: String?
        var end = utf8.endIndex
        if let hash = utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(text[utf8.index(after: hash)...])
            end = hash
        }
        if let q = utf8[..<end].firstIndex(of: UInt8(ascii: "?")) {
            query = String(text[utf8.index(after: q)..<end])
            end = q
        }
        var start = utf8.startIndex
        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 §3.1)
        if let colon = utf8[..<end].firstIndex(of: UInt8(ascii: ":")), colon > start, Self.isAlpha(utf8[start]),
            utf8[start..<colon].allSatisfy({ Self.isAlpha($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E })
        {
            scheme = String(text[..<colon])
            start = utf8.index(after: colon)
        }
        if utf8[start..<end].starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) {
            let authorityStart = utf8.index(start, offsetBy: 2)
            let authorityEnd = utf8[authorityStart..<end].firstIndex(of: UInt8(ascii: "/")) ?? end
            authority = String(text[authorityStart..<authorityEnd])
            start = authorityEnd
        }
        parts = Parts(scheme: scheme, authority: authority, path: String(text[start..<end]), query: query, fragment: fragment)
    }

    private static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    init(scheme: String?, authority: String?, path: String, query: String?, fragment: String?) {
        parts = Parts(scheme: scheme, authority: authority, path: path, query: query, fragment: fragment)
    }

    /// Whether the reference has a scheme (is an absolute URI, maybe with a fragment).
    var isAbsolute: Bool { scheme != nil }

    /// The reference without its fragment.
    var withoutFragment: URIReference {
        if parts.fragment == nil { return self }
        var copy = self
        copy.fragment = nil
        return copy
    }

    var description: String {
        var s = ""
        if let scheme { s += scheme + ":" }
        if let authority { s += "//" + authority }
        s += path
        if let query { s += "?" + query }
        if let fragment { s += "#" + fragment }
        return s
    }

    /// Resolves `reference` against this base URI (RFC 3986 §5.2.2).
    func resolving(_ reference: URIReference) -> URIReference {
        if reference.scheme != nil {
            return URIReference(
                scheme: reference.scheme, authority: reference.authority,
                path: URIReference.removeDotSegments(reference.path),
                query: reference.query, fragment: reference.fragment)
        }
        if reference.authority != nil {
            return URIReference(
                scheme: scheme, authority: reference.authority,
                path: URIReference.removeDotSegments(reference.path),
                query: reference.query, fragment: reference.fragment)
        }
        if reference.path.isEmpty {
            return URIReference(
                scheme: scheme, authority: authority, path: path,
                query: reference.query ?? query, fragment: reference.fragment)
        }
        let merged: String
        if reference.path.utf8.first == UInt8(ascii: "/") {
            merged = reference.path
        } else if authority != nil && path.isEmpty {
            merged = "/" + reference.path
        } else if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) {
            merged = String(path[...slash]) + reference.path
        } else {
            merged = reference.path
        }
        return URIReference(
            scheme: scheme, authority: authority,
            path: URIReference.removeDotSegments(merged),
            query: reference.query, fragment: reference.fragment)
    }

    /// Resolves a reference string against this base.
    func resolving(_ reference: String) -> URIReference { resolving(URIReference(reference)) }

    /// RFC 3986 §5.2.4, over the path's UTF-8 bytes: its segments are split at `/` and `.`/`..`
    /// compared byte by byte (splitting and comparing `Substring`s by `Character` cost as much as
    /// parsing the files of a many-file description).
    static func removeDotSegments(_ path: String) -> String {
        guard hasDotSegment(path) else { return path }
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        let bytes = Array(path.utf8)
        let absolute = bytes.first == slash
        var segments = bytes.split(separator: slash, omittingEmptySubsequences: false)
        if absolute { segments.removeFirst() }
        let last = segments.last ?? []
        // The path ends in a folder: `/`, `/.`, `/..`, or is `.` or `..` alone.
        let trailingSlash = bytes.last == slash || (!last.isEmpty && last.count <= 2 && last.allSatisfy { $0 == dot })
        var output: [ArraySlice<UInt8>] = []
        for segment in segments {
            if segment.count == 1 && segment.first == dot { continue }
            if segment.count == 2 && segment.first == dot && segment.last == dot {
                if !output.isEmpty { output.removeLast() }
                continue
            }
            output.append(segment)
        }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        if absolute { result.append(slash) }
        for (i, segment) in output.enumerated() {
            if i > 0 { result.append(slash) }
            result.append(contentsOf: segment)
        }
        if trailingSlash && result.last != slash && !output.isEmpty { result.append(slash) }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether a segment of `path` is `.` or `..`, the only ones ``removeDotSegments(_:)``
    /// changes. A scan of the bytes: most paths have dots (`pets.yaml`) but no dot segment, and
    /// splitting and joining them was a third of `inspect` on documents of many files.
    static func hasDotSegment(_ path: String) -> Bool {
        var dots = 0  // dots since the segment started, while it holds nothing else
        var onlyDots = true
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if onlyDots && (dots == 1 || dots == 2) { return true }
                dots = 0
                onlyDots = true
            } else if byte == UInt8(ascii: ".") && onlyDots {
                dots += 1
            } else {
                onlyDots = false
            }
        }
        return onlyDots && (dots == 1 || dots == 2)
    }

    /// A `file://` URI for an absolute file path.
    static func file(path: String) -> URIReference {
        URIReference(scheme: "file", authority: "", path: percentEncodePath(path), query: nil, fragment: nil)
    }

    /// The file path of a `file:` URI.
    var filePath: String? {
        guard scheme?.lowercased() == "file" else { return nil }
        return percentDecodeLossy(path)
    }

    private static func percentEncodePath(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "_", "~", "/", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", ":", "@":
                out.unicodeScalars.append(scalar)
            default:
                for byte in String(scalar).utf8 {
                    out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
                }
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Percent-decodes, keeping malformed escapes verbatim.
func percentDecodeLossy(_ text: String) -> String {
    guard text.contains("%") else { return text }
    var bytes: [UInt8] = []
    let utf8 = Array(text.utf8)
    var i = 0
    func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: return nil
        }
    }
    while i < utf8.count {
        if utf8[i] == 37, i + 2 < utf8.count, let h = hex(utf8[i + 1]), let l = hex(utf8[i + 2]) {
            bytes.append(h << 4 | l)
            i += 3
        } else {
            bytes.append(utf8[i])
            i += 1
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
