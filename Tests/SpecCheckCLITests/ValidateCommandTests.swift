import Foundation
import Testing

@Suite("spec-check validate", .serialized)
struct ValidateCommandTests {
    @Test func validRequestsExitZero() throws {
        let outcome = try CLI.validate(["--request", "createVideos", "Corpus/requests/valid"])
        #expect(outcome.status == 0, "\(outcome)")
        let count = CLI.instanceFiles(under: "Corpus/requests/valid").count
        #expect(count > 0)
        #expect(outcome.lines == ["\(count) instances: \(count) valid, 0 invalid"])
    }

    @Test func invalidRequestsExitOne() throws {
        let outcome = try CLI.validate(["--request", "createVideos", "Corpus/requests/invalid"])
        #expect(outcome.status == 1, "\(outcome)")
        let count = CLI.instanceFiles(under: "Corpus/requests/invalid").count
        #expect(outcome.lines.last == "\(count) instances: 0 valid, \(count) invalid")
    }

    @Test func textOutputFormat() throws {
        let outcome = try CLI.validate([
            "--request", "POST /videos", "Corpus/requests/invalid/aspect-ratio-16-10.json", "Corpus/requests/valid/minimal.json",
        ])
        #expect(outcome.status == 1)
        #expect(
            outcome.lines == [
                #"Corpus/requests/invalid/aspect-ratio-16-10.json: /aspect_ratio: "16:10" is not one of "16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9", "9:21" (specs/openrouter-videos.yaml:189:11) [instance Corpus/requests/invalid/aspect-ratio-16-10.json:4:19]"#,
                "2 instances: 1 valid, 1 invalid",
            ])
        let required = try CLI.validate(["--request", "createVideos", "Corpus/requests/invalid/missing-prompt.json"])
        let line = try #require(required.lines.first)
        let pattern =
            #/^Corpus/requests/invalid/missing-prompt\.json: \(root\): missing required property "prompt" \(specs/openrouter-videos\.yaml:(\d+):(\d+)\) \[instance Corpus/requests/invalid/missing-prompt\.json:1:1\]$/#
        let match = try #require(line.wholeMatch(of: pattern))
        #expect(Int(match.1) == 276 && Int(match.2) == 7)
        #expect(required.lines.last == "1 instance: 0 valid, 1 invalid")
    }

    @Test func overlayErrorSourceIsTheOverlayFile() throws {
        let outcome = try CLI.validate(["--request", "createVideos", "Corpus/requests/invalid/callback-url-http.json"])
        #expect(outcome.status == 1)
        #expect(
            outcome.lines.first?.hasSuffix(
                "(specs/openrouter-videos.overlay.yaml:13:7) [instance Corpus/requests/invalid/callback-url-http.json:4:19]") == true,
            "\(outcome)")
        let withoutOverlay = try CLI.validate(
            ["--request", "createVideos", "Corpus/requests/invalid/callback-url-http.json"], overlay: false)
        #expect(withoutOverlay.status == 0, "\(withoutOverlay)")
    }

    @Test func jsonOutputIsOneObjectPerInstance() throws {
        let files = [
            "Corpus/requests/invalid/multiple-errors.json", "Corpus/requests/valid/minimal.json",
            "Corpus/requests/invalid/aspect-ratio-16-10.json",
        ]
        let outcome = try CLI.validate(["--request", "createVideos", "--format", "json"] + files)
        #expect(outcome.status == 1)
        #expect(outcome.lines.count == files.count, "\(outcome)")
        var seenErrors = 0
        for (line, file) in zip(outcome.lines, files) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            #expect(Set(object.keys) == ["file", "valid", "errors"])
            #expect(object["file"] as? String == file)
            let errors = try #require(object["errors"] as? [[String: Any]])
            #expect((object["valid"] as? Bool) == errors.isEmpty)
            for error in errors {
                #expect(
                    Set(error.keys) == [
                        "code", "instanceLocation", "keywordLocation", "absoluteKeywordLocation", "error", "source", "keyword",
                        "instancePosition",
                    ])
                #expect((error["instancePosition"] as? String)?.hasPrefix(file + ":") == true, "\(error)")
                #expect(error.values.allSatisfy { $0 is String })
                // Absolute keyword locations are absolute URIs into the spec (2020-12 core §12.3.2).
                #expect((error["absoluteKeywordLocation"] as? String)?.hasPrefix("file:///") == true, "\(error)")
                seenErrors += 1
            }
        }
        #expect(seenErrors == 6)
        let firstLine = try #require(outcome.lines.first)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(firstLine.utf8)) as? [String: Any])
        let locations = Set(((first["errors"] as? [[String: Any]]) ?? []).compactMap { $0["instanceLocation"] as? String })
        #expect(locations == ["", "/prompt", "/aspect_ratio", "/duration", "/frame_images/1/frame_type"])
    }

    @Test func schemaAndResponseTargets() throws {
        let schema = try CLI.validate(["--schema", "VideoGenerationResponse", "Corpus/responses/202/valid"])
        #expect(schema.status == 0, "\(schema)")
        let badSchema = try CLI.validate(["--schema", "VideoGenerationResponse", "Corpus/responses/202/invalid/missing-id.json"])
        #expect(badSchema.status == 1)
        #expect(badSchema.lines.first?.contains(#"missing required property "id""#) == true)
        let response = try CLI.validate(["--response", "createVideos", "--status", "202", "Corpus/responses/202/valid"])
        #expect(response.status == 0, "\(response)")
        let badResponse = try CLI.validate([
            "--response", "createVideos", "--status", "202", "Corpus/responses/202/invalid/status-done.json",
        ])
        #expect(badResponse.status == 1)
        #expect(badResponse.lines.first?.contains("/status: ") == true)
        let unknownSchema = try CLI.validate(["--schema", "VideoGenerationRespons", "Corpus/responses/202/valid"])
        #expect(unknownSchema.status == 2)
        #expect(unknownSchema.stderr.contains("VideoGenerationResponse"))
    }

    @Test func jsonLinesReportLineNumbers() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bodies.jsonl")
        try "{\"prompt\":\"a\",\"model\":\"m\"}\n{\"prompt\":1,\"model\":\"m\"}\n{\"prompt\":\"c\",\"model\":\"m\"}\n".write(
            to: file, atomically: true, encoding: .utf8)
        let outcome = try CLI.validate(["--request", "createVideos", file.path])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.lines.count == 2)
        #expect(outcome.lines.first?.hasPrefix("\(file.path):2: /prompt: ") == true, "\(outcome)")
        #expect(outcome.lines.last == "3 instances: 2 valid, 1 invalid")
        let json = try CLI.validate(["--request", "createVideos", "--format", "json", file.path])
        try #require(json.lines.count == 3, "\(json)")
        #expect(json.lines[1].contains("\"file\":\"\(file.path):2\""))
    }

    @Test func longJSONLinesKeepLineNumbersAndOrderAcrossChunks() throws {
        // Several chunks (parsed and validated on all cores): CRLF line ends, blank lines, a BOM,
        // a syntax error and invalid instances in later chunks.
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("many.jsonl")
        var lines: [String] = []
        var expected: [(line: Int, verdict: String)] = []
        for i in 1...700 {
            switch i {
            case _ where i % 50 == 0: lines.append(i % 100 == 0 ? "" : " \t")
            case 333: lines.append(#"{"prompt":"a","model":"m""#)
            case _ where i % 111 == 0: lines.append(#"{"prompt":\#(i),"model":"m"}"#)
            default: lines.append(#"{"prompt":"p\#(i)","model":"m"}"#)
            }
            if i % 50 == 0 { continue }
            expected.append((i, i == 333 ? "parse" : i % 111 == 0 ? "invalid" : "valid"))
        }
        try Data([0xEF, 0xBB, 0xBF] + Array(lines.joined(separator: "\r\n").utf8)).write(to: file)
        let json = try CLI.validate(["--request", "createVideos", "--format", "json", file.path])
        #expect(json.status == 2, "\(json)")
        try #require(json.lines.count == expected.count, "\(json)")
        for (output, want) in zip(json.lines, expected) {
            #expect(output.hasPrefix("{\"file\":\"\(file.path):\(want.line)\""), "\(output)")
            switch want.verdict {
            case "valid": #expect(output.contains("\"valid\":true"), "\(output)")
            case "invalid": #expect(output.contains("\"valid\":false") && output.contains("/prompt"), "\(output)")
            default: #expect(output.contains("\(file.path):333:"), "\(output)")
            }
        }
        let text = try CLI.validate(["--request", "createVideos", file.path])
        #expect(text.lines.last == "686 instances: 680 valid, 5 invalid, 1 unreadable", "\(text)")
    }

    @Test func standaloneDraft7SchemaFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let schema = dir.appendingPathComponent("thing.schema.json")
        // `dependencies` only exists in drafts 4-7: it must apply because of $schema.
        try #"{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","required":["a"],"dependencies":{"a":["b"]}}"#
            .write(to: schema, atomically: true, encoding: .utf8)
        let good = dir.appendingPathComponent("good.json")
        let bad = dir.appendingPathComponent("bad.yaml")
        try #"{"a":1,"b":2}"#.write(to: good, atomically: true, encoding: .utf8)
        try "a: 1\n".write(to: bad, atomically: true, encoding: .utf8)
        let ok = try CLI.run(["validate", "--schema-file", schema.path, good.path])
        #expect(ok.status == 0, "\(ok)")
        let failing = try CLI.run(["validate", "--schema-file", schema.path, bad.path])
        #expect(failing.status == 1, "\(failing)")
        #expect(failing.lines.first?.contains(#"property "b" is required when "a" is present"#) == true, "\(failing)")
    }

    @Test func discriminatorStrictOption() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The OpenAPI specification's allOf example: Pet carries the discriminator, Cat and Dog
        // build on it. Lenient (the default) does not search for children; strict dispatches.
        let spec = dir.appendingPathComponent("pets.yaml")
        try """
        openapi: 3.0.4
        info: {title: pets, version: '1'}
        paths: {}
        components:
          schemas:
            Pet:
              type: object
              required: [petType]
              properties: {petType: {type: string}}
              discriminator: {propertyName: petType, mapping: {dog: Dog}}
            Cat:
              allOf: [{$ref: '#/components/schemas/Pet'}, {properties: {name: {type: string}}}]
            Dog:
              allOf: [{$ref: '#/components/schemas/Pet'}, {properties: {bark: {type: string}}}]
        """.write(to: spec, atomically: true, encoding: .utf8)
        let dog = dir.appendingPathComponent("dog.json")
        try #"{"petType":"dog","bark":1}"#.write(to: dog, atomically: true, encoding: .utf8)
        let lizard = dir.appendingPathComponent("lizard.json")
        try #"{"petType":"Lizard"}"#.write(to: lizard, atomically: true, encoding: .utf8)

        let lenient = try CLI.run(["validate", "--spec", spec.path, "--schema", "Pet", dog.path, lizard.path])
        #expect(lenient.status == 0, "\(lenient)")
        let strict = try CLI.run(["validate", "--spec", spec.path, "--schema", "Pet", "--discriminator", "strict", dog.path, lizard.path])
        #expect(strict.status == 1, "\(strict)")
        #expect(strict.lines.contains { $0.hasPrefix("\(dog.path): /bark: expected string, found integer 1") }, "\(strict)")
        #expect(
            strict.lines.contains {
                $0.contains(#""Lizard" is not a valid value of discriminator property "petType"; expected one of "Cat", "dog""#)
            }, "\(strict)")
        let explicit = try CLI.run(["validate", "--spec", spec.path, "--schema", "Pet", "--discriminator", "lenient", dog.path])
        #expect(explicit.status == 0, "\(explicit)")
        let bad = try CLI.run(["validate", "--spec", spec.path, "--schema", "Pet", "--discriminator", "loose", dog.path])
        #expect(bad.status == 2, "\(bad)")
    }

    /// Summary counts group thousands with commas, whatever the locale (as load error counts do).
    @Test func summaryCountsGroupThousands() throws {
        let lines = Array(repeating: "{}", count: 199) + Array(repeating: "1", count: 1_001)
        try OverlayCommandTests.withFiles(
            ["schema.json": #"{"type": "object"}"#, "many.jsonl": lines.joined(separator: "\n") + "\n"]
        ) { dir in
            let outcome = try CLI.run(["validate", "--schema-file", "schema.json", "many.jsonl"], in: dir)
            #expect(outcome.status == 1, "exit \(outcome.status)")
            #expect(outcome.lines.last == "1,200 instances: 199 valid, 1,001 invalid", "\(outcome.lines.suffix(2))")
        }
    }
}
