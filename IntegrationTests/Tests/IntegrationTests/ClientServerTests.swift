import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OpenAPIContract
import OpenAPIContractRuntime
import OpenAPIHummingbird
import OpenAPIRuntime
import OpenAPIURLSession
import ServiceLifecycle
import Testing
import VideosAPI

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The spec-check checkout (this file is IntegrationTests/Tests/IntegrationTests/…).
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// The shipped contract, as the middleware on both sides loads it.
let videosContract = Result { () throws(SourceErrors) in
    try OpenAPIDocument.load(
        contentsOf: repository.appendingPathComponent("specs/openrouter-videos.yaml").path,
        overlays: [repository.appendingPathComponent("specs/openrouter-videos.overlay.yaml").path])
}

/// The generated API served with one deliberate contract violation behind it (see `QueuedStatusFault`).
struct VideosService: APIProtocol {
    func createVideos(_ input: Operations.createVideos.Input) async throws -> Operations.createVideos.Output {
        guard case .json(let request) = input.body else {
            return .badRequest(.init(body: .json(.init(error: .init(code: 400, message: "JSON only")))))
        }
        return .accepted(
            .init(body: .json(.init(id: "job-\(request.prompt.count)", polling_url: "/api/v1/videos/job-1", status: .pending))))
    }
}

/// A backend bug the typed server cannot write: it reports the job as `"queued"`, which is not one
/// of the `status` enum's values. It rewrites the handler's JSON, as a buggy proxy or a
/// hand-written encoder would.
struct QueuedStatusFault: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var (response, body) = try await next(request, body, metadata)
        guard let original = body else { return (response, nil) }
        let text = try await String(collecting: original, upTo: 1 << 20)
            .replacingOccurrences(of: #""status" : "pending""#, with: #""status" : "queued""#)
            .replacingOccurrences(of: #""status":"pending""#, with: #""status":"queued""#)
        body = HTTPBody(text)
        response.headerFields[.contentLength] = String(text.utf8.count)  // the rewritten length
        return (response, body)
    }
}

/// Adds the API key, as a real client's auth middleware does.
struct BearerAuth: ClientMiddleware {
    var token: String
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(token)"
        return try await next(request, body, baseURL)
    }
}

/// Collects what a reporting middleware saw.
final class Violations: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ContractViolation] = []
    func add(_ violation: ContractViolation) { lock.withLock { items.append(violation) } }
    var all: [ContractViolation] { lock.withLock { items } }
}

/// Runs `body` with a Hummingbird server on 127.0.0.1 (a free port) serving the generated API
/// behind `middlewares`, then shuts it down gracefully and waits until it has stopped.
func withServer(middlewares: [any ServerMiddleware], _ body: @Sendable (URL) async throws -> Void) async throws {
    let router = Router()
    try VideosService().registerHandlers(on: router, serverURL: URL(string: "/api/v1")!, middlewares: middlewares)
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: "integration-server")
    logger.logLevel = .warning
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        },
        logger: logger)
    let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await services.triggerGracefulShutdown()
            throw CancellationError()
        }
        var failure: (any Error)?
        do { try await body(URL(string: "http://127.0.0.1:\(port)/api/v1")!) } catch { failure = error }
        await services.triggerGracefulShutdown()
        try await group.waitForAll()
        if let failure { throw failure }
    }
}

@Suite("generated client and Hummingbird server, ContractValidationMiddleware on both sides", .serialized)
struct ClientServerTests {
    let request = Components.Schemas.VideoGenerationRequest(
        aspect_ratio: ._16_colon_9, model: "google/veo-3.1", prompt: "A serene mountain landscape")

