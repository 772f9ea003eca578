import Foundation
import HTTPTypes
import OpenAPIContract

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

// Assertions for tests: a response or a request checked against an operation, each violation
// recorded as a test failure at the caller's line (Swift Testing or XCTest, whichever runs the
// test). They return the result so a test can look further.

extension OpenAPIDocument {
    /// Expects a response to conform to `operation`: documented status, its headers, a documented
    /// content type and a valid body. Each violation is recorded as a failure at the caller's line.
    ///
    /// ```swift
    /// @Test func createVideoAnswersPerContract() async throws {
    ///     let contract = try videosContract.load()
    ///     let (response, body) = try await server.post("/videos", json: payload)
    ///     contract.expectValidResponse(response, body: body, for: "createVideos")
    /// }
    /// ```
    /// - Parameters:
    ///   - response: The status and header fields.
    ///   - body: The body bytes (`nil` or empty for none).
    ///   - operation: An `operationId` or `"METHOD /path"`.
    ///   - options: Strictness and base path.
    ///   - fileID: The caller's file, for the failure's location (leave the default).
    ///   - filePath: The caller's file path (leave the default).
    ///   - line: The caller's line (leave the default).
    ///   - column: The caller's column (leave the default).
    /// - Returns: The result; `nil` when `operation` names no operation (also a failure).
    @discardableResult
    public func expectValidResponse(
        _ response: HTTPResponse, body: [UInt8]?, for operation: String, options: ExchangeOptions = ExchangeOptions(),
        fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line, column: UInt = #column
    ) -> ExchangeResult? {
        let at = CallerLocation(fileID: fileID, filePath: filePath, line: line, column: column)
        do {
            let op = try self.operation(operation)
            let request = HTTPRequest(method: HTTPRequest.Method(op.httpMethod) ?? .get, scheme: nil, authority: nil, path: op.path)
            let result = try validate(response: response, body: body, request: request, operation: operation, options: options)
            ContractFailure.record(result, at)
            return result
        } catch {
            ContractFailure.record("could not check the response against \(operation): \(error)", at)
            return nil
        }
    }

    /// Expects a response given as `Data` to conform to `operation`; see
    /// ``OpenAPIContract/OpenAPIDocument/expectValidResponse(_:body:for:options:fileID:filePath:line:column:)-(_,[UInt8]?,_,_,_,_,_,_)``.
    @discardableResult
    public func expectValidResponse(
        _ response: HTTPResponse, body: Data, for operation: String, options: ExchangeOptions = ExchangeOptions(),
        fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line, column: UInt = #column
    ) -> ExchangeResult? {
        expectValidResponse(
            response, body: Array(body), for: operation, options: options, fileID: fileID, filePath: filePath, line: line, column: column)
    }

    /// Expects a response whose body is text (JSON written in the test, UTF-8 encoded) to conform
    /// to `operation`; see
    /// ``OpenAPIContract/OpenAPIDocument/expectValidResponse(_:body:for:options:fileID:filePath:line:column:)-(_,[UInt8]?,_,_,_,_,_,_)``.
    @discardableResult
    public func expectValidResponse(
        _ response: HTTPResponse, body: String, for operation: String, options: ExchangeOptions = ExchangeOptions(),
        fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line, column: UInt = #column
    ) -> ExchangeResult? {
        expectValidResponse(
            response, body: Array(body.utf8), for: operation, options: options, fileID: fileID, filePath: filePath, line: line,
            column: column)
    }

    /// Expects what `URLSession.data(for:)` returned to conform to `operation`: the
    /// `HTTPURLResponse`'s status and header fields and the data as the body.
    ///
    /// ```swift
    /// let reply = try await URLSession.shared.data(for: request)
    /// contract.expectValidResponse(reply, for: "createVideos")
    /// ```
    /// A response that is not an `HTTPURLResponse` is a failure.
    @discardableResult
    public func expectValidResponse(
        _ reply: (Data, URLResponse), for operation: String, options: ExchangeOptions = ExchangeOptions(),
        fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line, column: UInt = #column
    ) -> ExchangeResult? {
        guard let http = reply.1 as? HTTPURLResponse else {
            ContractFailure.record(
                "the response is not an HTTP response: \(type(of: reply.1))",
                CallerLocation(fileID: fileID, filePath: filePath, line: line, column: column))
            return nil
        }
        return expectValidResponse(
            HTTPResponse(http), body: Array(reply.0), for: operation, options: options, fileID: fileID, filePath: filePath, line: line,
            column: column)
    }

