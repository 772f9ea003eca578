import OpenAPIContract

/// Which recorded requests are traffic of the contract's API, told by their origin (scheme, host
/// and port, RFC 6454 §4) and their path: a browser's "Save all as HAR" also holds the page, its
/// scripts, fonts, CDNs and analytics, which no operation describes, some of them served by the
/// API's own host outside its base path (`/`, `/_next/static/…`, `/favicon.ico` beside `/api/v1`).
///
/// ```swift
/// let scope = OriginScope(servers: contract)               // the origins of the servers in force
/// switch scope.decide("https://cdn.example.net/app.js") {
/// case .skip: break                                         // another origin: not API traffic
/// case .outsideBasePath(let basePaths): break               // the API's origin, not under its base path
/// case .check(let basePath): …                              // check it (basePath from an --origin URL)
/// }
/// ```
///
/// - **Servers** (``init(servers:)``): the Server Objects in force for the operations
///   (OpenAPI 3.1.1 §4.8.5; the operation's, else the Path Item's, else the document's). A server
///   URL's `{variables}` take one of their `enum` values, or any text when they have none
///   (§4.8.6; the `default` is one such text). Schemes and hosts compare without case, and a
///   default port (`:443` for `https`, `:80` for `http`) equals no port. A relative server URL
///   (`/v1`, `./api`, or the `/` a document without `servers` has) is resolved against the
///   document's `$self` (OpenAPI 3.2.0 §4.8.5.1) when that is an absolute `http(s)` URL; otherwise
///   the document's location is a local file, which names no origin, so every origin may be the
///   API's and every request is checked (by path only, as before origins were compared).
/// - **Origins given** (``init(origins:)``, `--origin`): exactly those origins, instead of the
///   servers'. A base URL with a path (`https://staging.example.com/api/v1`) also gives the base
///   path its requests are checked under.
/// - **Every origin** (``all``, `--all-origins`): nothing is skipped.
///
/// A request to a checked origin is then checked only when its path is under one of the base
/// paths that apply to it (``Decision/outsideBasePath(_:)``), at a segment boundary (`/api/v1`
/// holds `/api/v1`, `/api/v1/` and `/api/v1/pets`, not `/api/v10`): the `basePath` given
/// (`--base-path`; `/` holds every path), else the path of the `--origin` URL it matched, else the
/// paths of the servers with its origin (every server's when the origins were given without a
/// path, or when the servers name no origin). A server without a path (or `/`), or whose URL is a
/// relative path reference (`./v1`, `v1`: its path depends on where the document is served), holds
/// every path.
///
/// A bare path (no origin) is always checked; a URL with a scheme and no host (`data:`, `blob:`)
/// is skipped unless every origin is checked.
public struct OriginScope: Sendable {
    /// What to do with one request.
    public enum Decision: Sendable, Equatable {
        /// Check it; with the base path of the `--origin` URL it matched, when that has one.
        case check(basePath: String?)
        /// Its origin is not one of the API's.
        case skip
        /// Its origin is one of the API's, but its path is under none of the base paths that apply
        /// to it, listed here (distinct, at most 3, `{variables}` unexpanded: `["/api/v1"]`).
        case outsideBasePath([String])
    }

    /// A server URL's `scheme://authority`, lower-cased, as a template.
    struct Pattern: Sendable {
        enum Piece: Sendable {
            case literal(String)
            /// Allowed values (lower-cased); empty means any text.
            case variable([String])
        }
        let pieces: [Piece]
        /// The base path given with an `--origin` URL.
        let basePath: String?
        /// The servers the template comes from, whose paths are the base paths of its requests;
        /// `nil` for an `--origin` URL (its path, else every server's, is the base path).
        var servers: [ServerPath]? = nil
    }

    /// A server and its base path, read once.
    struct ServerPath: Sendable {
        let server: Server
        /// ``OpenAPIContract/Server/pathTemplate``; `nil` for a relative path reference (`./v1`,
        /// `v1`), resolved against where the document is served, which is not known: any path.
        let template: String?

        init(_ server: Server) {
            self.server = server
            template = !server.url.contains("://") && !server.url.hasPrefix("/") ? nil : server.pathTemplate
        }

        /// Whether `path` is under the base path (a template without variables is compared as is).
        func contains(_ path: Substring) -> Bool {
            guard let template else { return true }
            return template.contains("{") ? server.basePathContains(path) : OriginScope.contains(template, path)
        }
    }