    /// The server's deliberate violation reaches the client, whose middleware throws it with the
    /// instance path and the contract's line; the server's own middleware (reporting) saw it too.
    @Test func clientMiddlewareReportsTheServersQueuedStatus() async throws {
        let contract = try videosContract.get()
        let serverSaw = Violations()
        let serverSide = ContractValidationMiddleware(contract: contract, mode: .report { serverSaw.add($0) })
        try await withServer(middlewares: [serverSide, QueuedStatusFault()]) { url in
            let client = Client(
                serverURL: url, transport: URLSessionTransport(),
                middlewares: [BearerAuth(token: "sk-or-test"), ContractValidationMiddleware(contract: contract)])
            do {
                _ = try await client.createVideos(body: .json(request))
                Issue.record("the client accepted a response with status \"queued\"")
            } catch let error as ClientError {
                let violation = try #require(error.underlyingError as? ContractViolation)
                #expect(violation.subject == "the response of createVideos")
                #expect(violation.errors.count == 1)
                let finding = try #require(violation.errors.first)
                #expect(finding.instanceLocation == "/response/body/status")
                #expect(finding.message.contains(#""queued" is not one of"#))
                #expect("\(finding.source)".hasSuffix("specs/openrouter-videos.yaml:299:11"))
                #expect("\(violation)".contains("/response/body/status: \"queued\" is not one of"))
            }
        }
        // The request was valid; the server's check of its own response found the same violation.
        #expect(serverSaw.all.map { $0.errors.map(\.instanceLocation) } == [["/response/body/status"]])
    }

    /// Without the fault the same call succeeds through both middlewares and decodes.
    @Test func validExchangePassesBothMiddlewares() async throws {
        let contract = try videosContract.get()
        let serverSaw = Violations()
        try await withServer(middlewares: [ContractValidationMiddleware(contract: contract, mode: .report { serverSaw.add($0) })]) { url in
            let client = Client(
                serverURL: url, transport: URLSessionTransport(),
                middlewares: [BearerAuth(token: "sk-or-test"), ContractValidationMiddleware(contract: contract)])
            let output = try await client.createVideos(body: .json(request))
            let job = try output.accepted.body.json
            #expect(job.status == .pending)
            #expect(job.id == "job-\(request.prompt.count)")
        }
        #expect(serverSaw.all.isEmpty)
    }

    /// A request that breaks the contract is answered by the server-side middleware with 400 and
    /// RFC 9457 problem details listing each violation; the handler never runs.
    @Test func serverMiddlewareAnswersAnInvalidRequestWith400() async throws {
        let contract = try videosContract.get()
        let serverSaw = Violations()
        try await withServer(middlewares: [ContractValidationMiddleware(contract: contract, mode: .report { serverSaw.add($0) })]) { url in
            var request = URLRequest(url: url.appendingPathComponent("videos"))
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            // No credentials, and an aspect ratio the contract does not list.
            request.httpBody = Data(#"{"model":"google/veo-3.1","prompt":"sunset","aspect_ratio":"16:10"}"#.utf8)
            let (data, response) = try await URLSession.shared.data(for: request)
            let http = try #require(response as? HTTPURLResponse)
            #expect(http.statusCode == 400)
            #expect(http.value(forHTTPHeaderField: "Content-Type") == "application/problem+json")
            let problem = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(problem["status"] as? Int == 400)
            #expect(problem["title"] as? String == "Bad Request")
            let errors = try #require(problem["errors"] as? [[String: Any]])
            #expect(errors.compactMap { $0["pointer"] as? String }.sorted() == ["/request/body/aspect_ratio", "/request/security"])
            // The body the handler would have got was never decoded: no response check ran.
        }
        #expect(serverSaw.all.map { $0.errors.map(\.instanceLocation).sorted() } == [["/request/body/aspect_ratio", "/request/security"]])
    }

    /// The README's one line, as written there: the generated client with the middleware added.
    @Test func readmeOneLineAddsTheMiddlewareToAGeneratedClient() async throws {
        let contract = try videosContract.get()
        // README: middleware
        let client = Client(
            serverURL: try Servers.Server1.url(), transport: URLSessionTransport(),
            middlewares: [ContractValidationMiddleware(contract: contract)])
        // END README
        // Without credentials the request breaks the contract, and is never sent.
        do {
            _ = try await client.createVideos(body: .json(request))
            Issue.record("an unauthenticated request was sent")
        } catch let error as ClientError {
            let violation = try #require(error.underlyingError as? ContractViolation)
            #expect(violation.errors.map(\.instanceLocation) == ["/request/security"])
        }
    }
}
