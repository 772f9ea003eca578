/// An RFC 6901 JSON Pointer: a sequence of reference tokens.
///
/// The string form escapes `~` as `~0` and `/` as `~1`; the URI-fragment form (`#/a/b`) is
/// additionally percent-encoded (RFC 3986), so `#/paths/~1things~1%7Bid%7D` names the member
/// `/things/{id}` of `paths`.
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The unescaped reference tokens.
    public var tokens: [String]

    /// The pointer to the whole document (`""`).
    public static let root = JSONPointer(tokens: [])

    /// Creates a pointer from unescaped tokens.
    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses the string form (`""` or `/a/b~1c`).
    /// - Throws: ``JSONPointer/SyntaxError`` when the text does not start with `/` or has a bad `~` escape.
    public init(parsing text: String) throws(SyntaxError) {
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.utf8.first == UInt8(ascii: "/") else { throw SyntaxError(pointer: text, reason: "a JSON pointer must start with \"/\"") }
        var result: [String] = []
        result.reserveCapacity(8)
        let utf8 = text.utf8
        var start = utf8.index(after: utf8.startIndex)
        while true {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: "/")) ?? utf8.endIndex
            guard let token = JSONPointer.unescape(Substring(utf8[start..<end])) else {
                throw SyntaxError(pointer: text, reason: "\"~\" must be followed by 0 or 1")
            }
            result.append(token)
            guard end != utf8.endIndex else { break }
            start = utf8.index(after: end)
        }
        tokens = result
    }

    /// Parses a URI fragment (without the `#`): percent-decodes it, then parses it as a pointer.
    /// - Throws: ``JSONPointer/SyntaxError`` for bad percent-encoding or a bad pointer.
    public init(fragment: String) throws(SyntaxError) {
        guard let decoded = percentDecode(fragment) else {
            throw SyntaxError(pointer: fragment, reason: "invalid percent-encoding")
        }
        try self.init(parsing: decoded)
    }

    /// Describes why a pointer could not be parsed.
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        /// The text that failed.
        public var pointer: String
        /// Why.
        public var reason: String
        /// A short, human-readable form of the value.
        public var description: String { "invalid JSON pointer \"\(pointer)\": \(reason)" }
    }

    /// One token of the string form with its `~0`/`~1` escapes undone, or `nil` for a `~` not
    /// followed by `0` or `1`. Read byte by byte: a combining mark after `~1` (`~1\u{346}`) makes
    /// one `Character` of `1` and the mark, which must not hide the escape.
    private static func unescape(_ raw: Substring) -> String? {
        guard raw.utf8.contains(UInt8(ascii: "~")) else { return String(raw) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.utf8.count)
        var it = raw.utf8.makeIterator()
        while let b = it.next() {
            if b == UInt8(ascii: "~") {
                switch it.next() {
                case UInt8(ascii: "0"): out.append(UInt8(ascii: "~"))
                case UInt8(ascii: "1"): out.append(UInt8(ascii: "/"))
                default: return nil
                }
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Escapes one token for the string form (`~` as `~0`, then `/` as `~1`, byte by byte like
    /// ``description``: a combining mark after either must not hide it).
    public static func escape(_ token: String) -> String {
        // Scanned in place (a native string's bytes are contiguous): error reports escape a token
        // per error, and the generic `contains(where:)` over the UTF-8 view costs several times more.
        let special =
            token.utf8.withContiguousStorageIfAvailable { hasSpecial($0) } ?? hasSpecial(token.utf8)
        guard special else { return token }
        return JSONPointer(tokens: [token]).description.dropFirstUTF8()
    }

    @inline(__always)
    private static func hasSpecial<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        for c in bytes where c == UInt8(ascii: "~") || c == UInt8(ascii: "/") { return true }
        return false
    }

    /// The string form, e.g. `/properties/a~1b`.
    ///
    /// Written into one buffer of the exact length: error reports build a pointer per error, and
    /// appending token by token re-grows the string several times.
    public var description: String {
        var length = 0
        for t in tokens {
            length += 1 + t.utf8.count
            for b in t.utf8 where b == UInt8(ascii: "~") || b == UInt8(ascii: "/") { length += 1 }
        }
        guard length > 0 else { return "" }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var i = 0
            for t in tokens {
                buffer[i] = UInt8(ascii: "/")
                i += 1
                for b in t.utf8 {
                    if b == UInt8(ascii: "~") || b == UInt8(ascii: "/") {
                        buffer[i] = UInt8(ascii: "~")
                        buffer[i + 1] = b == UInt8(ascii: "~") ? UInt8(ascii: "0") : UInt8(ascii: "1")
                        i += 2
                    } else {
                        buffer[i] = b
                        i += 1
                    }
                }
            }
            return i
        }
    }

    /// The URI-fragment form without `#`, percent-encoding what RFC 3986 does not allow in a fragment.
    public var fragment: String { percentEncodeFragment(description) }

    /// A pointer one level deeper.
    public func appending(_ token: String) -> JSONPointer {
        var all: [String] = []
        all.reserveCapacity(tokens.count + 1)
        all.append(contentsOf: tokens)
        all.append(token)
        return JSONPointer(tokens: all)
    }

    /// A pointer `suffix.count` levels deeper: these tokens, then `suffix`.
    ///
    /// The token array is allocated at its final size (`tokens + suffix` may leave spare
    /// capacity, which every compiled schema node would keep).
    public func appending(contentsOf suffix: [String]) -> JSONPointer {
        var all: [String] = []
        all.reserveCapacity(tokens.count + suffix.count)
        all.append(contentsOf: tokens)
        all.append(contentsOf: suffix)
        return JSONPointer(tokens: all)
    }

    /// A pointer one level deeper, for an array index.
    public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

    /// The value this pointer designates in `document`, or `nil` when a token does not resolve.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for t in tokens {
            guard let next = Self.child(of: current, t) else { return nil }
            current = next
        }
        return current
    }

    /// One step of ``resolve(in:)``: the member `token` names in an object, or the item it
    /// indexes in an array (RFC 6901 §4); `nil` otherwise.
    public static func child(of value: JSONValue, _ token: String) -> JSONValue? {
        switch value.kind {
        case .object(let object): return object[token]
        case .array(let items):
            guard let index = arrayIndex(token), index < items.count else { return nil }
            return items[index]
        default: return nil
        }
    }

    /// The array index a token denotes: digits without leading zeros (RFC 6901 §4).
    public static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if token.utf8.count > 1 && token.utf8.first == 48 { return nil }
        return Int(token)
    }

    /// Whether `lhs` comes before `rhs` in the order described on the type.
    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        lhs.tokens.lexicographicallyPrecedes(rhs.tokens)
    }
}

