import HTTPTypes

/// A request reduced to what the exchange checks read: method, raw path and query, headers with
/// lower-cased names, body bytes.
struct RequestParts: Sendable {
    /// The method as sent (`GET`, `QUERY`, `LINK`).
    var method: String
    /// The path, still percent-encoded, without query or fragment.
    var path: Substring
    /// The query string after `?` (without the fragment), still encoded; `nil` without `?`.
    var query: Substring?
    /// Whether the target named a host (an absolute URL, or an HTTPRequest with an authority).
    var hasAuthority: Bool
    /// Header fields in order, names lower-cased.
    var headers: [(name: String, value: String)]
    /// The body; `nil` or empty means none.
    var body: [UInt8]?

    /// Splits a request target: an absolute URL (`https://host/v1/pets?x=1`) or an origin-form
    /// target (`/pets?x=1`).
    init(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8]?) {
        self.init(method: method, target: target, lowercasedHeaders: headers.map { ($0.name.asciiLowercased(), $0.value) }, body: body)
    }

    /// As ``init(method:target:headers:body:)``, with header names already lower case.
    private init(method: String, target: String, lowercasedHeaders headers: [(name: String, value: String)], body: [UInt8]?) {
        self.method = method
        self.headers = headers
        self.body = body
        // Byte offsets, found on the contiguous UTF-8 (all delimiters are ASCII, so they are
        // character boundaries too).
        var copy = target
        let (pathStart, pathEnd, queryStart, end, authority) = copy.withUTF8 { bytes -> (Int, Int, Int?, Int, Bool) in
            let end = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
            var start = 0
            var authority = false
            // `scheme://authority` when "://" comes before any "/" or "?".
            var i = 0
            while i < end, bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: "?") {
                if bytes[i] == UInt8(ascii: ":") {
                    if i + 2 < end, bytes[i + 1] == UInt8(ascii: "/"), bytes[i + 2] == UInt8(ascii: "/") {
                        authority = true
                        start = i + 3
                        while start < end, bytes[start] != UInt8(ascii: "/"), bytes[start] != UInt8(ascii: "?") { start += 1 }
                    }
                    break
                }
                i += 1
            }
            var pathEnd = start
            while pathEnd < end, bytes[pathEnd] != UInt8(ascii: "?") { pathEnd += 1 }
            return (start, pathEnd, pathEnd < end ? pathEnd + 1 : nil, end, authority)
        }
        hasAuthority = authority
        let utf8 = target.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        query = queryStart.map { Substring(utf8[index($0)..<index(end)]) }
        path = pathStart == pathEnd ? "/" : Substring(utf8[index(pathStart)..<index(pathEnd)])
    }

    init?(_ request: HTTPRequest, body: [UInt8]?) {
        guard let target = request.path else { return nil }
        self.init(
            method: request.method.rawValue, target: target,
            // swift-http-types' canonical names are lower case.
            lowercasedHeaders: request.headerFields.map { ($0.name.canonicalName, $0.value) }, body: body)
        hasAuthority = request.authority != nil
    }

    /// Every value of header `name` (lower case), in order.
    func values(_ name: String) -> [String] {
        headers.compactMap { $0.name == name ? $0.value : nil }
    }

    /// The values of header `name` combined as RFC 9110 §5.3 says (joined by `, `), or `nil`.
    func header(_ name: String) -> String? {
        let (first, count) = firstValue(name)
        return count > 1 ? values(name).joined(separator: ", ") : first
    }

    /// The first value of header `name` and how many fields have that name (no array is built).
    func firstValue(_ name: String) -> (value: String?, count: Int) {
        var first: String?
        var count = 0
        for field in headers where field.name == name {
            if first == nil { first = field.value }
            count += 1
        }
        return (first, count)
    }

    /// The cookies of every `Cookie` field (RFC 6265 §4.2.1: `name=value` pairs separated by `;`).
    var cookies: [(name: Substring, value: Substring)] {
        var result: [(Substring, Substring)] = []
        for field in headers where field.name == "cookie" {
            for pair in Substring(field.value).pieces(between: UInt8(ascii: ";"), omittingEmpty: true) {
                guard let (name, value) = pair.trimmingWhitespace().split(atFirst: UInt8(ascii: "=")) else { continue }
                result.append((name.trimmingWhitespace(), value.trimmingWhitespace()))
            }
        }
        return result
    }

    /// The `&`-separated pairs of the query string.
    var queryPairs: [QueryPair] {
        guard let query else { return [] }
        return QueryPair.split(query)
    }
}

/// Whether two names from a message or its description (query parameters, cookies, form fields)
/// are the same: compared by their UTF-8 bytes, as servers and JSON object members compare them.
/// Swift's `==` on strings also equates canonically equivalent spellings (`"caf\u{E9}"` and
/// `"cafe\u{301}"`), which a server reads as two names.
func sameName(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
    a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
}

/// One `name=value` pair of a query string, undecoded.
struct QueryPair: Sendable {
    let rawName: Substring
    /// The text after `=`; `nil` when the pair has no `=`.
    let rawValue: Substring?
    /// The name, form-decoded (`+` is a space); `nil` for malformed percent-encoding.
    var name: String? { formDecode(rawName, plusIsSpace: true) }

