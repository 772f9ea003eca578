import HTTPTypes
import OpenAPIContract
import Testing

/// `ContractValidationMiddleware` reads each request and finds its operation once, for the
/// request's check and its response's (`OpenAPIDocument.prepare`): the verdicts must be those of
/// the public `validate(request:…)` and `validate(response:…)`.
@Suite("PreparedRequest")
struct PreparedRequestTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var request: HTTPRequest
        var operation: String?
        var body: String?
        var status: HTTPResponse.Status = .accepted
        var reply: String? = #"{"status":"pending"}"#
        var testDescription: String { "\(request.method) \(request.path ?? "-") \(operation ?? "routed") \(status.code)" }
    }

    static let cases: [Case] = [
        Case(request: request(), operation: "startJob", body: #"{"name":"a"}"#),
        Case(
            request: request("/jobs/x", authorized: false), operation: "startJob", body: #"{"name":"far too long"}"#,
            reply: #"{"status":"queued"}"#),
        Case(request: request("/v1/jobs/3"), operation: nil, body: #"{"name":"a"}"#),
        Case(request: request("/jobs/3?debug=1"), operation: nil, body: nil, status: .internalServerError, reply: nil),
        Case(request: request("/nothing"), operation: nil, body: "{}"),
        Case(request: request("/nothing"), operation: "startJob", body: "{}"),
        Case(request: request("/jobs/3"), operation: "POST /jobs/{id}", body: "[1]", reply: "not json"),
        Case(request: HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/jobs/3"), operation: nil, body: nil),
        Case(request: HTTPRequest(method: .connect, scheme: nil, authority: "api.example.com:443", path: nil), operation: nil, body: nil),
    ]

    /// Every error, warning and unchecked item with its location, message and spec position.
    static func findings(_ result: ExchangeResult) -> [String] {
        [result.operation?.displayName ?? "no operation"]
            + result.errors.map { "error \($0.instanceLocation) \($0.message) \($0.source)" }
            + result.warnings.map { "warning \($0.instanceLocation) \($0.message)" }
            + result.unchecked.map { "unchecked \($0.instanceLocation) \($0.message)" }
    }

    @Test(arguments: cases)
    func preparedChecksFindWhatThePublicChecksFind(_ c: Case) throws {
        let document = try contract()
        let body = c.body.map { Array($0.utf8) }
        let reply = c.reply.map { Array($0.utf8) }
        var response = HTTPResponse(status: c.status)
        response.headerFields[.contentType] = "application/json"
        let prepared = try document.prepare(request: c.request, operation: c.operation, options: ExchangeOptions())
        let sent = try document.validate(prepared, body: body, options: ExchangeOptions())
        let expectedSent = try document.validate(request: c.request, body: body, operation: c.operation)
        #expect(Self.findings(sent) == Self.findings(expectedSent))
        let received = try document.validate(response: response, body: reply, to: prepared, options: ExchangeOptions())
        let expectedReceived = try document.validate(response: response, body: reply, request: c.request, operation: c.operation)
        #expect(Self.findings(received) == Self.findings(expectedReceived))
    }

    @Test func anUnknownOperationIsThrownWhenPrepared() throws {
        let document = try contract()
        #expect(throws: ContractError.self) { try document.prepare(request: request(), operation: "stopJob", options: ExchangeOptions()) }
        #expect(throws: ContractError.self) { try document.validate(request: request(), operation: "stopJob") }
    }
}
