import SchemaValidation
import SpecSource

/// A loaded, compiled OpenAPI 3.0 or 3.1 document: the contract that requests and responses are
/// checked against.
///
/// Loading reads the document (YAML or JSON), applies overlays in order, picks the schema dialect
/// from `openapi` (and `jsonSchemaDialect`), resolves every `$ref` and compiles every schema the
/// document contains, so that a broken document fails at load with every problem listed (each with
/// file:line:column), and validation afterwards does no per-instance schema work. The value is
/// immutable and `Sendable`: load once, share it.
///
/// ```swift
/// let contract = try OpenAPIDocument.load(contentsOf: "specs/openrouter-videos.yaml")
/// let result = try contract.validateRequest(body, for: "createVideos")
/// ```
public struct OpenAPIDocument: Sendable {
    /// The document after overlays, as loaded.
    public let root: JSONValue
    /// The `openapi` version string.
    public let version: String
    /// The dialect its Schema Objects are compiled with.
    public let dialect: Dialect
    /// Every operation, in document order.
    public let operations: [OpenAPIOperation]
    /// Warnings from overlays whose targets selected nothing.
    public let overlayWarnings: [Overlay.Warning]
    /// `components/securitySchemes` by name.
    public let securitySchemes: [String: SecurityScheme]
    /// Number of distinct schema nodes compiled so far.
    public var schemaCount: Int { graph.schemaCount }
    private let componentSchemas: [String: (JSONPointer, JSONValue)]
    let schemaPositions: [Located]
    let graph: DocumentGraph
    /// Whether the operations (and the objects below them) were read at load.
    let operationsFound: Bool
    /// Finds operations from request paths and methods.
    let router: Router
    /// The reference errors of Path Items whose operations could not be read (lazy loading only:
    /// other compilations throw them at load).
    let unreadablePathItems: [SourceError]
    /// How many of ``unreadablePathItems`` are operations (a method's `$ref`), not Path Items.
    let unreadableOperationCount: Int
    /// The reference errors found at load when the document was loaded keeping them
    /// (`keepsReferenceErrors`), in the order they were found; empty otherwise.
    package let referenceErrors: [SourceError]

    /// When the document's schemas are compiled.
    public enum Compilation: Sendable {
        /// At load: every schema of the document, so every problem is reported by `load`.
        case eager
        /// On first use of each schema. Every `$ref` is still resolved at load; problems inside a
        /// schema (an invalid `pattern`, a bad keyword value) are reported when it is first used.
        /// The fast way to check payloads against a few operations of a large document.
        case onDemand
        /// On first use of each schema, like ``onDemand``, and Schema Objects are neither indexed
        /// nor their references resolved at load: a schema's references are resolved, and a broken
        /// one reported (`ref.unresolved`, with the message and position ``onDemand`` gives at
        /// load), when it is first compiled, together with its other problems. Operations and the
        /// references of Path Item, Operation, Parameter, Response… objects are still found at load,
        /// but one that cannot be resolved is thrown only by the checks that read it: those of a
        /// request (its parameters, request body and media types) or of the response selected
        /// (``ContractError/Kind/schemaDoesNotCompile``, its ``ContractError/sourceErrors`` those
        /// ``onDemand`` throws at load); Example references are never read. An operation of a Path
        /// Item that cannot be read is not found, and ``operation(_:)`` names that Path Item.
        /// Broken references in schemas that are never used go unreported: the fastest way to
        /// check payloads against one schema or operation of a large document once (a command-line
        /// run), not a way to check the document.
        case lazy
    }

    /// Loads, overlays and compiles a document.
    /// - Parameters:
    ///   - path: The OpenAPI document (never modified).
    ///   - overlays: Overlay files applied in order before compiling.
    ///   - options: Schema options (formats, custom formats, reference resolver).
    ///   - compilation: Compile every schema now (the default) or each on first use.
    /// - Throws: ``SpecSource/SourceErrors`` with every problem found, each located.
    public static func load(
        contentsOf path: String, overlays: [String] = [], options: SchemaOptions = SchemaOptions(), compilation: Compilation = .eager
    ) throws(SourceErrors) -> OpenAPIDocument {
        try load(contentsOf: path, overlays: overlays, options: options, compilation: compilation, findsOperations: true)
    }

