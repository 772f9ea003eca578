import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource

/// One HTTP exchange as recorded or written down: a request and, when one came back, its
/// response. HAR entries (``HARArchive``) and exchange fixtures (``ExchangeFixture``) both read
/// into this form, and ``check(against:operation:options:)`` checks it against a contract.
public struct RecordedExchange: Sendable {
    /// A request as sent.
    public struct Request: Sendable {
        /// The method as sent (`POST`).
        public var method: String
        /// An absolute URL or a path with its query (`/api/v1/videos?x=1`).
        public var url: String
        /// Header fields in order, names in any case.
        public var headers: [(name: String, value: String)]
        /// The body bytes; `nil` when there is none.
        public var body: [UInt8]?
        /// Whether a body was sent but not recorded (a HAR `bodySize` above 0 with no `postData`).
        public var bodyNotRecorded: Bool

        /// Creates a request.
        public init(
            method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil, bodyNotRecorded: Bool = false
        ) {
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
            self.bodyNotRecorded = bodyNotRecorded
        }
    }

    /// A response as received.
    public struct Response: Sendable {
        /// The status code.
        public var status: Int
        /// Header fields in order, names in any case.
        public var headers: [(name: String, value: String)]
        /// The body bytes; `nil` when there is none.
        public var body: [UInt8]?
        /// Whether a body came back but was not recorded (HAR `content.size` above 0, no `text`).
        public var bodyNotRecorded: Bool

