// One generated-client call through an in-memory transport, without and with
// ContractValidationMiddleware, against the two checks the middleware runs on the same messages:
// what the middleware adds to a call must not exceed what its checks cost (issue 10).
//
//   swift run -c release MiddlewareSpeed [CALLS] [--rounds N] [--only VARIANT]
//
// Each round times CALLS calls (5,000) of every variant in turn; the best and the median of the
// rounds (5) are printed. `--only VARIANT` (plain, checked, passThrough, reading, buffering, bufferAndCheck,
// checks, checksBetweenCalls, intercept) runs one variant CALLS times after one warm-up call, for
// instruction counts under `valgrind --tool=callgrind` (Benchmarks/README.md).
import Dispatch
import Foundation
import HTTPTypes
import OpenAPIContract
import OpenAPIContractRuntime
import OpenAPIRuntime
import VideosAPI

/// Answers every call with the contract's example 202 body, from memory.
struct InMemoryTransport: ClientTransport {
    static let body: [UInt8] = Array(
        #"{"generation_id":"gen-xyz789","id":"job-abc123","polling_url":"/api/v1/videos/job-abc123","status":"pending"}"#.utf8)
    static let response: HTTPResponse = {
        var response = HTTPResponse(status: .accepted)
        response.headerFields[.contentType] = "application/json"
        return response
    }()
    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        if let body { _ = try await [UInt8](collecting: body, upTo: 1 << 20) }  // a transport reads what it sends
        return (Self.response, HTTPBody(Self.body))
    }
}

struct BearerAuth: ClientMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer sk-or-test"
        return try await next(request, body, baseURL)
    }
}

/// Calls `next` and returns what it returns: the cost of one more middleware in the chain.
struct PassThrough: ClientMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        try await next(request, body, baseURL)
    }
}

/// Reads both bodies into arrays as `ContractValidationMiddleware` does (one iterator, read until
/// the body's known length has come, the first chunk taken whole) and passes the same re-iterable
/// bodies on, checking nothing: what reading the bodies costs any checking middleware.
struct ReadOnly: ClientMiddleware {
    static func read(_ body: HTTPBody?) async throws -> [UInt8]? {
        guard let body else { return nil }
        var expected = Int.max
        if case .known(let length) = body.length { expected = Int(length) }
        var iterator = body.makeAsyncIterator()
        var bytes: [UInt8] = []
        while bytes.count < expected, let chunk = try await iterator.next() { bytes += chunk }
        return bytes
    }
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let sent = try await Self.read(body)
        let (response, received) = try await next(request, body, baseURL)
        let bytes = try await Self.read(received)
        precondition(sent != nil && bytes != nil)
        return (response, received)
    }
}

/// Reads both bodies into arrays and passes new bodies on, checking nothing: the buffering part.
struct BufferOnly: ClientMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let sent = body == nil ? nil : try await [UInt8](collecting: body!, upTo: 1 << 22)
        let (response, received) = try await next(request, sent.map { HTTPBody($0) }, baseURL)
        let bytes = received == nil ? nil : try await [UInt8](collecting: received!, upTo: 1 << 22)
        return (response, bytes.map { HTTPBody($0) })
    }
}

/// `BufferOnly` plus the two checks on the buffered bytes: the least a checking middleware does.
struct BufferAndCheck: ClientMiddleware {
    let contract: OpenAPIDocument
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let sent = body == nil ? nil : try await [UInt8](collecting: body!, upTo: 1 << 22)
        let sentResult = try contract.validate(request: request, body: sent, operation: operationID)
        precondition(sentResult.isValid)
        let (response, received) = try await next(request, sent.map { HTTPBody($0) }, baseURL)
        let bytes = received == nil ? nil : try await [UInt8](collecting: received!, upTo: 1 << 22)
        let receivedResult = try contract.validate(response: response, body: bytes, request: request, operation: operationID)
        precondition(receivedResult.isValid)
        return (response, bytes.map { HTTPBody($0) })
    }
}

/// Keeps the request and body the middleware would see (after `BearerAuth`).
final class Captured: @unchecked Sendable {
    // Written once by the one capturing call, read after it returns.
    var request: HTTPRequest?
    var body: [UInt8]?
}