    /// ``load(contentsOf:overlays:options:compilation:)``; with `findsOperations: false`, see
    /// ``init(document:uri:options:compilation:overlayWarnings:findsOperations:)``. `readAhead` is
    /// what `SourceLoader.load(contentsOf: path)` gave (the tree or its error), when the caller
    /// already read it (the CLI reads `--spec` while it parses its command line); `nil` reads the
    /// file here.
    package static func load(
        contentsOf path: String, overlays: [String], options: SchemaOptions, compilation: Compilation, findsOperations: Bool,
        readAhead: Result<JSONValue, SourceError>? = nil
    ) throws(SourceErrors) -> OpenAPIDocument {
        var document: JSONValue
        var warnings: [Overlay.Warning] = []
        do {
            if let readAhead { document = try readAhead.get() } else { document = try SourceLoader.load(contentsOf: path) }
            for overlayPath in overlays {
                let overlay = try Overlay.load(contentsOf: overlayPath)
                let (applied, w) = try overlay.apply(to: document)
                document = applied
                warnings += w
            }
        } catch {
            throw SourceErrors([error])
        }
        return try OpenAPIDocument(
            document: document, uri: SchemaGraphBuilder.fileURI(forPath: path), options: options, compilation: compilation,
            overlayWarnings: warnings, findsOperations: findsOperations)
    }

    /// Compiles an already parsed document.
    /// - Parameters:
    ///   - document: The OpenAPI document.
    ///   - uri: Its retrieval URI (relative `$ref`s to other files resolve against it).
    ///   - options: Schema options.
    ///   - compilation: Compile every schema now (the default) or each on first use.
    ///   - overlayWarnings: Warnings from overlays already applied to `document`, kept for reporting.
    /// - Throws: ``SpecSource/SourceErrors``.
    public init(
        document: JSONValue, uri: String = "urn:spec-check:openapi", options: SchemaOptions = SchemaOptions(),
        compilation: Compilation = .eager, overlayWarnings: [Overlay.Warning] = []
    ) throws(SourceErrors) {
        try self.init(
            document: document, uri: uri, options: options, compilation: compilation, overlayWarnings: overlayWarnings,
            findsOperations: true)
    }

