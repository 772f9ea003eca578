import Foundation
// One import: ValidationResult, SchemaViolation, JSONValue, Schema, HTTPRequest come with it.
import OpenAPIContract
import Testing

/// A request body as a Swift client holds it.
private struct CreateVideo: Encodable {
    var model: String
    var prompt: String
    var aspectRatio: String?
}

/// A response body as a Swift server holds it.
private struct VideoJob: Encodable {
    var id: String
    var polling_url: String
    var status: String
}

@Suite("Swift inputs: Encodable, Data, bytes, JSON text")
struct SwiftInputTests {
    let contract: OpenAPIDocument
    let invalidJSON = #"{"model":"google/veo-3.1","prompt":"sunset","aspect_ratio":"16:10"}"#

    init() throws { contract = try ContractTestKit.seed() }

    /// Every input form gives the same errors as the parsed value.
    @Test func everyRequestFormGivesTheParsedValuesErrors() throws {
        let expected = try contract.validateRequest(SourceLoader.parse(invalidJSON, format: .json), for: "createVideos")
        #expect(expected.errors.map(\.instanceLocation) == ["/aspect_ratio"])
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let forms: [ValidationResult] = [
            try contract.validateRequest(
                CreateVideo(model: "google/veo-3.1", prompt: "sunset", aspectRatio: "16:10"), for: "createVideos", encoder: encoder),
            try contract.validateRequest(Data(invalidJSON.utf8), for: "createVideos"),
            try contract.validateRequest([UInt8](invalidJSON.utf8), for: "createVideos"),
            try contract.validateRequest(invalidJSON, for: "createVideos"),
        ]
        for result in forms {
            #expect(result.errors == expected.errors)
        }
    }

