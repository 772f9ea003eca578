import Foundation

// The throwing variants of the checks: `check…` does what the matching `validate…` does and
// throws ``ContractViolation`` listing every error instead of returning them. A lookup failure
// (unknown operation, schema that does not compile, an encoder error) is thrown as it is.

extension OpenAPIDocument {
    // MARK: - Request bodies

    /// Checks a request body; throws every violation.
    ///
    /// ```swift
    /// try contract.checkRequest(CreateVideo(model: "google/veo-3.1", prompt: "sunset"), for: "createVideos")
    /// ```
    /// - Parameters:
    ///   - body: The body (`nil` for none).
    ///   - operation: An `operationId` or `"METHOD /path"`.
    ///   - contentType: The request's media type.
    /// - Throws: ``ContractViolation`` with every error; ``ContractError`` when `operation` names
    ///   no operation.
    public func checkRequest(_ body: JSONValue?, for operation: String, contentType: String = "application/json") throws {
        try validateRequest(body, for: operation, contentType: contentType).throwIfInvalid(
            subject: requestSubject(operation), operation: try? self.operation(operation))
    }

    /// Checks a request body given as a `Codable` value, encoded with `encoder`.
    /// - Throws: ``ContractViolation``; `EncodingError`; ``ContractError``.
    public func checkRequest(
        _ body: some Encodable, for operation: String, contentType: String = "application/json", encoder: JSONEncoder = JSONEncoder()
    ) throws {
        try validateRequest(body, for: operation, contentType: contentType, encoder: encoder).throwIfInvalid(
            subject: requestSubject(operation), operation: try? self.operation(operation))
    }

    /// Checks a request body given as bytes (`Data`), read by `contentType`.
    /// - Throws: ``ContractViolation``; ``ContractError``.
    public func checkRequest(_ body: Data, for operation: String, contentType: String = "application/json") throws {
        try checkRequest([UInt8](body), for: operation, contentType: contentType)
    }

    /// Checks a request body given as text (JSON text for JSON types).
    /// - Throws: ``ContractViolation``; ``ContractError``.
    public func checkRequest(_ body: String, for operation: String, contentType: String = "application/json") throws {
        try checkRequest([UInt8](body.utf8), for: operation, contentType: contentType)
    }

    /// Checks a request body given as bytes, read by `contentType`.
    /// - Throws: ``ContractViolation``; ``ContractError``.
    public func checkRequest(_ body: [UInt8], for operation: String, contentType: String = "application/json") throws {
        try validateRequest(body, for: operation, contentType: contentType).throwIfInvalid(
            subject: requestSubject(operation), operation: try? self.operation(operation))
    }

    // MARK: - Response bodies

    /// Checks a response body; throws every violation (an undocumented status included).
    /// - Throws: ``ContractViolation``; ``ContractError``.
    public func checkResponse(_ body: JSONValue?, status: Int, for operation: String, contentType: String = "application/json") throws {
        try validateResponse(body, status: status, for: operation, contentType: contentType).throwIfInvalid(
            subject: responseSubject(status, operation), operation: try? self.operation(operation))
    }

    /// Checks a response body given as a `Codable` value, encoded with `encoder`.
    /// - Throws: ``ContractViolation``; `EncodingError`; ``ContractError``.
    public func checkResponse(
        _ body: some Encodable, status: Int, for operation: String, contentType: String = "application/json",
        encoder: JSONEncoder = JSONEncoder()
    ) throws {
        try validateResponse(body, status: status, for: operation, contentType: contentType, encoder: encoder).throwIfInvalid(
            subject: responseSubject(status, operation), operation: try? self.operation(operation))
    }

    /// Checks a response body given as bytes (`Data`).
    /// - Throws: ``ContractViolation``; ``ContractError``.
    public func checkResponse(_ body: Data, status: Int, for operation: String, contentType: String = "application/json") throws {
        try checkResponse([UInt8](body), status: status, for: operation, contentType: contentType)
    }

    /// Checks a response body given as text.
    /// - Throws: ``ContractViolation``; ``ContractError``.
    public func checkResponse(_ body: String, status: Int, for operation: String, contentType: String = "application/json") throws {
        try checkResponse([UInt8](body.utf8), status: status, for: operation, contentType: contentType)
    }

    /// Checks a response body given as bytes.
    /// - Throws: ``ContractViolation``; ``ContractError``.
    public func checkResponse(_ body: [UInt8], status: Int, for operation: String, contentType: String = "application/json") throws {
        try validateResponse(body, status: status, for: operation, contentType: contentType).throwIfInvalid(
            subject: responseSubject(status, operation), operation: try? self.operation(operation))
    }

    // MARK: - Whole exchanges

    /// Checks a whole request (see ``validate(request:body:operation:options:)``); throws every
    /// error, returns the result for its warnings and unchecked items.
    /// - Throws: ``ContractViolation``; ``ContractError``.
    @discardableResult
    public func check(request: HTTPRequest, body: [UInt8]? = nil, operation: String? = nil, options: ExchangeOptions = ExchangeOptions())
        throws -> ExchangeResult
    {
        try validate(request: request, body: body, operation: operation, options: options).throwIfInvalid()
    }

    /// Checks a whole request whose body is `Data`.
    /// - Throws: ``ContractViolation``; ``ContractError``.
    @discardableResult
    public func check(request: HTTPRequest, body: Data, operation: String? = nil, options: ExchangeOptions = ExchangeOptions()) throws
        -> ExchangeResult
    {
        try check(request: request, body: [UInt8](body), operation: operation, options: options)
    }

