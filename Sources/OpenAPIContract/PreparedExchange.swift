import HTTPTypes
import SchemaValidation

/// A request read and matched to its operation once, for checking it and then its response:
/// what `ContractValidationMiddleware` does for each exchange. The checks and their findings are
/// those of `OpenAPIDocument.validate(request:body:operation:options:)` and
/// `validate(response:body:request:operation:options:)`; only the reading of the request line and
/// header fields and the search for the operation are not repeated for the response.
package struct PreparedRequest: Sendable {
    /// The request's parts (without body), or `nil` when it has no path.
    fileprivate let parts: RequestParts?
    /// The operation and the raw path variables, or the `/request` error that is every verdict.
    fileprivate let resolved: Result<(operation: OpenAPIOperation, variables: [(name: String, raw: Substring)]), SchemaViolation>?
}

extension OpenAPIDocument {
    /// Reads `request` and finds its operation (by `operation`, an `operationId` or
    /// `"METHOD /path"`, or from the method and path).
    /// - Throws: ``ContractError`` when `operation` names no operation.
    package func prepare(request: HTTPRequest, operation: String?, options: ExchangeOptions) throws(ContractError) -> PreparedRequest {
        guard let parts = RequestParts(request, body: nil) else { return PreparedRequest(parts: nil, resolved: nil) }
        return PreparedRequest(parts: parts, resolved: try resolve(parts, operation, options).map { (operation: $0.0, variables: $0.1) })
    }

    /// Checks the prepared request with `body`, as ``validate(request:body:operation:options:)`` does.
    /// - Throws: ``ContractError`` when a schema compiled on demand is invalid.
    package func validate(_ request: PreparedRequest, body: [UInt8]?, options: ExchangeOptions) throws(ContractError) -> ExchangeResult {
        guard var parts = request.parts, let resolved = request.resolved else { return requestWithoutPath }
        switch resolved {
        case .failure(let error): return ExchangeResult(errors: [error])
        case .success(let found):
            parts.body = body
            return try check(parts, found.operation, found.variables, options)
        }
    }

    /// Checks a response to the prepared request, as ``validate(response:body:request:operation:options:)`` does.
    /// - Throws: ``ContractError`` when a schema compiled on demand is invalid.
    package func validate(
        response: HTTPResponse, body: [UInt8]?, to request: PreparedRequest, options: ExchangeOptions
    ) throws(ContractError) -> ExchangeResult {
        guard let resolved = request.resolved else { return requestWithoutPath }
        switch resolved {
        case .failure(let error): return ExchangeResult(errors: [error])
        case .success(let found): return try check(ResponseParts(response, body: body), found.operation, options)
        }
    }

    private var requestWithoutPath: ExchangeResult {
        let location = root["paths"]?.location ?? .unknown
        let error = ExchangeReport.finding(.requestWithoutPath, "/request", "paths", "the request has no path", location)
        return ExchangeResult(errors: [error])
    }
}
