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
        self.method = method
        self.headers = headers.map { ($0.name.lowercased(), $0.value) }
        self.body = body
        var rest = Substring(target)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        hasAuthority = false
        if let scheme = rest.range(of: "://"), !rest[..<scheme.lowerBound].contains("/"), !rest[..<scheme.lowerBound].contains("?") {
            hasAuthority = true
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(where: { $0 == "/" || $0 == "?" }).map { rest[$0...] } ?? ""
        }
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        path = rest.isEmpty ? "/" : rest
    }

    init?(_ request: HTTPRequest, body: [UInt8]?) {
        guard let target = request.path else { return nil }
        self.init(method: request.method.rawValue, target: target,
                  headers: request.headerFields.map { ($0.name.canonicalName, $0.value) }, body: body)
        hasAuthority = request.authority != nil
    }

    /// Every value of header `name` (lower case), in order.
    func values(_ name: String) -> [String] {
        headers.compactMap { $0.name == name ? $0.value : nil }
    }

    /// The values of header `name` combined as RFC 9110 §5.3 says (joined by `, `), or `nil`.
    func header(_ name: String) -> String? {
        let all = values(name)
        return all.isEmpty ? nil : all.joined(separator: ", ")
    }

    /// The cookies of every `Cookie` field (RFC 6265 §4.2.1: `name=value` pairs separated by `;`).
    var cookies: [(name: Substring, value: Substring)] {
        var result: [(Substring, Substring)] = []
        for field in headers where field.name == "cookie" {
            for pair in field.value.split(separator: ";") {
                let trimmed = pair.trimmingWhitespace()
                guard let eq = trimmed.firstIndex(of: "=") else { continue }
                result.append((trimmed[..<eq].trimmingWhitespace(), trimmed[trimmed.index(after: eq)...].trimmingWhitespace()))
            }
        }
        return result
    }

    /// The `&`-separated pairs of the query string.
    var queryPairs: [QueryPair] {
        guard let query else { return [] }
        return query.split(separator: "&").map { piece in
            if let eq = piece.firstIndex(of: "=") {
                return QueryPair(rawName: piece[..<eq], rawValue: piece[piece.index(after: eq)...])
            }
            return QueryPair(rawName: piece, rawValue: nil)
        }
    }
}

/// One `name=value` pair of a query string, undecoded.
struct QueryPair: Sendable {
    let rawName: Substring
    /// The text after `=`; `nil` when the pair has no `=`.
    let rawValue: Substring?
    /// The name, form-decoded (`+` is a space); `nil` for malformed percent-encoding.
    var name: String? { formDecode(rawName, plusIsSpace: true) }
}

/// A response reduced to what the exchange checks read.
struct ResponseParts: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]?

    init(status: Int, headers: [(name: String, value: String)], body: [UInt8]?) {
        self.status = status
        self.headers = headers.map { ($0.name.lowercased(), $0.value) }
        self.body = body
    }

    init(_ response: HTTPResponse, body: [UInt8]?) {
        self.init(status: response.status.code, headers: response.headerFields.map { ($0.name.canonicalName, $0.value) }, body: body)
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

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingWhitespace() -> SubSequence {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
