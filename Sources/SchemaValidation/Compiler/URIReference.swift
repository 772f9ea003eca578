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
    init(_ text: String) {
        var scheme: String?
        var authority: String?
        var query: String?
        var fragment: String?
        var rest = Substring(text)
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let q = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        }
        if let colon = rest.firstIndex(of: ":"),
            let first = rest.first, first.isLetter,
            rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
        {
            scheme = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            authority = String(rest[..<end])
            rest = rest[end...]
        }
        parts = Parts(scheme: scheme, authority: authority, path: String(rest), query: query, fragment: fragment)
    }

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
        if reference.path.hasPrefix("/") {
            merged = reference.path
        } else if authority != nil && path.isEmpty {
            merged = "/" + reference.path
        } else if let slash = path.lastIndex(of: "/") {
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

    /// RFC 3986 §5.2.4.
    static func removeDotSegments(_ path: String) -> String {
        guard hasDotSegment(path) else { return path }
        var input = Substring(path)
        var output: [Substring] = []
        let absolute = path.hasPrefix("/")
        var segments = input.split(separator: "/", omittingEmptySubsequences: false)
        if absolute { segments.removeFirst() }
        let trailingSlash = path.hasSuffix("/") || path.hasSuffix("/.") || path.hasSuffix("/..") || path == "." || path == ".."
        for seg in segments {
            switch seg {
            case ".": continue
            case "..": if !output.isEmpty { output.removeLast() }
            default: output.append(seg)
            }
        }
        input = Substring(output.joined(separator: "/"))
        var result = (absolute ? "/" : "") + input
        if trailingSlash && !result.hasSuffix("/") && !output.isEmpty { result += "/" }
        return result
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
