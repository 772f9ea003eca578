import Foundation
import SpecSource

/// A written-down HTTP exchange with the outcome it must have: the corpus's fixture format for
/// whole requests and responses (YAML or JSON, one exchange per file).
///
/// ```yaml
/// request: POST https://openrouter.ai/api/v1/videos   # the request line: METHOD TARGET [HTTP/x]
/// headers:
///   Authorization: Bearer test-token
///   Content-Type: application/json
/// body: {model: google/veo-3.1, prompt: A cat}         # written as compact JSON
/// response:                                            # optional: no response, request only
///   status: 202
///   headers: {Content-Type: application/json}
///   body: {id: job-1, polling_url: /api/v1/videos/job-1, status: pending}
/// expect:
///   errors: [/request/security]
/// ```
///
/// Every key is described in <doc:ManifestFormat>.
public struct ExchangeFixture: Sendable {
    /// The exchange.
    public var exchange: RecordedExchange
    /// The operation to check against (`operation:`), instead of finding it from the request.
    public var operation: String?
    /// The outcome it must have (`expect:`).
    public var expectation: CorpusExpectation

    /// Reads a fixture file (YAML, or JSON by its `.json` extension).
    /// - Throws: ``SpecSource/SourceError`` when it cannot be read or has a wrong shape (code
    ///   `exchange.invalid`), located.
    public init(contentsOf path: String) throws(SourceError) {
        try self.init(try SourceLoader.load(contentsOf: path))
    }

    /// Reads a fixture from its parsed document.
    /// - Throws: ``SpecSource/SourceError`` (code `exchange.invalid`) for a wrong shape.
    public init(_ root: JSONValue) throws(SourceError) {
        func bad(_ message: String, _ at: SourceLocation) -> SourceError {
            SourceError(code: "exchange.invalid", message: message, location: at)
        }
        guard let object = root.objectValue else { throw bad("an exchange fixture must be a mapping", root.location) }
        let known: Set = ["request", "headers", "body", "body-text", "body-base64", "response", "operation", "expect"]
        if let unknown = object.members.first(where: { !known.contains($0.key) }) {
            throw bad(
                "unknown key \(JSONWriter.quoted(unknown.key)) (expected one of \(known.sorted().joined(separator: ", ")))",
                unknown.keyLocation)
        }
        guard let lineValue = object["request"] else {
            throw bad("an exchange fixture needs \"request\" (a request line: METHOD TARGET)", root.location)
        }
        guard let line = lineValue.stringValue else {
            throw bad("\"request\" must be a request line such as \"POST /videos\"", lineValue.location)
        }
        var parts = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if parts.count == 3, parts[2].hasPrefix("HTTP/") { parts.removeLast() }
        guard parts.count == 2 else {
            throw bad(
                "\"request\" must be METHOD TARGET (optionally followed by the HTTP version), found \(JSONWriter.quoted(line))",
                lineValue.location)
        }
        let request = RecordedExchange.Request(
            method: parts[0], url: parts[1], headers: try Self.headers(object["headers"], bad),
            body: try Self.body(of: root, bad))
        var response: RecordedExchange.Response?
        if let r = object["response"] {
            guard let members = r.objectValue else { throw bad("\"response\" must be a mapping (status, headers, body)", r.location) }
            if let unknown = members.members.first(where: { !["status", "headers", "body", "body-text", "body-base64"].contains($0.key) }) {
                throw bad(
                    "unknown key \(JSONWriter.quoted(unknown.key)) in \"response\" (expected status, headers, body, body-text, body-base64)",
                    unknown.keyLocation)
            }
            guard let statusValue = r["status"] else { throw bad("\"response\" needs \"status\"", r.location) }
            guard let status = statusValue.numberValue.flatMap({ Int("\($0)") }) ?? statusValue.stringValue.flatMap({ Int($0) }),
                (100...599).contains(status)
            else {
                throw bad("\"status\" must be an HTTP status code (100-599)", statusValue.location)
            }
            response = RecordedExchange.Response(
                status: status, headers: try Self.headers(r["headers"], bad), body: try Self.body(of: r, bad))
        }
        if let op = object["operation"], op.stringValue == nil {
            throw bad("\"operation\" must be an operationId or \"METHOD /path\"", op.location)
        }
        operation = object["operation"]?.stringValue
        guard let expect = object["expect"] else { throw bad("an exchange fixture needs \"expect\" (its expected outcome)", root.location) }
        expectation = try CorpusExpectation(expect)
        exchange = RecordedExchange(request: request, response: response, location: root.location)
        // Where findings are written: a `body` written as a value is located value by value.
        func note(_ prefix: String, _ value: JSONValue?) { if let value { exchange.partLocations[prefix] = value.location } }
        note("/request", lineValue)
        note("/request/header", object["headers"])
        note("/request/body", object["body"] ?? object["body-text"] ?? object["body-base64"])
        if let body = object["body"] { exchange.partTrees["/request/body"] = body }
        if let r = object["response"] {
            note("/response", r)
            note("/response/status", r["status"])
            note("/response/header", r["headers"])
            note("/response/body", r["body"] ?? r["body-text"] ?? r["body-base64"])
            if let body = r["body"] { exchange.partTrees["/response/body"] = body }
        }
    }

