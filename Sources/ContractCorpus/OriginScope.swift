import OpenAPIContract

/// Which recorded requests are traffic of the contract's API, told by their origin (scheme, host
/// and port, RFC 6454 §4): a browser's "Save all as HAR" also holds the page, its scripts, fonts,
/// CDNs and analytics, which no operation describes.
///
/// ```swift
/// let scope = OriginScope(servers: contract)               // the origins of the servers in force
/// switch scope.decide("https://cdn.example.net/app.js") {
/// case .skip: break                                         // another origin: not API traffic
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
/// A bare path (no origin) is always checked; a URL with a scheme and no host (`data:`, `blob:`)
/// is skipped unless every origin is checked.
public struct OriginScope: Sendable {
    /// What to do with one request.
    public enum Decision: Sendable, Equatable {
        /// Check it; with the base path of the `--origin` URL it matched, when that has one.
        case check(basePath: String?)
        /// Its origin is not one of the API's.
        case skip
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
    }

    /// `nil` when every origin is checked.
    let patterns: [Pattern]?
    /// The URLs the origins come from, for messages (`https://api.example.com/v1`).
    public let origins: [String]

    /// Every origin is checked.
    public static let all = OriginScope(patterns: nil, origins: [])

    init(patterns: [Pattern]?, origins: [String]) {
        self.patterns = patterns
        self.origins = origins
    }

    /// Whether every request is checked (``all``, or servers that name no origin).
    public var checksEveryOrigin: Bool { patterns == nil }

    /// The origins of the servers in force for `document`'s operations (webhooks aside).
    public init(servers document: OpenAPIDocument) {
        var urls: [String] = []
        var seen = Set<String>()
        var patterns: [Pattern] = []
        let base = document.root["$self"]?.stringValue.flatMap { Self.origin(of: $0) }
        for op in document.operations where !op.isWebhook {
            for server in op.servers where seen.insert(server.url).inserted {
                guard let pattern = Self.pattern(server, base: base) else {
                    // A relative server without an absolute `$self`: any origin may serve it.
                    self.init(patterns: nil, origins: [])
                    return
                }
                urls.append(server.url)
                patterns.append(pattern)
            }
        }
        self.init(patterns: patterns.isEmpty ? nil : patterns, origins: urls)
    }

    /// Exactly the origins of `urls` (`https://staging.example.com`, or a base URL with a path).
    /// - Throws: ``InvalidOrigin`` naming a value that is not an absolute `http`/`https` URL with a
    ///   host and no query or fragment.
    public init(origins urls: [String]) throws(InvalidOrigin) {
        var patterns: [Pattern] = []
        for url in urls {
            guard let origin = Self.origin(of: url), origin.hasPrefix("http://") || origin.hasPrefix("https://"),
                !url.contains("?"), !url.contains("#")
            else { throw InvalidOrigin(value: url) }
            let path = Self.path(of: url)
            patterns.append(Pattern(pieces: [.literal(origin)], basePath: path.isEmpty ? nil : path))
        }
        self.init(patterns: patterns, origins: urls)
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
        guard let patterns else { return .check(basePath: nil) }
        guard let origin = Self.origin(of: url) else { return Self.hasScheme(url) ? .skip : .check(basePath: nil) }
        for pattern in patterns where Self.matches(pattern.pieces, origin) {
            return .check(basePath: pattern.basePath)
        }
        // `https://h` also as `https://h:443`, so a template with a `{port}` variable matches.
        if let port = Self.defaultPort(origin) {
            let explicit = origin + ":" + port
            for pattern in patterns where Self.matches(pattern.pieces, explicit) { return .check(basePath: pattern.basePath) }
        }
        return .skip
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
