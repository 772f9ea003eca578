import Foundation
import HTTPTypes
import Logging
import OpenAPIContract
import OpenAPIContractRuntime
import OpenAPIRuntime
import Testing

/// The contract a client and a server of these tests agree on.
private let contractText = """
    openapi: 3.1.0
    info: {title: jobs, version: "1"}
    servers: [{url: "https://api.example.com/v1"}]
    security: [{bearer: []}]
    components:
      securitySchemes:
        bearer: {type: http, scheme: bearer}
    paths:
      /jobs/{id}:
        post:
          operationId: startJob
          parameters:
            - {name: id, in: path, required: true, schema: {type: integer}}
          requestBody:
            required: true
            content:
              application/json:
                schema: {type: object, required: [name], properties: {name: {type: string, maxLength: 8}}}
          responses:
            "202":
              description: started
              content:
                application/json:
                  schema:
                    type: object
                    required: [status]
                    properties: {status: {enum: [pending, running]}}
    """

func contract() throws -> OpenAPIDocument {
    try OpenAPIDocument(document: SourceLoader.parse(contractText, format: .yaml, file: SourceFileID.intern("jobs.yaml")))
}

func request(_ path: String = "/jobs/7", authorized: Bool = true) -> HTTPRequest {
    var request = HTTPRequest(method: .post, scheme: nil, authority: nil, path: path)
    request.headerFields[.contentType] = "application/json"
    if authorized { request.headerFields[.authorization] = "Bearer abc.def" }
    return request
}

func reply(_ json: String, status: HTTPResponse.Status = .accepted) -> (HTTPResponse, HTTPBody?) {
    var response = HTTPResponse(status: status)
    response.headerFields[.contentType] = "application/json"
    return (response, HTTPBody(json))
}

private let baseURL = URL(string: "https://api.example.com/v1")!

/// Records what the next middleware or transport got.
private final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var _bodies: [[UInt8]] = []
    private var _violations: [ContractViolation] = []
    var bodies: [[UInt8]] { lock.withLock { _bodies } }
    var violations: [ContractViolation] { lock.withLock { _violations } }
    func body(_ b: [UInt8]) { lock.withLock { _bodies.append(b) } }
    func violation(_ v: ContractViolation) { lock.withLock { _violations.append(v) } }
}

