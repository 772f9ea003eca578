import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

@Suite("seed contract: OpenRouter POST /videos")
struct SeedContractTests {
    @Test func operationLookup() throws {
        let contract = try ContractTestKit.seed()
        #expect(contract.version == "3.1.0")
        #expect(contract.dialect == .openAPI31)
        #expect(contract.operations.count == 1)
        let byId = try contract.operation("createVideos")
        let byPath = try contract.operation("POST /videos")
        let lowercase = try contract.operation("post /videos")
        #expect(byId.method == "post" && byId.path == "/videos")
        #expect(byPath.operationId == "createVideos")
        #expect(lowercase.operationId == "createVideos")
        #expect(byId.requestBodyRequired)
        #expect(byId.responses.map(\.status) == ["202", "400", "401", "402", "404", "429", "500"])
    }

    @Test(arguments: [
        ("createVideo", #"no operation with operationId "createVideo"; did you mean "createVideos"?"#),
        ("POST /video", #"no operation matches POST /video; did you mean "/videos"? (documented there: POST)"#),
        ("GET /vidoes", #"no operation matches GET /vidoes; did you mean "/videos"? (documented there: POST)"#),
        ("GET /videos", "no operation matches GET /videos: GET is not documented for /videos (documented: POST)"),
        ("FETCH /videos", "no operation matches FETCH /videos: FETCH is not documented for /videos (documented: POST)"),
        ("createvideos", #"no operation with operationId "createvideos"; did you mean "createVideos"?"#),
    ])
    func unknownOperationIsAContractError(_ name: String, _ message: String) throws {
        let contract = try ContractTestKit.seed()
        do {
            let op = try contract.operation(name)
            Issue.record("unexpectedly found \(op.displayName)")
        } catch {
            #expect(error.message == message)
        }
        #expect(throws: ContractError.self) { _ = try contract.validateRequest(nil, for: name) }
    }

    @Test func seedExampleIsValid() throws {
        let contract = try ContractTestKit.seed()
        let example = try #require(contract.root["paths"]?["/videos"]?["post"]?["requestBody"]?["content"]?["application/json"]?["example"])
        let result = try contract.validateRequest(example, for: "createVideos")
        #expect(result.isValid, "\(result)")
        let responseExample = try #require(
            contract.root["paths"]?["/videos"]?["post"]?["responses"]?["202"]?["content"]?["application/json"]?["example"])
        #expect(try contract.validateResponse(responseExample, status: 202, for: "createVideos").isValid)
    }

    @Test func invalidAspectRatio() throws {
        let contract = try ContractTestKit.seed()
        let result = try contract.validateRequest(
            try ContractTestKit.json(ContractTestKit.request(#""aspect_ratio":"16:10""#)), for: "createVideos")
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.instanceLocation == "/aspect_ratio")
        #expect(error.message.contains(#""16:10" is not one of "16:9", "9:16""#))
        #expect(
            error.absoluteKeywordLocation == ContractTestKit.seedURI
                + "#/components/schemas/VideoGenerationRequest/properties/aspect_ratio/enum")
        #expect(error.source.file.path.hasSuffix("specs/openrouter-videos.yaml"))
        #expect(error.source.line == 189)
        #expect(error.source.column == 11)
    }

    @Test func missingBodyAndUndocumentedContentType() throws {
        let contract = try ContractTestKit.seed()
        let missing = try contract.validateRequest(nil, for: "createVideos")
        #expect(missing.errors.count == 1)
        #expect(missing.errors.first?.keyword == "requestBody")
        #expect(missing.errors.first?.message.contains("required") == true)
        let body = try ContractTestKit.json(ContractTestKit.minimalRequest)
        let wrongType = try contract.validateRequest(body, for: "createVideos", contentType: "text/plain")
        #expect(wrongType.errors.count == 1)
        #expect(wrongType.errors.first?.keyword == "content")
        #expect(wrongType.errors.first?.message.contains("text/plain") == true)
        #expect(try contract.validateRequest(body, for: "createVideos", contentType: "application/json; charset=utf-8").isValid)
        #expect(throws: ContractError.self) { _ = try contract.requestSchema(for: "createVideos", contentType: "text/plain") }
    }

    @Test func responsesByStatus() throws {
        let contract = try ContractTestKit.seed()
        let accepted = try ContractTestKit.json(#"{"id":"job-1","polling_url":"/v/job-1","status":"pending"}"#)
        #expect(try contract.validateResponse(accepted, status: 202, for: "createVideos").isValid)
        let bad = try contract.validateResponse(
            try ContractTestKit.json(#"{"id":"job-1","status":"done"}"#), status: 202, for: "createVideos")
        #expect(Set(bad.failingInstanceLocations) == ["", "/status"])
        let undocumented = try contract.validateResponse(accepted, status: 503, for: "createVideos")
        #expect(undocumented.errors.count == 1)
        #expect(undocumented.errors.first?.keyword == "responses")
        #expect(undocumented.errors.first?.message.contains("503") == true)
        #expect(throws: ContractError.self) { _ = try contract.responseSchema(for: "createVideos", status: 503) }
    }

    @Test(arguments: [
        #"{"type":"image_url","image_url":{"url":"https://e.com/a.png"}}"#,
        #"{"type":"audio_url","audio_url":{"url":"https://e.com/a.mp3"}}"#,
        #"{"type":"video_url","video_url":{"url":"https://e.com/a.mp4"}}"#,
    ])
    func inputReferenceBranches(_ item: String) throws {
        let contract = try ContractTestKit.seed()
        let body = try ContractTestKit.json(ContractTestKit.request(#""input_references":[\#(item)]"#))
        let result = try contract.validateRequest(body, for: "createVideos")
        #expect(result.isValid, "\(result)")
    }

    @Test func unknownDiscriminatorValueIsOneError() throws {
        let contract = try ContractTestKit.seed()
        let body = try ContractTestKit.json(ContractTestKit.request(#""input_references":[{"type":"text","text":"hi"}]"#))
        let result = try contract.validateRequest(body, for: "createVideos")
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.instanceLocation == "/input_references/0")
        #expect(error.keyword == "discriminator")
        #expect(error.message.contains(#""audio_url", "image_url", "video_url""#))
        #expect(error.absoluteKeywordLocation == ContractTestKit.seedURI + "#/components/schemas/InputReference/discriminator")
    }

    @Test func wrongBranchPayloadReportsOnlyThatBranch() throws {
        let contract = try ContractTestKit.seed()
        let body = try ContractTestKit.json(
            ContractTestKit.request(#""input_references":[{"type":"audio_url","image_url":{"url":"https://e.com/a.png"}}]"#))
        let result = try contract.validateRequest(body, for: "createVideos")
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.instanceLocation == "/input_references/0")
        #expect(error.keyword == "required")
        #expect(error.message.contains("audio_url"))
        #expect(error.keywordLocation.hasSuffix("/input_references/items/$ref/oneOf/1/$ref/required"))
        #expect(error.absoluteKeywordLocation == ContractTestKit.seedURI + "#/components/schemas/ContentPartAudio/required")
    }

    @Test func frameImageMissingFrameType() throws {
        let contract = try ContractTestKit.seed()
        let body = try ContractTestKit.json(
            ContractTestKit.request(#""frame_images":[{"type":"image_url","image_url":{"url":"https://e.com/f.png"}}]"#))
        let result = try contract.validateRequest(body, for: "createVideos")
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.instanceLocation == "/frame_images/0")
        #expect(error.keyword == "required")
        #expect(error.absoluteKeywordLocation == ContractTestKit.seedURI + "#/components/schemas/FrameImage/allOf/1/required")
        #expect(error.keywordLocation == "/$ref/properties/frame_images/items/$ref/allOf/1/required")
    }

    @Test func nullableFieldsAcceptNull() throws {
        let contract = try ContractTestKit.seed()
        let badRequest = try ContractTestKit.json(
            #"{"error":{"code":400,"message":"m","metadata":null},"openrouter_metadata":null,"user_id":null}"#)
        #expect(try contract.validateResponse(badRequest, status: 400, for: "createVideos").isValid)
        let withAny = try ContractTestKit.json(
            #"{"error":{"code":400,"message":"m","metadata":{"a":null,"b":[1]}},"openrouter_metadata":{"x":null}}"#)
        #expect(try contract.validateResponse(withAny, status: 400, for: "createVideos").isValid)
        let usage = try ContractTestKit.json(#"{"id":"j","polling_url":"/p","status":"completed","usage":{"cost":null,"is_byok":false}}"#)
        #expect(try contract.validateResponse(usage, status: 202, for: "createVideos").isValid)
        let notNullable = try ContractTestKit.json(#"{"error":null}"#)
        #expect(!(try contract.validateResponse(notNullable, status: 404, for: "createVideos").isValid))
    }

    @Test func schemaByName() throws {
        let contract = try ContractTestKit.seed()
        let schema = try contract.schema(named: "VideoGenerationResponse")
        #expect(schema.validate(try ContractTestKit.json(#"{"id":"a","polling_url":"b","status":"failed"}"#)).isValid)
        #expect(contract.schemaNames.contains("FrameImage"))
        do {
            _ = try contract.schema(named: "VideoGenerationRespons")
            Issue.record("expected ContractError")
        } catch {
            #expect(error.message.contains(#"did you mean "VideoGenerationResponse"?"#))
        }
    }

    @Test func overlayPatternErrorPointsIntoTheOverlay() throws {
        let contract = try ContractTestKit.seed()
        #expect(contract.overlayWarnings.isEmpty)
        let body = try ContractTestKit.json(ContractTestKit.request(#""callback_url":"http://example.com/hook""#))
        let result = try contract.validateRequest(body, for: "createVideos")
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.keyword == "pattern")
        #expect(error.instanceLocation == "/callback_url")
        #expect(error.source.file.path.hasSuffix("specs/openrouter-videos.overlay.yaml"))
        #expect((error.source.line, error.source.column) == (13, 7))
        // Without the overlay, http is accepted (format: uri only).
        #expect(try ContractTestKit.seed(withOverlay: false).validateRequest(body, for: "createVideos").isValid)
    }
}
