import HTTPTypes
import SchemaValidation
import SpecSource

/// Settings for checking whole HTTP exchanges.
public struct ExchangeOptions: Sendable {
    /// Report warnings (undocumented query parameters, a body without `Content-Type`) as errors.
    public var strict: Bool
    /// The path the API is served under (`/api/v1`), used instead of the paths of the document's
    /// `servers` when the request's path is matched to a path template.
    public var basePath: String?

    /// Creates options.
    /// - Parameters:
    ///   - strict: Whether warnings count as errors.
    ///   - basePath: A base path that replaces the `servers` prefixes.
    public init(strict: Bool = false, basePath: String? = nil) {
        self.strict = strict
        self.basePath = basePath
    }
}

/// What checking a request or a response against the contract found.
///
/// Errors and warnings use ``SchemaValidation/SchemaViolation`` with instance locations that say
/// which part of the exchange they are about:
///
/// | location | part |
/// |---|---|
/// | `/request` | the request as a whole (no operation matches it) |
/// | `/request/path/{name}`, `/request/query/{name}`, `/request/header/{name}`, `/request/cookie/{name}` | a parameter (header names in lower case); an item inside continues the pointer: `/request/query/ids/2` |
/// | `/request/query…` | OpenAPI 3.2's `in: querystring` value |
/// | `/request/security` | the credentials |
/// | `/request/body…` | the body, then the JSON pointer inside it |
/// | `/response/status` | the status code |
/// | `/response/header/{name}` | a response header |
/// | `/response/body…` | the response body |
///
/// Messages never contain a credential's value.
public struct ExchangeResult: Sendable, CustomStringConvertible {
    /// The operation the exchange was checked against; `nil` when none matched.
    public var operation: OpenAPIOperation?
    /// Contract violations.
    public var errors: [SchemaViolation]
    /// Findings that are not violations unless ``ExchangeOptions/strict`` is set (then they are
    /// errors and this list is empty): query parameters the operation does not document, a body
    /// sent without `Content-Type`.
    public var warnings: [SchemaViolation]
    /// What could not be checked offline: `mutualTLS` credentials, bodies of media types that are
    /// not read (binary) and binary parts of multipart bodies. Never errors.
    public var unchecked: [SchemaViolation]

    /// Whether the exchange has no errors.
    public var isValid: Bool { errors.isEmpty }

    /// Creates a result.
    public init(
        operation: OpenAPIOperation? = nil, errors: [SchemaViolation] = [], warnings: [SchemaViolation] = [],
        unchecked: [SchemaViolation] = []
    ) {
        self.operation = operation
        self.errors = errors
        self.warnings = warnings
        self.unchecked = unchecked
    }

    /// One line per error, warning and unchecked item.
    public var description: String {
        var lines: [String] = [
            isValid
                ? "valid" + (operation.map { " (\($0.displayName))" } ?? "") : "invalid" + (operation.map { " (\($0.displayName))" } ?? "")
        ]
        lines += errors.map { "error: \($0)" }
        lines += warnings.map { "warning: \($0)" }
        lines += unchecked.map { "unchecked: \($0)" }
        return lines.joined(separator: "\n")
    }
}

/// Collects the findings of one exchange check.
struct ExchangeReport {
    var errors: [SchemaViolation] = []
    var warnings: [SchemaViolation] = []
    var unchecked: [SchemaViolation] = []

    /// A finding of `kind` about the part of the exchange at `location`, made by the contract's
    /// `keyword` (`parameters`, `content`, `responses`) written at `source`.
    static func finding(_ kind: ContractError.Kind, _ location: String, _ keyword: String, _ message: String, _ source: SourceLocation)
        -> SchemaViolation
    {
        SchemaViolation(
            code: kind.rawValue, instanceLocation: location, keywordLocation: "/" + keyword, absoluteKeywordLocation: "",
            source: source, keyword: keyword, message: message)
    }

    mutating func error(_ kind: ContractError.Kind, _ location: String, _ keyword: String, _ message: String, _ source: SourceLocation) {
        errors.append(Self.finding(kind, location, keyword, message, source))
    }

