import Foundation
import Testing

@Suite("spec-check exit status 2", .serialized)
struct ErrorExitTests {
    @Test func malformedSpecNamesFileLineColumn() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("broken.yaml")
        // Line 3, column 11 is the second ":" of "  title: a: b".
        try "openapi: 3.1.0\ninfo:\n  title: a: b\n  version: '1'\npaths: {}\n".write(to: spec, atomically: true, encoding: .utf8)
        let outcome = try CLI.run(["validate", "--spec", spec.path, "--request", "createVideos", "Corpus/requests/valid/minimal.json"])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains("\(spec.path):3:11"), "\(outcome)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test func malformedInstanceNamesFileLineColumn() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let instance = dir.appendingPathComponent("broken.json")
        // Line 2, column 12 is the "}" where a value is expected.
        try "{\"prompt\": \"x\",\n  \"model\": }\n".write(to: instance, atomically: true, encoding: .utf8)
        let outcome = try CLI.validate(["--request", "createVideos", instance.path, "Corpus/requests/valid/minimal.json"])
        #expect(outcome.status == 2, "\(outcome)")
        #expect((outcome.stdout + outcome.stderr).contains("\(instance.path):2:12"), "\(outcome)")
        #expect(outcome.lines.last == "2 instances: 1 valid, 0 invalid, 1 unreadable")
    }

    @Test(arguments: [
        ["validate", "--spec", "specs/openrouter-videos.yaml", "--request", "createVideos", "Corpus/requests/valid/no-such-file.json"],
        ["validate", "--spec", "specs/no-such-spec.yaml", "--request", "createVideos", "Corpus/requests/valid/minimal.json"],
        [
            "validate", "--spec", "specs/openrouter-videos.yaml", "--overlay", "specs/no-such.overlay.yaml", "--request", "createVideos",
            "Corpus/requests/valid/minimal.json",
        ],
        ["validate", "--schema-file", "no-such.schema.json", "Corpus/requests/valid/minimal.json"],
        ["corpus", "no-such-corpus"],
    ])
    func missingFilesExitTwo(_ args: [String]) throws {
        let outcome = try CLI.run(args)
        #expect(outcome.status == 2, "\(outcome)")
        // A missing instance is a result (standard output); a missing spec, overlay or corpus an error.
        #expect((outcome.stdout + outcome.stderr).contains("no-such"), "\(outcome)")
    }

    @Test(arguments: [
        ["validate", "--spec", "specs/openrouter-videos.yaml", "Corpus/requests/valid/minimal.json"],
        [
            "validate", "--spec", "specs/openrouter-videos.yaml", "--schema", "VideoGenerationRequest", "--request", "createVideos",
            "Corpus/requests/valid/minimal.json",
        ],
        ["validate", "--spec", "specs/openrouter-videos.yaml", "--response", "createVideos", "Corpus/requests/valid/minimal.json"],
        [
            "validate", "--spec", "specs/openrouter-videos.yaml", "--request", "createVideos", "--status", "202",
            "Corpus/requests/valid/minimal.json",
        ],
        ["validate", "--request", "createVideos", "Corpus/requests/valid/minimal.json"],
        ["validate", "--spec", "specs/openrouter-videos.yaml", "--request", "createVideos"],
        [
            "validate", "--spec", "specs/openrouter-videos.yaml", "--request", "createVideos", "--format", "xml",
            "Corpus/requests/valid/minimal.json",
        ],
        ["validate", "--schema-file", "x.json", "--dialect", "draft3", "Corpus/requests/valid/minimal.json"],
        ["no-such-subcommand"],
    ])
    func usageErrorsExitTwo(_ args: [String]) throws {
        let outcome = try CLI.run(args)
        #expect(outcome.status == 2, "\(outcome)")
        #expect(!outcome.stderr.isEmpty)
    }

    /// Two corpus groups check the same operation, whose body schema only fails when compiled. The
    /// second group used to get the half-compiled schema (no error left to report) and passed its
    /// fixture as valid.
    @Test func schemaThatDoesNotCompileGivesNoVerdictInAnyGroup() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        paths:
          /items:
            post:
              operationId: createItem
              requestBody:
                content:
                  application/json:
                    schema: {type: object, properties: {code: {type: string, pattern: "(", maxLength: 2}}}
              responses:
                '201': {description: created}
        """.write(to: dir.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        try """
        spec: spec.yaml
        groups:
          - name: first
            target: {request: createItem}
            valid: [a.json]
          - name: second
            target: {request: createItem}
            valid: [b.json]
        """.write(to: dir.appendingPathComponent("spec-check.yaml"), atomically: true, encoding: .utf8)
        for name in ["a.json", "b.json"] {
            try #"{"code": "ab"}"#.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let outcome = try CLI.run(["corpus", dir.path])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.lines == ["corpus: 0 passed, 0 failed"], "no fixture is run, none is uncovered: \(outcome)")
        #expect(outcome.stderr.contains("spec.yaml:10:"), "\(outcome)")
        #expect(outcome.stderr.contains(#"invalid regular expression "(""#), "\(outcome)")
    }

    @Test func unknownOperationExitsTwoWithSuggestion() throws {
        let outcome = try CLI.validate(["--request", "createVideo", "Corpus/requests/valid/minimal.json"])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains(#"did you mean "createVideos"?"#))
    }
}
