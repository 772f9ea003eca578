import Foundation
import OpenAPIContract
import Testing

@testable import OpenAPIContractTesting

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
/// Declared at file scope without `try`: nothing is read until a test loads it.
private let videos = ContractFixture(
    root.appendingPathComponent("specs/openrouter-videos.yaml").path,
    overlays: [root.appendingPathComponent("specs/openrouter-videos.overlay.yaml").path])
private let missing = ContractFixture("specs/no-such-contract.yaml")

private func accepted(_ json: String) -> (HTTPResponse, [UInt8]) {
    var response = HTTPResponse(status: .accepted)
    response.headerFields[.contentType] = "application/json"
    return (response, Array(json.utf8))
}

@Suite("OpenAPIContractTesting: expectations recorded at the caller")
struct ExpectationTests {
    /// A violation found outside the test's task (a detached task, a server handler) must still
    /// fail the run: it goes to both frameworks, and only the running one hears it. (Recording
    /// one from a detached task here would fail this run: `withKnownIssue` is task-local too.)
    @Test func failuresOutsideASwiftTestingTestGoToBothFrameworks() async {
        #expect(ContractFailure.channels(swiftTestingTestIsCurrent: true) == [.issue])
        #expect(ContractFailure.channels(swiftTestingTestIsCurrent: false) == [.issue, .xctFailure])
        let detached = await Task.detached { Test.current == nil }.value
        #expect(detached, "a detached task has no current test, so it takes the second path")
    }

    @Test func aValidResponseRecordsNothing() throws {
        let contract = try videos.load()
        let (response, body) = accepted(#"{"id":"job-1","polling_url":"/api/v1/videos/job-1","status":"pending"}"#)
        let result = contract.expectValidResponse(response, body: body, for: "createVideos")
        #expect(result?.isValid == true)
    }

    @Test func anInvalidResponseIsOneIssueAtTheCallersLineListingEachViolation() throws {
        let contract = try videos.load()
        let (response, body) = accepted(#"{"id":"job-1","status":"queued"}"#)
        let line = #line + 2
        withKnownIssue {
            contract.expectValidResponse(response, body: body, for: "createVideos")
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined()
            return issue.sourceLocation?.line == line && issue.sourceLocation?.fileName == "ExpectationTests.swift"
                && text.hasPrefix("the response of createVideos violates the contract (2 errors):")
                && text.contains("/response/body/status: \"queued\" is not one of")
                && text.contains("specs/openrouter-videos.yaml:299:11")
                && text.contains("polling_url")
        }
    }

    @Test func urlSessionReplyIsCheckedByStatusHeadersAndData() throws {
        let contract = try videos.load()
        let url = URL(string: "https://openrouter.ai/api/v1/videos")!
        let http = try #require(
            HTTPURLResponse(url: url, statusCode: 202, httpVersion: "HTTP/1.1", headerFields: ["Content-Type": "application/json"]))
        let good = Data(#"{"id":"j","polling_url":"/p","status":"completed"}"#.utf8)
        #expect(contract.expectValidResponse((good, http), for: "createVideos")?.isValid == true)
        let undocumented = try #require(HTTPURLResponse(url: url, statusCode: 204, httpVersion: "HTTP/1.1", headerFields: [:]))
        withKnownIssue {
            contract.expectValidResponse((Data(), undocumented), for: "createVideos")
        } matching: { issue in
            issue.comments.map(\.rawValue).joined().contains("/response/status: status 204 is not documented for createVideos")
        }
    }

    @Test func requestsFromHTTPTypesAndURLRequest() throws {
        let contract = try videos.load()
        var request = URLRequest(url: URL(string: "https://openrouter.ai/api/v1/videos")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"model":"google/veo-3.1","prompt":"sunset"}"#.utf8)
        withKnownIssue {
            contract.expectValidRequest(request)
        } matching: { issue in
            issue.comments.map(\.rawValue).joined().contains("/request/security")
        }
        request.setValue("Bearer sk-or-test", forHTTPHeaderField: "Authorization")
        #expect(contract.expectValidRequest(request)?.operation?.operationId == "createVideos")

        var typed = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/videos")
        typed.headerFields[.contentType] = "application/json"
        typed.headerFields[.authorization] = "Bearer sk-or-test"
        #expect(contract.expectValidRequest(typed, body: Data(#"{"model":"m","prompt":"p"}"#.utf8), for: "createVideos")?.isValid == true)
    }

    /// Bodies written in the test as text need no conversion, for requests and responses.
    @Test func bodiesGivenAsText() throws {
        let contract = try videos.load()
        var typed = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/videos")
        typed.headerFields[.contentType] = "application/json"
        typed.headerFields[.authorization] = "Bearer sk-or-test"
        #expect(contract.expectValidRequest(typed, body: #"{"model":"m","prompt":"p"}"#, for: "createVideos")?.isValid == true)
        var response = HTTPResponse(status: .accepted)
        response.headerFields[.contentType] = "application/json"
        let line = #line + 2
        withKnownIssue {
            contract.expectValidResponse(response, body: #"{"id":"j","polling_url":"/p","status":"queued"}"#, for: "createVideos")
        } matching: { issue in
            issue.sourceLocation?.line == line && issue.comments.map(\.rawValue).joined().contains(#"/response/body/status: "queued""#)
        }
    }

    @Test func anOperationThatDoesNotExistIsAFailureNotAPass() throws {
        let contract = try videos.load()
        let (response, body) = accepted("{}")
        withKnownIssue {
            #expect(contract.expectValidResponse(response, body: body, for: "createVideo") == nil)
        } matching: { issue in
            issue.comments.map(\.rawValue).joined().contains(
                #"could not check the response against createVideo: no operation with operationId "createVideo"; did you mean "createVideos"?"#
            )
        }
    }

    @Test func aFixtureThatCannotLoadNamesTheFileInEveryTestThatUsesIt() throws {
        for _ in 0..<2 {
            do {
                _ = try missing.load()
                Issue.record("a missing contract loaded")
            } catch {
                #expect(
                    error.description.hasPrefix(
                        "cannot load the contract specs/no-such-contract.yaml (relative paths from \(FileManager.default.currentDirectoryPath)):"
                    ))
                #expect(error.description.contains("specs/no-such-contract.yaml: no such file"))
            }
        }
        // The good fixture loads once and is shared.
        #expect(try videos.load().operations.count == 1)
    }
}