@Suite("ContractValidationMiddleware")
struct MiddlewareTests {
    @Test func clientPassesAValidExchangeOnWithTheSameBytes() async throws {
        let middleware = ContractValidationMiddleware(contract: try contract())
        let seen = Seen()
        let sent = Array(#"{"name":"render"}"#.utf8)
        let (response, body) = try await middleware.intercept(request(), body: HTTPBody(sent), baseURL: baseURL, operationID: "startJob") {
            _, body, _ in
            if let body { seen.body(try await [UInt8](collecting: body, upTo: 1024)) }
            return reply(#"{"status":"pending"}"#)
        }
        #expect(seen.bodies == [sent])
        #expect(response.status == .accepted)
        #expect(try await String(collecting: try #require(body), upTo: 1024) == #"{"status":"pending"}"#)
    }

    @Test func clientThrowsAnInvalidRequestBeforeSendingIt() async throws {
        let middleware = ContractValidationMiddleware(contract: try contract())
        let seen = Seen()
        do {
            _ = try await middleware.intercept(
                request("/jobs/seven", authorized: false), body: HTTPBody(#"{"name":"far too long"}"#), baseURL: baseURL,
                operationID: "startJob"
            ) { _, _, _ in
                seen.body([])
                return reply(#"{"status":"pending"}"#)
            }
            Issue.record("no violation thrown")
        } catch let violation as ContractViolation {
            #expect(violation.errors.map(\.instanceLocation) == ["/request/path/id", "/request/security", "/request/body/name"])
            #expect(violation.subject == "the request of startJob")
        }
        #expect(seen.bodies.isEmpty)
    }

    @Test func clientThrowsAnInvalidResponseWithThePathAndSpecLine() async throws {
        let middleware = ContractValidationMiddleware(contract: try contract())
        await #expect {
            _ = try await middleware.intercept(request(), body: HTTPBody(#"{"name":"a"}"#), baseURL: baseURL, operationID: "startJob") {
                _, _, _ in
                reply(#"{"status":"queued"}"#)
            }
        } throws: { error in
            guard let violation = error as? ContractViolation, let first = violation.errors.first else { return false }
            return violation.errors.count == 1 && first.instanceLocation == "/response/body/status"
                && "\(first.source)" == "jobs.yaml:27:39"
                && violation.subject == "the response of startJob"
        }
    }

    @Test func reportModeGoesOnAndReportsEachMessage() async throws {
        let seen = Seen()
        let middleware = ContractValidationMiddleware(contract: try contract(), mode: .report { seen.violation($0) })
        let (response, body) = try await middleware.intercept(
            request(authorized: false), body: HTTPBody(#"{"name":"a"}"#), baseURL: baseURL, operationID: "startJob"
        ) { _, _, _ in
            reply(#"{"status":"queued"}"#, status: .accepted)
        }
        #expect(response.status == .accepted)
        #expect(try await String(collecting: try #require(body), upTo: 1024) == #"{"status":"queued"}"#)
        #expect(seen.violations.map { $0.errors.map(\.instanceLocation) } == [["/request/security"], ["/response/body/status"]])
    }

    @Test func logModeWritesTheViolationWithItsErrors() async throws {
        let handler = CapturingLogHandler()
        let logger = Logger(label: "contract") { _ in handler }
        let middleware = ContractValidationMiddleware(contract: try contract(), logger: logger, level: .warning)
        _ = try await middleware.intercept(request(), body: HTTPBody(#"{"name":"a"}"#), baseURL: baseURL, operationID: "startJob") {
            _, _, _ in
            reply(#"{"status":"queued"}"#)
        }
        let entries = handler.entries
        #expect(entries.count == 1)
        #expect(entries.first?.level == .warning)
        #expect(entries.first?.message == "the response of startJob violates the contract")
        #expect(entries.first?.errors.first?.hasPrefix("/response/body/status: \"queued\" is not one of") == true)
    }

    @Test func serverAnswersAnInvalidRequestWithProblemDetails() async throws {
        let seen = Seen()
        let middleware = ContractValidationMiddleware(contract: try contract(), mode: .report { seen.violation($0) })
        var serverRequest = request("/v1/jobs/x")
        serverRequest.authority = "localhost:8080"
        let (response, body) = try await middleware.intercept(
            serverRequest, body: HTTPBody(#"{"name":"a"}"#), metadata: ServerRequestMetadata(), operationID: "startJob"
        ) { _, _, _ in
            seen.body([])
            return reply(#"{"status":"pending"}"#)
        }
        #expect(seen.bodies.isEmpty)  // the handler did not run
        #expect(response.status == .badRequest)
        #expect(response.headerFields[.contentType] == "application/problem+json")
        let problem = try SourceLoader.parse(try await [UInt8](collecting: try #require(body), upTo: 1 << 16), format: .json)
        #expect(problem["status"].map { "\($0)" } == "400")
        #expect(problem["type"]?.stringValue == "about:blank")
        #expect(problem["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } == ["/request/path/id"])
        #expect(seen.violations.count == 1)
    }

    @Test func serverChecksItsOwnResponse() async throws {
        let middleware = ContractValidationMiddleware(contract: try contract(), rejectsInvalidRequests: false)
        await #expect(throws: ContractViolation.self) {
            _ = try await middleware.intercept(
                request("/v1/jobs/3"), body: HTTPBody(#"{"name":"a"}"#), metadata: ServerRequestMetadata(), operationID: "startJob"
            ) { _, _, _ in
                reply(#"{"state":"pending"}"#)
            }
        }
        // rejectsInvalidRequests off, throw mode: the invalid request is thrown.
        await #expect(throws: ContractViolation.self) {
            _ = try await middleware.intercept(
                request("/v1/jobs/x"), body: HTTPBody(#"{"name":"a"}"#), metadata: ServerRequestMetadata(), operationID: "startJob"
            ) { _, _, _ in
                reply(#"{"status":"pending"}"#)
            }
        }
    }

    /// A body above the limit is passed on whole, in order, unread by the check; a missing
    /// required body is not claimed for it.
    @Test func bodiesAboveTheLimitPassUncheckedAndUnchanged() async throws {
        let middleware = ContractValidationMiddleware(contract: try contract(), maxBodyBytes: 10)
        let seen = Seen()
        let chunks: [ArraySlice<UInt8>] = [Array(#"{"name":"#.utf8)[...], Array(#""far too long for the schema"}"#.utf8)[...]]
        let stream = AsyncThrowingStream<ArraySlice<UInt8>, any Error> { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
        _ = try await middleware.intercept(request(), body: HTTPBody(stream, length: .unknown), baseURL: baseURL, operationID: "startJob") {
            _, body, _ in
            seen.body(try await [UInt8](collecting: try #require(body), upTo: 1024))
            return reply(#"{"status":"running"}"#)
        }
        #expect(seen.bodies == [Array(chunks.joined())])
        // Known length above the limit: the body object itself is passed on.
        let big = HTTPBody(#"{"name":"far too long"}"#)
        _ = try await middleware.intercept(request(), body: big, baseURL: baseURL, operationID: "startJob") { _, body, _ in
            #expect(body === big)
            return reply(#"{"status":"running"}"#)
        }
    }

    /// A body read whole that can be iterated again is passed on itself; a single-pass one as its
    /// bytes (chunks joined for the check), with its length.
    @Test func bodiesReadWholePassOnThemselvesOrTheirBytes() async throws {
        let middleware = ContractValidationMiddleware(contract: try contract(), mode: .report { _ in })
        let sent = HTTPBody(#"{"name":"a"}"#)
        let received = HTTPBody(#"{"status":"running"}"#)
        let (_, body) = try await middleware.intercept(request(), body: sent, baseURL: baseURL, operationID: "startJob") { _, body, _ in
            #expect(body === sent)
            var response = HTTPResponse(status: .accepted)
            response.headerFields[.contentType] = "application/json"
            return (response, received)
        }
        #expect(body === received)
        #expect(try await String(collecting: try #require(body), upTo: 1024) == #"{"status":"running"}"#)

        let seen = Seen()
        let checking = ContractValidationMiddleware(contract: try contract(), mode: .report { seen.violation($0) })
        let text = #"{"name":"far too long"}"#
        let chunks = [Array(text.utf8)[0..<5], Array(text.utf8)[5..<14], Array(text.utf8)[14...]]
        let stream = AsyncThrowingStream<ArraySlice<UInt8>, any Error> { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
        let single = HTTPBody(stream, length: .known(Int64(text.utf8.count)))
        _ = try await checking.intercept(request(), body: single, baseURL: baseURL, operationID: "startJob") { _, body, _ in
            let passed = try #require(body)
            #expect(passed !== single)
            #expect(passed.length == .known(Int64(text.utf8.count)))
            seen.body(try await [UInt8](collecting: passed, upTo: 1024))
            return reply(#"{"status":"running"}"#)
        }
        #expect(seen.bodies == [Array(text.utf8)])
        #expect(seen.violations.map { $0.errors.map(\.instanceLocation) } == [["/request/body/name"]])
    }

    /// A body of known length is read until that many bytes have come, not until its sequence
    /// ends: a stream that is never finished is still checked and passed on whole.
    @Test(.timeLimit(.minutes(1))) func aBodyOfKnownLengthIsReadWithoutWaitingForItsEnd() async throws {
        let seen = Seen()
        let checking = ContractValidationMiddleware(contract: try contract(), mode: .report { seen.violation($0) })
        let text = #"{"name":"far too long"}"#
        let (stream, continuation) = AsyncStream<ArraySlice<UInt8>>.makeStream()
        continuation.yield(Array(text.utf8)[..<9])
        continuation.yield(Array(text.utf8)[9...])
        let open = HTTPBody(stream, length: .known(Int64(text.utf8.count)))
        _ = try await checking.intercept(request(), body: open, baseURL: baseURL, operationID: "startJob") { _, body, _ in
            let passed = try #require(body)
            #expect(passed.length == .known(Int64(text.utf8.count)))
            seen.body(try await [UInt8](collecting: passed, upTo: 1024))
            return reply(#"{"status":"running"}"#)
        }
        continuation.finish()
        #expect(seen.bodies == [Array(text.utf8)])
        #expect(seen.violations.map { $0.errors.map(\.instanceLocation) } == [["/request/body/name"]])
    }

    /// An operationID the document does not have (an unnamed operation) is found from the request.
    @Test func unknownOperationIDFallsBackToRouting() async throws {
        let middleware = ContractValidationMiddleware(contract: try contract())
        await #expect(throws: ContractViolation.self) {
            _ = try await middleware.intercept(
                request("/jobs/x"), body: HTTPBody(#"{"name":"a"}"#), baseURL: baseURL, operationID: "post/jobs/{id}"
            ) { _, _, _ in
                reply(#"{"status":"pending"}"#)
            }
        }
        _ = try await middleware.intercept(
            request("/jobs/1"), body: HTTPBody(#"{"name":"a"}"#), baseURL: baseURL, operationID: "post/jobs/{id}"
        ) { _, _, _ in
            reply(#"{"status":"pending"}"#)
        }
    }
}

/// Keeps log entries for assertions.
final class CapturingLogHandler: LogHandler, @unchecked Sendable {
    struct Entry {
        var level: Logger.Level
        var message: String
        var errors: [String]
    }
    private let lock = NSLock()
    private var _entries: [Entry] = []
    var entries: [Entry] { lock.withLock { _entries } }
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        var errors: [String] = []
        if case .array(let values) = event.metadata?["contract.errors"] {
            errors = values.map { "\($0)" }
        }
        lock.withLock { _entries.append(Entry(level: event.level, message: "\(event.message)", errors: errors)) }
    }
}