    /// `nil` when every origin is checked.
    let patterns: [Pattern]?
    /// The URLs the origins come from, for messages (`https://api.example.com/v1`).
    public let origins: [String]
    /// The servers in force, whose paths are the base paths of the requests to an origin given
    /// without a path, or to any origin when the servers name none; empty: no path is compared.
    let servers: [ServerPath]
    /// The base path that replaces every other (`--base-path`), without its trailing `/`.
    let basePath: String?

    /// Every origin and every path is checked.
    public static let all = OriginScope(patterns: nil, origins: [])

    init(patterns: [Pattern]?, origins: [String], servers: [Server] = [], basePath: String? = nil) {
        self.patterns = patterns
        self.origins = origins
        self.servers = servers.map(ServerPath.init)
        self.basePath = basePath.map { String($0.reversed().drop { $0 == "/" }.reversed()) }
    }

    /// Whether every request is checked (``all``, or servers that name no origin).
    public var checksEveryOrigin: Bool { patterns == nil }

    /// The origins of the servers in force for `document`'s operations (webhooks aside), each
    /// with the base paths of its servers.
    /// - Parameters:
    ///   - document: The contract.
    ///   - basePath: The path the API is served under (`--base-path`), replacing the servers'
    ///     paths when deciding which requests to a checked origin are checked (`/`: all of them).
    public init(servers document: OpenAPIDocument, basePath: String? = nil) {
        var urls: [String] = []
        var patterns: [Pattern]? = []
        let servers = Self.servers(of: document)
        let base = document.root["$self"]?.stringValue.flatMap { Self.origin(of: $0) }
        for server in servers {
            guard patterns != nil, var pattern = Self.pattern(server, base: base) else {
                // A relative server without an absolute `$self`: any origin may serve it.
                patterns = nil
                continue
            }
            pattern.servers = [ServerPath(server)]
            urls.append(server.url)
            patterns?.append(pattern)
        }
        if patterns?.isEmpty == true { patterns = nil }
        self.init(patterns: patterns, origins: patterns == nil ? [] : urls, servers: servers, basePath: basePath)
    }

    /// Exactly the origins of `urls` (`https://staging.example.com`, or a base URL with a path).
    /// - Parameters:
    ///   - urls: The origins or base URLs (`--origin`).
    ///   - document: The contract, whose servers' paths are the base paths of the requests to an
    ///     origin given without a path; without it, such requests are checked whatever their path.
    ///   - basePath: The path the API is served under (`--base-path`), replacing the paths of
    ///     `urls` and of the servers when deciding which requests are checked (`/`: all of them).
    /// - Throws: ``InvalidOrigin`` naming a value that is not an absolute `http`/`https` URL with a
    ///   host and no query or fragment.
    public init(origins urls: [String], servers document: OpenAPIDocument? = nil, basePath: String? = nil) throws(InvalidOrigin) {
        var patterns: [Pattern] = []
        for url in urls {
            guard let origin = Self.origin(of: url), origin.hasPrefix("http://") || origin.hasPrefix("https://"),
                !url.contains("?"), !url.contains("#")
            else { throw InvalidOrigin(value: url) }
            let path = Self.path(of: url)
            patterns.append(Pattern(pieces: [.literal(origin)], basePath: path.isEmpty ? nil : path))
        }
        self.init(patterns: patterns, origins: urls, servers: document.map(Self.servers) ?? [], basePath: basePath)
    }

    /// The servers in force for `document`'s operations (webhooks aside), each URL once, in order.
    static func servers(of document: OpenAPIDocument) -> [Server] {
        var seen = Set<String>()
        var servers: [Server] = []
        for op in document.operations where !op.isWebhook {
            for server in op.servers where seen.insert(server.url).inserted { servers.append(server) }
        }
        return servers
    }

    /// A value given as an origin that is not one.
    public struct InvalidOrigin: Error, Sendable, CustomStringConvertible {
        /// The value as given.
        public let value: String
        /// What is wrong with the value, naming the forms accepted.
        public var description: String {
            "\(value) is not an origin or base URL (expected http:// or https://, a host, an optional port and path, no query)"
        }
    }

    /// Whether the request to `url` (absolute, or a bare path) is checked. A URL with a scheme but
    /// no host (`data:`, `blob:`, `about:`) is another origin's unless every origin is checked.
    public func decide(_ url: String) -> Decision {
        guard let patterns else {
            // Every origin (a bare path is checked as written, with and without base paths).
            guard Self.origin(of: url) != nil else { return .check(basePath: nil) }
            var outside = BasePaths()
            return within(Self.requestPath(of: url), servers: servers, &outside) ? .check(basePath: nil) : .outsideBasePath(outside.paths)
        }
        guard let origin = Self.origin(of: url) else { return Self.hasScheme(url) ? .skip : .check(basePath: nil) }
        var matched = false
        var outside = BasePaths()
        let path = Self.requestPath(of: url)
        for pattern in patterns where Self.matches(pattern.pieces, origin) {
            matched = true
            if let decision = place(path, pattern, &outside) { return decision }
        }
        // `https://h` also as `https://h:443`, so a template with a `{port}` variable matches.
        if let port = Self.defaultPort(origin) {
            let explicit = origin + ":" + port
            for pattern in patterns where Self.matches(pattern.pieces, explicit) {
                matched = true
                if let decision = place(path, pattern, &outside) { return decision }
            }
        }
        return matched ? .outsideBasePath(outside.paths) : .skip
    }

