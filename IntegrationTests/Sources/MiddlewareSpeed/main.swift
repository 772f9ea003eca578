// One generated-client call through an in-memory transport, without and with
// ContractValidationMiddleware: the ratio is what the middleware adds to a call.
//
//   swift run -c release MiddlewareSpeed [CALLS]
import Foundation
import HTTPTypes
import OpenAPIContract
import OpenAPIContractRuntime
import OpenAPIRuntime
import VideosAPI

/// Answers every call with the contract's example 202 body, from memory.
struct InMemoryTransport: ClientTransport {
    let body: [UInt8] = Array(#"{"generation_id":"gen-xyz789","id":"job-abc123","polling_url":"/api/v1/videos/job-abc123","status":"pending"}"#.utf8)
    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        if let body { _ = try await [UInt8](collecting: body, upTo: 1 << 20) }   // a transport reads what it sends
        var response = HTTPResponse(status: .accepted)
        response.headerFields[.contentType] = "application/json"
        return (response, HTTPBody(self.body))
    }
}

struct BearerAuth: ClientMiddleware {
    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer sk-or-test"
        return try await next(request, body, baseURL)
    }
}

/// Reads both bodies into arrays and passes new bodies on, checking nothing: the buffering part.
struct BufferOnly: ClientMiddleware {
    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        let sent = body == nil ? nil : try await [UInt8](collecting: body!, upTo: 1 << 22)
        let (response, received) = try await next(request, sent.map { HTTPBody($0) }, baseURL)
        let bytes = received == nil ? nil : try await [UInt8](collecting: received!, upTo: 1 << 22)
        return (response, bytes.map { HTTPBody($0) })
    }
}

final class Captured: @unchecked Sendable { var request: HTTPRequest?; var body: [UInt8]? }
let captured = Captured()
struct Capture: ClientMiddleware {
    func intercept(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
                   next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)) async throws -> (HTTPResponse, HTTPBody?) {
        let bytes = try await [UInt8](collecting: body!, upTo: 1 << 22)
        captured.request = request
        captured.body = bytes
        return try await next(request, HTTPBody(bytes), baseURL)
    }
}

let calls = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 20_000 : 20_000
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let contract = try OpenAPIDocument.load(contentsOf: root.appendingPathComponent("specs/openrouter-videos.yaml").path,
                                        overlays: [root.appendingPathComponent("specs/openrouter-videos.overlay.yaml").path])
let server = URL(string: "https://openrouter.ai/api/v1")!
let plain = Client(serverURL: server, transport: InMemoryTransport(), middlewares: [BearerAuth()])
let checked = Client(serverURL: server, transport: InMemoryTransport(), middlewares: [BearerAuth(), ContractValidationMiddleware(contract: contract)])
let buffering = Client(serverURL: server, transport: InMemoryTransport(), middlewares: [BearerAuth(), BufferOnly()])
let input = Components.Schemas.VideoGenerationRequest(aspect_ratio: ._16_colon_9, duration: 8, model: "google/veo-3.1",
                                                      prompt: "A serene mountain landscape at sunset", resolution: ._720p)

func measure(_ client: Client) async throws -> Duration {
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<calls {
        let job = try await client.createVideos(body: .json(input)).accepted.body.json
        precondition(job.status == .pending)
    }
    return clock.now - start
}

/// The two checks the middleware runs, alone: the same request and response, already in memory.
func measureChecksAlone() throws -> Duration {
    var request = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/videos")
    request.headerFields[.contentType] = "application/json; charset=utf-8"
    request.headerFields[.authorization] = "Bearer sk-or-test"
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    let requestBody = [UInt8](try encoder.encode(input))
    var response = HTTPResponse(status: .accepted)
    response.headerFields[.contentType] = "application/json"
    let responseBody = InMemoryTransport().body
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<calls {
        let sent = try contract.validate(request: request, body: requestBody, operation: "createVideos")
        let received = try contract.validate(response: response, body: responseBody, request: request, operation: "createVideos")
        precondition(sent.isValid && received.isValid)
    }
    return clock.now - start
}

func perCall(_ d: Duration) -> Double { Double(d.components.seconds) * 1e6 / Double(calls) + Double(d.components.attoseconds) / 1e12 / Double(calls) }

// Warm up both, then alternate three rounds and keep each one's best.
_ = try await measure(plain); _ = try await measure(checked)
var best = (plain: Double.infinity, checked: Double.infinity, alone: Double.infinity, buffering: Double.infinity)
for _ in 0..<3 {
    best.plain = min(best.plain, perCall(try await measure(plain)))
    best.checked = min(best.checked, perCall(try await measure(checked)))
    best.alone = min(best.alone, perCall(try measureChecksAlone()))
    best.buffering = min(best.buffering, perCall(try await measure(buffering)))
}
let added = best.checked - best.plain
print(String(format: "calls: %d; without middleware: %.2f µs/call; with ContractValidationMiddleware: %.2f µs/call; ratio %.2f×; added %.2f µs/call",
             calls, best.plain, best.checked, best.checked / best.plain, added))
_ = try await Client(serverURL: server, transport: InMemoryTransport(), middlewares: [BearerAuth(), Capture()]).createVideos(body: .json(input))
do {
    let request = captured.request!, body = captured.body!
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<calls { let r = try contract.validate(request: request, body: body, operation: "createVideos"); precondition(r.isValid) }
    print(String(format: "the request check on the captured request: %.2f µs/call", perCall(clock.now - start)))
}
do {
    let middleware = ContractValidationMiddleware(contract: contract)
    let request = captured.request!, body = captured.body!
    let replyBody = InMemoryTransport().body
    var canned = HTTPResponse(status: .accepted)
    canned.headerFields[.contentType] = "application/json"
    let response = canned
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<calls {
        let (_, out) = try await middleware.intercept(request, body: HTTPBody(body), baseURL: server, operationID: "createVideos") { _, sent, _ in
            _ = try await [UInt8](collecting: sent!, upTo: 1 << 22)
            return (response, HTTPBody(replyBody))
        }
        _ = try await [UInt8](collecting: out!, upTo: 1 << 22)
    }
    print(String(format: "the middleware's intercept alone, canned next: %.2f µs/call", perCall(clock.now - start)))
}
let detached = perCall(try await Task.detached { try measureChecksAlone() }.value)
print(String(format: "the checks alone in a detached task: %.2f µs/call", detached))
print(String(format: "a middleware that only buffers both bodies: %.2f µs/call (adds %.2f)", best.buffering, best.buffering - best.plain))
print(String(format: "the request and response checks alone: %.2f µs/call; the middleware adds %.2f× what its checks cost",
             best.alone, added / best.alone))
