import Foundation
import SchemaValidation
import SpecSource

/// A Security Scheme Object (OpenAPI 3.1.1 §4.8.27).
public struct SecurityScheme: Sendable {
    /// `type`, with the fields the checks read.
    public enum Kind: Sendable, Equatable {
        /// An API key in a header, query parameter or cookie named `name`.
        case apiKey(name: String, location: Parameter.Location)
        /// HTTP authentication with `scheme` (lower case: `bearer`, `basic`, `digest`, …).
        case http(scheme: String)
        /// OAuth 2.0: a bearer token (RFC 6750).
        case oauth2
        /// OpenID Connect: a bearer token.
        case openIdConnect
        /// A client certificate, which an offline check cannot see.
        case mutualTLS
    }

    /// The key in `components/securitySchemes` (or the reference a requirement used).
    public var name: String
    /// What it asks for; `nil` when `type` is missing or unknown.
    public var kind: Kind?
    /// Where the Security Scheme Object is written.
    public var source: SourceLocation

    /// The scheme from its object; `nil` kind when the object is not one the checks understand.
    init(name: String, object: JSONValue) {
        self.name = name
        source = object.location
        switch object["type"]?.stringValue {
        case "apiKey":
            if let key = object["name"]?.stringValue,
                let location = object["in"]?.stringValue.flatMap(Parameter.Location.init(rawValue:)),
                [.header, .query, .cookie].contains(location)
            {
                kind = .apiKey(name: key, location: location)
            }
        case "http":
            kind = object["scheme"]?.stringValue.map { .http(scheme: $0.lowercased()) }
        case "oauth2": kind = .oauth2
        case "openIdConnect": kind = .openIdConnect
        case "mutualTLS": kind = .mutualTLS
        default: kind = nil
        }
    }

    /// What a client must send, for messages (never a credential value).
    var expectation: String {
        switch kind {
        case .apiKey(let key, let location)?:
            return
                "\(name) (API key in \(location == .header ? "header" : location == .query ? "query parameter" : "cookie") \(JSONWriter.quoted(key)))"
        case .http(let scheme)?:
            return scheme == "bearer" || scheme == "basic"
                ? "\(name) (HTTP \(scheme == "bearer" ? "Bearer" : "Basic") credentials in the Authorization header)"
                : "\(name) (HTTP \(JSONWriter.quoted(scheme)) credentials in the Authorization header)"
        case .oauth2?: return "\(name) (OAuth 2.0 bearer token in the Authorization header)"
        case .openIdConnect?: return "\(name) (OpenID Connect bearer token in the Authorization header)"
        case .mutualTLS?: return "\(name) (mutual TLS client certificate)"
        case nil: return name
        }
    }
}

/// A Security Requirement Object: every listed scheme must be satisfied (OpenAPI 3.1.1 §4.8.30).
public struct SecurityRequirement: Sendable {
    /// One scheme of the requirement with its scopes (OAuth 2.0, OpenID Connect) or roles.
    public struct Entry: Sendable {
        /// The scheme's name in `components/securitySchemes`.
        public var scheme: String
        /// The scopes or roles.
        public var scopes: [String]
    }

    /// The schemes, all required; none means anonymous access is allowed.
    public var entries: [Entry]

    /// The requirements of a `security` array; `nil` when `value` is not an array.
    static func list(_ value: JSONValue?) -> [SecurityRequirement]? {
        guard let items = value?.arrayValue else { return nil }
        return items.map { item in
            SecurityRequirement(
                entries: (item.objectValue ?? JSONObject()).map { member in
                    Entry(scheme: member.key, scopes: member.value.arrayValue?.compactMap(\.stringValue) ?? [])
                })
        }
    }
}

/// Checks that a request carries the credentials one of its operation's security requirements
/// asks for (OR across the list, AND within a requirement). Only presence and form are checked,
/// never validity; messages name schemes and where credentials go, never a credential's value.
enum SecurityCheck {
    /// The outcome for one scheme.
    enum Outcome {
        case present
        case missing(String)
        case unchecked(String)
    }

    /// The error (at `/request/security`) when no requirement is met, and notes for schemes that
    /// cannot be checked offline.
    static func check(_ operation: OpenAPIOperation, _ request: RequestParts, schemes: [String: SecurityScheme]) -> (
        error: SchemaViolation?, unchecked: [SchemaViolation]
    ) {
        let requirements = operation.security
        guard !requirements.isEmpty else { return (nil, []) }
        var problems: [String] = []
        var fallback: [SchemaViolation]?
        for requirement in requirements {
            var satisfied = true
            var notes: [SchemaViolation] = []
            for entry in requirement.entries {
                guard let scheme = schemes[entry.scheme] else {
                    notes.append(
                        note(
                            "security scheme \(JSONWriter.quoted(entry.scheme)) is not defined in components/securitySchemes, so it is not checked",
                            operation.securityLocation))
                    continue
                }
                switch outcome(scheme, request) {
                case .present: break
                case .missing(let why):
                    satisfied = false
                    if !problems.contains(why) { problems.append(why) }
                case .unchecked(let why):
                    notes.append(note(why, scheme.source))
                }
            }
            guard satisfied else { continue }
            if notes.isEmpty { return (nil, []) }
            if fallback == nil { fallback = notes }
        }
        if let fallback { return (nil, fallback) }
        let accepted = requirements.map { requirement in
            requirement.entries.map { schemes[$0.scheme]?.expectation ?? $0.scheme }.joined(separator: " and ")
        }
        let message =
            "no security requirement of \(operation.displayName) is met (\(problems.joined(separator: "; "))); acceptable: \(accepted.joined(separator: ", or "))"
        let error = ExchangeReport.finding(.securityUnmet, "/request/security", "security", message, operation.securityLocation)
        return (error, [])
    }

