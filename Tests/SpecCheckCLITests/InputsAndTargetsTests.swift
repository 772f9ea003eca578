import Foundation
import Testing

/// `validate`'s inputs (paths that cannot be read, empty inputs, standard input) and targets
/// (`--status` ranges and `default`, `--schema` pointers, mistyped operations).
@Suite("spec-check validate: inputs and targets", .serialized)
struct InputsAndTargetsTests {
    static let valid = "Corpus/requests/valid/minimal.json"
    static let invalid = "Corpus/requests/invalid/missing-prompt.json"

    @Test func aMissingPathIsItsOwnResultAndTheOthersAreStillReported() throws {
        let outcome = try CLI.validate(["--request", "createVideos", Self.valid, "no-such-file.json", Self.invalid])
        #expect(outcome.status == 2, "\(outcome)")
        try #require(outcome.lines.count == 3, "\(outcome)")
        #expect(outcome.lines[0] == "no-such-file.json: cannot be read: no-such-file.json: no such file")
        #expect(outcome.lines[1].hasPrefix(#"\#(Self.invalid): (root): missing required property "prompt""#), "\(outcome)")
        #expect(outcome.lines[2] == "3 instances: 1 valid, 1 invalid, 1 unreadable")
        #expect(outcome.stderr.isEmpty, "\(outcome)")

        let json = try CLI.validate(["--request", "createVideos", "--format", "json", Self.valid, "no-such-file.json", Self.invalid])
        #expect(json.status == 2, "\(json)")
        let objects = try json.lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["file"] as? String } == [Self.valid, "no-such-file.json", Self.invalid])
        #expect(objects.map { $0["valid"] as? Bool } == [true, false, false])
        let parseError = try #require(objects[1]["parseError"] as? [String: Any])
        #expect(parseError["code"] as? String == "file.not-found")
    }

    @Test func aMissingFolderAmongFoldersStillLetsTheOthersRun() throws {
        let outcome = try CLI.validate(["--request", "createVideos", "Corpus/requests/no-such-folder", "Corpus/requests/valid"])
        #expect(outcome.status == 2, "\(outcome)")
        let count = CLI.instanceFiles(under: "Corpus/requests/valid").count
        #expect(
            outcome.lines == [
                "Corpus/requests/no-such-folder: cannot be read: Corpus/requests/no-such-folder: no such file",
                "\(count + 1) instances: \(count) valid, 0 invalid, 1 unreadable",
            ], "\(outcome)")
    }

    /// A mistyped `--spec` or instance path names the nearest existing name: the file in its
    /// folder, or the folder that is missing.
    @Test func aMistypedPathSuggestsTheNearestName() throws {
        let spec = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: {S: {type: string}}}\n"
        try OverlayCommandTests.withFiles(["specs/openapi.yaml": spec, "fixtures/one.json": "\"x\""]) { dir in
            let file = try CLI.run(["inspect", "--spec", "specs/openapi.yml"], in: dir)
            #expect(file.status == 2, "\(file)")
            #expect(file.stderr.contains(#"specs/openapi.yml: no such file; did you mean "openapi.yaml"? [file.not-found]"#), "\(file)")
            let folder = try CLI.run(["inspect", "--spec", "spec/openapi.yaml"], in: dir)
            #expect(folder.status == 2, "\(folder)")
            #expect(folder.stderr.contains(#"no such file; there is no folder "spec"; did you mean "specs"?"#), "\(folder)")
            let instance = try CLI.run(["validate", "--spec", "specs/openapi.yaml", "--schema", "S", "fixture/one.json"], in: dir)
            #expect(instance.status == 2, "\(instance)")
            let suggestion = #"no such file; there is no folder "fixture"; did you mean "fixtures"?"#
            #expect(instance.lines.first?.hasSuffix(suggestion) == true, "\(instance)")
            // Nothing near: the message stays as it was.
            let far = try CLI.run(["inspect", "--spec", "zzz.yaml"], in: dir)
            #expect(far.stderr.contains("zzz.yaml: no such file [file.not-found]"), "\(far)")
        }
    }

    /// A `.har` file given to `validate` is one JSON instance; a note names the command that reads
    /// its exchanges, and that command works as written.
    @Test func aHARArchiveGivenToValidateNamesTheHarCommand() throws {
        let spec = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: {S: {type: string}}}\n"
        let har = #"{"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": []}}"#
        try OverlayCommandTests.withFiles(["openapi.yaml": spec, "traffic.har": har]) { dir in
            let outcome = try CLI.run(["validate", "--spec", "openapi.yaml", "--schema", "S", "traffic.har"], in: dir)
            #expect(outcome.status == 1, "\(outcome)")
            let note = "note: traffic.har is read as one JSON instance; `spec-check har --spec openapi.yaml traffic.har` checks"
            #expect(outcome.stderr.hasPrefix(note), "\(outcome)")
            let har = try CLI.run(["har", "--spec", "openapi.yaml", "--allow-empty", "traffic.har"], in: dir)
            #expect(har.status == 0, "\(har)")
            let json = try CLI.run(["validate", "--spec", "openapi.yaml", "--schema", "S", "openapi.yaml"], in: dir)
            #expect(!json.stderr.contains("note:"), "\(json)")
        }
        // A folder of HAR archives only: no instances, and the error names the har command.
        try OverlayCommandTests.withFiles(["openapi.yaml": spec, "traffic/one.har": har]) { dir in
            let folder = try CLI.run(["validate", "--spec", "openapi.yaml", "--schema", "S", "traffic"], in: dir)
            #expect(folder.status == 2, "\(folder)")
            #expect(folder.stderr.contains("; the HAR archives there are checked with `spec-check har`"), "\(folder)")
        }
    }

    @Test func anEmptyInputIsAnErrorUnlessAllowed() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "not an instance".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let empty = try CLI.validate(["--request", "createVideos", dir.path])
        #expect(empty.status == 2, "\(empty)")
        #expect(empty.stderr.contains("error: no instances found in \(dir.path)"), "\(empty)")
        #expect(empty.stderr.contains("--allow-empty"), "\(empty)")
        let allowed = try CLI.validate(["--request", "createVideos", "--allow-empty", dir.path])
        #expect(allowed.status == 0, "\(allowed)")
        #expect(allowed.lines == ["0 instances: 0 valid, 0 invalid"], "\(allowed)")
        // A JSON Lines file with no line is empty too.
        try "\n\n".write(to: dir.appendingPathComponent("none.jsonl"), atomically: true, encoding: .utf8)
        let blank = try CLI.validate(["--request", "createVideos", dir.path])
        #expect(blank.status == 2, "\(blank)")
        // --allow-empty does not excuse a path that cannot be read.
        let missing = try CLI.validate(["--request", "createVideos", "--allow-empty", "no-such-folder"])
        #expect(missing.status == 2, "\(missing)")
    }

    /// Runs `validate` with `input` on standard input.
    static func validateStandardInput(_ input: String, _ args: [String]) throws -> CLI.Outcome {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("stdin")
        try input.write(to: file, atomically: true, encoding: .utf8)
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        return try CLI.run(["validate", "--spec", CLI.spec, "--overlay", CLI.overlay] + args, standardInput: handle)
    }

    @Test func standardInputIsOneInstance() throws {
        let json = try Self.validateStandardInput(#"  {"model": "google/veo-3.1", "prompt": "a cat"}"#, ["--request", "createVideos", "-"])
        #expect(json.status == 0, "\(json)")
        #expect(json.lines == ["1 instance: 1 valid, 0 invalid"])

        let yaml = try Self.validateStandardInput("model: google/veo-3.1\nprompt: 42\n", ["--request", "createVideos", "-", Self.valid])
        #expect(yaml.status == 1, "\(yaml)")
        #expect(yaml.lines.first?.hasPrefix("<stdin>: /prompt: expected string, found integer 42") == true, "\(yaml)")
        #expect(yaml.lines.last == "2 instances: 1 valid, 1 invalid")

        let named = try Self.validateStandardInput(
            #"{"model": "m"}"#, ["--request", "createVideos", "--stdin-name", "payload.json", "--format", "json", "-"])
        #expect(named.status == 1, "\(named)")
        #expect(named.lines.first?.hasPrefix(#"{"file":"payload.json","valid":false"#) == true, "\(named)")
    }

    @Test func standardInputThatIsNotJSONOrTooLargeIsUnreadable() throws {
        // Starts like JSON: read as JSON, and its syntax error located in <stdin>.
        let broken = try Self.validateStandardInput("{\"model\": \"m\",\n \"prompt\": }", ["--request", "createVideos", "-"])
        #expect(broken.status == 2, "\(broken)")
        #expect(broken.lines.first?.hasPrefix("<stdin>: cannot be parsed: <stdin>:2:") == true, "\(broken)")
        // A flow mapping that is YAML but not JSON: --stdin-name x.yaml reads it as YAML.
        let flow = #"{model: google/veo-3.1, prompt: a cat}"#
        #expect(try Self.validateStandardInput(flow, ["--request", "createVideos", "-"]).status == 2)
        #expect(try Self.validateStandardInput(flow, ["--request", "createVideos", "--stdin-name", "x.yaml", "-"]).status == 0)
        // Nothing on standard input is not null: no instance of a schema (an error), no body of a
        // request (whose body is required here).
        let nothing = try Self.validateStandardInput(" \n", ["--schema", "VideoGenerationRequest", "-"])
        #expect(nothing.status == 2, "\(nothing)")
        #expect(nothing.lines.first?.hasPrefix("<stdin>: cannot be parsed: <stdin>:") == true, "\(nothing)")
        let noBody = try Self.validateStandardInput(" \n", ["--request", "createVideos", "-"])
        #expect(noBody.status == 1, "\(noBody)")
        #expect(noBody.lines.first?.hasPrefix("<stdin>: (root): a request body is required by createVideos") == true, "\(noBody)")
        let large = try Self.validateStandardInput(
            String(repeating: " ", count: 5000) + "{}", ["--request", "createVideos", "--max-instance-size", "4K", "-"])
        #expect(large.status == 2, "\(large)")
        #expect(
            large.lines.first
                == "<stdin>: cannot be read: <stdin>: standard input is larger than the limit of 4096 bytes (--max-instance-size raises the limit)",
            "\(large)")
    }

    @Test(arguments: [
        (["--request", "createVideos", "-", "-"], "standard input (-) can be read once only"),
        (["--request", "createVideos", "--stdin-name", "x.json", Self.valid], "--stdin-name names standard input"),
        (
            ["--response", "createVideos", "--status", "6XX", Self.valid],
            #"--status must be an HTTP status code (100-599), a range (1XX-5XX) or default, found "6XX""#
        ),
        (["--response", "createVideos", "--status", "Default", Self.valid], #"found "Default""#),
    ])
    func usageErrors(_ args: [String], _ message: String) throws {
        let outcome = try CLI.validate(args)
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains(message), "\(outcome)")
    }

    /// A spec whose POST /jobs documents 201 and 2XX, GET /jobs 2XX only, DELETE /jobs default only,
    /// each requiring a different property.
    static let statusSpec = """
        openapi: 3.1.0
        info: {title: statuses, version: '1'}
        paths:
          /jobs:
            post:
              operationId: createJob
              responses:
                '201': {description: created, content: {application/json: {schema: {required: [created]}}}}
                2XX: {description: other success, content: {application/json: {schema: {required: [success]}}}}
            get:
              operationId: listJobs
              responses:
                2XX: {description: any success, content: {application/json: {schema: {required: [success]}}}}
            delete:
              operationId: deleteJob
              responses:
                default: {description: anything, content: {application/json: {schema: {required: [error]}}}}

        """

    @Test func statusRangesAndDefaultFollowTheSpecsPrecedence() throws {
        try OverlayCommandTests.withFiles([
            "spec.yaml": Self.statusSpec, "success.json": #"{"success": 1}"#, "error.json": #"{"error": 1}"#,
        ]) { dir in
            func run(_ op: String, _ status: String, _ file: String) throws -> CLI.Outcome {
                try CLI.run(["validate", "--spec", "spec.yaml", "--response", op, "--status", status, file], in: dir)
            }
            // 201 has its own response: the explicit code beats the range.
            let explicit = try run("createJob", "201", "success.json")
            #expect(explicit.status == 1 && explicit.lines.first?.contains(#"missing required property "created""#) == true, "\(explicit)")
            // 202 and 2XX select the 2XX response; so does 2xx.
            for status in ["202", "2XX", "2xx"] { #expect(try run("createJob", status, "success.json").status == 0, "\(status)") }
            // Only 2XX documented: 201 picks it.
            #expect(try run("listJobs", "201", "success.json").status == 0)
            #expect(try run("listJobs", "2XX", "success.json").status == 0)
            // default: itself, and what any code gets when nothing else is documented.
            #expect(try run("deleteJob", "default", "error.json").status == 0)
            #expect(try run("deleteJob", "404", "error.json").status == 0)
            #expect(try run("deleteJob", "default", "success.json").status == 1)
            // An undocumented response is a target that does not exist: one error naming what is
            // documented, exit 2, and no instance checked.
            let undocumented = try run("listJobs", "default", "success.json")
            #expect(undocumented.status == 2, "\(undocumented)")
            #expect(undocumented.stdout.isEmpty, "\(undocumented)")
            #expect(undocumented.stderr == "error: response default is not documented for listJobs (documented: 2XX)\n", "\(undocumented)")
        }
    }

    static let codesOneByOne = """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        paths:
          /jobs:
            post:
              operationId: createJob
              responses:
                '202': {description: accepted, content: {application/json: {schema: {required: [accepted]}}}}
                '409': {description: conflict, content: {application/json: {schema: {required: [conflict]}}}}

        """

    /// `--status` that selects no documented response is a command-line mistake, found before any
    /// instance is read (like a mistyped `--request`): one `error:` line, exit 2, whatever the
    /// instances — even paths that do not exist are not looked at.
    @Test(arguments: [
        (
            "2XX",
            "error: response 2XX is not documented for createJob: its codes are documented one by one (202); name one (documented: 202, 409)"
        ),
        ("200", "error: status 200 is not documented for createJob (documented: 202, 409)"),
        ("default", "error: response default is not documented for createJob (documented: 202, 409)"),
    ])
    func anUndocumentedStatusIsOneUsageError(_ status: String, _ message: String) throws {
        try OverlayCommandTests.withFiles(["spec.yaml": Self.codesOneByOne, "a.json": #"{"accepted": 1}"#, "b.json": "{}"]) { dir in
            for format in ["text", "json", "flag"] {
                let out = try CLI.run(
                    [
                        "validate", "--spec", "spec.yaml", "--response", "createJob", "--status", status, "--format", format, "a.json",
                        "b.json",
                    ],
                    in: dir)
                #expect(out.status == 2, "\(format): \(out)")
                #expect(out.stdout.isEmpty, "\(format): \(out)")
                #expect(out.stderr == message + "\n", "\(format): \(out)")
            }
            let missing = try CLI.run(
                ["validate", "--spec", "spec.yaml", "--response", "createJob", "--status", status, "no-such-file.json"], in: dir)
            #expect(missing.status == 2 && missing.stderr == message + "\n", "\(missing)")
            // The documented codes still check the bodies.
            let documented = try CLI.run(
                ["validate", "--spec", "spec.yaml", "--response", "createJob", "--status", "202", "a.json", "b.json"], in: dir)
            #expect(documented.status == 1, "\(documented)")
            #expect(documented.lines.last == "2 instances: 1 valid, 1 invalid", "\(documented)")
            #expect(
                documented.lines.contains { $0.hasPrefix("b.json") && $0.contains(#"missing required property "accepted""#) },
                "\(documented)")
        }
    }

    static let requestPointer = "#/paths/~1videos/post/requestBody/content/application~1json/schema"

    @Test func schemaTakesAPointerIntoTheDocument() throws {
        let valid = try CLI.validate(["--schema", Self.requestPointer, Self.valid])
        #expect(valid.status == 0, "\(valid)")
        let invalid = try CLI.validate(["--schema", Self.requestPointer, Self.invalid])
        #expect(invalid.status == 1, "\(invalid)")
        #expect(invalid.lines.first?.contains(#"missing required property "prompt""#) == true, "\(invalid)")
        // A subschema, plain pointer form.
        let prompt = "/components/schemas/VideoGenerationRequest/properties/prompt"
        #expect(try Self.validateStandardInput(#""a cat""#, ["--schema", prompt, "-"]).status == 0)
        #expect(try Self.validateStandardInput("42", ["--schema", prompt, "-"]).status == 1)
        let missing = try CLI.validate(["--schema", "#/paths/~1videos/pots/requestBody", Self.valid])
        #expect(missing.status == 2, "\(missing)")
        #expect(
            missing.stderr.contains(
                #"error: #/paths/~1videos/pots/requestBody resolves to nothing: #/paths/~1videos has no member "pots"; did you mean "post"?"#
            ), "\(missing)")
        let notSchema = try CLI.validate(["--schema", "#/paths/~1videos/post/requestBody", Self.valid])
        #expect(notSchema.status == 2, "\(notSchema)")
        #expect(
            notSchema.stderr.contains(
                "is not a schema (it is an object, not a Schema Object or a subschema of one); the schemas below it: \(Self.requestPointer)"
            ), "\(notSchema)")
    }

    /// A component schema is named as `NAME`, `components/schemas/NAME` or a pointer `#/…`; a name
    /// not found gets ranked names (equal ignoring case alone; then those that start with it or
    /// contain it), not the first of the alphabet.
    @Test func schemaNamesAndTheirSuggestions() throws {
        for form in ["VideoGenerationRequest", "components/schemas/VideoGenerationRequest", "#/components/schemas/VideoGenerationRequest"] {
            #expect(try CLI.validate(["--schema", form, Self.valid]).status == 0, "\(form)")
            let invalid = try CLI.validate(["--schema", form, Self.invalid])
            #expect(invalid.status == 1 && invalid.lines.first?.contains(#"missing required property "prompt""#) == true, "\(invalid)")
        }
        for (name, hint) in [
            ("videogenerationrequest", #"; did you mean "VideoGenerationRequest"?"#),
            ("components/schemas/videoGenerationRequest", #"; did you mean "VideoGenerationRequest"?"#),
            ("Generation", #"; did you mean one of "VideoGenerationUsage", "VideoGenerationRequest", "VideoGenerationResponse"?"#),
        ] {
            let outcome = try CLI.validate(["--schema", name, Self.valid])
            #expect(outcome.status == 2, "\(outcome)")
            #expect(outcome.stderr.hasSuffix(hint + "\n"), "\(outcome)")
        }
    }

    @Test(arguments: [
        (["--request", "GET /videos"], "error: no operation matches GET /videos: GET is not documented for /videos (documented: POST)"),
        (["--request", "createVideo"], #"error: no operation with operationId "createVideo"; did you mean "createVideos"?"#),
        (
            ["--response", "POST /vidoes", "--status", "202"],
            #"error: no operation matches POST /vidoes; did you mean "/videos"? (documented there: POST)"#
        ),
    ])
    func mistypedOperationsSayWhatExists(_ args: [String], _ message: String) throws {
        let outcome = try CLI.validate(args + [Self.valid])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains(message), "\(outcome)")
    }

    @Test func harReportsAMissingFileAndRefusesNoEntriesUnlessAllowed() throws {
        let empty = #"{"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": []}}"#
        try OverlayCommandTests.withFiles(["empty.har": empty]) { dir in
            let spec = CLI.repositoryRoot.appendingPathComponent(CLI.spec).path
            let none = try CLI.run(["har", "--spec", spec, "empty.har"], in: dir)
            #expect(none.status == 2, "\(none)")
            #expect(none.stderr.contains("error: no entries found in empty.har"), "\(none)")
            #expect(try CLI.run(["har", "--spec", spec, "--allow-empty", "empty.har"], in: dir).status == 0)
            // A missing file is its own result; the shipped recording is still checked after it.
            let shipped = CLI.repositoryRoot.appendingPathComponent("Corpus/exchanges/openrouter-videos.har").path
            let mixed = try CLI.run(["har", "--spec", spec, "no-such.har", shipped], in: dir)
            #expect(mixed.status == 2, "\(mixed)")
            #expect(mixed.lines.first == "no-such.har: cannot be read: no-such.har: no such file", "\(mixed)")
            #expect(mixed.lines.contains { $0.hasPrefix("\(shipped)#") }, "\(mixed)")
        }
    }
}
