import Foundation
import OpenAPIContractTesting
import Testing
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Stands in for the README's "your HTTP call": what URLSession returns for POST /videos.
func fetchCreateVideo() async throws -> (Data, URLResponse) {
    let url = URL(string: "https://openrouter.ai/api/v1/videos")!
    let response = HTTPURLResponse(url: url, statusCode: 202, httpVersion: "HTTP/1.1", headerFields: ["Content-Type": "application/json"])!
    return (Data(#"{"id": "job-1", "polling_url": "/api/v1/videos/job-1", "status": "pending"}"#.utf8), response)
}

// README: fixture
let videos = ContractFixture("specs/openrouter-videos.yaml", overlays: ["specs/openrouter-videos.overlay.yaml"])
// END README

// README: swift-testing
@Test func createVideoResponseMatchesContract() async throws {
    let contract = try videos.load()  // loaded once; a wrong path fails this test, not the whole run
    let (data, response) = try await fetchCreateVideo()  // your HTTP call (URLSession)
    contract.expectValidResponse((data, response), for: "createVideos")
    // a failure is recorded at this line, listing every violation with its spec line
}
// END README

// README: xctest
final class VideoContractTests: XCTestCase {
    func testCreateVideoRequest() throws {
        let contract = try videos.load()
        var request = HTTPRequest(method: .post, scheme: "https", authority: "openrouter.ai", path: "/api/v1/videos")
        request.headerFields[.contentType] = "application/json"
        request.headerFields[.authorization] = "Bearer sk-or-test"
        let body = #"{"model": "google/veo-3.1", "prompt": "sunset"}"#
        contract.expectValidRequest(request, body: Array(body.utf8))  // XCTFail at this line per violation
    }
}
// END README