    mutating func warning(_ kind: ContractError.Kind, _ location: String, _ keyword: String, _ message: String, _ source: SourceLocation) {
        warnings.append(Self.finding(kind, location, keyword, message, source))
    }

    mutating func unchecked(_ kind: ContractError.Kind, _ location: String, _ keyword: String, _ message: String, _ source: SourceLocation)
    {
        unchecked.append(Self.finding(kind, location, keyword, message, source))
    }

    /// Schema errors, their instance locations under `prefix`.
    mutating func add(_ result: ValidationResult, under prefix: String) {
        for var error in result.errors {
            error.instanceLocation = prefix + error.instanceLocation
            errors.append(error)
        }
    }

    func result(_ operation: OpenAPIOperation?, _ options: ExchangeOptions) -> ExchangeResult {
        options.strict
            ? ExchangeResult(operation: operation, errors: errors + warnings, warnings: [], unchecked: unchecked)
            : ExchangeResult(operation: operation, errors: errors, warnings: warnings, unchecked: unchecked)
    }
}

extension OpenAPIDocument {
    /// Validates a whole request: the operation is found from the method and path (the server
    /// URL's path stripped, see ``ExchangeOptions/basePath``), then its path, query, header and
    /// cookie parameters, security requirements, content type and body are checked.
    ///
    /// ```swift
    /// var request = HTTPRequest(method: .post, scheme: "https", authority: "openrouter.ai", path: "/api/v1/videos")
    /// request.headerFields[.contentType] = "application/json"
    /// request.headerFields[.authorization] = "Bearer \(token)"
    /// let result = try contract.validate(request: request, body: Array(json.utf8))
    /// for error in result.errors { print(error.instanceLocation, error.message) }
    /// ```
    ///
    /// Parameter values are read per their `style` and `explode` and converted to the types their
    /// schema declares before validation (`?limit=10` is the integer 10; only `true`/`false` are
    /// booleans). Bodies are read by their `Content-Type`: JSON (and `+json`) parsed and validated
    /// with `readOnly` properties forbidden, `text/*` validated as a string, other types accepted
    /// unchecked.
    /// - Parameters:
    ///   - request: The request line and header fields.
    ///   - body: The body bytes; `nil` or empty for none.
    ///   - operation: An `operationId` or `"METHOD /path"` to check against, instead of finding
    ///     the operation from the request.
    ///   - options: Strictness and base path.
    /// - Returns: Errors (an exchange no operation matches is one error at `/request`), warnings,
    ///   and what could not be checked.
    /// - Throws: ``ContractError`` when `operation` names no operation, or a schema compiled on
    ///   demand is invalid.
    public func validate(request: HTTPRequest, body: [UInt8]? = nil, operation: String? = nil, options: ExchangeOptions = ExchangeOptions())
        throws(ContractError) -> ExchangeResult
    {
        guard let parts = RequestParts(request, body: body) else {
            return ExchangeResult(errors: [
                ExchangeReport.finding(
                    .requestWithoutPath, "/request", "paths", "the request has no path", root["paths"]?.location ?? .unknown)
            ])
        }
        return try validate(parts, operation: operation, options: options)
    }

    /// Validates a whole request given as plain values; see ``validate(request:body:operation:options:)``.
    ///
    /// ```swift
    /// let result = try contract.validateRequest(method: "GET", url: "/videos?limit=ten",
    ///                                           headers: [("Authorization", "Bearer sk-…")])
    /// // result.errors[0].instanceLocation == "/request/query/limit"
    /// ```
    /// - Parameters:
    ///   - method: The method as sent (`GET`, `QUERY`).
    ///   - url: An absolute URL, whose path starts with a server's path, or a path with its query
    ///     (`/videos?limit=10`), which may also leave the server's path out.
    ///   - headers: Header fields in order (names in any case).
    ///   - body: The body bytes; `nil` or empty for none.
    ///   - operation: An `operationId` or `"METHOD /path"`, instead of finding it.
    ///   - options: Strictness and base path.
    /// - Throws: ``ContractError`` as for ``validate(request:body:operation:options:)``.
    public func validateRequest(
        method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil, operation: String? = nil,
        options: ExchangeOptions = ExchangeOptions()
    ) throws(ContractError) -> ExchangeResult {
        try validate(RequestParts(method: method, target: url, headers: headers, body: body), operation: operation, options: options)
    }

