import SpecSource

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A Server Object: a URL template whose `{variables}` take a default or one of an enumeration
/// (OpenAPI 3.1.1 §4.8.5, §4.8.6).
public struct Server: Sendable {
    /// A Server Variable Object.
    public struct Variable: Sendable {
        /// `default`: the value used when no other is supplied.
        public var defaultValue: String
        /// `enum`: the allowed values; empty when the value is open.
        public var allowedValues: [String]
    }

    /// `url`, as written (absolute, or relative to where the document is served).
    public var url: String
    /// `variables` by name.
    public var variables: [String: Variable]

    /// The Server Objects of a `servers` array (entries without a string `url` are skipped).
    static func list(_ value: JSONValue?) -> [Server]? {
        guard let items = value?.arrayValue else { return nil }
        return items.compactMap { item in
            guard let url = item["url"]?.stringValue else { return nil }
            var variables: [String: Variable] = [:]
            for member in item["variables"]?.objectValue ?? JSONObject() {
                let values = member.value["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []
                variables[member.key] = Variable(
                    defaultValue: member.value["default"]?.stringValue ?? values.first ?? "", allowedValues: values)
            }
            return Server(url: url, variables: variables)
        }
    }

    /// The path part of the URL (no scheme or authority; relative URLs are taken from the root
    /// of the host the document is served from), without a trailing `/`, as a matcher.
    var pathPrefix: PathPrefix { PathPrefix(template: pathTemplate, variables: variables) }

    /// The base path: the path part of the URL, `{variables}` unexpanded, without a trailing `/`
    /// (`""` for none or `/`): `/api/{version}` for `https://{host}/api/{version}/`. A relative
    /// URL's path is taken from the root of the host the document is served from (`./v1` is `/v1`).
    public var pathTemplate: String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? ""
        } else if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? ""
        } else {
            // Relative to the document's location, which the checks do not know: `.`, `./v1`
            // and `v1` are taken from the host's root.
            while rest.hasPrefix("./") { rest = rest.dropFirst(2) }
            if rest == "." { rest = "" }
            if !rest.isEmpty, !rest.hasPrefix("/") { rest = "/" + rest }
        }
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        return String(rest)
    }

    /// Whether a request to `path` (as sent: percent-encoded, without query or fragment) is under
    /// this server's base path (``pathTemplate``): the path starts with it at a segment boundary,
    /// each `{variable}` taking one of its `enum` values, or any text without `/` when it has none
    /// (OpenAPI 3.1.1 §4.8.6). For `https://h/api/v1`, `/api/v1`, `/api/v1/` and `/api/v1/pets`
    /// are under it and `/api/v10/pets` and `/` are not; every path is under a server without a path.
    public func basePathContains(_ path: Substring) -> Bool {
        let prefix = pathPrefix
        if let literal = prefix.literal {
            guard path.utf8.starts(with: literal.utf8) else { return false }
            let rest = path.utf8.dropFirst(literal.utf8.count)
            return rest.isEmpty || rest.first == UInt8(ascii: "/")
        }
        return !prefix.remainders(of: path).isEmpty
    }
}

/// The path of a server URL, `{variables}` included, matched against the start of request paths.
struct PathPrefix: Sendable {
    enum Piece: Sendable {
        case literal(String)
        /// A variable's allowed values; empty means any text without `/`.
        case variable([String])
    }

    let pieces: [Piece]
    /// Literal characters, for preferring the most specific server.
    let literalCount: Int
    /// The whole prefix when it has no variables (`""` for none).
    let literal: String?

    init(template: String, variables: [String: Server.Variable] = [:]) {
        var pieces: [Piece] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
            let name = String(rest[rest.index(after: open)..<close])
            pieces.append(.variable(variables[name]?.allowedValues ?? []))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        self.pieces = pieces
        literalCount = pieces.reduce(0) { if case .literal(let l) = $1 { return $0 + l.count } else { return $0 } }
        switch pieces.first {
        case nil: literal = ""
        case .literal(let l)? where pieces.count == 1: literal = l
        default: literal = nil
        }
    }

    /// The rest of `path` after every way this prefix matches its start, each beginning with `/`
    /// (an exact match leaves `/`).
    func remainders(of path: Substring) -> [Substring] {
        var results: [Substring] = []
        collect(pieces[...], path, &results)
        return results
    }

