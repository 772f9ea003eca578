import Foundation
import HTTPTypes
import Logging
import OpenAPIContract
import OpenAPIRuntime

/// Checks every request and response that passes through a swift-openapi-generator client or
/// server against an OpenAPI contract.
///
/// Add it to a generated client in one line:
///
/// ```swift
/// let contract = try OpenAPIDocument.load(contentsOf: "openapi.yaml")
/// let client = Client(serverURL: try Servers.Server1.url(), transport: URLSessionTransport(),
///                     middlewares: [ContractValidationMiddleware(contract: contract)])
/// ```
///
/// or to a server's `registerHandlers(on:serverURL:configuration:middlewares:)`. As a client
/// middleware it checks the outgoing request (before it is sent) and the incoming response; as
/// a server middleware the incoming request (before the handler runs) and the outgoing response.
/// Each is checked whole, with the exchange model of `OpenAPIDocument.validate(request:body:operation:options:)`:
/// path, query, header and cookie parameters, security, content type, status, response headers
/// and body. The operation is the one whose `operationId` is the generator's `operationID`
/// (found from the request's method and path when the document has no such `operationId`).
///
/// Bodies are read into memory up to ``maxBodyBytes`` and passed on as the same bytes with the
/// same length (a body that can be iterated again is passed on itself); a larger body is passed
/// on untouched and its content left unchecked (the rest of the message still is). The request is
/// read and its operation found once per exchange, for its check and its response's.
///
/// What happens on a violation is the ``Mode``: throw a `ContractViolation`
/// (the client's call fails with a `ClientError` whose `underlyingError` it is), or report it and
/// go on. A server can answer a request that breaks the contract itself, with `400` and an RFC 9457
/// `application/problem+json` body (``ProblemDetails``), without calling the handler
/// (``rejectsInvalidRequests``).
///
/// Failures that are not verdicts, such as a schema of the contract that does not compile when
/// first used, are thrown in every mode.
public struct ContractValidationMiddleware: ClientMiddleware, ServerMiddleware {
    /// What to do with a violation.
    public enum Mode: Sendable {
        /// Throw the `ContractViolation`: a request is not sent (client) or not
        /// handled, a response is not returned.
        case `throw`
        /// Call `handler` with each violation (one per request or response, listing every error)
        /// and go on as if the message were valid.
        case report(@Sendable (ContractViolation) -> Void)
        /// Log each violation to `logger` at `level` and go on. The message is the violation's
        /// first line; metadata `contract.operation` and `contract.errors` (one line per error:
        /// path, message, spec position).
        case log(Logger, level: Logger.Level)
    }

    /// The contract checked against.
    public var contract: OpenAPIDocument { shared.contract }
    /// What to do with a violation.
    public var mode: Mode
    /// The largest body read for checking, in bytes (4 MiB unless set).
    public var maxBodyBytes: Int
    /// Server side: answer a request that breaks the contract with `400` and problem details
    /// instead of calling the handler (the violation is also reported in report and log modes).
    /// When `false`, the server handles it per ``mode``.
    public var rejectsInvalidRequests: Bool
    /// Strictness and base path of the checks.
    public var options: ExchangeOptions
    /// The contract and its operation ids, behind one reference: the middleware is copied into
    /// each call's async frames, and a reference keeps that copy small.
    private let shared: Shared

    private final class Shared: Sendable {
        let contract: OpenAPIDocument
        let operationIds: Set<String>
        init(_ contract: OpenAPIDocument) {
            self.contract = contract
            operationIds = Set(contract.operations.compactMap(\.operationId))
        }
    }

    /// Creates the middleware.
    /// - Parameters:
    ///   - contract: The loaded contract (load it once; it is immutable and `Sendable`).
    ///   - mode: Throw (the default), report to a closure, or log.
    ///   - maxBodyBytes: The largest body read for checking, in bytes.
    ///   - rejectsInvalidRequests: Server side: answer invalid requests with `400` problem details.
    ///   - options: Strictness and base path of the checks.
    public init(
        contract: OpenAPIDocument, mode: Mode = .throw, maxBodyBytes: Int = 4 << 20, rejectsInvalidRequests: Bool = true,
        options: ExchangeOptions = ExchangeOptions()
    ) {
        shared = Shared(contract)
        self.mode = mode
        self.maxBodyBytes = max(0, maxBodyBytes)
        self.rejectsInvalidRequests = rejectsInvalidRequests
        self.options = options
    }