    /// Validates a response to `request`: its status must be documented (exact, then `2XX`, then
    /// `default`), its headers must match their Header Objects (required ones present), and its
    /// body must be in a documented content type and valid with `writeOnly` properties forbidden.
    /// - Parameters:
    ///   - response: The status and header fields.
    ///   - body: The body bytes; `nil` or empty for none.
    ///   - request: The request it answers, from which the operation is found.
    ///   - operation: An `operationId` or `"METHOD /path"`, instead of finding it.
    ///   - options: Strictness and base path.
    /// - Returns: The response's errors (or one error at `/request` when no operation matches the
    ///   request), warnings and unchecked items.
    /// - Throws: ``ContractError`` when `operation` names no operation, or a schema compiled on
    ///   demand is invalid.
    public func validate(
        response: HTTPResponse, body: [UInt8]? = nil, request: HTTPRequest, operation: String? = nil,
        options: ExchangeOptions = ExchangeOptions()
    ) throws(ContractError) -> ExchangeResult {
        guard let parts = RequestParts(request, body: nil) else {
            return ExchangeResult(errors: [
                ExchangeReport.finding(
                    .requestWithoutPath, "/request", "paths", "the request has no path", root["paths"]?.location ?? .unknown)
            ])
        }
        return try validate(ResponseParts(response, body: body), to: parts, operation: operation, options: options)
    }

    /// Validates a response given as plain values; see ``validate(response:body:request:operation:options:)``.
    /// - Parameters:
    ///   - status: The status code.
    ///   - headers: Header fields in order (names in any case).
    ///   - body: The body bytes; `nil` or empty for none.
    ///   - method: The request's method.
    ///   - url: The request's URL or path, as for ``validateRequest(method:url:headers:body:operation:options:)``.
    ///   - operation: An `operationId` or `"METHOD /path"`, instead of finding it.
    ///   - options: Strictness and base path.
    /// - Throws: ``ContractError`` as for ``validate(response:body:request:operation:options:)``.
    public func validateResponse(
        status: Int, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil, method: String, url: String,
        operation: String? = nil, options: ExchangeOptions = ExchangeOptions()
    ) throws(ContractError) -> ExchangeResult {
        try validate(
            ResponseParts(status: status, headers: headers, body: body),
            to: RequestParts(method: method, target: url, headers: [], body: nil), operation: operation, options: options)
    }

    /// The operation a request is for, found as ``validate(request:body:operation:options:)``
    /// finds it; `nil` when none matches.
    public func operation(for request: HTTPRequest, options: ExchangeOptions = ExchangeOptions()) -> OpenAPIOperation? {
        guard let parts = RequestParts(request, body: nil), case .matched(let index, _) = route(parts, options) else { return nil }
        return operations[index]
    }

    // MARK: - Internals

    private func route(_ request: RequestParts, _ options: ExchangeOptions) -> Router.Outcome {
        router.route(
            method: request.method, path: request.path, query: request.query, basePath: options.basePath,
            allowUnprefixed: !request.hasAuthority, operations: operations)
    }

