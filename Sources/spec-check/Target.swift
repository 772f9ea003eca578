import OpenAPIContract
import SchemaValidation
import SpecSource

/// What instances are validated against, resolved once before any instance is read.
///
/// Checking an instance may throw: a contract lookup that fails is reported as an error, never
/// turned into a verdict.
struct ValidationTarget: Sendable {
    let describe: String
    let validate: @Sendable (JSONValue) throws -> ValidationResult
    let isValid: @Sendable (JSONValue) throws -> Bool
    /// The schema, when instances are checked against one (large arrays may then be streamed).
    var schema: Schema?

    init(schema: Schema, describe: String) {
        self.describe = describe
        validate = { schema.validate($0) }
        isValid = { schema.isValid($0) }
        self.schema = schema
    }

    /// The request body of `operation`.
    static func request(_ document: OpenAPIDocument, operation: String, contentType: String) throws -> ValidationTarget {
        let schema: Schema
        do {
            schema = try document.requestSchema(for: operation, contentType: contentType)
        } catch {
            if !error.sourceErrors.isEmpty { throw SourceErrors(error.sourceErrors) }
            throw error
        }
        return ValidationTarget(schema: schema, describe: "request body of \(try document.operation(operation).displayName)")
    }

    /// The response body of `operation` for `status`. An undocumented status makes every instance
    /// invalid (the response is not part of the contract).
    static func response(_ document: OpenAPIDocument, operation: String, status: String, contentType: String) throws -> ValidationTarget {
        guard let code = Int(status), (100...599).contains(code) else {
            throw InputError(message: "--status must be an HTTP status code (100-599), found \"\(status)\"")
        }
        let op = try document.operation(operation)
        do {
            let schema = try document.responseSchema(for: operation, status: code, contentType: contentType)
            return ValidationTarget(schema: schema, describe: "\(code) response of \(op.displayName)")
        } catch {
            // An undocumented status or body makes every instance fail with the contract error
            // below; a schema that does not compile is a load error.
            if !error.sourceErrors.isEmpty { throw SourceErrors(error.sourceErrors) }
        }
        let check: @Sendable (JSONValue) throws -> ValidationResult = { body in
            try document.validateResponse(body, status: code, for: operation, contentType: contentType)
        }
        return ValidationTarget(describe: "\(code) response of \(op.displayName)", validate: check, isValid: { try check($0).isValid })
    }

    init(describe: String, validate: @escaping @Sendable (JSONValue) throws -> ValidationResult, isValid: @escaping @Sendable (JSONValue) throws -> Bool) {
        self.describe = describe
        self.validate = validate
        self.isValid = isValid
    }
}

/// Loads OpenAPI documents once per (spec, overlays) pair.
///
/// Documents stay loaded until the process exits: a short-lived command has no use for tearing
/// down a large tree node by node (`SpecCheck.main` ends with `exit`).
final class DocumentCache: @unchecked Sendable {
    /// The cache of this run.
    nonisolated(unsafe) static var shared: DocumentCache?

    private var documents: [String: OpenAPIDocument] = [:]
    /// Documents that did not load: asked again (by another corpus group), they fail again at once.
    private var failures: [String: SourceErrors] = [:]
    let options: SchemaOptions

    init(options: SchemaOptions) { self.options = options }

    func document(_ spec: String, overlays: [String]) throws(SourceErrors) -> OpenAPIDocument {
        let key = ([spec] + overlays).joined(separator: "\u{0}")
        if let d = documents[key] { return d }
        if let failed = failures[key] { throw failed }
        // Schemas are compiled on first use: a large document answers for one operation quickly.
        let d: OpenAPIDocument
        do {
            d = try OpenAPIDocument.load(contentsOf: spec, overlays: overlays, options: options, compilation: .onDemand)
        } catch {
            failures[key] = error
            throw error
        }
        for warning in d.overlayWarnings { printError(warning.description) }
        documents[key] = d
        return d
    }
}