struct Capture: ClientMiddleware {
    let into: Captured
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let bytes = try await [UInt8](collecting: body!, upTo: 1 << 22)
        into.request = request
        into.body = bytes
        return try await next(request, HTTPBody(bytes), baseURL)
    }
}

enum Variant: String, CaseIterable {
    /// The generated client with `BearerAuth` only.
    case plain
    /// The same client with `ContractValidationMiddleware` after `BearerAuth`.
    case checked
    /// The same client with `PassThrough` after `BearerAuth`.
    case passThrough
    /// The same client with `ReadOnly` after `BearerAuth`.
    case reading
    /// The same client with `BufferOnly` after `BearerAuth`.
    case buffering
    /// The same client with `BufferAndCheck` after `BearerAuth`.
    case bufferAndCheck
    /// `validate(request:…)` and `validate(response:…)` on the messages the middleware sees.
    case checks
    /// The checks of `checks`, each timed alone right after an (untimed) `plain` call.
    case checksBetweenCalls
    /// The middleware's `intercept` with a `next` that reads the body and answers from memory.
    case intercept
}

struct Bench {
    let calls: Int
    let contract: OpenAPIDocument
    let server = URL(string: "https://openrouter.ai/api/v1")!
    let input = Components.Schemas.VideoGenerationRequest(
        aspect_ratio: ._16_colon_9, duration: 8, model: "google/veo-3.1",
        prompt: "A serene mountain landscape at sunset", resolution: ._720p)
    let clients: [Variant: Client]
    let request: HTTPRequest
    let requestBody: [UInt8]

    init(calls: Int, contract: OpenAPIDocument) async throws {
        self.calls = calls
        self.contract = contract
        clients = [
            .plain: Client(serverURL: server, transport: InMemoryTransport(), middlewares: [BearerAuth()]),
            .checked: Client(
                serverURL: server, transport: InMemoryTransport(),
                middlewares: [BearerAuth(), ContractValidationMiddleware(contract: contract)]),
            .passThrough: Client(serverURL: server, transport: InMemoryTransport(), middlewares: [BearerAuth(), PassThrough()]),
            .reading: Client(serverURL: server, transport: InMemoryTransport(), middlewares: [BearerAuth(), ReadOnly()]),
            .buffering: Client(serverURL: server, transport: InMemoryTransport(), middlewares: [BearerAuth(), BufferOnly()]),
            .bufferAndCheck: Client(
                serverURL: server, transport: InMemoryTransport(), middlewares: [BearerAuth(), BufferAndCheck(contract: contract)]),
        ]
        let captured = Captured()
        _ = try await Client(serverURL: server, transport: InMemoryTransport(), middlewares: [BearerAuth(), Capture(into: captured)])
            .createVideos(body: .json(input))
        request = captured.request!
        requestBody = captured.body!
    }