    /// ``init(document:uri:options:compilation:overlayWarnings:)``; with `findsOperations: false`
    /// and ``Compilation/lazy``, the Path Items and everything below them are not read at all (no
    /// operations, security schemes or schema positions, and none of their reference errors): a
    /// document for `components/schemas` lookups by name (``schema(named:)``), which is all
    /// `validate --schema NAME` asks, skipping 6% of its work on the OpenAI document.
    /// ``operation(_:)`` and ``schema(atPointer:)`` then throw, saying so, rather than answer
    /// from a document they did not read.
    ///
    /// With `keepsReferenceErrors`, references that cannot be resolved (and the other errors of
    /// the reference walk) do not fail the load: they are kept in ``referenceErrors``, and what
    /// they designate is simply absent (an operation of a Path Item that cannot be read, a
    /// parameter that cannot be read, a schema that then does not compile). For lint, which
    /// reports them and checks the rest; never for checks whose verdicts would rest on them.
    package init(
        document: JSONValue, uri: String, options: SchemaOptions, compilation: Compilation, overlayWarnings: [Overlay.Warning],
        findsOperations: Bool, keepsReferenceErrors: Bool = false
    ) throws(SourceErrors) {
        guard let object = document.objectValue else {
            throw SourceErrors([
                SourceError(
                    code: "openapi.invalid", message: "an OpenAPI document must be an object, found \(document.typeName)",
                    location: document.location)
            ])
        }
        if object["swagger"] != nil {
            throw SourceErrors([
                SourceError(
                    code: "openapi.unsupported-version", message: "Swagger 2.0 documents are not supported; convert to OpenAPI 3.0 or 3.1",
                    location: object["swagger"]!.location)
            ])
        }
        guard let versionValue = object["openapi"], let version = versionValue.stringValue else {
            throw SourceErrors([
                SourceError(
                    code: "openapi.invalid", message: "not an OpenAPI document: the \"openapi\" version field is missing",
                    location: document.location)
            ])
        }
        let dialect: Dialect
        if version.hasPrefix("3.0") {
            dialect = .openAPI30
        } else if version.hasPrefix("3.1") || version.hasPrefix("3.2") {
            let declared = object["jsonSchemaDialect"]?.stringValue.flatMap { Dialect(metaSchemaURI: $0) }
            dialect = declared == nil || declared == .draft2020_12 ? .openAPI31 : declared!
        } else {
            throw SourceErrors([
                SourceError(
                    code: "openapi.unsupported-version", message: "unsupported OpenAPI version \(version); expected 3.0.x or 3.1.x",
                    location: versionValue.location)
            ])
        }
        let defersIndexing = compilation == .lazy
        let graph = DocumentGraph {
            SchemaGraphBuilder(document: document, uri: uri, dialect: dialect, options: options, defersIndexing: defersIndexing)
        }
        var errors: [SourceError] = []

        // Every operation, and every Schema Object of the document and of the documents its
        // references reach (each reference resolved against the file that contains it).
        var components: [String: (JSONPointer, JSONValue)] = [:]
        for member in object["components"]?["schemas"]?.objectValue ?? JSONObject() {
            components[member.key] = (JSONPointer(tokens: ["components", "schemas", member.key]), member.value)
        }
        var walker = DocumentWalker(graph: graph)
        let walks = findsOperations || compilation != .lazy
        if walks { walker.walk(document, uri: graph.rootDocumentURI) }
        // Lazily, a broken reference stops only what uses it: each operation keeps those of its
        // request side and of each response, and the document those of unreadable Path Items.
        if compilation != .lazy { errors += walker.errors }
        let positions = walker.schemaPositions
        do {
            switch compilation {
            case .eager: try graph.compileAll(positions)
            case .onDemand: try graph.checkReferences()
            case .lazy: break
            }
        } catch {
            errors += error.errors
        }
        if !errors.isEmpty && !keepsReferenceErrors { throw SourceErrors(errors) }
        referenceErrors = errors
        root = document
        self.version = version
        self.dialect = dialect
        operations = walker.operations
        securitySchemes = walker.securitySchemes
        router = Router(operations: walker.operations)
        self.overlayWarnings = overlayWarnings
        componentSchemas = components
        schemaPositions = positions
        self.graph = graph
        operationsFound = walks
        unreadablePathItems = compilation == .lazy ? walker.unreadablePathItems : []
        unreadableOperationCount = compilation == .lazy ? walker.unreadableOperationCount : 0
    }

    /// Compiles every schema of the document (a no-op for those already compiled).
    /// - Throws: ``SpecSource/SourceErrors`` with every problem found.
    public func compileAllSchemas() throws(SourceErrors) {
        try graph.compileAll(schemaPositions)
    }

    /// The compiled schema `components/schemas/<name>`.
    /// - Throws: ``ContractError`` when there is no such schema (with the closest names).
    public func schema(named name: String) throws(ContractError) -> Schema {
        if let (pointer, value) = componentSchemas[name] {
            do { return try graph.schema(at: pointer, value: value) } catch { throw ContractError(compiling: error) }
        }
        throw ContractError(
            .unknownSchema,
            "no schema named \(JSONWriter.quoted(name)) in components/schemas" + suggestion(for: name, among: Array(componentSchemas.keys)))
    }

    /// The names of `components/schemas`, sorted.
    public var schemaNames: [String] { componentSchemas.keys.sorted() }