    // MARK: - Base paths

    /// The distinct base paths a request missed, the first 3 kept.
    struct BasePaths {
        var paths: [String] = []
        mutating func add(_ path: String) {
            if paths.count < 3, !paths.contains(path) { paths.append(path) }
        }
    }

    /// `.check` when `path` is under a base path of `pattern` (an origin it matched), else `nil`
    /// with the base paths it missed added to `outside`.
    private func place(_ path: Substring, _ pattern: Pattern, _ outside: inout BasePaths) -> Decision? {
        if basePath == nil, let given = pattern.basePath {
            if Self.contains(given, path) { return .check(basePath: given) }
            outside.add(given)
            return nil
        }
        return within(path, servers: pattern.servers ?? servers, &outside) ? .check(basePath: pattern.basePath) : nil
    }

    /// Whether `path` is under `basePath` (`--base-path`) or, without it, under one of the paths of
    /// `servers` (no server: no path to compare); the paths missed are added to `outside`.
    private func within(_ path: Substring, servers: [ServerPath], _ outside: inout BasePaths) -> Bool {
        if let basePath {
            if Self.contains(basePath, path) { return true }
            outside.add(basePath)
            return false
        }
        if servers.isEmpty { return true }
        for server in servers {
            if server.contains(path) { return true }
            outside.add(server.template ?? "")
        }
        return false
    }

    /// Whether `path` is `base` or below it (`base` without a trailing `/`; `""` holds every path).
    static func contains(_ base: String, _ path: Substring) -> Bool {
        guard path.utf8.starts(with: base.utf8) else { return false }
        let rest = path.utf8.dropFirst(base.utf8.count)
        return rest.isEmpty || rest.first == UInt8(ascii: "/")
    }

