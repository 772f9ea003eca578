// The README's Swift examples, verbatim: ReadmeSyncTests fails when a ```swift block of README.md
// is not found here (its import lines at the top of the same file), so they cannot rot.
// This file has the one import a common check needs.
import OpenAPIContract
import Testing

@Suite("README examples: lint a payload")
struct LintRequestExample {
    @Test func lintARequestPayload() throws {
        // README: lint
        struct CreateVideo: Encodable {
            var model: String
            var prompt: String
            var aspect_ratio: String?
        }

        // Load once (YAML or JSON, overlays applied in order); the result is immutable and Sendable.
        let contract = try OpenAPIDocument.load(
            contentsOf: "specs/openrouter-videos.yaml",
            overlays: ["specs/openrouter-videos.overlay.yaml"])

        let payload = CreateVideo(model: "google/veo-3.1", prompt: "sunset", aspect_ratio: "16:10")
        let result = try contract.validateRequest(payload, for: "createVideos")  // or "POST /videos"
        for error in result.errors {
            print(error.instanceLocation, error.message, error.source)
            // /aspect_ratio "16:10" is not one of "16:9", "9:16", … specs/openrouter-videos.yaml:189:11
        }
        // The same check takes Data, [UInt8], JSON text (String) or a parsed JSONValue:
        let sameResult = try contract.validateRequest(
            #"{"model": "google/veo-3.1", "prompt": "sunset", "aspect_ratio": "16:10"}"#,
            for: "createVideos")
        // END README
        #expect(result.errors.map(\.instanceLocation) == ["/aspect_ratio"])
        #expect(sameResult.errors == result.errors)
        #expect("\(result.errors[0].source)" == "specs/openrouter-videos.yaml:189:11")
    }

    @Test func throwEveryViolation() throws {
        let contract = try OpenAPIDocument.load(contentsOf: "specs/openrouter-videos.yaml")
        do {
            // README: throwing
            try contract.checkRequest(#"{"model": "google/veo-3.1", "prompt": 42}"#, for: "createVideos")
            // throws ContractViolation (an Error), printed as:
            // the request of createVideos violates the contract (1 error):
            //   /prompt: expected string, found integer 42 (specs/openrouter-videos.yaml:239:11)
            // END README
            Issue.record("no violation thrown")
        } catch let violation as ContractViolation {
            #expect(
                violation.description == """
                    the request of createVideos violates the contract (1 error):
                      /prompt: expected string, found integer 42 (specs/openrouter-videos.yaml:239:11)
                    """)
        }
    }

    @Test func hotPathYesOrNo() throws {
        let contract = try OpenAPIDocument.load(contentsOf: "specs/openrouter-videos.yaml")
        var rejected = 0
        // README: hot path
        let schema = try contract.requestSchema(for: "createVideos")
        let value = try SourceLoader.parse(#"{"model": "m", "prompt": 1}"#, format: .json)  // a JSONValue
        if !schema.isValid(value) {  // no error objects, no paths built
            rejected += 1
        }
        // Straight from the body's bytes ([UInt8]; Data and String too): plain objects and arrays are
        // never built. Throws SourceError (code, message, line:column) when they are not one JSON document.
        let body: [UInt8] = Array(#"{"model": "m", "prompt": 1}"#.utf8)
        if try !schema.isValid(json: body) {
            rejected += 1
        }
        // END README
        #expect(rejected == 2)
        #expect(try !schema.isValid(json: #"{"model": "m", "prompt": 1}"#))
        #expect(try schema.isValid(json: #"{"model": "m", "prompt": "p"}"#))
    }

    @Test func standaloneSchema() throws {
        // README: schema
        let schema = try Schema.compile(SourceLoader.parse(#"{"type": "object", "required": ["name"]}"#, format: .json))
        // or: try Schema.load(contentsOf: "person.schema.json")   ($schema picks the dialect)
        let result = try schema.validate(#"{"nickname": "Rex"}"#)
        // result.errors[0]: (root): missing required property "name"
        // END README
        #expect(result.errors.map(\.keyword) == ["required"])
        #expect(result.errors.first?.description.hasPrefix(#"(root): missing required property "name""#) == true)
    }
}