    /// The operation named by `identifier`: an `operationId`, or `"METHOD /path"` where a concrete
    /// path matches templates like `/videos/{jobId}`.
    /// - Throws: ``ContractError`` when nothing matches; in a ``Compilation/lazy`` document with
    ///   Path Items that cannot be read, its message first says that one of them may hold the
    ///   operation and lists them (file:line:column and why, one per line), then the nearest
    ///   operation that was read. An operation found is returned even when references it holds
    ///   cannot be resolved: the checks that read them throw.
    public func operation(_ identifier: String) throws(ContractError) -> OpenAPIOperation {
        let miss: OperationMiss
        switch findOperation(identifier) {
        case .success(let op): return op
        case .failure(let failure): miss = failure
        }
        guard !unreadablePathItems.isEmpty, miss.kind == .unknownOperation || miss.kind == .undocumentedMethod else {
            throw ContractError(miss.kind, miss.cause + (miss.hint.map { "; " + $0 } ?? ""))
        }
        // The operation may be one of those the unreadable Path Items hold: that cause comes first,
        // the nearest operation that was read last.
        let count = unreadablePathItems.count
        let what: String
        switch (unreadableOperationCount, count) {
        case (0, 1): what = "a path item that cannot be read may hold it"
        case (0, _): what = "\(count) path items that cannot be read may hold it"
        case (1, 1): what = "an operation that cannot be read may be it"
        case (count, _): what = "\(count) operations that cannot be read may be it"
        default: what = "\(count) path items and operations that cannot be read may hold it"
        }
        var lines = [miss.cause + ": " + what + ":"]
        lines += unreadablePathItems.prefix(10).map { "  \($0.location): \($0.message)" }
        if count > 10 { lines.append("  … and \(count - 10) more") }
        if let hint = miss.hint {
            let listed = hint.hasPrefix("available: ") ? "one of those read: " + hint.dropFirst("available: ".count) : hint
            lines.append("otherwise, " + listed)
        }
        throw ContractError(miss.kind, lines: lines)
    }

    /// An operation lookup that found nothing: what was not found (`no operation with operationId
    /// "x"`), and the nearest candidates, if any (`did you mean "y"?`).
    struct OperationMiss: Error {
        var kind: ContractError.Kind
        var cause: String
        var hint: String?
    }

    /// ``operation(_:)`` among the operations that were read.
    private func findOperation(_ identifier: String) -> Result<OpenAPIOperation, OperationMiss> {
        guard operationsFound else {
            let error = Self.operationsNotRead(.unknownOperation)
            return .failure(OperationMiss(kind: error.kind, cause: error.message))
        }
        if let op = operations.first(where: { $0.operationId == identifier }) { return .success(op) }
        var parts = identifier.split(separator: " ", maxSplits: 1).map(String.init)
        // A whole URL, as copied from curl or a log: its path (hosts are never compared).
        if parts.count == 2, let scheme = parts[1].range(of: "://"), parts[1][..<scheme.lowerBound].allSatisfy(\.isLetter) {
            let afterAuthority = parts[1][scheme.upperBound...]
            parts[1] = afterAuthority.firstIndex(of: "/").map { String(afterAuthority[$0...]) } ?? "/"
        }
        if parts.count == 2,
            parts[1].hasPrefix("/") || OpenAPIOperation.methods.contains(parts[0].lowercased())
                || operations.contains(where: { $0.httpMethod == parts[0] })
        {
            let sameMethod = operations.filter {
                $0.httpMethod == parts[0] || (OpenAPIOperation.methods.contains($0.method) && $0.method == parts[0].lowercased())
            }
            // A query written after the path selects a path key that holds one (`POST
            // /responses?beta=true`), as routing a request with that query would.
            let (path, query) = Self.splitTarget(parts[1])
            let pairs = Router.decodedPairs(query)
            let candidates =
                sameMethod
                .compactMap { op in Router.fit(of: op.path, path: path, pairs: pairs).map { (op, $0) } }
                .sorted { $0.1 > $1.1 }
            if let best = candidates.first { return .success(best.0) }
            // A path written as sent, with its server's base path (`/v1/chat/completions` for
            // `https://api.openai.com/v1`): matched below each of the operation's servers.
            if let best = Self.matchBelowServers(path, pairs: pairs, among: sameMethod) { return .success(best) }
            return .failure(Self.operationMiss(method: parts[0], path: parts[1], among: operations))
        }
        let ids = operations.compactMap(\.operationId)
        return .failure(
            OperationMiss(
                kind: .unknownOperation, cause: "no operation with operationId \(JSONWriter.quoted(identifier))",
                hint: suggestionHint(for: identifier, among: ids)))
    }