    /// The operation and its raw path variables, or the `/request` error.
    func resolve(_ request: RequestParts, _ identifier: String?, _ options: ExchangeOptions) throws(ContractError) -> Result<
        (OpenAPIOperation, [(name: String, raw: Substring)]), SchemaViolation
    > {
        // The `paths` key, and a path's own key under it (the value of `paths` is located at its
        // first key, which would name an unrelated path).
        var pathsLocation: SourceLocation { root.objectValue?.member("paths")?.keyLocation ?? root["paths"]?.location ?? .unknown }
        func pathLocation(_ template: String) -> SourceLocation {
            let paths = root["paths"]?.objectValue
            // A template documented only under keys with a query (`/widgets?beta=true`): the first.
            let key =
                paths?.member(template)?.keyLocation
                ?? paths?.members.first { Router.splitKey($0.key).path == template }?.keyLocation
            return key?.isKnown == true ? key! : pathsLocation
        }
        if let identifier {
            let op = try self.operation(identifier)
            // A webhook is sent to whatever URL the receiver registered: no path to match.
            if op.isWebhook { return .success((op, [])) }
            guard
                let index = operations.firstIndex(where: { $0.method == op.method && $0.path == op.path && $0.isWebhook == op.isWebhook }),
                let variables = router.variables(
                    of: index, path: request.path, basePath: options.basePath, allowUnprefixed: !request.hasAuthority)
            else {
                return .failure(
                    ExchangeReport.finding(
                        .pathMismatch, "/request", "paths",
                        "the request path \(describe(request.path)) does not match \(op.path) of \(op.displayName)", pathLocation(op.path)))
            }
            if !op.pathKeyQuery.isEmpty, !Router.carries(op.pathKeyQuery, Router.decodedPairs(request.query)) {
                return .failure(
                    ExchangeReport.finding(
                        .pathMismatch, "/request", "paths",
                        "the request's query does not carry what the path key \(op.path) of \(op.displayName) holds (\(Router.keyQueryText(op.path)))",
                        pathLocation(op.path)))
            }
            return .success((op, variables))
        }
        switch route(request, options) {
        case .matched(let index, let variables):
            return .success((operations[index], variables))
        case .methodNotAllowed(let template, let allowed):
            return .failure(
                ExchangeReport.finding(
                    .undocumentedMethod, "/request", "paths",
                    "\(request.method) is not documented for \(template) (documented: \(allowed.joined(separator: ", ")))",
                    pathLocation(template)))
        case .queryNotCarried(let keys):
            // `POST /jobs` where only `/jobs?beta=true` documents POST: the path is right, so name
            // the keys and what they need rather than the closest paths.
            return .failure(
                ExchangeReport.finding(
                    .unknownOperation, "/request", "paths",
                    "no operation matches \(request.method) \(describe(request.path)): \(Router.onlyUnderQueryKeys(method: request.method, keys: keys))",
                    pathLocation(keys[0])))
        case .noMatch:
            let templates = router.routes.map { operations[$0.operation].path }
            var unique: [String] = []
            for t in templates where !unique.contains(t) { unique.append(t) }
            let stripped =
                router.routes.lazy.flatMap { $0.prefixes }.lazy.compactMap { $0.remainders(of: request.path).first }.first ?? request.path
            // Edit distance is quadratic: compare at most 200 characters of a (possibly huge) path.
            let probe = String(stripped.prefix(200))
            // A key holding a query (`/responses?beta=true`) is compared by its path and named whole.
            let closest = unique.map { ($0, editDistance(probe, String(Router.splitKey($0).path.prefix(200)))) }
                .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
            var hint = closest.isEmpty ? "the document has no paths" : "closest paths: \(closest.joined(separator: ", "))"
            var separator = "; "
            if let missed = basePathMiss(request, options) {
                separator = ": "
                hint = missed.replacesClosest ? missed.text : "\(missed.text); \(hint)"
            }
            return .failure(
                ExchangeReport.finding(
                    .unknownOperation, "/request", "paths",
                    "no operation matches \(request.method) \(describe(request.path))\(separator)\(hint)", pathsLocation))
        }
    }