    /// The path of an absolute URL as sent, without query or fragment (`/` when it has none).
    static func requestPath(of url: String) -> Substring {
        // One pass over the bytes after `://` (every delimiter is ASCII).
        let bytes = url.utf8
        var i = bytes.startIndex
        var slashes = 0
        while i < bytes.endIndex, slashes < 2 {
            slashes = bytes[i] == UInt8(ascii: "/") ? slashes + 1 : 0
            i = bytes.index(after: i)
        }
        while i < bytes.endIndex, bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: "?"), bytes[i] != UInt8(ascii: "#") {
            i = bytes.index(after: i)
        }
        let start = i
        while i < bytes.endIndex, bytes[i] != UInt8(ascii: "?"), bytes[i] != UInt8(ascii: "#") { i = bytes.index(after: i) }
        return start == i ? "/" : Substring(bytes[start..<i])
    }

    // MARK: - URLs

    /// Whether `url` starts with a scheme (RFC 3986 §3.1: a letter, then letters, digits, `+`, `-`,
    /// `.`, then `:`).
    static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":"), let first = url.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic
        else { return false }
        return url[..<colon].unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || "0123456789+-.".unicodeScalars.contains($0))
        }
    }

    /// `scheme://host[:port]` of an absolute URL, lower-cased, without user information or a
    /// default port; `nil` without `scheme://` or a host.
    static func origin(of url: String) -> String? {
        // One pass over the bytes (every delimiter is ASCII): scheme (RFC 3986 §3.1), `://`, then
        // the authority up to `/`, `?` or `#`, user information dropped.
        let bytes = url.utf8
        var i = bytes.startIndex
        guard i < bytes.endIndex, isLetter(bytes[i]) else { return nil }
        while i < bytes.endIndex, isLetter(bytes[i]) || isDigit(bytes[i]) || "+-.".utf8.contains(bytes[i]) { i = bytes.index(after: i) }
        let schemeEnd = i
        guard bytes[i...].starts(with: "://".utf8) else { return nil }
        i = bytes.index(i, offsetBy: 3)
        var hostStart = i
        while i < bytes.endIndex, bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: "?"), bytes[i] != UInt8(ascii: "#") {
            if bytes[i] == UInt8(ascii: "@") { hostStart = bytes.index(after: i) }
            i = bytes.index(after: i)
        }
        guard hostStart < i else { return nil }
        let origin = String(url[..<schemeEnd]) + "://" + String(url[hostStart..<i])
        return normalized(
            origin.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") || $0 >= 0x80 }) ? origin.lowercased() : origin
        )
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// The path of an absolute URL without its trailing `/` (`""` for none or `/`).
    static func path(of url: String) -> String {
        guard let separator = url.range(of: "://") else { return "" }
        let rest = url[separator.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "" }
        var path = rest[slash...]
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        while path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    /// `origin` without a default port (`https://h:443` is `https://h`).
    static func normalized(_ origin: String) -> String {
        if origin.hasSuffix(":443"), origin.hasPrefix("https://") || origin.hasPrefix("wss://") { return String(origin.dropLast(4)) }
        if origin.hasSuffix(":80"), origin.hasPrefix("http://") || origin.hasPrefix("ws://") { return String(origin.dropLast(3)) }
        return origin
    }

    /// The default port of a port-less origin's scheme.
    static func defaultPort(_ origin: String) -> String? {
        let authority = origin[origin.range(of: "://")!.upperBound...]
        // `[::1]` holds colons; a port follows the closing bracket.
        let hostEnd = authority.lastIndex(of: "]") ?? authority.startIndex
        guard !authority[hostEnd...].contains(":") else { return nil }
        if origin.hasPrefix("https://") || origin.hasPrefix("wss://") { return "443" }
        if origin.hasPrefix("http://") || origin.hasPrefix("ws://") { return "80" }
        return nil
    }

    /// The origin template of `server`; `nil` when its URL is relative and `base` (the origin of
    /// an absolute `$self`) is `nil`.
    static func pattern(_ server: Server, base: String?) -> Pattern? {
        let url = server.url
        let end: String.Index
        if let separator = url.range(of: "://"), !url[..<separator.lowerBound].contains("/") {
            let rest = url[separator.upperBound...]
            end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? url.endIndex
        } else if let base {
            // Relative (a network-path reference `//host` takes the base's scheme).
            if url.hasPrefix("//") {
                let scheme = base[..<base.range(of: "://")!.lowerBound]
                let rest = url.dropFirst(2)
                let host = rest[..<(rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex)]
                return pattern(template: scheme + "://" + host, variables: server.variables)
            }
            return Pattern(pieces: [.literal(base)], basePath: nil)
        } else {
            return nil
        }
        return pattern(template: String(url[..<end]), variables: server.variables)
    }

    /// `template` (`https://{env}.example.com:{port}`) split into literals and variables.
    static func pattern(template: String, variables: [String: Server.Variable]) -> Pattern {
        var text = template
        // User information names no origin.
        if let separator = text.range(of: "://"), let at = text[separator.upperBound...].lastIndex(of: "@") {
            text.removeSubrange(separator.upperBound...at)
        }
        var pieces: [Pattern.Piece] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.literal(rest[..<open].lowercased())) }
            let name = String(rest[rest.index(after: open)..<close])
            pieces.append(.variable(variables[name]?.allowedValues.map { $0.lowercased() } ?? []))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.literal(rest.lowercased())) }
        return Pattern(pieces: pieces, basePath: nil)
    }

    /// Whether `pieces` match all of `text`. Every (piece, offset) pair is tried at most once, so
    /// a template of many variables costs pieces × length², never exponential time; an authority
    /// longer than any host name matches no template with variables.
    static func matches(_ pieces: [Pattern.Piece], _ text: String) -> Bool {
        if pieces.count == 1, case .literal(let literal) = pieces[0] { return literal == text }
        let bytes = Array(text.utf8)
        guard bytes.count <= 1024 else { return false }
        var failed = Set<Int>()
        func match(_ piece: Int, _ offset: Int) -> Bool {
            if piece == pieces.count { return offset == bytes.count }
            let key = piece * (bytes.count + 1) + offset
            if failed.contains(key) { return false }
            let rest = bytes[offset...]
            switch pieces[piece] {
            case .literal(let literal):
                if rest.starts(with: literal.utf8), match(piece + 1, offset + literal.utf8.count) { return true }
            case .variable(let allowed) where !allowed.isEmpty:
                for value in allowed where rest.starts(with: value.utf8) {
                    if match(piece + 1, offset + value.utf8.count) { return true }
                }
            case .variable:
                var end = offset + 1
                while end <= bytes.count {
                    if match(piece + 1, end) { return true }
                    end += 1
                }
            }
            failed.insert(key)
            return false
        }
        return match(0, 0)
    }
}
