import SchemaValidation
import SpecSource

/// One operation of the contract: a method on a path, with its request body and responses.
public struct Operation: Sendable {
    /// The HTTP methods a Path Item Object names as fixed fields (3.2 adds `query`).
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"]

    /// One documented body: a media type and where its schema is (`nil` when it has none).
    public struct Content: Sendable {
        /// The media type as written (`application/json`, `application/*`, `*/*`).
        public var mediaType: String
        /// Where the schema is (in whichever file); compiled through the document's graph.
        let source: Located?
        /// Whether the media type documents a schema.
        public var hasSchema: Bool { source != nil }
        /// The media type's examples, resolved: `example` (named `"example"`) and the `value` of
        /// each Example Object in `examples` (by name), each keeping its own position.
        public var examples: [(name: String, value: JSONValue)] = []
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