    /// Creates a middleware that logs each violation to `logger` and goes on.
    /// - Parameters:
    ///   - contract: The loaded contract.
    ///   - logger: Where violations go.
    ///   - level: Their log level (`.error` unless set).
    ///   - maxBodyBytes: The largest body read for checking, in bytes.
    public init(contract: OpenAPIDocument, logger: Logger, level: Logger.Level = .error, maxBodyBytes: Int = 4 << 20) {
        self.init(contract: contract, mode: .log(logger, level: level), maxBodyBytes: maxBodyBytes)
    }

    // MARK: - Client

    /// Checks the outgoing request, sends it, then checks the response.
    public func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let prepared = try prepare(request, operationID)
        let requestBody = try await BufferedBody.read(body, limit: maxBodyBytes)
        if let violation = try checkRequest(prepared, requestBody) { try handle(violation) }
        let (response, responseBody) = try await next(request, requestBody.passOn, baseURL)
        return (response, try await checkResponse(response, responseBody, to: prepared))
    }

    // MARK: - Server

    /// Checks the incoming request (answering `400` when it breaks the contract and
    /// ``rejectsInvalidRequests`` is set), calls the handler, then checks the response.
    public func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let prepared = try prepare(request, operationID)
        let requestBody = try await BufferedBody.read(body, limit: maxBodyBytes)
        if let violation = try checkRequest(prepared, requestBody) {
            if rejectsInvalidRequests {
                report(violation)
                var response = HTTPResponse(status: .badRequest)
                response.headerFields[.contentType] = ProblemDetails.mediaType
                return (response, HTTPBody(ProblemDetails.json(for: violation)))
            }
            try handle(violation)
        }
        let (response, responseBody) = try await next(request, requestBody.passOn, metadata)
        return (response, try await checkResponse(response, responseBody, to: prepared))
    }

    // MARK: - Checks

    /// Reads the request and finds its operation, once for the request and its response: by the
    /// generator's `operationID` when the contract has that `operationId`, else from the method
    /// and path. Hosts are never compared, and a path without its server prefix (a generated
    /// client's, relative to `baseURL`) is matched as well as one with it.
    private func prepare(_ request: HTTPRequest, _ operationID: String) throws(ContractError) -> PreparedRequest {
        let operation = shared.operationIds.contains(operationID) ? operationID : nil
        guard request.scheme != nil || request.authority != nil else {
            return try shared.contract.prepare(request: request, operation: operation, options: options)
        }
        var target = request
        target.scheme = nil
        target.authority = nil
        return try shared.contract.prepare(request: target, operation: operation, options: options)
    }

    private func checkRequest(_ request: PreparedRequest, _ body: BufferedBody) throws(ContractError) -> ContractViolation? {
        var result = try shared.contract.validate(request, body: body.bytes, options: options)
        if !body.checked {
            // The body was there but not read: only its absence could be reported, wrongly.
            result.errors.removeAll { $0.instanceLocation == "/request/body" && $0.keyword == "required" }
        }
        return result.violation
    }

    /// Reads and checks the response body on the caller's executor, inlined into `intercept`.
    @inline(__always)
    nonisolated(nonsending) private func checkResponse(
        _ response: HTTPResponse, _ body: HTTPBody?, to request: PreparedRequest
    ) async throws -> HTTPBody? {
        let buffered = try await BufferedBody.read(body, limit: maxBodyBytes)
        let result = try shared.contract.validate(response: response, body: buffered.bytes, to: request, options: options)
        if let violation = result.violation { try handle(violation) }
        return buffered.passOn
    }

    private func handle(_ violation: ContractViolation) throws(ContractViolation) {
        if case .throw = mode { throw violation }
        report(violation)
    }

    private func report(_ violation: ContractViolation) {
        switch mode {
        case .throw:
            break
        case .report(let handler):
            handler(violation)
        case .log(let logger, let level):
            logger.log(
                level: level, "\(violation.subject) violates the contract",
                metadata: [
                    "contract.operation": .string(violation.operation?.displayName ?? "-"),
                    "contract.errors": .array(violation.errors.map { .string(JSONWriter.singleLine($0.description)) }),
                ])
        }
    }
}