    private func collect(_ pieces: ArraySlice<Piece>, _ text: Substring, _ results: inout [Substring]) {
        guard let first = pieces.first else {
            if text.isEmpty { results.append("/") } else if text.hasPrefix("/") { results.append(text) }
            return
        }
        switch first {
        case .literal(let literal):
            if text.utf8.starts(with: literal.utf8) { collect(pieces.dropFirst(), text.droppingBytes(literal.utf8.count), &results) }
        case .variable(let allowed) where !allowed.isEmpty:
            for value in allowed where text.utf8.starts(with: value.utf8) {
                collect(pieces.dropFirst(), text.droppingBytes(value.utf8.count), &results)
            }
        case .variable:
            var end = text.startIndex
            while end < text.endIndex, text[end] != "/" {
                end = text.index(after: end)
                collect(pieces.dropFirst(), text[end...], &results)
            }
        }
    }
}

/// A path template such as `/videos/{jobId}` or `/files/{name}.json`.
struct PathTemplate: Sendable {
    let segments: [[Piece]]
    /// The template's variable names, in order.
    let variables: [String]
    /// The whole template when it has no variables, and the score a match of it gets (its
    /// characters other than `/`, as the segment-wise match counts them).
    let literalPath: Substring?
    let literalScore: Int
    /// Whether the template is ASCII: then `==` (canonical equivalence, with a fast path for
    /// ASCII) is byte equality, since no other text is canonically equivalent to an ASCII one.
    let isASCII: Bool

    enum Piece: Equatable, Sendable {
        case literal(String)
        case variable
    }

    init(_ template: String) {
        if let (segments, variables) = Self.parseASCII(template) {
            self.segments = segments
            self.variables = variables
            isASCII = true
            literalPath = variables.isEmpty && !template.utf8.contains(UInt8(ascii: "{")) ? Substring(template) : nil
        } else {
            let parsed = Self.parse(template)
            segments = parsed.segments
            variables = parsed.variables
            isASCII = false
            literalPath = variables.isEmpty && !template.contains("{") ? Substring(template) : nil
        }
        var literals = 0
        for byte in template.utf8 where byte != UInt8(ascii: "/") { literals += 1 }
        literalScore = literals
    }

    /// Splits a template into segments and pieces, by characters.
    private static func parse(_ template: String) -> (segments: [[Piece]], variables: [String]) {
        var variables: [String] = []
        let segments = template.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            var pieces: [Piece] = []
            var rest = Substring(segment)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
                pieces.append(.variable)
                variables.append(String(rest[rest.index(after: open)..<close]))
                rest = rest[rest.index(after: close)...]
            }
            if !rest.isEmpty || pieces.isEmpty { pieces.append(.literal(String(rest))) }
            return pieces
        }
        return (segments, variables)
    }

    /// ``parse(_:)`` over the bytes of an ASCII template (every real one), where bytes and
    /// characters are the same pieces: splitting by `Character` cost about 35,000 instructions a
    /// template (10 M for the OpenAI document's 288 operations, at every load). `nil` for other
    /// templates.
    private static func parseASCII(_ template: String) -> (segments: [[Piece]], variables: [String])? {
        var template = template
        return template.withUTF8 { bytes -> (segments: [[Piece]], variables: [String])? in
            for byte in bytes where byte >= 0x80 { return nil }
            func text(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self) }
            var segments: [[Piece]] = []
            var variables: [String] = []
            var start = 0
            while true {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "/") { end += 1 }
                var pieces: [Piece] = []
                var rest = start
                while true {
                    var open = rest
                    while open < end && bytes[open] != UInt8(ascii: "{") { open += 1 }
                    var close = open
                    while close < end && bytes[close] != UInt8(ascii: "}") { close += 1 }
                    guard close < end else { break }
                    if open > rest { pieces.append(.literal(text(rest, open))) }
                    pieces.append(.variable)
                    variables.append(text(open + 1, close))
                    rest = close + 1
                }
                if rest < end || pieces.isEmpty { pieces.append(.literal(text(rest, end))) }
                segments.append(pieces)
                guard end < bytes.count else { break }
                start = end + 1
            }
            return (segments, variables)
        }
    }

    /// The match of `path` (no query): how many literal characters matched, and the text each
    /// variable matched (still percent-encoded), in template order.
    func capture(_ path: Substring) -> (score: Int, values: [Substring])? {
        // A template without variables (`/videos`) is one comparison.
        if let literalPath {
            return (isASCII ? path == literalPath : path.hasSameBytes(as: literalPath)) ? (literalScore, []) : nil
        }
        // Segment by segment, so most templates are rejected at their first literal.
        let utf8 = path.utf8
        var score = 0
        var values: [Substring] = []
        var start = path.startIndex
        var index = 0
        while true {
            guard index < segments.count else { return nil }
            let end = utf8[start...].firstIndex(of: UInt8(ascii: "/")) ?? path.endIndex
            guard let s = Self.match(segments[index][...], path[start..<end], &values) else { return nil }
            score += s
            index += 1
            if end == path.endIndex { break }
            start = utf8.index(after: end)
        }
        return index == segments.count ? (score, values) : nil
    }

    private static func match(_ pieces: ArraySlice<Piece>, _ text: Substring, _ values: inout [Substring]) -> Int? {
        guard let first = pieces.first else { return text.isEmpty ? 0 : nil }
        switch first {
        case .literal(let l):
            guard text.utf8.starts(with: l.utf8) else { return nil }
            return match(pieces.dropFirst(), text.droppingBytes(l.utf8.count), &values).map { $0 + l.utf8.count }
        case .variable:
            // A variable matches one or more characters, never a "/" (segments are split already).
            guard !text.isEmpty else { return nil }
            if pieces.count == 1 {
                values.append(text)
                return 0
            }
            // Scalar by scalar: a literal after the variable may start with a combining mark.
            let scalars = text.unicodeScalars
            var end = scalars.index(after: scalars.startIndex)
            while true {
                let mark = values.count
                values.append(text[..<end])
                if let s = match(pieces.dropFirst(), text[end...], &values) { return s }
                values.removeSubrange(mark...)
                if end == text.endIndex { return nil }
                end = scalars.index(after: end)
            }
        }
    }
}