    /// Header fields from a mapping (a list value repeats the field) in order.
    static func headers(_ value: JSONValue?, _ bad: (String, SourceLocation) -> SourceError) throws(SourceError) -> [(
        name: String, value: String
    )] {
        guard let value else { return [] }
        guard let members = value.objectValue else { throw bad("\"headers\" must map field names to values", value.location) }
        var fields: [(name: String, value: String)] = []
        for member in members {
            for item in member.value.arrayValue ?? [member.value] {
                guard let text = scalarText(item) else {
                    throw bad("the value of header \(JSONWriter.quoted(member.key)) must be a string (or a list of strings)", item.location)
                }
                fields.append((member.key, text))
            }
        }
        return fields
    }

    /// A scalar as header text (YAML reads `Content-Length: 12` as a number).
    static func scalarText(_ value: JSONValue) -> String? {
        switch value.kind {
        case .string(let s): return s
        case .number, .bool: return value.description
        default: return nil
        }
    }

    /// `body` (a value written as compact JSON), `body-text` (verbatim) or `body-base64`; at most one.
    static func body(of object: JSONValue, _ bad: (String, SourceLocation) -> SourceError) throws(SourceError) -> [UInt8]? {
        let given = ["body", "body-text", "body-base64"].filter { object[$0] != nil }
        guard let key = given.first else { return nil }
        guard given.count == 1 else { throw bad("give one of body, body-text, body-base64", object.location) }
        let value = object[key]!
        switch key {
        case "body":
            return Array(JSONWriter.string(from: value).utf8)
        case "body-text":
            guard let text = value.stringValue else { throw bad("\"body-text\" must be a string", value.location) }
            return Array(text.utf8)
        default:
            guard let text = value.stringValue,
                let data = Data(base64Encoded: String(text.unicodeScalars.filter { !" \t\r\n".unicodeScalars.contains($0) }))
            else {
                throw bad("\"body-base64\" must be base64 text", value.location)
            }
            return Array(data)
        }
    }
}

extension CorpusExpectation {
    /// Reads an expectation as manifests and exchange fixtures write it:
    /// - `valid` or `invalid` (invalid anywhere), or `unparseable` (must fail to parse);
    /// - a list of instance locations: invalid at exactly these (an empty list is refused);
    /// - a mapping with `valid` (a boolean), `errors` (the exact error locations; implies
    ///   `valid: false`) and `warnings` (the exact warning locations; checked only when given).
    /// - Throws: ``SpecSource/SourceError`` (code `expectation.invalid`) for anything else.
    public init(_ value: JSONValue) throws(SourceError) {
        func bad(_ message: String) -> SourceError {
            SourceError(code: "expectation.invalid", message: message, location: value.location)
        }
        func locations(_ v: JSONValue, _ what: String) throws(SourceError) -> Set<String> {
            guard let items = v.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                throw SourceError(
                    code: "expectation.invalid", message: "\(what) must be a list of instance locations (JSON pointers)",
                    location: v.location)
            }
            return Set(items.compactMap(\.stringValue))
        }
        switch value.kind {
        case .string("valid"): self = .valid
        case .string("invalid"): self = .invalid(at: [])
        case .string("unparseable"): self = .unparseable
        case .array(let items):
            // `[]` would be "errors at no location"; `invalid` says "anywhere".
            guard !items.isEmpty else {
                throw bad(
                    "an empty list would expect errors at no location; list the expected locations, or write invalid for errors anywhere")
            }
            self = .invalid(at: try locations(value, "the expectation"))
        case .object(let members):
            if let unknown = members.members.first(where: { !["valid", "errors", "warnings"].contains($0.key) }) {
                throw SourceError(
                    code: "expectation.invalid",
                    message: "unknown key \(JSONWriter.quoted(unknown.key)) (expected valid, errors, warnings)",
                    location: unknown.keyLocation)
            }
            if let v = value["valid"], v.boolValue == nil { throw bad("\"valid\" must be true or false") }
            let errors = try value["errors"].map { v throws(SourceError) in try locations(v, "\"errors\"") }
            let warnings = try value["warnings"].map { v throws(SourceError) in try locations(v, "\"warnings\"") }
            let valid = value["valid"]?.boolValue ?? (errors.map(\.isEmpty) ?? true)
            if valid, let errors, !errors.isEmpty { throw bad("\"valid: true\" cannot list \"errors\"") }
            if value["valid"] == nil, errors == nil { throw bad("give \"valid\" or \"errors\"") }
            self.init(valid: valid, errorLocations: errors.flatMap { $0.isEmpty ? nil : $0 }, warningLocations: warnings)
        default:
            throw bad(
                "an expectation is valid, invalid, unparseable, a list of instance locations, or a mapping with valid, errors, warnings")
        }
    }
}