    /// The operation among `operations` whose path template matches `path` once one of its
    /// servers' base paths is taken off the front (the most specific match).
    private static func matchBelowServers(
        _ path: Substring, pairs: [(name: String?, value: String?)], among operations: [OpenAPIOperation]
    ) -> OpenAPIOperation? {
        var best: (op: OpenAPIOperation, score: Int)?
        for op in operations {
            for server in op.servers {
                for rest in server.pathPrefix.remainders(of: path) where rest.isEmpty || rest.hasPrefix("/") {
                    guard let score = Router.fit(of: op.path, path: rest.isEmpty ? "/" : rest, pairs: pairs) else { continue }
                    if best == nil || score > best!.score { best = (op, score) }
                }
            }
        }
        return best?.op
    }

    /// A `METHOD /path` identifier's path and query (after `?`, before any `#`).
    private static func splitTarget(_ target: String) -> (path: Substring, query: Substring?) {
        let target = Substring(target).prefix { $0 != "#" }
        guard let mark = target.firstIndex(of: "?") else { return (target, nil) }
        return (target[..<mark], target[target.index(after: mark)...])
    }

    /// Throws the reference errors of the request side of `op` (its parameters, request body and
    /// their media types), which a ``Compilation/lazy`` document reports only when the request is
    /// checked; every other document threw them at load.
    /// - Throws: ``ContractError`` of kind ``ContractError/Kind/schemaDoesNotCompile`` whose
    ///   ``ContractError/sourceErrors`` are the `ref.unresolved` (or `ref.invalid`, `ref.cycle`)
    ///   errors, located where the references are written.
    package func checkRequestReferences(of op: OpenAPIOperation) throws(ContractError) {
        if !op.requestReferenceErrors.isEmpty { throw ContractError(unreadable: op.requestReferenceErrors) }
    }

    /// Throws the reference errors of `response` (its Response, Header and Media Type Objects), as
    /// ``checkRequestReferences(of:)`` for the request side.
    package func checkReferences(of response: OpenAPIOperation.Response) throws(ContractError) {
        if !response.referenceErrors.isEmpty { throw ContractError(unreadable: response.referenceErrors) }
    }

    /// The error of a lookup that needs the operations of a document loaded without them.
    static func operationsNotRead(_ kind: ContractError.Kind) -> ContractError {
        ContractError(kind, "this document was loaded for lookups of components/schemas by name only: its operations were not read")
    }