/// A `name=value` pair of a path key's query string (``Router/Route/query``), decoded; `value` is
/// `nil` for a name without `=`.
struct KeyQueryPair: Sendable, Equatable {
    let name: String
    let value: String?

    /// Whether a request's decoded pair is this one (any value, for a name without `=`).
    func claims(_ pair: (name: String?, value: String?)) -> Bool {
        pair.name == name && (value == nil || pair.value == value)
    }
}

/// Finds the operation a request is for: server prefix stripped, then path template and method.
struct Router: Sendable {
    struct Route: Sendable {
        let operation: Int
        let template: PathTemplate
        let prefixes: [PathPrefix]
        /// The method as a request sends it (``OpenAPIOperation/httpMethod``).
        let method: String
        /// Whether the method is a Path Item fixed field (`get`, …, `query`), which matches in any
        /// case; `additionalOperations` keys match exactly.
        let isFixedField: Bool
        /// The query pairs a path key such as `/responses?beta=true` holds (OpenAI's description
        /// has such keys beside `/responses`): a request is for this route only when its query
        /// carries each of them. Empty for the usual key.
        let query: [KeyQueryPair]

        /// Whether a request's query pairs (decoded) carry every pair of ``query``.
        func carries(_ pairs: [(name: String?, value: String?)]) -> Bool { Router.carries(query, pairs) }

        /// Whether a request with `requested` as its method is for this route's operation.
        func accepts(_ requested: String) -> Bool {
            if requested == method { return true }
            guard isFixedField, requested.utf8.count == method.utf8.count else { return false }
            return zip(requested.utf8, method.utf8).allSatisfy { a, b in
                a == b || (a >= UInt8(ascii: "a") && a <= UInt8(ascii: "z") && a - 32 == b)
            }
        }
    }

    /// The outcome of routing one request.
    enum Outcome {
        /// The operation (by index), with each path variable's raw text.
        case matched(Int, variables: [(name: String, raw: Substring)])
        /// The path matches these operations' templates, none with the request's method. A
        /// method documented only under a path key whose query the request does not carry is
        /// listed with its key: `POST under /widgets?beta=true`.
        case methodNotAllowed(template: String, allowed: [String])
        /// The path and method match only operations whose path key holds a query
        /// (`/responses?beta=true`) that the request's query does not carry: their keys.
        case queryNotCarried(keys: [String])
        /// No template matches.
        case noMatch
    }

    let routes: [Route]

    init(operations: [OpenAPIOperation]) {
        var cache: [String: [PathPrefix]] = [:]
        let routes = operations.indices.compactMap { i -> Route? in
            let op = operations[i]
            guard !op.isWebhook else { return nil }
            let key = op.servers.map(\.url).joined(separator: "\n")
            let prefixes =
                cache[key]
                ?? {
                    let made = op.servers.isEmpty ? [PathPrefix(template: "")] : op.servers.map(\.pathPrefix)
                    cache[key] = made
                    return made
                }()
            return Route(
                operation: i, template: PathTemplate(Self.splitKey(op.path).path), prefixes: prefixes, method: op.httpMethod,
                isFixedField: OpenAPIOperation.methods.contains(op.method), query: op.pathKeyQuery)
        }
        self.routes = routes
        routesCarryQueries = routes.contains { !$0.query.isEmpty }
    }

