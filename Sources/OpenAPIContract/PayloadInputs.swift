import Foundation

// Body checks from the values a Swift program already holds: a `Codable` value, `Data` from
// URLSession, bytes, or JSON text. Every form ends in the same `JSONValue` check, so verdicts
// and messages are the same whatever the input.
//
// A `String`, `Data` or `[UInt8]` argument is the body's *text* (JSON for JSON media types); to
// check a Swift string as the JSON string value `"…"`, pass `JSONValue.string(s)`.

extension OpenAPIDocument {
    // MARK: - Request bodies

    /// Validates a request body given as a `Codable` value, encoded with `encoder`.
    ///
    /// ```swift
    /// struct CreateVideo: Encodable { var model: String; var prompt: String; var aspect_ratio: String }
    /// let result = try contract.validateRequest(CreateVideo(model: "google/veo-3.1", prompt: "sunset", aspect_ratio: "16:10"),
    ///                                           for: "createVideos")
    /// ```
    /// The body is checked as the JSON the encoder writes, so the encoder's key and date strategies
    /// apply (pass one configured as your client's).
    /// - Parameters:
    ///   - body: The value to send.
    ///   - operation: An `operationId` or `"METHOD /path"`.
    ///   - contentType: The request's media type; a JSON type (`application/json`, `…+json`).
    ///   - encoder: The encoder your client uses.
    /// - Returns: The schema errors, as for ``validateRequest(_:for:contentType:)-(JSONValue?,_,_)``.
    /// - Throws: `EncodingError` when `encoder` cannot encode `body`; ``ContractError`` as for the
    ///   `JSONValue` form.
    public func validateRequest(
        _ body: some Encodable, for operation: String, contentType: String = "application/json",
        encoder: JSONEncoder = JSONEncoder()
    ) throws -> ValidationResult {
        let bytes = try encoder.encode(body)
        return try validateRequest([UInt8](bytes), for: operation, contentType: contentType)
    }

    /// Validates a request body given as bytes (`Data`), read by `contentType`; see
    /// ``validateRequest(_:for:contentType:)-([UInt8],_,_)``.
    public func validateRequest(_ body: Data, for operation: String, contentType: String = "application/json") throws(ContractError)
        -> ValidationResult
    {
        try validateRequest([UInt8](body), for: operation, contentType: contentType)
    }

    /// Validates a request body given as text, read by `contentType` (JSON text for JSON types);
    /// see ``validateRequest(_:for:contentType:)-([UInt8],_,_)``.
    public func validateRequest(_ body: String, for operation: String, contentType: String = "application/json") throws(ContractError)
        -> ValidationResult
    {
        try validateRequest([UInt8](body.utf8), for: operation, contentType: contentType)
    }

    /// Validates a request body given as bytes, read by `contentType`.
    ///
    /// JSON media types (`application/json`, `…+json`) are parsed as JSON; bytes that are not JSON
    /// are one error at the root (`the body is not valid JSON at line 1, column 9: …`), since the
    /// contract asks for JSON. `text/*` bodies are checked as a string.
    /// - Parameters:
    ///   - body: The body bytes.
    ///   - operation: An `operationId` or `"METHOD /path"`.
    ///   - contentType: The request's media type.
    /// - Throws: ``ContractError`` when `operation` names no operation, or `contentType` is not a
    ///   media type this check reads (binary and form bodies: check those with
    ///   ``validate(request:body:operation:options:)``, which lists them as unchecked).
    public func validateRequest(_ body: [UInt8], for operation: String, contentType: String = "application/json") throws(ContractError)
        -> ValidationResult
    {
        switch try Self.readBody(body, contentType: contentType) {
        case .success(let value):
            return try validateRequest(value, for: operation, contentType: contentType)
        case .failure(let why):
            let op = try self.operation(operation)
            try checkRequestReferences(of: op)
            return Self.unreadable(why, at: op.requestLocation)
        }
    }

    // MARK: - Response bodies

    /// Validates a response body given as a `Codable` value, encoded with `encoder`; see
    /// ``validateResponse(_:status:for:contentType:)-(JSONValue?,_,_,_)``.
    /// - Throws: `EncodingError` when `encoder` cannot encode `body`; ``ContractError`` as for the
    ///   `JSONValue` form.
    public func validateResponse(
        _ body: some Encodable, status: Int, for operation: String, contentType: String = "application/json",
        encoder: JSONEncoder = JSONEncoder()
    ) throws -> ValidationResult {
        let bytes = try encoder.encode(body)
        return try validateResponse([UInt8](bytes), status: status, for: operation, contentType: contentType)
    }

    /// Validates a response body given as bytes (`Data`, as URLSession returns it); see
    /// ``validateResponse(_:status:for:contentType:)-([UInt8],_,_,_)``.
    public func validateResponse(_ body: Data, status: Int, for operation: String, contentType: String = "application/json")
        throws(ContractError) -> ValidationResult
    {
        try validateResponse([UInt8](body), status: status, for: operation, contentType: contentType)
    }