    /// Checks a whole request whose body is a `Codable` value, encoded with `encoder` (the request's
    /// `Content-Type` still says how the checker reads it).
    /// - Throws: ``ContractViolation``; `EncodingError`; ``ContractError``.
    @discardableResult
    public func check(
        request: HTTPRequest, jsonBody body: some Encodable, encoder: JSONEncoder = JSONEncoder(), operation: String? = nil,
        options: ExchangeOptions = ExchangeOptions()
    ) throws -> ExchangeResult {
        try check(request: request, body: [UInt8](encoder.encode(body)), operation: operation, options: options)
    }

    /// Checks a whole request whose body is text (not encoded again).
    /// - Throws: ``ContractViolation``; ``ContractError``.
    @discardableResult
    public func check(request: HTTPRequest, body: String, operation: String? = nil, options: ExchangeOptions = ExchangeOptions()) throws
        -> ExchangeResult
    {
        try check(request: request, body: [UInt8](body.utf8), operation: operation, options: options)
    }

    /// Checks a whole request given as plain values (see
    /// ``validateRequest(method:url:headers:body:operation:options:)``).
    /// - Throws: ``ContractViolation``; ``ContractError``.
    @discardableResult
    public func checkRequest(
        method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil, operation: String? = nil,
        options: ExchangeOptions = ExchangeOptions()
    ) throws -> ExchangeResult {
        try validateRequest(method: method, url: url, headers: headers, body: body, operation: operation, options: options).throwIfInvalid()
    }

    /// Checks a response to `request` (see ``validate(response:body:request:operation:options:)``).
    /// - Throws: ``ContractViolation``; ``ContractError``.
    @discardableResult
    public func check(
        response: HTTPResponse, body: [UInt8]? = nil, request: HTTPRequest, operation: String? = nil,
        options: ExchangeOptions = ExchangeOptions()
    ) throws -> ExchangeResult {
        try validate(response: response, body: body, request: request, operation: operation, options: options).throwIfInvalid()
    }

    /// Checks a response whose body is `Data`.
    /// - Throws: ``ContractViolation``; ``ContractError``.
    @discardableResult
    public func check(
        response: HTTPResponse, body: Data, request: HTTPRequest, operation: String? = nil, options: ExchangeOptions = ExchangeOptions()
    ) throws -> ExchangeResult {
        try check(response: response, body: [UInt8](body), request: request, operation: operation, options: options)
    }

    /// Checks a response whose body is a `Codable` value, encoded with `encoder`.
    /// - Throws: ``ContractViolation``; `EncodingError`; ``ContractError``.
    @discardableResult
    public func check(
        response: HTTPResponse, jsonBody body: some Encodable, encoder: JSONEncoder = JSONEncoder(), request: HTTPRequest,
        operation: String? = nil, options: ExchangeOptions = ExchangeOptions()
    ) throws -> ExchangeResult {
        try check(response: response, body: [UInt8](encoder.encode(body)), request: request, operation: operation, options: options)
    }

    /// Checks a response whose body is text (not encoded again).
    /// - Throws: ``ContractViolation``; ``ContractError``.
    @discardableResult
    public func check(
        response: HTTPResponse, body: String, request: HTTPRequest, operation: String? = nil, options: ExchangeOptions = ExchangeOptions()
    ) throws -> ExchangeResult {
        try check(response: response, body: [UInt8](body.utf8), request: request, operation: operation, options: options)
    }

    /// Checks a response given as plain values (see
    /// ``validateResponse(status:headers:body:method:url:operation:options:)``).
    /// - Throws: ``ContractViolation``; ``ContractError``.
    @discardableResult
    public func checkResponse(
        status: Int, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil, method: String, url: String,
        operation: String? = nil, options: ExchangeOptions = ExchangeOptions()
    ) throws -> ExchangeResult {
        try validateResponse(status: status, headers: headers, body: body, method: method, url: url, operation: operation, options: options)
            .throwIfInvalid()
    }

    private func requestSubject(_ identifier: String) -> String {
        "the request of \((try? operation(identifier))?.displayName ?? identifier)"
    }

    private func responseSubject(_ status: Int, _ identifier: String) -> String {
        "response \(status) of \((try? operation(identifier))?.displayName ?? identifier)"
    }
}

extension Schema {
    /// Checks a value; throws every error.
    /// - Throws: ``ContractViolation`` (subject `the value`).
    public func check(_ value: JSONValue) throws(ContractViolation) {
        try validate(value).throwIfInvalid()
    }

    /// Checks a `Codable` value as the JSON `encoder` writes.
    /// - Throws: ``ContractViolation``; `EncodingError`.
    public func check(_ value: some Encodable, encoder: JSONEncoder = JSONEncoder()) throws {
        try validate(value, encoder: encoder).throwIfInvalid()
    }

    /// Checks JSON text given as bytes (`Data`).
    /// - Throws: ``ContractViolation``; ``SpecSource/SourceError`` when the bytes are not JSON.
    public func check(_ json: Data) throws {
        try validate(json).throwIfInvalid()
    }

    /// Checks JSON text given as bytes.
    /// - Throws: ``ContractViolation``; ``SpecSource/SourceError`` when the bytes are not JSON.
    public func check(_ json: [UInt8]) throws {
        try validate(json).throwIfInvalid()
    }

    /// Checks JSON text.
    /// - Throws: ``ContractViolation``; ``SpecSource/SourceError`` when the text is not JSON.
    public func check(_ json: String) throws {
        try validate(json).throwIfInvalid()
    }
}