    /// Whether a route's path key holds a query string (then a request's query is read to route it).
    let routesCarryQueries: Bool

    /// Whether decoded query `pairs` carry every pair of a key's `query`.
    static func carries(_ query: [KeyQueryPair], _ pairs: [(name: String?, value: String?)]) -> Bool {
        query.allSatisfy { fixed in pairs.contains { fixed.claims($0) } }
    }

    /// The decoded pairs of a query string (still encoded), as ``carries(_:_:)`` compares them.
    static func decodedPairs(_ query: Substring?) -> [(name: String?, value: String?)] {
        QueryPair.split(query ?? "").map { ($0.name, $0.rawValue.flatMap { formDecode($0, plusIsSpace: true) }) }
    }

    /// How well the path key `key` (a template, perhaps with a query string) fits `path` (no
    /// query) with the decoded query `pairs`, ranked as routing ranks routes (servers aside);
    /// `nil` when it does not fit.
    static func fit(of key: String, path: Substring, pairs: [(name: String?, value: String?)]) -> Int? {
        let (template, query) = splitKey(key)
        guard let score = PathTemplate(template).capture(path)?.score, carries(query, pairs) else { return nil }
        return score * 16 + min(query.count, 15)
    }

    /// What a miss says when `method` is documented for a request's path only under path keys
    /// holding a query its query does not carry: `POST on this path is documented only under
    /// path keys with a query: /jobs?beta=true (needs beta=true)`. The pairs are shown as the
    /// keys write them; the request's own query is not (it may hold credentials).
    static func onlyUnderQueryKeys(method: String, keys: [String]) -> String {
        let listed = keys.prefix(3).map { "\($0) (needs \(keyQueryText($0)))" }
        return
            "\(method) on this path is documented only under path keys with a query: \(listed.joined(separator: ", "))\(keys.count > 3 ? ", …" : "")"
    }

    /// The pairs a path key's query holds, as the key writes them: `beta=true and preview` for
    /// `/jobs?beta=true&preview` (not decoded, so that `a+b` reads as written).
    static func keyQueryText(_ key: String) -> String {
        let query = key.utf8.firstIndex(of: UInt8(ascii: "?")).map { key[key.utf8.index(after: $0)...] } ?? ""
        return query.split(separator: "&").joined(separator: " and ")
    }

    /// A path key split at its `?`: the path template, and the decoded `name=value` pairs after
    /// it (a pair without `=` asks for the name with any value).
    static func splitKey(_ key: String) -> (path: String, query: [KeyQueryPair]) {
        guard let mark = key.utf8.firstIndex(of: UInt8(ascii: "?")) else { return (key, []) }
        let query = QueryPair.split(key[key.utf8.index(after: mark)...]).compactMap { pair -> KeyQueryPair? in
            guard let name = pair.name else { return nil }
            return KeyQueryPair(name: name, value: pair.rawValue.map { formDecode($0, plusIsSpace: true) ?? String($0) })
        }
        return (String(key[..<mark]), query)
    }

