import Foundation

// Whole-exchange checks with the body as `Data` (URLSession, Foundation) or as a `Codable`
// value. The request's or response's `Content-Type` says how the bytes are read, as for bytes.

extension OpenAPIDocument {
    /// Validates a whole request whose body is `Data`; see ``validate(request:body:operation:options:)-(_,[UInt8]?,_,_)``.
    /// - Throws: ``ContractError`` as for the bytes form.
    public func validate(request: HTTPRequest, body: Data, operation: String? = nil, options: ExchangeOptions = ExchangeOptions())
        throws(ContractError) -> ExchangeResult
    {
        try validate(request: request, body: [UInt8](body), operation: operation, options: options)
    }

    /// Validates a whole request whose body is a `Codable` value, encoded with `encoder`.
    ///
    /// ```swift
    /// var request = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/videos")
    /// request.headerFields[.contentType] = "application/json"
    /// let result = try contract.validate(request: request, jsonBody: CreateVideo(model: "google/veo-3.1", prompt: "sunset"))
    /// ```
    /// - Throws: `EncodingError` when `encoder` cannot encode `body`; ``ContractError`` as for the bytes form.
    public func validate(
        request: HTTPRequest, jsonBody body: some Encodable, encoder: JSONEncoder = JSONEncoder(), operation: String? = nil,
        options: ExchangeOptions = ExchangeOptions()
    ) throws -> ExchangeResult {
        try validate(request: request, body: [UInt8](encoder.encode(body)), operation: operation, options: options)
    }

    /// Validates a response whose body is `Data`; see ``validate(response:body:request:operation:options:)-(_,[UInt8]?,_,_,_)``.
    /// - Throws: ``ContractError`` as for the bytes form.
    public func validate(
        response: HTTPResponse, body: Data, request: HTTPRequest, operation: String? = nil, options: ExchangeOptions = ExchangeOptions()
    ) throws(ContractError) -> ExchangeResult {
        try validate(response: response, body: [UInt8](body), request: request, operation: operation, options: options)
    }

    /// Validates a response whose body is a `Codable` value, encoded with `encoder`.
    /// - Throws: `EncodingError` when `encoder` cannot encode `body`; ``ContractError`` as for the bytes form.
    public func validate(
        response: HTTPResponse, jsonBody body: some Encodable, encoder: JSONEncoder = JSONEncoder(), request: HTTPRequest,
        operation: String? = nil, options: ExchangeOptions = ExchangeOptions()
    ) throws -> ExchangeResult {
        try validate(response: response, body: [UInt8](encoder.encode(body)), request: request, operation: operation, options: options)
    }

    /// Validates a whole request whose body is text (a JSON document for a JSON `Content-Type`; not
    /// encoded again).
    /// - Throws: ``ContractError`` as for the bytes form.
    public func validate(request: HTTPRequest, body: String, operation: String? = nil, options: ExchangeOptions = ExchangeOptions())
        throws(ContractError) -> ExchangeResult
    {
        try validate(request: request, body: [UInt8](body.utf8), operation: operation, options: options)
    }

    /// Validates a response whose body is text (not encoded again).
    /// - Throws: ``ContractError`` as for the bytes form.
    public func validate(
        response: HTTPResponse, body: String, request: HTTPRequest, operation: String? = nil, options: ExchangeOptions = ExchangeOptions()
    ) throws(ContractError) -> ExchangeResult {
        try validate(response: response, body: [UInt8](body.utf8), request: request, operation: operation, options: options)
    }
}
