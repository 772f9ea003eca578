import SpecSource

extension ContractError {
    /// The kinds of contract-level failure: a lookup that ``ContractError`` reports (an unknown
    /// operation or schema, an undocumented status or content type), and the findings of exchange
    /// checks that no schema keyword makes (``ExchangeResult`` errors, warnings and unchecked
    /// items, whose ``SchemaValidation/SchemaViolation/code`` is the raw value).
    ///
    /// The raw values are the ``SpecSource/ErrorCatalogue`` codes: `ContractError.Kind(rawValue:
    /// error.code)` recovers the kind of a finding.
    public enum Kind: String, Sendable, CaseIterable {
        /// No operation has this `operationId` or matches this method and path.
        case unknownOperation = "operation.unknown"
        /// The path matches a template, but not with this method.
        case undocumentedMethod = "operation.undocumented-method"
        /// The request's path does not match the template of the operation named for it.
        case pathMismatch = "operation.path-mismatch"
        /// The request has no path to route (an `HTTPRequest` without one).
        case requestWithoutPath = "request.no-path"
        /// No schema of this name under `components/schemas`, or a JSON pointer that names no schema.
        case unknownSchema = "schema.unknown"
        /// A schema compiled on first use turned out to be invalid, or, in a document loaded
        /// ``OpenAPIDocument/Compilation/lazy``, a reference the check reads cannot be resolved (its
        /// ``ContractError/sourceErrors`` say why).
        case schemaDoesNotCompile = "schema.does-not-compile"
        /// The status is documented neither exactly, nor by its range, nor by `default`.
        case undocumentedStatus = "status.undocumented"
        /// The operation or response documents no body, but one was sent.
        case undocumentedBody = "body.undocumented"
        /// A required request body is missing.
        case bodyRequired = "body.required"
        /// The body's media type is not documented.
        case undocumentedContentType = "content-type.undocumented"
        /// A body without a `Content-Type` header.
        case missingContentType = "content-type.missing"
        /// A `Content-Type` that is not a media type.
        case invalidContentType = "content-type.invalid"
        /// A body (or `content` parameter) that cannot be read as its media type.
        case unreadableContent = "content.unreadable"
        /// A body (or `content` parameter) of a media type that is not read, so not checked.
        case uncheckedContent = "content.unchecked"
        /// A required parameter or response header is missing.
        case parameterRequired = "parameter.required"
        /// A query parameter the operation does not document (a warning unless strict).
        case undocumentedParameter = "parameter.undocumented"
        /// A parameter given more often than its style allows.
        case repeatedParameter = "parameter.repeated"
        /// Malformed percent-encoding in a parameter name or value, or in the query string.
        case malformedEncoding = "parameter.malformed-encoding"
        /// A parameter value that cannot be read in its `style` (and `explode`).
        case unreadableParameter = "parameter.style"
        /// No security requirement of the operation is met.
        case securityUnmet = "security.unmet"
        /// A security scheme that cannot be checked offline (mutual TLS) or is not defined.
        case uncheckedSecurity = "security.unchecked"
    }
}
