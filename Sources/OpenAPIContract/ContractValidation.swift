import SchemaValidation
import SpecSource

extension OpenAPIDocument {
    /// Validates a request body against an operation's contract.
    ///
    /// Use it to lint a payload before sending it:
    /// ```swift
    /// let result = try contract.validateRequest(payload, for: "createVideos")
    /// guard result.isValid else { throw MyError.invalidPayload(result.errors) }
    /// ```
    /// - Parameters:
    ///   - body: The request body (`nil` for none).
    ///   - operation: An `operationId` or `"METHOD /path"`.
    ///   - contentType: The request's media type (parameters such as `charset` are ignored).
    /// - Returns: The schema errors, or one error when the body is missing but required or the
    ///   content type is not documented.
    /// - Throws: ``ContractError`` when no operation matches `operation`.
    public func validateRequest(_ body: JSONValue?, for operation: String, contentType: String = "application/json") throws(ContractError)
        -> ValidationResult
    {
        let op = try self.operation(operation)
        try checkRequestReferences(of: op)
        guard let body else {
            return op.requestBodyRequired
                ? contractFailure(.bodyRequired, "requestBody", "a request body is required by \(op.displayName)", op.requestLocation)
                : ValidationResult(errors: [])
        }
        guard !op.requestContent.isEmpty else {
            return contractFailure(.undocumentedBody, "requestBody", "\(op.displayName) documents no request body", op.requestLocation)
        }
        guard let content = Self.select(contentType, in: op.requestContent) else {
            return contractFailure(
                .undocumentedContentType, "content",
                Self.undocumented(contentType, for: "the request of \(op.displayName)", op.requestContent), op.requestLocation)
        }
        return try validateValue(body, against: content, .request)
    }

    /// A body value against its media type: its `schema`; and for OpenAPI 3.2's `itemSchema` (a
    /// sequential media type, §4.8.14.2), the value is the array of the stream's items, each
    /// validated against `itemSchema` (errors at `/{index}/…`). A value that is not an array is
    /// then one error: without this, a stream documented only by `itemSchema` passed unchecked.
    func validateValue(_ body: JSONValue, against content: OpenAPIOperation.Content, _ direction: ValidationDirection)
        throws(ContractError) -> ValidationResult
    {
        var result = try compiledSchema(content)?.directed(direction).validate(body) ?? ValidationResult(errors: [])
        guard let itemSchema = try compiledItemSchema(content)?.directed(direction) else { return result }
        guard let items = body.arrayValue else {
            result.errors.append(
                SchemaViolation(
                    code: "type", instanceLocation: "", keywordLocation: "/itemSchema", absoluteKeywordLocation: "",
                    source: content.itemSource?.value.location ?? .unknown, keyword: "itemSchema",
                    message:
                        "\(content.mediaType) is a stream documented by itemSchema: its value is the array of its items, found \(body.typeName)"
                ))
            return result
        }
        for (index, item) in items.enumerated() {
            for var error in itemSchema.validate(item).errors {
                error.instanceLocation = "/\(index)" + error.instanceLocation
                result.errors.append(error)
            }
        }
        return result
    }

    /// The compiled schema of `content`, compiling it on first use and kept on the media type.
    func compiledSchema(_ content: OpenAPIOperation.Content) throws(ContractError) -> Schema? {
        if let kept = content.schemaSlot.schema { return kept }
        guard let source = content.source else { return nil }
        return try content.schemaSlot.schema { () throws(ContractError) in try compiledSchema(at: source) }
    }

    /// The compiled `itemSchema` of `content`, kept on the media type.
    func compiledItemSchema(_ content: OpenAPIOperation.Content) throws(ContractError) -> Schema? {
        if let kept = content.itemSchemaSlot.schema { return kept }
        guard let source = content.itemSource else { return nil }
        return try content.itemSchemaSlot.schema { () throws(ContractError) in try compiledSchema(at: source) }
    }

    /// The compiled schema of a `schema`-described parameter or header, kept on it.
    func compiledSchema(of parameter: Parameter) throws(ContractError) -> Schema? {
        if let kept = parameter.schemaSlot.schema { return kept }
        guard let source = parameter.schemaSource else { return nil }
        return try parameter.schemaSlot.schema { () throws(ContractError) in try compiledSchema(at: source) }
    }

    /// Validates a response body against an operation's contract.
    ///
    /// The status selects the response: the exact code, then its range (`2XX`), then `default`.
    /// An undocumented status is an error.
    /// - Parameters:
    ///   - body: The response body (`nil` for none).
    ///   - status: The HTTP status code.
    ///   - operation: An `operationId` or `"METHOD /path"`.
    ///   - contentType: The response's media type.
    /// - Throws: ``ContractError`` when no operation matches `operation`.
    public func validateResponse(_ body: JSONValue?, status: Int, for operation: String, contentType: String = "application/json")
        throws(ContractError) -> ValidationResult
    {
        let op = try self.operation(operation)
        guard let response = Self.response(for: status, in: op) else {
            return contractFailure(
                .undocumentedStatus, "responses",
                "status \(status) is not documented for \(op.displayName) (documented: \(op.responses.map(\.status).joined(separator: ", ")))",
                op.responsesLocation)
        }
        return try validateBody(body, of: response, in: op, contentType: contentType)
    }

