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
    /// The parameters: the Path Item's, overridden by the operation's own with the same name and
    /// location (OpenAPI 3.1.1 §4.8.10.1, `parameters`).
    public let parameters: [Parameter]
    /// The references of the request side (parameters, request body, its media types and
    /// encodings' headers) that cannot be resolved, in a document loaded
    /// ``OpenAPIDocument/Compilation/lazy``; see ``Response/referenceErrors``.
    package let requestReferenceErrors: [SourceError]
    /// Where `parameters` is written: the operation's own key, else the Path Item's, else the
    /// operation itself (findings about undocumented parameters point here).
    public let parametersLocation: SourceLocation
    /// The security requirements in force: the operation's `security`, else the document's. Any
    /// one requirement satisfies it; an empty list (or an empty requirement) asks for nothing.
    public let security: [SecurityRequirement]
    /// Where the requirements in force are written (unknown when there are none).
    public let securityLocation: SourceLocation
    /// The servers in force: the operation's, else the Path Item's, else the document's.
    public let servers: [Server]
    /// Whether it is a webhook (under `webhooks`, never matched to a request URL).
    public let isWebhook: Bool

    /// `operationId`, or `POST /videos` when there is none.
    public var displayName: String { operationId ?? "\(httpMethod) \(path)" }

    /// The method as a request sends it: the fixed fields upper-cased (`GET`, `QUERY`), the keys of
    /// `additionalOperations` as written ("the HTTP method with the same capitalization that is
    /// to be sent in the request", OpenAPI 3.2.0 §4.8.9.1).
    public var httpMethod: String { OpenAPIOperation.methods.contains(method) ? method.uppercased() : method }
}