    /// For a request to a host whose path starts with none of the base paths (the servers' paths,
    /// or ``ExchangeOptions/basePath``), what the no-match message says instead of only the
    /// closest paths: `the servers' base path is /v1 (https://api.example.com/v1); use --base-path
    /// / to check paths as written` when the path as written matches a path template (the base
    /// path is what is missing), else `the path does not start with the servers' base path /v1
    /// (…)`. `nil` when a base path matched (the miss is elsewhere) or the request is a bare path
    /// (matched with and without base paths).
    private func basePathMiss(_ request: RequestParts, _ options: ExchangeOptions) -> (text: String, replacesClosest: Bool)? {
        guard request.hasAuthority else { return nil }
        let what: String
        let which: String
        var plural = false
        if let basePath = options.basePath {
            let trimmed = String(basePath.reversed().drop { $0 == "/" }.reversed())
            guard !trimmed.isEmpty, PathPrefix(template: trimmed).remainders(of: request.path).isEmpty else { return nil }
            (what, which) = ("the base path given", trimmed)
        } else {
            if router.routes.contains(where: { route in route.prefixes.contains { !$0.remainders(of: request.path).isEmpty } }) {
                return nil
            }
            var servers: [(path: String, url: String)] = []
            for op in operations where !op.isWebhook {
                for server in op.servers where !servers.contains(where: { $0.url == server.url }) {
                    servers.append((server.pathTemplate, server.url))
                }
            }
            guard let first = servers.first else { return nil }
            let more = servers.count > 3 ? ", …" : ""
            if servers.allSatisfy({ $0.path == first.path }) {
                (what, which) = ("the servers' base path", "\(first.path) (\(servers.prefix(3).map(\.url).joined(separator: ", "))\(more))")
            } else {
                plural = true
                (what, which) = (
                    "the servers' base paths", servers.prefix(3).map { "\($0.path) (\($0.url))" }.joined(separator: ", ") + more
                )
            }
        }
        if asWritten(request) { return ("\(what) \(plural ? "are" : "is") \(which); use --base-path / to check paths as written", true) }
        return ("the path does not start with \(plural ? "any of " : "")\(what) \(which)", false)
    }

    /// Whether the request's path, as written, matches a path template (for any method).
    private func asWritten(_ request: RequestParts) -> Bool {
        switch router.route(
            method: request.method, path: request.path, query: request.query, basePath: "", allowUnprefixed: false, operations: operations)
        {
        case .matched, .methodNotAllowed, .queryNotCarried: return true
        case .noMatch: return false
        }
    }

    /// A request path for messages, cut at 200 characters.
    private func describe(_ path: Substring) -> String {
        path.count > 200 ? String(path.prefix(200)) + "…" : String(path)
    }

    func validate(_ request: RequestParts, operation identifier: String?, options: ExchangeOptions) throws(ContractError) -> ExchangeResult
    {
        switch try resolve(request, identifier, options) {
        case .failure(let error): return ExchangeResult(errors: [error])
        case .success(let found): return try check(request, found.0, found.1, options)
        }
    }

    /// Checks a request against `op`, its path variables already read.
    func check(_ request: RequestParts, _ op: OpenAPIOperation, _ variables: [(name: String, raw: Substring)], _ options: ExchangeOptions)
        throws(ContractError) -> ExchangeResult
    {
        try checkRequestReferences(of: op)
        var report = ExchangeReport()
        try checkParameters(op, request, variables, &report)
        let security = SecurityCheck.check(op, request, schemes: securitySchemes)
        if let error = security.error { report.errors.append(error) }
        report.unchecked += security.unchecked
        try checkRequestBody(op, request, &report)
        return report.result(op, options)
    }

    func validate(_ response: ResponseParts, to request: RequestParts, operation identifier: String?, options: ExchangeOptions)
        throws(ContractError) -> ExchangeResult
    {
        switch try resolve(request, identifier, options) {
        case .failure(let error): return ExchangeResult(errors: [error])
        case .success(let found): return try check(response, found.0, options)
        }
    }

    /// Checks a response against `op`.
    func check(_ response: ResponseParts, _ op: OpenAPIOperation, _ options: ExchangeOptions) throws(ContractError) -> ExchangeResult {
        var report = ExchangeReport()
        guard let documented = Self.response(for: response.status, in: op) else {
            report.error(
                .undocumentedStatus, "/response/status", "responses",
                "status \(response.status) is not documented for \(op.displayName) (documented: \(op.responses.map(\.status).joined(separator: ", ")))",
                op.responsesLocation)
            return report.result(op, options)
        }
        try checkReferences(of: documented)
        try checkResponseHeaders(documented, response, &report)
        try checkBody(
            response.body, contentType: response.values("content-type").first, content: documented.content, required: false,
            direction: .response, prefix: "/response", what: "response \(documented.status) of \(op.displayName)",
            source: documented.location, &report)
        return report.result(op, options)
    }