extension String {
    /// The string without its first byte (an ASCII `/`).
    fileprivate func dropFirstUTF8() -> String {
        String(Substring(unicodeScalars.dropFirst()))
    }
}

/// Decodes `%XX` escapes (UTF-8). Returns `nil` for a malformed escape or invalid UTF-8.
public func percentDecode(_ text: String) -> String? {
    guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var it = text.utf8.makeIterator()
    func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: return nil
        }
    }
    while let c = it.next() {
        if c == UInt8(ascii: "%") {
            guard let h = it.next().flatMap(hex), let l = it.next().flatMap(hex) else { return nil }
            bytes.append(h << 4 | l)
        } else {
            bytes.append(c)
        }
    }
    return String(validating: bytes, as: UTF8.self)
}

/// Percent-encodes the characters a URI fragment may not hold (RFC 3986 §3.5).
///
/// Returns `text` itself when nothing needs encoding (the usual case: schema locations are made
/// of names), so that building an error's `absoluteKeywordLocation` allocates nothing here.
public func percentEncodeFragment(_ text: String) -> String {
    var encoded = 0
    for c in text.utf8 where !isFragmentCharacter(c) { encoded += 1 }
    guard encoded > 0 else { return text }
    return String(unsafeUninitializedCapacity: text.utf8.count + 2 * encoded) { buffer in
        @inline(__always) func hex(_ v: UInt8) -> UInt8 { v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "A") + v - 10 }
        var i = 0
        for c in text.utf8 {
            if isFragmentCharacter(c) {
                buffer[i] = c
                i += 1
            } else {
                buffer[i] = UInt8(ascii: "%")
                buffer[i + 1] = hex(c >> 4)
                buffer[i + 2] = hex(c & 15)
                i += 3
            }
        }
        return i
    }
}

/// Whether the byte `c` may stand unencoded in a URI fragment: unreserved, sub-delims, `:`,
/// `@`, `/` and `?` (RFC 3986 §3.5).
@inline(__always)
private func isFragmentCharacter(_ c: UInt8) -> Bool {
    switch c {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "$"),
        UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
        UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"),
        UInt8(ascii: "?"):
        return true
    default:
        return false
    }
}
