import SchemaValidation

extension OpenAPIDocument {
    /// The documented response a status code selects: the exact code, then its range (`2XX`), then
    /// `default` (OpenAPI 3.1.1 §4.8.16, Responses Object); `nil` when none is documented.
    public func documentedResponse(for status: Int, in operation: OpenAPIOperation) -> OpenAPIOperation.Response? {
        Self.response(for: status, in: operation)
    }

    /// The documented media type a `Content-Type` selects among `content`: exact (ignoring
    /// parameters and case), then `type/*`, then `*/*` (OpenAPI 3.1.1 §4.8.14, Media Type Object).
    public func documentedContent(_ contentType: String, in content: [OpenAPIOperation.Content]) -> OpenAPIOperation.Content? {
        Self.select(contentType, in: content)
    }

    /// The compiled schema of a documented media type, validating in `direction`; `nil` when the
    /// media type has no `schema`. Compiled on first use and kept on the media type.
    /// - Throws: ``ContractError`` when the schema does not compile.
    public func schema(of content: OpenAPIOperation.Content, direction: ValidationDirection) throws(ContractError) -> Schema? {
        try compiledSchema(content)?.directed(direction)
    }
}
