import SchemaValidation
import SpecSource

/// One operation of the contract: a method on a path, with its parameters, security, request
/// body and responses.
public struct OpenAPIOperation: Sendable {
    /// The HTTP methods a Path Item Object names as fixed fields (3.2 adds `query`).
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"]

    /// One documented body: a media type and where its schema is (`nil` when it has none).
    public struct Content: Sendable {
        /// The media type as written (`application/json`, `application/*`, `*/*`).
        public var mediaType: String { didSet { key = MediaType(mediaType) } }
        /// Where the schema is (in whichever file); compiled through the document's graph.
        let source: Located?
        /// Where OpenAPI 3.2's `itemSchema` is: the schema of each item of a sequential media type
        /// (JSON Lines, JSON text sequences, server-sent events).
        var itemSource: Located?
        /// The Encoding Objects of a form media type, by property name.
        var encoding: [String: Encoding] = [:]
        /// OpenAPI 3.2's `prefixEncoding` and `itemEncoding`, when written: a `multipart` body by
        /// position. Optional, so that copying a media type that has none (every body check
        /// copies the selected one) retains nothing more.
        var positionalEncoding: PositionalEncoding?
        /// The parts of a `multipart` body read by position whose schemas are `format: binary`
        /// (`nil` when none is): their default content type is `application/octet-stream`.
        var binaryParts: PositionalBinaryParts?
        /// Whether the media type documents a schema.
        public var hasSchema: Bool { source != nil }
        /// Whether the media type documents an `itemSchema` (OpenAPI 3.2).
        public var hasItemSchema: Bool { itemSource != nil }
        /// The media type's examples, resolved: `example` (named `"example"`) and the `value` of
        /// each Example Object in `examples` (by name), each keeping its own position.
        public var examples: [(name: String, value: JSONValue)] = []
        /// `mediaType` parsed once, for matching; `nil` when it is not `type/subtype`.
        private(set) var key: MediaType?
        /// The compiled `schema` and `itemSchema`, once used.
        let schemaSlot = SchemaSlot()
        let itemSchemaSlot = SchemaSlot()

        init(mediaType: String, source: Located?) {
            self.mediaType = mediaType
            self.source = source
            key = MediaType(mediaType)
        }
    }

    /// A documented response.
    public struct Response: Sendable {
        /// `202`, `2XX` or `default`.
        public var status: String
        /// Its bodies by media type.
        public var content: [Content]
        /// Where the status key is written.
        public var location: SourceLocation
        /// The documented response headers (each a Header Object read as a `header` parameter),
        /// without `Content-Type`, which OpenAPI says to ignore here.
        public var headers: [Parameter] = []
        /// The references of this response (its Response, Header and Media Type Objects) that
        /// cannot be resolved, in a document loaded ``OpenAPIDocument/Compilation/lazy``, which
        /// reports them only when the response is used (see ``OpenAPIDocument/checkReferences(of:)``).
        /// Empty otherwise: other compilations throw them at load.
        package var referenceErrors: [SourceError] = []
    }

    /// The HTTP method: lower case for the Path Item's fixed fields (`get`, 3.2's `query`), as
    /// written for OpenAPI 3.2's `additionalOperations` (`LINK`).
    public var method: String { storage.fields.method }
    /// The path template (`/videos/{jobId}`).
    public var path: String { storage.fields.path }
    /// The `operationId`, if any.
    public var operationId: String? { storage.fields.operationId }
    /// Whether a request body is required.
    public var requestBodyRequired: Bool { storage.fields.requestBodyRequired }
    /// The request bodies by media type (empty when none is documented).
    public var requestContent: [Content] { storage.fields.requestContent }
    /// Where the request body is written.
    public var requestLocation: SourceLocation { storage.fields.requestLocation }
    /// The documented responses.
    public var responses: [Response] { storage.fields.responses }
    /// Where `responses` is written.
    public var responsesLocation: SourceLocation { storage.fields.responsesLocation }
    /// The parameters: the Path Item's, overridden by the operation's own with the same name and
    /// location (OpenAPI 3.1.1 §4.8.10.1, `parameters`).
    public var parameters: [Parameter] { storage.fields.parameters }
    /// The references of the request side (parameters, request body, its media types and
    /// encodings' headers) that cannot be resolved, in a document loaded
    /// ``OpenAPIDocument/Compilation/lazy``; see ``Response/referenceErrors``.
    package var requestReferenceErrors: [SourceError] { storage.fields.requestReferenceErrors }
    /// Where `parameters` is written: the operation's own key, else the Path Item's, else the
    /// operation itself (findings about undocumented parameters point here).
    public var parametersLocation: SourceLocation { storage.fields.parametersLocation }
    /// The security requirements in force: the operation's `security`, else the document's. Any
    /// one requirement satisfies it; an empty list (or an empty requirement) asks for nothing.
    public var security: [SecurityRequirement] { storage.fields.security }
    /// Where the requirements in force are written (unknown when there are none).
    public var securityLocation: SourceLocation { storage.fields.securityLocation }
    /// The servers in force: the operation's, else the Path Item's, else the document's.
    public var servers: [Server] { storage.fields.servers }
    /// Whether it is a webhook (under `webhooks`, never matched to a request URL).
    public var isWebhook: Bool { storage.fields.isWebhook }

    /// The fields, behind one reference: an operation is copied into every result and report of
    /// an exchange check, and a copy is then one retain instead of one per array and string.
    private let storage: Storage

    /// The `name=value` pairs after a `?` in the path key (`/responses?beta=true`), decoded once
    /// at load: routing and the query checks read them for every request (``Router/splitKey(_:)``).
    var pathKeyQuery: [KeyQueryPair] { storage.pathKeyQuery }

    private final class Storage: Sendable {
        let fields: Fields
        let pathKeyQuery: [KeyQueryPair]
        init(_ fields: Fields) {
            self.fields = fields
            pathKeyQuery = Router.splitKey(fields.path).query
        }
    }

    /// What the document walk reads for an operation.
    struct Fields: Sendable {
        let method: String
        let path: String
        let operationId: String?
        let requestBodyRequired: Bool
        let requestContent: [Content]
        let requestLocation: SourceLocation
        let responses: [Response]
        let responsesLocation: SourceLocation
        let parameters: [Parameter]
        let requestReferenceErrors: [SourceError]
        let parametersLocation: SourceLocation
        let security: [SecurityRequirement]
        let securityLocation: SourceLocation
        let servers: [Server]
        let isWebhook: Bool
    }

    init(_ fields: Fields) { storage = Storage(fields) }

    /// `operationId`, or `POST /videos` when there is none.
    public var displayName: String { operationId ?? "\(httpMethod) \(path)" }

    /// The method as a request sends it: the fixed fields upper-cased (`GET`, `QUERY`), the keys of
    /// `additionalOperations` as written ("the HTTP method with the same capitalization that is
    /// to be sent in the request", OpenAPI 3.2.0 §4.8.9.1).
    public var httpMethod: String { OpenAPIOperation.methods.contains(method) ? method.uppercased() : method }
}
