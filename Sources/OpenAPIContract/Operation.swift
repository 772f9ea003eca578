import SchemaValidation
import SpecSource

/// One operation of the contract: a method on a path, with its request body and responses.
public struct Operation: Sendable {
    /// The HTTP methods an OpenAPI path item can hold.
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// One documented body: a media type and where its schema is (`nil` when it has none).
    public struct Content: Sendable {
        /// The media type as written (`application/json`, `application/*`, `*/*`).
        public var mediaType: String
        /// Where the schema is; compiled through the document's graph.
        let source: SchemaSource?
        /// Whether the media type documents a schema.
        public var hasSchema: Bool { source != nil }
    }

    /// A documented response.
    public struct Response: Sendable {
        /// `202`, `2XX` or `default`.
        public var status: String
        /// Its bodies by media type.
        public var content: [Content]
        /// Where the status key is written.
        public var location: SourceLocation
    }

    /// Lower-case HTTP method.
    public let method: String
    /// The path template (`/videos/{jobId}`).
    public let path: String
    /// The `operationId`, if any.
    public let operationId: String?
    /// Whether a request body is required.
    public let requestBodyRequired: Bool
    /// The request bodies by media type (empty when none is documented).
    public let requestContent: [Content]
    /// Where the request body is written.
    public let requestLocation: SourceLocation
    /// The documented responses.
    public let responses: [Response]
    /// Where `responses` is written.
    public let responsesLocation: SourceLocation

    /// `operationId`, or `POST /videos` when there is none.
    public var displayName: String { operationId ?? "\(method.uppercased()) \(path)" }
}

/// Walks `paths` (and `webhooks`) collecting operations, resolving `$ref`ed path items, operations,
/// request bodies and responses.
struct OperationCollector {
    let graph: DocumentGraph
    var operations: [Operation] = []
    var errors: [SourceError] = []

    init(graph: DocumentGraph) { self.graph = graph }

    /// Follows a `$ref` member (possibly several in a row) to the object it designates.
    private mutating func dereference(_ value: JSONValue, tokens: [String]?) -> (JSONValue, [String]?)? {
        var value = value
        var tokens = tokens
        var hops = 0
        while let ref = value["$ref"], let text = ref.stringValue {
            hops += 1
            guard hops < 32 else {
                errors.append(SourceError(code: "ref.cycle", message: "$ref chain is too long or cyclic", location: ref.location))
                return nil
            }
            do {
                let (target, pointer) = try graph.resolveObject(text, at: ref.location)
                value = target
                tokens = pointer?.tokens
            } catch {
                errors.append(error)
                return nil
            }
        }
        return (value, tokens)
    }

    mutating func collect(_ document: JSONValue) {
        for section in ["paths", "webhooks"] {
            guard let paths = document[section]?.objectValue else { continue }
            for entry in paths where !entry.key.hasPrefix("x-") {
                guard let (item, itemTokens) = dereference(entry.value, tokens: [section, entry.key]), let object = item.objectValue else { continue }
                for member in object where Operation.methods.contains(member.key) {
                    guard let (op, opTokens) = dereference(member.value, tokens: itemTokens.map { $0 + [member.key] }) else { continue }
                    operations.append(operation(op, tokens: opTokens, method: member.key, path: entry.key))
                }
            }
        }
    }

    private mutating func operation(_ op: JSONValue, tokens: [String]?, method: String, path: String) -> Operation {
        var requestContent: [Operation.Content] = []
        var required = false
        var requestLocation = op.location
        if let body = op["requestBody"], let (resolved, bodyTokens) = dereference(body, tokens: tokens.map { $0 + ["requestBody"] }) {
            required = resolved["required"]?.boolValue ?? false
            requestLocation = body.location
            requestContent = content(of: resolved, tokens: bodyTokens)
        }
        var responses: [Operation.Response] = []
        if let list = op["responses"]?.objectValue {
            for member in list where !member.key.hasPrefix("x-") {
                guard let (resolved, rTokens) = dereference(member.value, tokens: tokens.map { $0 + ["responses", member.key] }) else { continue }
                responses.append(Operation.Response(status: member.key, content: content(of: resolved, tokens: rTokens), location: member.keyLocation))
            }
        }
        return Operation(method: method, path: path, operationId: op["operationId"]?.stringValue,
                         requestBodyRequired: required, requestContent: requestContent, requestLocation: requestLocation,
                         responses: responses, responsesLocation: op["responses"]?.location ?? op.location)
    }

    private mutating func content(of object: JSONValue, tokens: [String]?) -> [Operation.Content] {
        guard let content = object["content"]?.objectValue else { return [] }
        var result: [Operation.Content] = []
        for member in content {
            var source: SchemaSource?
            if let schemaValue = member.value["schema"] {
                if let tokens {
                    source = .pointer(JSONPointer(tokens: tokens + ["content", member.key, "schema"]), schemaValue)
                } else if let ref = schemaValue["$ref"]?.stringValue {
                    // A body defined in another document: its schema is compiled through its reference.
                    source = .reference(ref, schemaValue.location)
                }
            }
            result.append(Operation.Content(mediaType: member.key, source: source))
        }
        return result
    }
}

/// A path template such as `/videos/{jobId}` or `/files/{name}.json`.
struct PathTemplate {
    let segments: [[Piece]]

    enum Piece: Equatable {
        case literal(String)
        case variable
    }

    init(_ template: String) {
        segments = template.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            var pieces: [Piece] = []
            var rest = Substring(segment)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
                pieces.append(.variable)
                rest = rest[rest.index(after: close)...]
            }
            if !rest.isEmpty || pieces.isEmpty { pieces.append(.literal(String(rest))) }
            return pieces
        }
    }

    /// The number of literal characters matched (higher is more specific), or `nil` for no match.
    func match(_ path: String) -> Int? {
        var path = path
        if let q = path.firstIndex(of: "?") { path = String(path[..<q]) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == segments.count else { return nil }
        var score = 0
        for (pieces, part) in zip(segments, parts) {
            guard let s = Self.match(pieces[...], Substring(part)) else { return nil }
            score += s
        }
        return score
    }

    private static func match(_ pieces: ArraySlice<Piece>, _ text: Substring) -> Int? {
        guard let first = pieces.first else { return text.isEmpty ? 0 : nil }
        switch first {
        case .literal(let l):
            guard text.hasPrefix(l) else { return nil }
            return match(pieces.dropFirst(), text.dropFirst(l.count)).map { $0 + l.count }
        case .variable:
            // A variable matches one or more characters, never a "/" (segments are split already).
            guard !text.isEmpty else { return nil }
            if pieces.count == 1 { return 0 }
            var end = text.index(after: text.startIndex)
            while true {
                if let s = match(pieces.dropFirst(), text[end...]) { return s }
                if end == text.endIndex { return nil }
                end = text.index(after: end)
            }
        }
    }
}
