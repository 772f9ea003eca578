import OpenAPIContract
import Testing

@Suite("README examples: whole exchanges")
struct ExchangeExample {
    let contract: OpenAPIDocument
    init() throws { contract = try OpenAPIDocument.load(contentsOf: "specs/openrouter-videos.yaml") }

    @Test func checkAWholeExchange() throws {
        let apiKey = "sk-or-test"
        let payload = #"{"model": "google/veo-3.1", "prompt": "sunset", "aspect_ratio": "16:10"}"#
        let data = Array(#"{"id": "job-1", "polling_url": "/api/v1/videos/job-1", "status": "pending"}"#.utf8)
        // README: exchange
        var request = HTTPRequest(method: .post, scheme: "https", authority: "openrouter.ai", path: "/api/v1/videos")
        request.headerFields[.contentType] = "application/json"
        request.headerFields[.authorization] = "Bearer \(apiKey)"
        let checked = try contract.validate(request: request, body: payload)  // body: String, Data or [UInt8]
        print(checked.operation?.displayName ?? "no operation")  // createVideos
        for error in checked.errors { print(error.instanceLocation, error.message) }
        // /request/body/aspect_ratio  "16:10" is not one of "16:9", "9:16", …

        let reply = try contract.validateResponse(
            status: 200, headers: [("Content-Type", "application/json")],
            body: data, method: "POST", url: "/videos")
        // /response/status  status 200 is not documented for createVideos (documented: 202, 400, 401, …)

        let anonymous = try contract.validateRequest(
            method: "POST", url: "/videos?debug=1",
            headers: [("Content-Type", "application/json")], body: Array(payload.utf8))
        // errors:   /request/security  no security requirement of createVideos is met (…)
        //           /request/body/aspect_ratio  "16:10" is not one of …
        // warnings: /request/query/debug  query parameter "debug" is not documented for createVideos
        // END README
        #expect(checked.operation?.operationId == "createVideos")
        #expect(checked.errors.map(\.instanceLocation) == ["/request/body/aspect_ratio"])
        #expect(reply.errors.map(\.instanceLocation) == ["/response/status"])
        #expect(reply.errors.first?.message.hasPrefix("status 200 is not documented for createVideos (documented: 202, 400, 401") == true)
        #expect(anonymous.errors.map(\.instanceLocation) == ["/request/security", "/request/body/aspect_ratio"])
        #expect(anonymous.warnings.map(\.instanceLocation) == ["/request/query/debug"])
    }
}
