import SchemaValidation
import SpecSource

extension ErrorCatalogue {
    /// Every code spec-check reports, each once: reading documents (``source``), schemas
    /// (``schema``), then OpenAPI documents, overlays, corpora and contract findings (``contract``).
    public static let all: [ErrorCode] = source + schema + contract + report

    /// The entry for `code`, or `nil` when no such code exists.
    public static func entry(for code: String) -> ErrorCode? { index[code] }

    private static let index: [String: ErrorCode] = Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    /// OpenAPI documents, overlays and corpus manifests that cannot be loaded, and the kinds of
    /// ``ContractError`` (contract lookups and exchange findings).
    public static let contract: [ErrorCode] =
        [
            ErrorCode(
                "ref.outside-root", "a file reference leaves the root document's folder tree",
                "File `$ref`s resolve only inside the folder of the root document (symbolic links resolved), so a description cannot make spec-check read arbitrary files. Widen it with `--allow-ref-root DIR` or `ReferenceResolver.allowFileReferences(under:)`."
            ),
            ErrorCode(
                "schema.too-deep", "in-place schema applications chain deeper than the limit",
                "A chain of `$ref`/`allOf`/… applied at one instance location longer than the evaluation depth limit would fail every instance; it is reported at load where it reaches the limit."
            ),
            ErrorCode(
                "overlay.jsonpath-budget", "a JSONPath target selects more nodes than the budget",
                "JSONPath evaluation has a node budget far above real documents, so a query such as `$..*..*` on a deep document is an error instead of exhausting memory. Narrow the target."
            ),
            ErrorCode(
                "config.invalid", "the lint configuration has a wrong shape",
                "`.spec-check.yaml` holds `lint: {rules: {RULE: off|warning|error}, formats: [...]}`; see the ContractLint documentation."),
            ErrorCode(
                "config.unknown-rule", "the lint configuration names a rule that does not exist",
                "`spec-check lint --list-rules` lists the rule ids."),
            ErrorCode(
                "har.invalid", "a HAR file does not have the HAR 1.2 shape",
                "A HAR file is JSON with `log.entries`, each entry with a `request` (method, url, headers) and optionally a `response` (HAR 1.2)."
            ),
            ErrorCode(
                "exchange.invalid", "an exchange fixture has a wrong shape",
                "An exchange fixture gives a request line, headers, a body and optionally a response and its expectation; see Corpus/README.md."
            ),
            ErrorCode(
                "expectation.invalid", "a corpus expectation has a wrong shape",
                "An expectation is `valid`, `invalid`, a list of error locations, or a mapping with `valid`, `errors` and `warnings`; see Corpus/README.md."
            ),
            ErrorCode(
                "openapi.invalid", "the document is not an OpenAPI document",
                "An OpenAPI description is an object with an `openapi` version field (OpenAPI 3.1.1 §4.8.1)."),
            ErrorCode(
                "openapi.unsupported-version", "the OpenAPI version is not supported",
                "OpenAPI 3.0.x, 3.1.x and 3.2.x are read (3.2 with the 3.1 rules). Swagger 2.0 is refused: convert it to OpenAPI 3 first."),
            ErrorCode(
                "ref.invalid", "a Reference Object's $ref is not a string",
                "OpenAPI 3.1.1 §4.8.23: `$ref` holds a URI reference, a string."),
            ErrorCode(
                "overlay.invalid", "the document is not a valid Overlay document",
                "An overlay is an object with `overlay` (the version), `info` and `actions`, checked against the official Overlay JSON Schema (Overlay 1.0/1.1 §4); the message gives the first violation."
            ),
            ErrorCode(
                "overlay.unsupported-version", "the Overlay version is not supported",
                "Overlay 1.0.x and 1.1.x documents are read."),
            ErrorCode(
                "overlay.invalid-target", "an action's target (or copy source) is not a valid JSONPath",
                "Overlay §4.4: targets are RFC 9535 JSONPath queries; the message gives the character where parsing failed. (`$.x-name` with a dash is read as `$['x-name']` with a warning.)"
            ),
            ErrorCode(
                "overlay.invalid-copy", "a copy action's source does not select exactly one node",
                "Overlay 1.1 §4.4.1: `copy` names one node whose value is copied to each target."),
            ErrorCode(
                "overlay.incompatible-update", "an update cannot be merged into its target",
                "Overlay 1.1 §4.4.1: an object update merges into an object, an array update appends to an array; a primitive target, or an object merged into an array, is an error."
            ),
            ErrorCode(
                "manifest.invalid", "a corpus manifest (spec-check.yaml) is invalid",
                "The manifest names the spec and groups of fixtures with their expectations (every key is documented in Corpus/README.md). It is checked against its own JSON Schema first (`spec-check corpus --manifest-schema` prints it): an unknown or misspelt key is reported at its line and column with the nearest key it may mean, a value of the wrong shape with what is expected there."
            ),
        ] + ContractError.Kind.allCases.map { ErrorCode($0.rawValue, $0.summary, $0.explanation) }
}