    private func checkRequestBody(_ op: OpenAPIOperation, _ request: RequestParts, _ report: inout ExchangeReport) throws(ContractError) {
        try checkBody(
            request.body, contentType: request.header("content-type"), content: op.requestContent, required: op.requestBodyRequired,
            direction: .request, prefix: "/request", what: "the request of \(op.displayName)", source: op.requestLocation, &report)
    }

    /// The body rules shared by requests and responses (OpenAPI 3.1.1 §4.8.13, §4.8.14): an empty
    /// body is no body; a body needs a documented media type (the most specific key applies).
    private func checkBody(
        _ body: [UInt8]?, contentType: String?, content: [OpenAPIOperation.Content], required: Bool, direction: ValidationDirection,
        prefix: String, what: @autoclosure () -> String, source: SourceLocation, _ report: inout ExchangeReport
    ) throws(ContractError) {
        let bodyLocation = prefix == "/request" ? "/request/body" : "/response/body"
        let typeLocation = prefix == "/request" ? "/request/header/content-type" : "/response/header/content-type"
        // Messages are built only when reported.
        var documented: String { content.map(\.mediaType).joined(separator: ", ") }
        guard let body, !body.isEmpty else {
            if required { report.error(.bodyRequired, bodyLocation, "required", "a body is required by \(what())", source) }
            return
        }
        guard !content.isEmpty else {
            report.error(.undocumentedBody, bodyLocation, "content", "\(what()) documents no body", source)
            return
        }
        let mediaType: MediaType
        if let contentType {
            guard let parsed = MediaType(contentType) else {
                report.error(
                    .invalidContentType, typeLocation, "content",
                    "Content-Type \(JSONWriter.quoted(contentType)) is not a media type (documented: \(documented))", source)
                return
            }
            mediaType = parsed
        } else {
            // RFC 9110 §8.3: content without a type may be treated as application/octet-stream.
            guard OpenAPIOperation.Content.select("application/octet-stream", in: content) != nil else {
                report.error(
                    .missingContentType, typeLocation, "content", "the body has no Content-Type header (documented: \(documented))", source)
                return
            }
            report.warning(
                .missingContentType, typeLocation, "content", "the body has no Content-Type header; read as application/octet-stream",
                source)
            mediaType = MediaType("application/octet-stream")!
        }
        guard let selected = OpenAPIOperation.Content.select(mediaType, in: content) else {
            report.error(
                .undocumentedContentType, typeLocation, "content",
                "content type \(mediaType.essence) is not documented for \(what()) (documented: \(documented))", source)
            return
        }
        if mediaType.isMultipart, !mediaType.isForm || selected.positionalEncoding != nil {
            try checkPositionalMultipart(
                body, contentType: contentType ?? "", mediaType: mediaType, selected, direction: direction,
                bodyLocation: bodyLocation, typeLocation: typeLocation, source: source, &report)
            return
        }
        if !mediaType.isJSON, mediaType.isForm {
            try checkFormBody(
                body, contentType: contentType ?? "", mediaType: mediaType, selected, direction: direction,
                bodyLocation: bodyLocation, typeLocation: typeLocation, source: source, &report)
            return
        }
        if !mediaType.isJSON, mediaType.isSequential {
            try checkSequence(
                body, mediaType: mediaType, selected, direction: direction, bodyLocation: bodyLocation, source: source, &report)
            return
        }
        switch ContentDecoder.decode(body, as: mediaType) {
        case .invalid(let why):
            report.error(.unreadableContent, bodyLocation, "content", "the body is \(why)", source)
        case .unchecked(let why):
            report.unchecked(.uncheckedContent, bodyLocation, "content", why, source)
        case .value(let value):
            guard let schema = try compiledSchema(selected) else { return }
            let directed = schema.directed(direction)
            // `validate` settles a valid body with the yes/no walk and walks again for errors only
            // when it is invalid, so no pre-check here (it would run the yes/no walk twice).
            report.add(directed.validate(value), under: bodyLocation)
        }
    }

    /// The compiled schema at `located`.
    func compiledSchema(at located: Located) throws(ContractError) -> Schema {
        do { return try graph.schema(for: located) } catch { throw ContractError(compiling: error) }
    }
}
