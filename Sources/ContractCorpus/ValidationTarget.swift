import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource

/// What instances are validated against, resolved once before any instance is read: a schema, the
/// request body of an operation, or its response body for one status.
///
/// Checking an instance may throw: a contract lookup that fails is reported as an error, never
/// turned into a verdict.
public struct ValidationTarget: Sendable {
    /// What the target is, for reports (`request body of createVideos`).
    public let describe: String
    /// Validates an instance, collecting every error.
    public let validate: @Sendable (JSONValue) throws -> ValidationResult
    /// Checks an instance yes or no (no error objects are built).
    public let isValid: @Sendable (JSONValue) throws -> Bool
    /// The schema, when instances are checked against one (large arrays may then be streamed).
    public var schema: Schema?
    /// Checks the absence of a body (an empty file), for a request or a response: valid unless a
    /// request body is `required` (`body.required`); nil for a schema, where nothing is no instance.
    public var validateAbsent: (@Sendable () throws -> ValidationResult)?

    /// A compiled schema.
    public init(schema: Schema, describe: String) {
        self.describe = describe
        validate = { schema.validate($0) }
        isValid = { schema.isValid($0) }
        self.schema = schema
    }

    /// A target from its two checks.
    public init(
        describe: String, validate: @escaping @Sendable (JSONValue) throws -> ValidationResult,
        isValid: @escaping @Sendable (JSONValue) throws -> Bool
    ) {
        self.describe = describe
        self.validate = validate
        self.isValid = isValid
    }

    /// A schema of `document`: the one named `components/schemas/<name>` when
    /// ``componentSchemaName(_:)`` finds a name in `reference`, else the one at the JSON pointer
    /// `reference` (``OpenAPIContract/OpenAPIDocument/schema(atPointer:)``; `#/…` or `/…`, or a
    /// pointer written without them, such as `paths/~1videos/post/…`).
    /// - Throws: ``SpecSource/SourceErrors`` when the schema does not compile;
    ///   ``OpenAPIContract/ContractError`` when there is no such schema.
    public static func schema(_ document: OpenAPIDocument, _ reference: String) throws -> ValidationTarget {
        do {
            if let name = componentSchemaName(reference) {
                return ValidationTarget(schema: try document.schema(named: name), describe: "schema \(name)")
            }
            let pointer = reference.hasPrefix("#") || reference.hasPrefix("/") ? reference : "/" + reference
            return ValidationTarget(schema: try document.schema(atPointer: pointer), describe: "schema at \(reference)")
        } catch {
            if !error.sourceErrors.isEmpty { throw SourceErrors(error.sourceErrors) }
            throw error
        }
    }

    /// Throws when a content type other than the default (`application/json`) is asked of a body
    /// `what` that is not documented at all: it has nothing to select, as one that selects none
    /// of the documented media types (the default itself, which every run passes, selects nothing
    /// and is no error: each instance is then checked as a body that is not documented).
    static func noBodyToSelect(_ contentType: String, for what: String) throws(ContractError) {
        let mediaType = contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard mediaType != "application/json" else { return }
        throw ContractError(.undocumentedBody, "\(what) documents no body, so content type \(contentType) has nothing to select")
    }