    /// Runs `variant` `count` times; the time per run in microseconds.
    func run(_ variant: Variant, _ count: Int) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        switch variant {
        case .plain, .checked, .passThrough, .reading, .buffering, .bufferAndCheck:
            let client = clients[variant]!
            for _ in 0..<count {
                let job = try await client.createVideos(body: .json(input)).accepted.body.json
                precondition(job.status == .pending)
            }
        case .checks:
            for _ in 0..<count {
                let sent = try contract.validate(request: request, body: requestBody, operation: "createVideos")
                let received = try contract.validate(
                    response: InMemoryTransport.response, body: InMemoryTransport.body, request: request,
                    operation: "createVideos")
                precondition(sent.isValid && received.isValid)
            }
        case .checksBetweenCalls:
            var total = Duration.zero
            let client = clients[.plain]!
            for _ in 0..<count {
                _ = try await client.createVideos(body: .json(input)).accepted.body.json
                let start = clock.now
                let sent = try contract.validate(request: request, body: requestBody, operation: "createVideos")
                let received = try contract.validate(
                    response: InMemoryTransport.response, body: InMemoryTransport.body, request: request,
                    operation: "createVideos")
                total += clock.now - start
                precondition(sent.isValid && received.isValid)
            }
            return (Double(total.components.seconds) * 1e6 + Double(total.components.attoseconds) / 1e12) / Double(count)
        case .intercept:
            let middleware = ContractValidationMiddleware(contract: contract)
            for _ in 0..<count {
                let (_, out) = try await middleware.intercept(
                    request, body: HTTPBody(requestBody), baseURL: server, operationID: "createVideos"
                ) { _, sent, _ in
                    _ = try await [UInt8](collecting: sent!, upTo: 1 << 22)
                    return (InMemoryTransport.response, HTTPBody(InMemoryTransport.body))
                }
                _ = try await [UInt8](collecting: out!, upTo: 1 << 22)
            }
        }
        let elapsed = clock.now - start
        return (Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12) / Double(count)
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func main(_ arguments: [String]) async throws {
    var calls = 5_000
    var rounds = 5
    var only: Variant?
    var rest = arguments[...]
    while let argument = rest.popFirst() {
        switch argument {
        case "--rounds": rounds = Int(rest.popFirst() ?? "") ?? rounds
        case "--only":
            guard let variant = Variant(rawValue: rest.popFirst() ?? "") else {
                throw CocoaError(
                    .featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "--only takes one of \(Variant.allCases.map(\.rawValue))"])
            }
            only = variant
        default: calls = Int(argument) ?? calls
        }
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let contract = try OpenAPIDocument.load(
        contentsOf: root.appendingPathComponent("specs/openrouter-videos.yaml").path,
        overlays: [root.appendingPathComponent("specs/openrouter-videos.overlay.yaml").path])
    let bench = try await Bench(calls: calls, contract: contract)
    if let only {
        _ = try await bench.run(only, 1)
        print(String(format: "%@: %d calls, %.2f µs/call", only.rawValue, calls, try await bench.run(only, calls)))
        return
    }
    for variant in Variant.allCases { _ = try await bench.run(variant, max(1, calls / 10)) }  // warm-up
    var times: [Variant: [Double]] = [:]
    for _ in 0..<rounds {
        for variant in Variant.allCases { times[variant, default: []].append(try await bench.run(variant, calls)) }
    }
    // Best of the rounds (the least disturbed by other work on the machine), then the median.
    for (title, m) in [("best", times.mapValues { $0.min()! }), ("median", times.mapValues(median))] {
        let plain = m[.plain]!
        let checked = m[.checked]!
        let checks = m[.checks]!
        let added = checked - plain
        print(String(format: "%d calls × %d rounds, %@ of the rounds (µs per call):", calls, rounds, title))
        print(String(format: "  generated client, in-memory transport (bare):   %8.2f", plain))
        print(
            String(
                format: "  the same with ContractValidationMiddleware:     %8.2f   ratio %.2f×, adds %.2f", checked, checked / plain, added)
        )
        print(String(format: "  the request and response checks alone, in a loop: %6.2f", checks))
        print(String(format: "  the same checks, each right after a bare call:  %8.2f", m[.checksBetweenCalls]!))
        print(
            String(
                format: "  a middleware that only calls next:              %8.2f   adds %.2f", m[.passThrough]!, m[.passThrough]! - plain))
        print(String(format: "  one that only reads both bodies, passing them on: %6.2f   adds %.2f", m[.reading]!, m[.reading]! - plain))
        print(String(format: "  a middleware that only buffers both bodies:    %8.2f   adds %.2f", m[.buffering]!, m[.buffering]! - plain))
        print(
            String(
                format: "  one that buffers and runs the two checks:      %8.2f   adds %.2f", m[.bufferAndCheck]!,
                m[.bufferAndCheck]! - plain))
        print(String(format: "  the middleware's intercept alone (canned next): %8.2f", m[.intercept]!))
        print(
            String(
                format: "added / checks in a loop: %.2f (goal: at most 1); added / checks after a call: %.2f;"
                    + " ContractValidationMiddleware − buffer-and-check: %+.2f µs/call",
                added / checks, added / m[.checksBetweenCalls]!, checked - m[.bufferAndCheck]!))
    }
}

// A synchronous entry that waits for the work, rather than an async main: valgrind 3.19 cannot
// run a process whose main thread parks in libdispatch's sigsuspend (it writes to the const mask).
let done = DispatchSemaphore(value: 0)
let arguments = Array(CommandLine.arguments.dropFirst())
Task.detached {
    do { try await main(arguments) } catch {
        FileHandle.standardError.write(Data("MiddlewareSpeed: \(error)\n".utf8))
        exit(1)
    }
    done.signal()
}
done.wait()