    /// Expects a request to conform to the contract: an operation matches it (or `operation`, when
    /// given), and its parameters, credentials, content type and body are valid. Each violation is
    /// recorded as a failure at the caller's line.
    /// - Parameters:
    ///   - request: The request line and header fields.
    ///   - body: The body bytes (`nil` or empty for none).
    ///   - operation: An `operationId` or `"METHOD /path"`; `nil` finds it from the request.
    ///   - options: Strictness and base path.
    ///   - fileID: The caller's file, for the failure's location (leave the default).
    ///   - filePath: The caller's file path (leave the default).
    ///   - line: The caller's line (leave the default).
    ///   - column: The caller's column (leave the default).
    /// - Returns: The result; `nil` when `operation` names no operation (also a failure).
    @discardableResult
    public func expectValidRequest(
        _ request: HTTPRequest, body: [UInt8]? = nil, for operation: String? = nil, options: ExchangeOptions = ExchangeOptions(),
        fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line, column: UInt = #column
    ) -> ExchangeResult? {
        let at = CallerLocation(fileID: fileID, filePath: filePath, line: line, column: column)
        do {
            let result = try validate(request: request, body: body, operation: operation, options: options)
            ContractFailure.record(result, at)
            return result
        } catch {
            ContractFailure.record("could not check the request\(operation.map { " against \($0)" } ?? ""): \(error)", at)
            return nil
        }
    }

    /// Expects a request whose body is `Data` to conform to the contract.
    @discardableResult
    public func expectValidRequest(
        _ request: HTTPRequest, body: Data, for operation: String? = nil, options: ExchangeOptions = ExchangeOptions(),
        fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line, column: UInt = #column
    ) -> ExchangeResult? {
        expectValidRequest(
            request, body: Array(body), for: operation, options: options, fileID: fileID, filePath: filePath, line: line, column: column)
    }

    /// Expects a request whose body is text (JSON written in the test, UTF-8 encoded) to conform
    /// to the contract.
    @discardableResult
    public func expectValidRequest(
        _ request: HTTPRequest, body: String, for operation: String? = nil, options: ExchangeOptions = ExchangeOptions(),
        fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line, column: UInt = #column
    ) -> ExchangeResult? {
        expectValidRequest(
            request, body: Array(body.utf8), for: operation, options: options, fileID: fileID, filePath: filePath, line: line,
            column: column)
    }

    /// Expects a Foundation `URLRequest` (method, URL, header fields, `httpBody`) to conform to the
    /// contract; its URL's path must start with a server's path.
    @discardableResult
    public func expectValidRequest(
        _ request: URLRequest, for operation: String? = nil, options: ExchangeOptions = ExchangeOptions(),
        fileID: String = #fileID, filePath: StaticString = #filePath, line: UInt = #line, column: UInt = #column
    ) -> ExchangeResult? {
        let at = CallerLocation(fileID: fileID, filePath: filePath, line: line, column: column)
        guard let converted = HTTPRequest(request) else {
            ContractFailure.record("the request has no URL or method", at)
            return nil
        }
        return expectValidRequest(
            converted, body: request.httpBody.map(Array.init), for: operation, options: options,
            fileID: fileID, filePath: filePath, line: line, column: column)
    }
}

extension HTTPResponse {
    /// The status and header fields of a Foundation response.
    init(_ response: HTTPURLResponse) {
        var fields = HTTPFields()
        for (name, value) in response.allHeaderFields {
            guard let text = name as? String, let name = HTTPField.Name(text), let value = value as? String else { continue }
            fields.append(HTTPField(name: name, value: value))
        }
        self.init(status: HTTPResponse.Status(code: response.statusCode), headerFields: fields)
    }
}

extension HTTPRequest {
    /// The method, URL and header fields of a Foundation request.
    init?(_ request: URLRequest) {
        guard let url = request.url, let method = HTTPRequest.Method(request.httpMethod ?? "GET") else { return nil }
        var fields = HTTPFields()
        for (name, value) in request.allHTTPHeaderFields ?? [:] {
            guard let name = HTTPField.Name(name) else { continue }
            fields.append(HTTPField(name: name, value: value))
        }
        // The path as sent (still percent-encoded), with its query.
        let components = URLComponents(url: url, resolvingAgainstBaseURL: true)
        var path = components?.percentEncodedPath ?? "/"
        if path.isEmpty { path = "/" }
        if let query = components?.percentEncodedQuery { path += "?" + query }
        self.init(
            method: method, scheme: url.scheme, authority: url.host.map { host in url.port.map { "\(host):\($0)" } ?? host }, path: path,
            headerFields: fields)
    }
}