    private static func note(_ message: String, _ source: SourceLocation) -> SchemaViolation {
        ExchangeReport.finding(.uncheckedSecurity, "/request/security", "security", message, source)
    }

    static func outcome(_ scheme: SecurityScheme, _ request: RequestParts) -> Outcome {
        switch scheme.kind {
        case .apiKey(let key, .header)?:
            let values = request.values(key.lowercased())
            if values.isEmpty { return .missing("\(scheme.name): header \(JSONWriter.quoted(key)) is missing") }
            return values.contains(where: { !$0.trimmingWhitespace().isEmpty })
                ? .present : .missing("\(scheme.name): header \(JSONWriter.quoted(key)) is empty")
        case .apiKey(let key, .query)?:
            let values = request.queryPairs.filter { $0.name.map { sameName($0, key) } == true }
            if values.isEmpty { return .missing("\(scheme.name): query parameter \(JSONWriter.quoted(key)) is missing") }
            return values.contains(where: { !($0.rawValue ?? "").isEmpty })
                ? .present : .missing("\(scheme.name): query parameter \(JSONWriter.quoted(key)) is empty")
        case .apiKey(let key, _)?:
            let values = request.cookies.filter { sameName($0.name, key) }
            if values.isEmpty { return .missing("\(scheme.name): cookie \(JSONWriter.quoted(key)) is missing") }
            return values.contains(where: { !$0.value.isEmpty })
                ? .present : .missing("\(scheme.name): cookie \(JSONWriter.quoted(key)) is empty")
        case .http(let name)?:
            return authorization(request, scheme: name, for: scheme.name)
        case .oauth2?, .openIdConnect?:
            return authorization(request, scheme: "bearer", for: scheme.name)
        case .mutualTLS?:
            return .unchecked("\(scheme.name): a mutual TLS client certificate cannot be checked offline")
        case nil:
            return .unchecked("\(scheme.name): the security scheme's type is not one this check understands")
        }
    }

    /// `Authorization: <scheme> <credentials>` (RFC 9110 §11.4, §11.6.2). Bearer credentials are a
    /// token68 (RFC 6750 §2.1); Basic credentials are base64 of `user-id:password` (RFC 7617 §2).
    private static func authorization(_ request: RequestParts, scheme: String, for name: String) -> Outcome {
        var display: String { scheme == "bearer" ? "Bearer" : scheme == "basic" ? "Basic" : JSONWriter.quoted(scheme) }
        let (first, count) = request.firstValue("authorization")
        guard var value = first else { return .missing("\(name): the Authorization header is missing") }
        guard count == 1 else { return .missing("\(name): the Authorization header is repeated") }
        // One pass over the value's bytes: `OWS scheme 1*SP credentials OWS`.
        let parsed = value.withUTF8 { bytes -> (schemeMatches: Bool, credentials: Range<Int>, token68: Bool) in
            func isSpace(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
            var start = 0
            var end = bytes.count
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            var tokenEnd = start
            while tokenEnd < end, !isSpace(bytes[tokenEnd]) { tokenEnd += 1 }
            // Auth schemes are case-insensitive tokens (RFC 9110 §11.1); `scheme` is lower case.
            let schemeBytes = scheme.utf8
            var matches = tokenEnd - start == schemeBytes.count
            if matches {
                var i = start
                for expected in schemeBytes {
                    if bytes[i] | 0x20 != expected && bytes[i] != expected { matches = false }
                    i += 1
                }
            }
            var credentialsStart = tokenEnd
            while credentialsStart < end, isSpace(bytes[credentialsStart]) { credentialsStart += 1 }
            let credentials = credentialsStart..<end
            return (matches, credentials, isToken68(UnsafeBufferPointer(rebasing: bytes[credentials])))
        }
        guard parsed.schemeMatches else {
            return .missing("\(name): the Authorization header does not use the \(display) scheme")
        }
        switch scheme {
        case "bearer":
            return parsed.token68 ? .present : .missing("\(name): the Authorization header's Bearer token is missing or malformed")
        case "basic":
            let utf8 = value.utf8
            let credentials = String(
                Substring(
                    utf8[
                        utf8.index(
                            utf8.startIndex, offsetBy: parsed.credentials.lowerBound)..<utf8.index(
                                utf8.startIndex, offsetBy: parsed.credentials.upperBound)]))
            guard parsed.token68, let data = Data(base64Encoded: credentials), data.contains(UInt8(ascii: ":")) else {
                return .missing("\(name): the Authorization header's Basic credentials are not base64 of user-id:password")
            }
            return .present
        default:
            return parsed.credentials.isEmpty && scheme != "negotiate"
                ? .missing("\(name): the Authorization header carries no \(display) credentials") : .present
        }
    }

    /// `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="` (RFC 9110 §11.2).
    static func isToken68(_ text: Substring) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { isToken68($0) } ?? isToken68(Array(text.utf8))
    }

    static func isToken68<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var sawBody = false
        var inPadding = false
        for c in bytes {
            switch c {
            case UInt8(ascii: "="):
                guard sawBody else { return false }
                inPadding = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                guard !inPadding else { return false }
                sawBody = true
            default:
                return false
            }
        }
        return sawBody
    }
}