    /// Validates a response body against the documented `response` of `op`: none documented, or
    /// no content of `contentType`, are contract findings (no body at all is valid).
    func validateBody(_ body: JSONValue?, of response: OpenAPIOperation.Response, in op: OpenAPIOperation, contentType: String)
        throws(ContractError) -> ValidationResult
    {
        try checkReferences(of: response)
        guard let body else { return ValidationResult(errors: []) }
        guard !response.content.isEmpty else {
            return contractFailure(
                .undocumentedBody, "content", "response \(response.status) of \(op.displayName) documents no body", response.location)
        }
        guard let content = Self.select(contentType, in: response.content) else {
            return contractFailure(
                .undocumentedContentType, "content",
                Self.undocumented(contentType, for: "response \(response.status) of \(op.displayName)", response.content),
                response.location)
        }
        return try validateValue(body, against: content, .response)
    }

    /// The compiled schema for an operation's request body, validating in the request direction
    /// (`readOnly` properties must be absent and are not required).
    /// - Throws: ``ContractError`` when the operation or its body is not documented
    ///   (`body.undocumented`), when the content type is not (`content-type.undocumented`, naming
    ///   the documented ones) or is documented without a schema (also `content-type.undocumented`).
    public func requestSchema(for operation: String, contentType: String = "application/json") throws(ContractError) -> Schema {
        let op = try self.operation(operation)
        try checkRequestReferences(of: op)
        return try Self.schema(
            contentType, in: op.requestContent, of: "the request of \(op.displayName)",
            noBody: "\(op.displayName) documents no request body", compiled: compiledSchema
        ).directed(.request)
    }

    /// The compiled schema for a response body, validating in the response direction (`writeOnly`
    /// properties must be absent and are not required).
    /// - Throws: ``ContractError`` when the operation, status or content type is not documented.
    public func responseSchema(for operation: String, status: Int, contentType: String = "application/json") throws(ContractError) -> Schema
    {
        let op = try self.operation(operation)
        guard let response = Self.response(for: status, in: op) else {
            throw ContractError(
                .undocumentedStatus,
                "status \(status) is not documented for \(op.displayName) (documented: \(op.responses.map(\.status).joined(separator: ", ")))"
            )
        }
        try checkReferences(of: response)
        return try Self.schema(
            contentType, in: response.content, of: "response \(response.status) of \(op.displayName)", compiled: compiledSchema
        ).directed(.response)
    }

    /// The compiled schema of the media type of `content` that `contentType` selects, for the body
    /// of `what` (`the request of createItem`, `response 201 of createItem`).
    /// - Throws: ``ContractError``: `body.undocumented` (saying `noBody`) when `content` is empty,
    ///   `content-type.undocumented` when `contentType` selects none of it (naming the documented
    ///   ones) or selects one without a schema.
    static func schema(
        _ contentType: String, in content: [OpenAPIOperation.Content], of what: String, noBody: String? = nil,
        compiled: (OpenAPIOperation.Content) throws(ContractError) -> Schema?
    ) throws(ContractError) -> Schema {
        guard !content.isEmpty else { throw ContractError(.undocumentedBody, noBody ?? "\(what) documents no body") }
        guard let selected = select(contentType, in: content) else {
            throw ContractError(.undocumentedContentType, undocumented(contentType, for: what, content))
        }
        guard let schema = try compiled(selected) else {
            throw ContractError(.undocumentedContentType, "the \(selected.mediaType) body of \(what) documents no schema")
        }
        return schema
    }

    /// `content type T is not documented for WHAT (documented: a, b)`.
    static func undocumented(_ contentType: String, for what: String, _ content: [OpenAPIOperation.Content]) -> String {
        "content type \(contentType) is not documented for \(what) (documented: \(content.map(\.mediaType).joined(separator: ", ")))"
    }

    /// Exact status, then `NXX`, then `default`.
    static func response(for status: Int, in op: OpenAPIOperation) -> OpenAPIOperation.Response? {
        let code = String(status)
        if let r = op.responses.first(where: { $0.status == code }) { return r }
        let range = String(code.prefix(1)) + "XX"
        if let r = op.responses.first(where: { $0.status.uppercased() == range }) { return r }
        return op.responses.first { $0.status == "default" }
    }

    /// The most specific documented media type for `contentType` (exact, ignoring parameters and
    /// case, then `type/*`, then `*/*`).
    package static func select(_ contentType: String, in content: [OpenAPIOperation.Content]) -> OpenAPIOperation.Content? {
        OpenAPIOperation.Content.select(contentType, in: content)
    }

    func contractFailure(_ kind: ContractError.Kind, _ keyword: String, _ message: String, _ location: SourceLocation) -> ValidationResult {
        ValidationResult(errors: [
            SchemaViolation(
                code: kind.rawValue, instanceLocation: "", keywordLocation: "/" + keyword, absoluteKeywordLocation: "",
                source: location, keyword: keyword, message: message)
        ])
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