    /// Validates a response body given as text (JSON text for JSON types); see
    /// ``validateResponse(_:status:for:contentType:)-([UInt8],_,_,_)``.
    public func validateResponse(_ body: String, status: Int, for operation: String, contentType: String = "application/json")
        throws(ContractError) -> ValidationResult
    {
        try validateResponse([UInt8](body.utf8), status: status, for: operation, contentType: contentType)
    }

    /// Validates a response body given as bytes, read by `contentType` as for
    /// ``validateRequest(_:for:contentType:)-([UInt8],_,_)``; the status selects the response (exact,
    /// `2XX`, `default`).
    /// - Throws: ``ContractError`` when `operation` names no operation, or `contentType` is not a
    ///   media type this check reads.
    public func validateResponse(_ body: [UInt8], status: Int, for operation: String, contentType: String = "application/json")
        throws(ContractError) -> ValidationResult
    {
        switch try Self.readBody(body, contentType: contentType) {
        case .success(let value):
            return try validateResponse(value, status: status, for: operation, contentType: contentType)
        case .failure(let why):
            let op = try self.operation(operation)
            // An undocumented status is reported first, as for a parsed body.
            guard let response = Self.response(for: status, in: op) else {
                return try validateResponse(JSONValue?.none, status: status, for: operation, contentType: contentType)
            }
            try checkReferences(of: response)
            return Self.unreadable(why, at: response.location)
        }
    }

    // MARK: - Reading

    /// The body as a value for a body-level check, or why it cannot be read as its media type says.
    static func readBody(_ bytes: [UInt8], contentType: String) throws(ContractError) -> Result<JSONValue, BodyReadFailure> {
        guard let mediaType = MediaType(contentType) else {
            throw ContractError(.invalidContentType, "\(JSONWriter.quoted(contentType)) is not a media type (type/subtype)")
        }
        if mediaType.isJSON {
            do {
                return .success(try SourceLoader.parse(bytes, format: .json))
            } catch {
                let at = error.location.isKnown ? " at line \(error.location.line), column \(error.location.column)" : ""
                return .failure(BodyReadFailure(message: "the body is not valid JSON\(at): \(error.message)"))
            }
        }
        if mediaType.isText {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .failure(BodyReadFailure(message: "the body is not valid UTF-8 text"))
            }
            return .success(.string(text))
        }
        throw ContractError(
            .uncheckedContent,
            "\(mediaType.essence) bodies are not read by a body check; check the whole request or response "
                + "(validate(request:body:) lists such bodies as unchecked), or pass the body as a JSONValue")
    }

    private static func unreadable(_ failure: BodyReadFailure, at location: SourceLocation) -> ValidationResult {
        ValidationResult(errors: [
            SchemaViolation(
                instanceLocation: "", keywordLocation: "/content", absoluteKeywordLocation: "", source: location, keyword: "content",
                message: failure.message)
        ])
    }
}

/// Why body bytes could not be read as their media type.
struct BodyReadFailure: Error {
    var message: String
}

extension Schema {
    /// Validates a `Codable` value as the JSON `encoder` writes for it.
    ///
    /// ```swift
    /// let result = try contract.schema(named: "VideoGenerationRequest").validate(request)
    /// ```
    /// - Throws: `EncodingError` when `encoder` cannot encode `value`.
    public func validate(_ value: some Encodable, encoder: JSONEncoder = JSONEncoder()) throws -> ValidationResult {
        validate(try Self.parse(Array(try encoder.encode(value))))
    }

    /// Validates JSON text given as bytes (`Data`).
    /// - Throws: ``SpecSource/SourceError`` (`json.syntax`, with line and column) when the bytes
    ///   are not JSON: no instance, so no verdict.
    public func validate(_ json: Data) throws(SourceError) -> ValidationResult {
        validate(try Self.parse([UInt8](json)))
    }

    /// Validates JSON text given as bytes.
    /// - Throws: ``SpecSource/SourceError`` when the bytes are not JSON.
    public func validate(_ json: [UInt8]) throws(SourceError) -> ValidationResult {
        validate(try Self.parse(json))
    }

    /// Validates JSON text (`#"{"name": "Rex"}"#`; for a Swift string as a JSON string value,
    /// pass `JSONValue.string(s)`).
    /// - Throws: ``SpecSource/SourceError`` when the text is not JSON.
    public func validate(_ json: String) throws(SourceError) -> ValidationResult {
        validate(try Self.parse([UInt8](json.utf8)))
    }

    static func parse(_ bytes: [UInt8]) throws(SourceError) -> JSONValue {
        try SourceLoader.parse(bytes, format: .json)
    }
}