    /// Routes `method` on `path` (percent-encoded, no query) with the query string `query`.
    /// - Parameters:
    ///   - query: The request's query string (still encoded), for routes whose path key holds
    ///     one (``Route/query``).
    ///   - basePath: Used instead of every `servers` prefix when given.
    ///   - allowUnprefixed: Also match the path as it is, for requests given as a bare path.
    func route(
        method: String, path: Substring, query: Substring?, basePath: String?, allowUnprefixed: Bool, operations: [OpenAPIOperation]
    ) -> Outcome {
        let explicit = basePath.map { [PathPrefix(template: String($0.reversed().drop { $0 == "/" }.reversed()))] }
        var best: (route: Int, score: Int, values: [Substring])?
        var pathOnly: [(template: String, method: String)] = []
        var pathOnlyUnderQuery: [(key: String, method: String)] = []
        var queryOnly: [String] = []
        let pairs = routesCarryQueries ? Self.decodedPairs(query) : []
        // Routes by index, so that none is copied.
        func consider(_ r: Int, _ rest: Substring, _ prefixScore: Int) {
            guard let (score, values) = routes[r].template.capture(rest) else { return }
            let carried = routes[r].query.isEmpty || routes[r].carries(pairs)
            guard routes[r].accepts(method) else {
                let op = operations[routes[r].operation]
                if carried { pathOnly.append((op.path, op.httpMethod)) } else { pathOnlyUnderQuery.append((op.path, op.httpMethod)) }
                return
            }
            guard carried else {
                let key = operations[routes[r].operation].path
                if !queryOnly.contains(key) { queryOnly.append(key) }
                return
            }
            // Concrete paths before templated ones, then the key whose query the request carries
            // (`/responses?beta=true` before `/responses`), then the most specific server.
            let total = (score * 16 + min(routes[r].query.count, 15)) * 4096 + prefixScore
            if best == nil || total > best!.score { best = (r, total, values) }
        }
        for r in routes.indices {
            for prefix in explicit ?? routes[r].prefixes {
                if let literal = prefix.literal {
                    // A server path without variables (the usual case): one remainder, found in place.
                    guard path.hasBytePrefix(literal) else { continue }
                    let rest = path.droppingBytes(literal.utf8.count)
                    if rest.isEmpty {
                        consider(r, "/", prefix.literalCount)
                    } else if rest.utf8.first == UInt8(ascii: "/") {
                        consider(r, rest, prefix.literalCount)
                    }
                } else {
                    for rest in prefix.remainders(of: path) { consider(r, rest, prefix.literalCount) }
                }
            }
            if allowUnprefixed { consider(r, path, 0) }
        }
        if let best {
            let route = routes[best.route]
            if route.template.variables.isEmpty { return .matched(route.operation, variables: []) }
            return .matched(route.operation, variables: zip(route.template.variables, best.values).map { ($0, $1) })
        }
        if !queryOnly.isEmpty { return .queryNotCarried(keys: queryOnly) }
        // The methods documented for the path, those only under a key with a query the request
        // does not carry named with their key (`GET /widgets` where only `POST
        // /widgets?beta=true` is documented is the wrong method, not an unknown path).
        guard let template = pathOnly.first?.template ?? pathOnlyUnderQuery.first.map({ Self.splitKey($0.key).path }) else {
            return .noMatch
        }
        var allowed: [String] = []
        for entry in pathOnly where entry.template == template && !allowed.contains(entry.method) { allowed.append(entry.method) }
        for entry in pathOnlyUnderQuery where Self.splitKey(entry.key).path == template {
            let shown = "\(entry.method) under \(entry.key)"
            if !allowed.contains(shown) { allowed.append(shown) }
        }
        return .methodNotAllowed(template: template, allowed: allowed)
    }

    /// The path variables of `path` under operation `index`'s template, with any server prefix
    /// stripped; `nil` when the path does not match that template.
    func variables(of index: Int, path: Substring, basePath: String?, allowUnprefixed: Bool) -> [(name: String, raw: Substring)]? {
        guard let route = routes.first(where: { $0.operation == index }) else { return nil }
        let explicit = basePath.map { [PathPrefix(template: String($0.reversed().drop { $0 == "/" }.reversed()))] }
        var candidates = (explicit ?? route.prefixes).flatMap { $0.remainders(of: path) }
        if allowUnprefixed { candidates.append(path) }
        for rest in candidates {
            if let (_, values) = route.template.capture(rest) { return zip(route.template.variables, values).map { ($0, $1) } }
        }
        return nil
    }
}

extension Substring {
    /// Whether the text starts with the bytes of `prefix` (compared as bytes, in place).
    @inline(__always)
    func hasBytePrefix(_ prefix: String) -> Bool {
        let count = prefix.utf8.count
        guard utf8.count >= count else { return false }
        if count == 0 { return true }
        let fast = utf8.withContiguousStorageIfAvailable { mine in
            prefix.utf8.withContiguousStorageIfAvailable { theirs in
                memcmp(mine.baseAddress!, theirs.baseAddress!, count) == 0
            }
        }
        return (fast ?? nil) ?? utf8.starts(with: prefix.utf8)
    }

    /// Whether the two texts are the same bytes (URL paths compare byte for byte: `==` on strings
    /// would take `é` and `e` with a combining acute as equal).
    @inline(__always)
    func hasSameBytes(as other: Substring) -> Bool {
        let count = utf8.count
        guard other.utf8.count == count else { return false }
        if count == 0 { return true }
        let fast = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                memcmp(mine.baseAddress!, theirs.baseAddress!, count) == 0
            }
        }
        return (fast ?? nil) ?? utf8.elementsEqual(other.utf8)
    }

    /// Without its first `count` bytes (which end on a character boundary: they are a prefix
    /// matched byte for byte).
    @inline(__always)
    func droppingBytes(_ count: Int) -> Substring {
        self[utf8.index(startIndex, offsetBy: count)...]
    }
}