    /// The `components/schemas` name `reference` gives: `reference` itself when it is a name (it
    /// holds no `/`: a component name matches `^[a-zA-Z0-9.\-_]+$`, OpenAPI 3.1.1 §4.8.7.1), or
    /// `NAME` of `components/schemas/NAME` (a pointer without its `#/`, `~1` and `~0` unescaped);
    /// nil for a JSON pointer.
    public static func componentSchemaName(_ reference: String) -> String? {
        if !reference.contains("/") { return reference }
        let prefix = "components/schemas/"
        guard reference.hasPrefix(prefix) else { return nil }
        let token = reference.dropFirst(prefix.count)
        guard !token.isEmpty, !token.contains("/") else { return nil }
        return token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// The request body of `operation` in `contentType`. A `contentType` the request does not
    /// document, when it documents others, names a target that does not exist: it is thrown here,
    /// once, before any instance is read (as an undocumented status for ``response(_:operation:status:contentType:)``).
    /// A request that documents no body makes every instance invalid (a body it does not document);
    /// a media type without a schema accepts every instance. ``validateAbsent`` checks no body:
    /// valid unless the request body is `required`.
    /// - Throws: ``SpecSource/SourceErrors`` when its schema does not compile;
    ///   ``OpenAPIContract/ContractError`` when the operation is not documented, or the content
    ///   type is not (`content-type.undocumented`, naming the documented ones; `body.undocumented`
    ///   for a content type other than the default where no body is documented).
    public static func request(_ document: OpenAPIDocument, operation: String, contentType: String) throws -> ValidationTarget {
        let op = try document.operation(operation)
        if op.requestContent.isEmpty { try noBodyToSelect(contentType, for: "the request of \(op.displayName)") }
        let describe = "request body of \(op.displayName)"
        let check: @Sendable (JSONValue?) throws -> ValidationResult = { body in
            try document.validateRequest(body, for: operation, contentType: contentType)
        }
        // A stream's `itemSchema` applies to each item: checked through the contract, not as one schema.
        if OpenAPIDocument.select(contentType, in: op.requestContent)?.hasItemSchema != true {
            do {
                var target = ValidationTarget(
                    schema: try document.requestSchema(for: operation, contentType: contentType), describe: describe)
                target.validateAbsent = { try check(nil) }
                return target
            } catch {
                if !error.sourceErrors.isEmpty { throw SourceErrors(error.sourceErrors) }
                if !op.requestContent.isEmpty && OpenAPIDocument.select(contentType, in: op.requestContent) == nil { throw error }
            }
        }
        var target = ValidationTarget(describe: describe, validate: { try check($0) }, isValid: { try check($0).isValid })
        target.validateAbsent = { try check(nil) }
        return target
    }

    /// The response body of `operation` for `status`: a code (`201`, `100`–`599`), a range
    /// (`2XX`) or `default`, as text; the response is chosen as ``OpenAPIContract/OpenAPIOperation/response(for:)``
    /// says (a code: exact, then its range, then `default`). A status that selects no documented
    /// response names a target that does not exist: it is thrown here, once, before any instance is
    /// read (like an unknown operation), rather than reported against every instance; so is a
    /// `contentType` the response does not document when it documents others. A documented
    /// response without a body makes every instance invalid (a body the response does not
    /// document); no body (``validateAbsent``) is valid for every response, whose `content` lists
    /// the bodies it may have.
    /// - Throws: ``OpenAPIContract/ContractError`` for a status that is none of these, an unknown
    ///   operation, a status no documented response answers (`status.undocumented`, naming the
    ///   documented ones) or a content type it does not document (`content-type.undocumented`,
    ///   likewise); ``SpecSource/SourceErrors`` when the schema does not compile.
    public static func response(_ document: OpenAPIDocument, operation: String, status: String, contentType: String) throws
        -> ValidationTarget
    {
        guard let selector = ResponseStatus(status) else {
            throw ContractError(
                .undocumentedStatus,
                "--status must be an HTTP status code (100-599), a range (1XX-5XX) or default, found \(JSONWriter.quoted(status))")
        }
        let op = try document.operation(operation)
        if let selected = op.response(for: selector), selected.content.isEmpty {
            try noBodyToSelect(contentType, for: "the \(selector) response of \(op.displayName)")
        }
        let describe =
            op.response(for: selector).map { selected in
                selected.status == selector.description
                    ? "\(selector) response of \(op.displayName)"
                    : "\(selector) response of \(op.displayName) (documented as \(selected.status))"
            } ?? "\(selector) response of \(op.displayName)"
        let check: @Sendable (JSONValue?) throws -> ValidationResult = { body in
            try document.validateResponse(body, status: selector, for: operation, contentType: contentType)
        }
        // A stream's `itemSchema` applies to each item: checked through the contract, not as one schema.
        let isStream =
            op.response(for: selector).map { OpenAPIDocument.select(contentType, in: $0.content)?.hasItemSchema == true } ?? false
        if !isStream {
            do {
                var target = ValidationTarget(
                    schema: try document.responseSchema(for: operation, status: selector, contentType: contentType), describe: describe)
                target.validateAbsent = { try check(nil) }
                return target
            } catch {
                // A schema that does not compile is a load error; an undocumented status or content
                // type is a target that does not exist. A response without a body makes every instance
                // fail with the contract error below.
                if !error.sourceErrors.isEmpty { throw SourceErrors(error.sourceErrors) }
                if error.kind == .undocumentedStatus { throw error }
                if let content = op.response(for: selector)?.content, !content.isEmpty,
                    OpenAPIDocument.select(contentType, in: content) == nil
                {
                    throw error
                }
            }
        }
        var target = ValidationTarget(describe: describe, validate: { try check($0) }, isValid: { try check($0).isValid })
        target.validateAbsent = { try check(nil) }
        return target
    }
}

/// Loads OpenAPI documents once per (spec, overlays) pair, with schemas compiled on first use.
///
/// Documents stay loaded as long as the cache: a short-lived command has no use for tearing down a
/// large tree node by node. Not thread-safe: use it from one task.
public final class DocumentCache: @unchecked Sendable {
    private var documents: [String: OpenAPIDocument] = [:]
    /// Documents that did not load: asked again (by another corpus group), they fail again at once.
    private var failures: [String: SourceErrors] = [:]
    /// The schema options every document is loaded with.
    public let options: SchemaOptions
    /// Called once per overlay warning of each document loaded (an action that selected nothing).
    public var onWarning: (Overlay.Warning) -> Void
    /// How documents are compiled: ``OpenAPIContract/OpenAPIDocument/Compilation/onDemand`` (every
    /// reference resolved at load) or ``OpenAPIContract/OpenAPIDocument/Compilation/lazy`` (only
    /// those of the schemas used).
    public let compilation: OpenAPIDocument.Compilation
    /// Whether documents loaded ``OpenAPIContract/OpenAPIDocument/Compilation/lazy`` skip their
    /// operations, for a run whose only target is a schema named under `components/schemas`.
    package var schemaLookupsOnly = false
    /// The tree of a document file read ahead by the caller (e.g. on another thread while the
    /// command line was parsed) or the error reading it threw, or `nil` to read the file; asked
    /// once per document loaded.
    package var readAhead: (_ path: String) -> Result<JSONValue, SourceError>? = { _ in nil }