    /// The miss of `METHOD path` that names no operation: the methods documented for the path
    /// when it matches a template (`operation.undocumented-method`), else the nearest paths with
    /// their methods.
    static func operationMiss(method: String, path: String, among operations: [OpenAPIOperation]) -> OperationMiss {
        let shown = "\(method.uppercased()) \(path)"
        // The path as documented, or as sent, after one of the operation's servers' base paths.
        let (bare, query) = splitTarget(path)
        let pairs = Router.decodedPairs(query)
        // Whether `key` fits the path as written or after one of `op`'s servers' base paths.
        func fits(_ key: String, of op: OpenAPIOperation, pairs: [(name: String?, value: String?)]) -> Bool {
            if Router.fit(of: key, path: bare, pairs: pairs) != nil { return true }
            return op.servers.contains { server in
                server.pathPrefix.remainders(of: bare).contains { rest in
                    (rest.isEmpty || rest.hasPrefix("/")) && Router.fit(of: key, path: rest.isEmpty ? "/" : rest, pairs: pairs) != nil
                }
            }
        }
        let samePath = operations.filter { !$0.isWebhook && fits($0.path, of: $0, pairs: pairs) }
        // The method documented for the path only under keys holding a query this one lacks.
        let underQueryKeys = operations.filter { op in
            !op.isWebhook && !op.pathKeyQuery.isEmpty && (op.httpMethod == method.uppercased() || op.httpMethod == method)
                && fits(Router.splitKey(op.path).path, of: op, pairs: [])
        }
        if !underQueryKeys.isEmpty {
            var keys: [String] = []
            for op in underQueryKeys where !keys.contains(op.path) { keys.append(op.path) }
            return OperationMiss(
                kind: .unknownOperation,
                cause: "no operation matches \(shown): \(Router.onlyUnderQueryKeys(method: method.uppercased(), keys: keys))")
        }
        // Other methods documented for the path only under keys holding a query this one lacks:
        // named with their key (`POST under /widgets?beta=true`), as routing names them.
        let underOtherKeys = operations.filter { op in
            !op.isWebhook && !op.pathKeyQuery.isEmpty && !fits(op.path, of: op, pairs: pairs)
                && fits(Router.splitKey(op.path).path, of: op, pairs: [])
        }
        if !samePath.isEmpty || !underOtherKeys.isEmpty {
            let templates = Set(samePath.map(\.path) + underOtherKeys.map { Router.splitKey($0.path).path }).sorted()
            let methods = samePath.map(\.httpMethod) + underOtherKeys.map { "\($0.httpMethod) under \($0.path)" }
            return OperationMiss(
                kind: .undocumentedMethod,
                cause: "no operation matches \(shown): \(method.uppercased()) is not documented for "
                    + "\(templates.joined(separator: ", ")) (documented: \(methods.joined(separator: ", ")))")
        }
        var methodsByPath: [String: [String]] = [:]
        for op in operations where !op.isWebhook { methodsByPath[op.path, default: []].append(op.httpMethod) }
        var hint = suggestionHint(for: path, among: Array(methodsByPath.keys))
        if hint != nil, let near = nearest(path, among: Array(methodsByPath.keys)), let methods = methodsByPath[near] {
            hint! += " (documented there: \(methods.joined(separator: ", ")))"
        }
        // A path written with a base path the servers do not have (`/v2/...` for `/v1`): say what
        // the paths are relative to.
        let bases = Set(operations.flatMap { $0.servers.map(\.pathTemplate) }.filter { !$0.isEmpty }).sorted()
        if hint != nil, !bases.isEmpty, !bases.contains(where: { path.hasPrefix($0 + "/") }), path.dropFirst().contains("/") {
            let listed = bases.prefix(3).joined(separator: ", ") + (bases.count > 3 ? ", …" : "")
            hint! += "; paths are relative to the servers' base path (\(listed)), which may be written before them"
        }
        return OperationMiss(kind: .unknownOperation, cause: "no operation matches \(shown)", hint: hint)
    }
}

/// A contract lookup that failed: unknown schema or operation, undocumented status or content
/// type, or a schema that does not compile. ``kind`` says which.
public struct ContractError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure it is.
    public var kind: Kind
    /// What went wrong.
    public var message: String
    /// The located problems, when a schema compiled on demand turned out to be invalid.
    public var sourceErrors: [SourceError]
    /// The lines of a message of several (``message`` is them joined by line breaks), each printed
    /// as one line with its own control characters escaped; empty for a message of one line.
    package var lines: [String] = []

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, sourceErrors: [SourceError] = []) {
        self.kind = kind
        self.message = message
        self.sourceErrors = sourceErrors
    }

    /// An error whose message is `lines`, one below the other.
    init(_ kind: Kind, lines: [String]) {
        self.init(kind, lines.joined(separator: "\n"))
        self.lines = lines
    }

    /// Objects of the contract that were needed but whose references cannot be resolved.
    init(unreadable errors: [SourceError]) {
        self.init(.schemaDoesNotCompile, "the contract does not load:\n" + SourceErrors(errors).description, sourceErrors: errors)
    }

    init(compiling errors: SourceErrors) {
        self.init(.schemaDoesNotCompile, "the schema does not compile:\n" + errors.description, sourceErrors: errors.errors)
    }

    /// The catalogue code of ``kind`` (`operation.unknown`).
    public var code: String { kind.rawValue }

    /// A short, human-readable form of the value.
    public var description: String { message }
}