        /// Creates a response.
        public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil, bodyNotRecorded: Bool = false) {
            self.status = status
            self.headers = headers
            self.body = body
            self.bodyNotRecorded = bodyNotRecorded
        }
    }

    /// The request.
    public var request: Request
    /// The response; `nil` when none came back (a HAR entry with `status: 0`) or the fixture
    /// checks a request only.
    public var response: Response?
    /// Where the exchange is written (the HAR entry, the fixture's root).
    public var location: SourceLocation
    /// Where parts of the exchange are written, by instance-location prefix: `/request/body` (a
    /// HAR entry's `postData.text`), `/response` (its `response` object), `/response/body` (its
    /// `content.text`)… See ``position(of:)``.
    public var partLocations: [String: SourceLocation] = [:]
    /// Parts written as located values (an exchange fixture's `body` mapping), by the same
    /// prefixes: a finding inside one is located at its own value (``position(of:)``).
    public var partTrees: [String: JSONValue] = [:]

    /// Creates an exchange.
    public init(request: Request, response: Response? = nil, location: SourceLocation = .unknown) {
        self.request = request
        self.response = response
        self.location = location
    }

    /// Whether the request is a CORS preflight: an `OPTIONS` request with an
    /// `Access-Control-Request-Method` header field, which a browser sends on its own before a
    /// cross-origin request (Fetch Standard §4.8, "CORS-preflight fetch"). The method compares
    /// without case, as browsers normalise it (Fetch §2.2.1), and so does the field name.
    public var isCORSPreflight: Bool {
        request.method.uppercased() == "OPTIONS" && request.headers.contains { $0.name.lowercased() == "access-control-request-method" }
    }

    /// Where the finding at `instanceLocation` (`/request/body/prompt`, `/response/status`) is
    /// written in the recording: the part of ``partLocations`` with the longest prefix of it
    /// (whole path segments), else the exchange's ``location``; `nil` when that is unknown too.
    /// A body is text inside the recording, so a finding inside it is located at that text; a
    /// body written as a value (``partTrees``) at the value itself.
    public func position(of instanceLocation: String) -> SourceLocation? {
        for (prefix, tree) in partTrees where instanceLocation == prefix || instanceLocation.hasPrefix(prefix + "/") {
            if let found = InstancePosition.location(of: String(instanceLocation.dropFirst(prefix.count)), in: tree) { return found }
        }
        var best: (length: Int, location: SourceLocation)?
        for (prefix, location) in partLocations where location.isKnown && prefix.utf8.count > best?.length ?? -1 {
            if instanceLocation == prefix || instanceLocation.hasPrefix(prefix + "/") { best = (prefix.utf8.count, location) }
        }
        return best?.location ?? (location.isKnown ? location : nil)
    }

    /// Checks the request, then the response (when there is one and the request matched an
    /// operation), against `document`.
    ///
    /// The result holds the findings of both: request findings under `/request`, response
    /// findings under `/response` (see ``OpenAPIContract/ExchangeResult``). A request that matches
    /// no operation gives its one `/request` error and the response is not checked. A body that
    /// was sent but not recorded is listed as unchecked instead of being reported missing.
    /// - Parameters:
    ///   - document: The contract.
    ///   - operation: An `operationId` or `"METHOD /path"` to check against instead of finding
    ///     the operation from the request.
    ///   - options: Strictness and base path.
    /// - Throws: ``OpenAPIContract/ContractError`` when `operation` names no operation or a schema
    ///   compiled on demand is invalid: no verdict.
    public func check(against document: OpenAPIDocument, operation: String? = nil, options: ExchangeOptions = ExchangeOptions())
        throws(ContractError) -> ExchangeResult
    {
        var result = try document.validateRequest(
            method: request.method, url: request.url, headers: request.headers,
            body: request.body, operation: operation, options: options)
        if request.bodyNotRecorded { Self.notRecorded(&result, at: "/request/body", source: location) }
        guard let response, result.operation != nil else { return locating(result) }
        var reply = try document.validateResponse(
            status: response.status, headers: response.headers, body: response.body,
            method: request.method, url: request.url, operation: operation, options: options)
        if response.bodyNotRecorded { Self.notRecorded(&reply, at: "/response/body", source: location) }
        result.errors += reply.errors
        result.warnings += reply.warnings
        result.unchecked += reply.unchecked
        return locating(result)
    }

    /// `result` with ``SchemaValidation/SchemaViolation/instancePosition`` set, where it is not, to
    /// ``position(of:)``.
    private func locating(_ result: ExchangeResult) -> ExchangeResult {
        var result = result
        for i in result.errors.indices where result.errors[i].instancePosition == nil {
            result.errors[i].instancePosition = position(of: result.errors[i].instanceLocation)
        }
        for i in result.warnings.indices where result.warnings[i].instancePosition == nil {
            result.warnings[i].instancePosition = position(of: result.warnings[i].instanceLocation)
        }
        for i in result.unchecked.indices where result.unchecked[i].instancePosition == nil {
            result.unchecked[i].instancePosition = position(of: result.unchecked[i].instanceLocation)
        }
        return result
    }

    /// Drops the "body is required" error a missing recording causes and says the body was not
    /// checked.
    private static func notRecorded(_ result: inout ExchangeResult, at location: String, source: SourceLocation) {
        result.errors.removeAll { $0.instanceLocation == location && $0.keyword == "required" }
        result.unchecked.append(
            SchemaViolation(
                instanceLocation: location, keywordLocation: "", absoluteKeywordLocation: "", source: source,
                keyword: "content", message: "the body was sent but the recording does not hold it"))
    }

    /// The request URL for reports, with credentials replaced by `REDACTED`: the user
    /// information of an absolute URL (`https://user:secret@host/`), the values of query
    /// parameters that are API keys of `document`'s security schemes, and the values of query
    /// parameters whose names look like credentials (``CredentialLikeName``: `access_token`,
    /// `sig`, `password`…), declared or not.
    public func displayURL(for document: OpenAPIDocument?) -> String {
        Self.displayURL(request.url, for: document)
    }

    /// `url` with credentials replaced by `REDACTED`, as ``displayURL(for:)`` shows it.
    public static func displayURL(_ url: String, for document: OpenAPIDocument?) -> String {
        var queryKeys = Set<String>()
        for scheme in document?.securitySchemes.values.map(\.kind) ?? [] {
            if case .apiKey(let name, .query)? = scheme { queryKeys.insert(name) }
        }
        return redacted(url, queryKeys: queryKeys)
    }

    /// `url` with its user information and the values of the query parameters named in
    /// `queryKeys` or named like a credential (``CredentialLikeName``; names compared after
    /// form-decoding) replaced by `REDACTED`.
    ///
    /// Split byte by byte, as the checks read the URL (a combining mark after `=` or `&` must not
    /// hide the delimiter, and with it a credential's value).
    static func redacted(_ url: String, queryKeys: Set<String>) -> String {
        var text = Substring(url)
        if let scheme = text.range(ofBytes: "://") {
            let rest = text.utf8[scheme.upperBound...]
            let authorityEnd =
                rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? text.endIndex
            if let at = text.utf8[scheme.upperBound..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) {
                text = Substring(String(text[..<scheme.upperBound]) + "REDACTED" + String(text[at...]))
            }
        }
        let bytes = text.utf8
        guard let q = bytes.firstIndex(of: UInt8(ascii: "?")) else { return String(text) }
        let fragment = bytes[q...].firstIndex(of: UInt8(ascii: "#")) ?? text.endIndex
        let pairs = text[bytes.index(after: q)..<fragment].pieces(between: UInt8(ascii: "&")).map { pair -> String in
            guard let (name, _) = pair.split(atFirst: UInt8(ascii: "=")) else { return String(pair) }
            let decoded = String(name).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(name)
            let secret = queryKeys.contains(decoded) || CredentialLikeName.matches(decoded)
            return secret ? String(name) + "=REDACTED" : String(pair)
        }
        return String(text[...q]) + pairs.joined(separator: "&") + String(text[fragment...])
    }
}

/// Percent-encoding for building query strings and form bodies: every byte but RFC 3986's
/// unreserved characters is escaped, so a decoder reading either form rules or RFC 3986 gets the
/// text back.
enum PercentEncoding {
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            }
        }
        return out
    }

    /// `name=value&…`, each part encoded.
    static func form(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { encode($0.name) + "=" + encode($0.value) }.joined(separator: "&")
    }
}