    /// Creates an empty cache.
    /// - Parameters:
    ///   - options: The schema options every document is loaded with.
    ///   - compilation: ``OpenAPIContract/OpenAPIDocument/Compilation/onDemand`` (the default) or
    ///     ``OpenAPIContract/OpenAPIDocument/Compilation/lazy``.
    ///   - onWarning: Called once per overlay warning of each document loaded.
    public init(
        options: SchemaOptions, compilation: OpenAPIDocument.Compilation = .onDemand,
        onWarning: @escaping (Overlay.Warning) -> Void = { _ in }
    ) {
        self.options = options
        self.compilation = compilation
        self.onWarning = onWarning
    }

    /// The document at `spec` with `overlays` applied in order, loaded with ``compilation``.
    /// - Throws: ``SpecSource/SourceErrors`` (every problem, located); the same errors again for a
    ///   pair that failed before.
    public func document(_ spec: String, overlays: [String]) throws(SourceErrors) -> OpenAPIDocument {
        let key = ([spec] + overlays).joined(separator: "\u{0}")
        if let d = documents[key] { return d }
        if let failed = failures[key] { throw failed }
        // Schemas are compiled on first use: a large document answers for one operation quickly.
        let d: OpenAPIDocument
        do {
            d = try OpenAPIDocument.load(
                contentsOf: spec, overlays: overlays, options: options, compilation: compilation, findsOperations: !schemaLookupsOnly,
                readAhead: readAhead(spec))
        } catch {
            failures[key] = error
            throw error
        }
        for warning in d.overlayWarnings { onWarning(warning) }
        documents[key] = d
        return d
    }
}