    /// The encoder is the caller's: without snake-case keys the property is `aspectRatio`, which
    /// the schema does not constrain, so the same value is valid.
    @Test func theCallersEncoderDecidesTheJSON() throws {
        let value = CreateVideo(model: "google/veo-3.1", prompt: "sunset", aspectRatio: "16:10")
        #expect(try contract.validateRequest(value, for: "createVideos").isValid)
        let snake = JSONEncoder()
        snake.keyEncodingStrategy = .convertToSnakeCase
        #expect(
            try contract.validateRequest(value, for: "createVideos", encoder: snake).errors.map(\.instanceLocation) == ["/aspect_ratio"])
    }

    @Test func responseBodyFromACodableValueNamesTheSpecLine() throws {
        let result = try contract.validateResponse(
            VideoJob(id: "job-1", polling_url: "/api/v1/videos/job-1", status: "queued"), status: 202, for: "createVideos")
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.instanceLocation == "/status")
        #expect(result.errors.first?.source.description.hasSuffix("specs/openrouter-videos.yaml:299:11") == true)
        #expect(
            try contract.validateResponse(Data(#"{"id":"j","polling_url":"/p","status":"pending"}"#.utf8), status: 202, for: "createVideos")
                .isValid)
    }

    /// Bytes that are not JSON, where the contract asks for JSON, are a violation of the body,
    /// with the position inside the payload.
    @Test func malformedJSONIsOneErrorWithItsPosition() throws {
        let result = try contract.validateRequest(#"{"model": "x", "prompt": }"#, for: "createVideos")
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.instanceLocation == "")
        #expect(result.errors.first?.keyword == "content")
        #expect(result.errors.first?.message.hasPrefix("the body is not valid JSON at line 1, column 26") == true)
        // An undocumented status is still reported as such, whatever the body.
        let status = try contract.validateResponse("not json", status: 299, for: "createVideos")
        #expect(status.errors.first?.keyword == "responses")
    }

    /// Failures that are not verdicts are thrown: a value the encoder refuses, a media type a body
    /// check cannot read, an unknown operation.
    @Test func failuresThatAreNotVerdictsAreThrown() throws {
        struct Ratio: Encodable { var value = Double.nan }
        #expect(throws: EncodingError.self) { _ = try contract.validateResponse(Ratio(), status: 202, for: "createVideos") }
        #expect(throws: ContractError.self) {
            _ = try contract.validateRequest(Data([0xFF]), for: "createVideos", contentType: "application/octet-stream")
        }
        #expect(throws: ContractError.self) { _ = try contract.validateRequest(invalidJSON, for: "createVideo") }
    }

    @Test func checkThrowsEveryViolationWithPathMessageAndSpecPosition() throws {
        let body = #"{"model":"google/veo-3.1","prompt":42,"aspect_ratio":"16:10"}"#
        #expect(throws: Never.self) { try contract.checkRequest(ContractTestKit.minimalRequest, for: "createVideos") }
        do {
            try contract.checkRequest(body, for: "createVideos")
            Issue.record("no violation thrown")
        } catch let violation as ContractViolation {
            #expect(violation.errors.map(\.instanceLocation) == ["/prompt", "/aspect_ratio"])
            #expect(violation.operation?.operationId == "createVideos")
            let lines = violation.description.split(separator: "\n").map(String.init)
            #expect(lines.first == "the request of createVideos violates the contract (2 errors):")
            #expect(lines.count == 3)
            #expect(lines[1].hasPrefix("  /prompt: expected string, found integer 42 ("))
            #expect(lines[1].hasSuffix("specs/openrouter-videos.yaml:239:11)"))
            #expect(lines[2].hasSuffix("specs/openrouter-videos.yaml:189:11)"))
            #expect(violation.localizedDescription == violation.description)
        }
        #expect(throws: ContractViolation.self) {
            try contract.checkResponse(VideoJob(id: "j", polling_url: "/p", status: "queued"), status: 202, for: "createVideos")
        }
    }

    @Test func wholeExchangeFromACodableValueAndData() throws {
        var request = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/videos")
        request.headerFields[.contentType] = "application/json"
        // No credentials: the security requirement is the one violation.
        do {
            try contract.check(request: request, jsonBody: CreateVideo(model: "google/veo-3.1", prompt: "sunset"))
            Issue.record("no violation thrown")
        } catch let violation as ContractViolation {
            #expect(violation.errors.map(\.instanceLocation) == ["/request/security"])
            #expect(violation.subject == "the request of createVideos")
        }
        request.headerFields[.authorization] = "Bearer sk-test"
        #expect(try contract.check(request: request, jsonBody: CreateVideo(model: "google/veo-3.1", prompt: "sunset")).isValid)
        // Bytes given as a non-optional array are the body, not a Codable array of numbers.
        let bytes = [UInt8](ContractTestKit.minimalRequest.utf8)
        #expect(try contract.validate(request: request, body: bytes).isValid)
        #expect(
            try contract.validate(request: request, body: Data(invalidJSON.utf8)).errors.map(\.instanceLocation) == [
                "/request/body/aspect_ratio"
            ])
        #expect(try contract.validate(request: request, body: invalidJSON).errors.map(\.instanceLocation) == ["/request/body/aspect_ratio"])

        var response = HTTPResponse(status: .accepted)
        response.headerFields[.contentType] = "application/json"
        let reply = try contract.validate(
            response: response, jsonBody: VideoJob(id: "j", polling_url: "/p", status: "queued"), request: request)
        #expect(reply.errors.map(\.instanceLocation) == ["/response/body/status"])
        #expect(reply.violation?.subject == "the response of createVideos")
        #expect(throws: ContractViolation.self) {
            try contract.check(response: response, body: Data(#"{"id":"j"}"#.utf8), request: request)
        }
    }

    @Test func schemaChecksTakeTheSameInputs() throws {
        let schema = try contract.schema(named: "VideoGenerationResponse")
        #expect(try schema.validate(VideoJob(id: "j", polling_url: "/p", status: "queued")).errors.map(\.instanceLocation) == ["/status"])
        #expect(try schema.validate(#"{"id":"j","polling_url":"/p","status":"pending"}"#).isValid)
        #expect(try schema.validate(Data(#"{"id":"j"}"#.utf8)).errors.map(\.keyword) == ["required", "required"])
        // Not JSON: no instance, so no verdict.
        #expect(throws: SourceError.self) { _ = try schema.validate("{") }
        #expect(throws: ContractViolation.self) { try schema.check([UInt8](#"{"id":"j"}"#.utf8)) }
        #expect(throws: Never.self) {
            try schema.check(JSONValue.object(["id": .string("j"), "polling_url": .string("/p"), "status": .string("failed")]))
        }
    }
}