extension ContractError.Kind {
    /// The catalogue's one-line summary.
    var summary: String {
        switch self {
        case .unknownOperation: return "no operation matches the request or the name given"
        case .undocumentedMethod: return "the path is documented, but not for this method"
        case .pathMismatch: return "the request path does not match the operation named for it"
        case .requestWithoutPath: return "the request has no path"
        case .unknownSchema: return "no schema of this name in components/schemas, or at this JSON pointer"
        case .schemaDoesNotCompile:
            return "a schema compiled on first use is invalid, or a reference the checked message uses cannot be resolved"
        case .undocumentedStatus: return "the response status is not documented"
        case .undocumentedBody: return "a body is sent where none is documented"
        case .bodyRequired: return "a required request body is missing"
        case .undocumentedContentType: return "the body's media type is not documented"
        case .missingContentType: return "the body has no Content-Type header"
        case .invalidContentType: return "the Content-Type header is not a media type"
        case .unreadableContent: return "the body or parameter cannot be read as its media type"
        case .uncheckedContent: return "the body or parameter is of a media type that is not checked"
        case .parameterRequired: return "a required parameter or response header is missing"
        case .undocumentedParameter: return "a query parameter is not documented"
        case .repeatedParameter: return "a parameter is given more often than its style allows"
        case .malformedEncoding: return "a parameter has malformed percent-encoding"
        case .unreadableParameter: return "a parameter value cannot be read in its style"
        case .securityUnmet: return "no security requirement of the operation is met"
        case .uncheckedSecurity: return "a security scheme cannot be checked"
        }
    }

    /// The catalogue's explanation.
    var explanation: String {
        switch self {
        case .unknownOperation:
            return
                "The request's method and path (the servers' path removed, OpenAPI 3.1.1 §4.8.1, §4.8.8) match no path template, or no operation has the operationId given; the message names the closest paths or ids. When the method is documented for the path only under path keys that hold a query (`/responses?beta=true`) and the request's query does not carry their pairs, the message names those keys and the pairs each needs. When a request to a host misses every server's base path (`/pets` where the server is https://api.example.com/v1), the message names the base paths, and says so when the path as written matches a template: a base path of `/` (`--base-path /`) checks paths as written."
        case .undocumentedMethod:
            return
                "A Path Item matches the path, but has no operation for this method (OpenAPI 3.1.1 §4.8.9); the message lists the documented methods."
        case .pathMismatch:
            return
                "The operation was named explicitly, but the request's path does not fit its path template (with the servers' path or the base path given)."
        case .requestWithoutPath:
            return "An HTTPRequest without a path (a CONNECT-style authority form) cannot be routed to an operation."
        case .unknownSchema:
            return
                "The name is looked up under components/schemas exactly (names are case-sensitive); the message suggests the closest names. A JSON pointer (`#/paths/~1videos/post/requestBody/content/application~1json/schema`) must name a Schema Object or a subschema of one, without passing through a `$ref`; the message names the deepest value that exists, or the schemas below a value that is not one."
        case .schemaDoesNotCompile:
            return
                "Documents loaded with on-demand compilation compile a schema when it is first needed; this one has problems (listed with their own codes and positions). `spec-check inspect` compiles every schema and reports them all."
        case .undocumentedStatus:
            return
                "OpenAPI 3.1.1 §4.8.16: a response is chosen by the exact status code, then its range (2XX), then `default`. None of them is documented for this status. A range named as a target (`--status 2XX`) is that range's response, else `default` when no code of the range is documented; `--status default` is the `default` response."
        case .undocumentedBody:
            return
                "The operation has no requestBody, or the response no content (OpenAPI 3.1.1 §4.8.13, §4.8.17), but a non-empty body was sent."
        case .bodyRequired:
            return
                "OpenAPI 3.1.1 §4.8.13: `required: true` on the Request Body Object means a request must have a body; this one has none (an empty body is no body)."
        case .undocumentedContentType:
            return
                "OpenAPI 3.1.1 §4.8.13/§4.8.17: `content` maps media types (or ranges such as image/*) to their schemas; the body's Content-Type matches none of them (parameters and case are ignored)."
        case .missingContentType:
            return
                "RFC 9110 §8.3: content without a type may be treated as application/octet-stream. That is an error unless application/octet-stream (or a range covering it) is documented, and a warning then."
        case .invalidContentType:
            return "RFC 9110 §8.3.1: a media type is type/subtype with optional parameters; the header's value is not one."
        case .unreadableContent:
            return
                "The body (or a parameter described by `content`) is declared JSON or text but cannot be read as such: invalid JSON (with its line and column) or invalid UTF-8."
        case .uncheckedContent:
            return
                "Something spec-check reads but cannot check is listed as unchecked, never passed or failed silently: binary bodies and file parts (images, audio, application/octet-stream), nested multipart deeper than its limit, and the `schema` of a stream (server-sent events, JSON Lines, JSON text sequences) in an OpenAPI 3.0 or 3.1 document, which does not say how a stream meets a schema (3.2's `itemSchema` does; lint rule `stream-schema-unapplied`)."
        case .parameterRequired:
            return
                "OpenAPI 3.1.1 §4.8.12: a parameter with `required: true` (path parameters always) must be present; a Header Object with `required: true` likewise in its response."
        case .undocumentedParameter:
            return
                "The operation (with its Path Item) documents no query parameter of this name. OpenAPI does not forbid extra parameters, so this is a warning unless ExchangeOptions.strict is set."
        case .repeatedParameter:
            return
                "A parameter described by `content`, or a non-array value, may appear once; only exploded arrays (form style) repeat their name (OpenAPI 3.1.1 §4.8.12.4)."
        case .malformedEncoding:
            return "A `%` not followed by two hex digits, or escapes that decode to invalid UTF-8 (RFC 3986 §2.1)."
        case .unreadableParameter:
            return
                "The value does not fit its style and explode (OpenAPI 3.1.1 §4.8.12.4, RFC 6570): for example an object in form style with an odd number of comma-separated parts."
        case .securityUnmet:
            return
                "OpenAPI 3.1.1 §4.8.30: one Security Requirement Object (all of its schemes) must be satisfied. Presence and form are checked (a Bearer token68, Basic base64 user:password, a non-empty API key), never the credential's validity; the message names what each requirement needs."
        case .uncheckedSecurity:
            return
                "Mutual TLS cannot be checked from the HTTP message, and a requirement naming a scheme that components/securitySchemes does not define cannot be checked at all; listed as unchecked."
        }
    }
}