    /// The `&`-separated pairs of a query string or `application/x-www-form-urlencoded` text,
    /// empty pieces skipped, each split at its first `=`.
    static func split(_ text: Substring) -> [QueryPair] {
        text.pieces(between: UInt8(ascii: "&"), omittingEmpty: true).map { piece in
            if let (name, value) = piece.split(atFirst: UInt8(ascii: "=")) { return QueryPair(rawName: name, rawValue: value) }
            return QueryPair(rawName: piece, rawValue: nil)
        }
    }
}

/// A response reduced to what the exchange checks read.
struct ResponseParts: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]?

    init(status: Int, headers: [(name: String, value: String)], body: [UInt8]?) {
        self.status = status
        self.headers = headers.map { ($0.name.asciiLowercased(), $0.value) }
        self.body = body
    }

    init(_ response: HTTPResponse, body: [UInt8]?) {
        status = response.status.code
        // swift-http-types' canonical names are lower case.
        headers = response.headerFields.map { ($0.name.canonicalName, $0.value) }
        self.body = body
    }

    func values(_ name: String) -> [String] {
        headers.compactMap { $0.name == name ? $0.value : nil }
    }
}

/// Percent-decodes `text` (UTF-8), reading `+` as a space when `plusIsSpace` (the
/// `application/x-www-form-urlencoded` rule, WHATWG URL §5.1); `nil` for a malformed escape or
/// bytes that are not UTF-8.
func formDecode(_ text: Substring, plusIsSpace: Bool) -> String? {
    let utf8 = text.utf8
    guard utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else { return String(text) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(utf8.count)
    var it = utf8.makeIterator()
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
        } else if plusIsSpace, c == UInt8(ascii: "+") {
            bytes.append(UInt8(ascii: " "))
        } else {
            bytes.append(c)
        }
    }
    return String(validating: bytes, as: UTF8.self)
}

extension String {
    /// Header names nearly every message has, lower case, with their bytes.
    static let commonHeaderNames: [(name: String, bytes: [UInt8])] =
        ["content-type", "authorization", "accept", "cookie", "content-length", "user-agent", "host"].map { ($0, Array($0.utf8)) }

    /// ASCII letters in lower case (header names are ASCII tokens), without copying when there is
    /// no upper-case letter (header names from HTTPFields are lower case already) or when the
    /// name is a common one (`Content-Type`).
    func asciiLowercased() -> String {
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte }
        let lowered: String?? = utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard bytes.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return nil }
            for known in Self.commonHeaderNames where known.bytes.count == bytes.count {
                var same = true
                for i in 0..<bytes.count where lower(bytes[i]) != known.bytes[i] {
                    same = false
                    break
                }
                if same { return known.name }
            }
            return String(decoding: bytes.map(lower), as: UTF8.self)
        }
        if let lowered { return lowered ?? self }
        return String(decoding: utf8.map(lower), as: UTF8.self)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingWhitespace() -> Substring { self[...].trimmingWhitespace() }
}

/// Protocol text (query strings, form bodies, cookies, header fields, parameter styles, URLs and
/// path templates) is split at its ASCII delimiters byte by byte, never by `Character`: a
/// combining mark after a delimiter makes one `Character` with it (`=\u{303}`), which
/// `split(separator: "=")`, `firstIndex(of: "=")`, `hasPrefix("[")` and `index(after:)` would then
/// miss or step over, while HTTP and URL grammars know no such grouping (`hasBytePrefix` and
/// `droppingBytes` are in Routing.swift). An index next to an ASCII byte is a scalar boundary, so
/// slicing with it is exact.
extension Substring {
    /// The pieces between the `delimiter` bytes (an ASCII character), in order.
    package func pieces(between delimiter: UInt8, omittingEmpty: Bool = false) -> [Substring] {
        var result: [Substring] = []
        let bytes = utf8
        var start = bytes.startIndex
        var i = start
        while i < bytes.endIndex {
            if bytes[i] == delimiter {
                if !omittingEmpty || start < i { result.append(self[start..<i]) }
                start = bytes.index(after: i)
            }
            i = bytes.index(after: i)
        }
        if !omittingEmpty || start < bytes.endIndex { result.append(self[start...]) }
        return result
    }

    /// The text before and after the first `delimiter` byte, or `nil` when there is none.
    package func split(atFirst delimiter: UInt8) -> (before: Substring, after: Substring)? {
        guard let i = utf8.firstIndex(of: delimiter) else { return nil }
        return (self[..<i], self[utf8.index(after: i)...])
    }

    /// Where the bytes of `needle` (ASCII) first occur, or `nil`.
    package func range(ofBytes needle: String) -> Range<Index>? {
        let target = Array(needle.utf8)
        guard let first = target.first else { return startIndex..<startIndex }
        let bytes = utf8
        var i = bytes.startIndex
        while let found = bytes[i...].firstIndex(of: first) {
            var end = found
            var matched = 0
            while matched < target.count, end < bytes.endIndex, bytes[end] == target[matched] {
                end = bytes.index(after: end)
                matched += 1
            }
            if matched == target.count { return found..<end }
            i = bytes.index(after: found)
        }
        return nil
    }

    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingWhitespace() -> Substring {
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start = bytes.index(after: start) }
        while start < end {
            let before = bytes.index(before: end)
            guard bytes[before] == UInt8(ascii: " ") || bytes[before] == UInt8(ascii: "\t") else { break }
            end = before
        }
        return self[start..<end]
    }
}
