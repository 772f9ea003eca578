import Foundation
import Testing

/// `spec-check corpus` and its manifest: checked against its own schema (misspelt keys located,
/// with the key meant), listed fixtures that do not exist named, `unparseable` fixtures, the
/// manifest named directly, empty corpora, and where the format is documented.
@Suite("spec-check corpus: the manifest", .serialized)
struct CorpusManifestCLITests {
    static var spec: String { CLI.repositoryRoot.appendingPathComponent(CLI.spec).path }

    @Test func misspeltKeysAreErrorsAtTheirLineWithTheKeyMeant() throws {
        let manifest = "spec: \(Self.spec)\noverlay: [fix.yaml]\ngroups:\n  - target: {request: createVideos}\n    valdi: [a.json]\n"
        try OverlayCommandTests.withFiles(["corpus/spec-check.yaml": manifest, "corpus/a.json": "{}"]) { dir in
            let out = try CLI.run(["corpus", "corpus"], in: dir)
            #expect(out.status == 2, "\(out)")
            #expect(
                out.stderr.split(separator: "\n") == [
                    #"error: corpus/spec-check.yaml:2:1: unknown key "overlay" at the top level; did you mean "overlays"? [manifest.invalid]"#,
                    #"error: corpus/spec-check.yaml:5:5: unknown key "valdi" in group 1; did you mean "valid"? [manifest.invalid]"#,
                ], "\(out)")
            #expect(out.stdout.isEmpty, "nothing runs: \(out)")
        }
    }

    @Test func theManifestFileCanBeTheArgument() throws {
        let manifest = "spec: \(Self.spec)\ngroups:\n  - target: {request: createVideos}\n    valid: [ok/*.json]\n"
        try OverlayCommandTests.withFiles(["corpus/nightly.yaml": manifest, "corpus/ok/a.json": #"{"prompt":"p","model":"m"}"#]) { dir in
            let out = try CLI.run(["corpus", "corpus/nightly.yaml"], in: dir)
            #expect(out.status == 0, "\(out)")
            #expect(out.lines.last == "corpus: 1 passed, 0 failed", "\(out)")
        }
        let shipped = try CLI.run(["corpus", "--quiet", "Corpus/spec-check.yaml"])
        let folder = try CLI.run(["corpus", "--quiet", "Corpus"])
        #expect(shipped.status == 0 && shipped.stdout == folder.stdout, "\(shipped)")
    }

    @Test func aMissingListedFixtureIsNamed() throws {
        let manifest = """
            spec: \(Self.spec)
            groups:
              - target: {request: createVideos}
                invalid:
                  bad/missing-promt.json: [""]
                  bad/missing-prompt.json: [""]
            """
        try OverlayCommandTests.withFiles(["corpus/spec-check.yaml": manifest, "corpus/bad/missing-prompt.json": #"{"model":"m"}"#]) {
            dir in
            let out = try CLI.run(["corpus", "corpus"], in: dir)
            #expect(out.status == 1, "\(out)")
            #expect(
                out.lines.contains(
                    #"FAIL corpus/spec-check.yaml:5:7: listed fixture "bad/missing-promt.json" does not exist; did you mean "bad/missing-prompt.json"?"#
                ), "\(out)")
        }
    }

    @Test func unparseableFixtures() throws {
        let manifest = """
            spec: \(Self.spec)
            groups:
              - target: {request: createVideos}
                invalid:
                  broken.json: unparseable
                  fine.json: unparseable
            """
        try OverlayCommandTests.withFiles([
            "corpus/spec-check.yaml": manifest, "corpus/broken.json": "{\"prompt\": ", "corpus/fine.json": "{}",
        ]) { dir in
            let out = try CLI.run(["corpus", "corpus"], in: dir)
            #expect(out.status == 1, "\(out)")
            #expect(out.lines.contains { $0.hasPrefix("ok   broken.json unparseable") }, "\(out)")
            #expect(out.lines.contains("FAIL fine.json: expected unparseable, but it parses"), "\(out)")
            #expect(out.lines.last == "corpus: 1 passed, 1 failed", "\(out)")
        }
    }

    @Test func anEmptyCorpusIsAnErrorUnlessAllowed() throws {
        let manifest = "spec: \(Self.spec)\ngroups:\n  - target: {request: createVideos}\n    valid: ['*.json']\n"
        try OverlayCommandTests.withFiles(["corpus/spec-check.yaml": manifest]) { dir in
            let out = try CLI.run(["corpus", "corpus"], in: dir)
            #expect(out.status == 2, "\(out)")
            #expect(out.stderr.contains("error: the corpus corpus has no fixtures"), "\(out)")
            let allowed = try CLI.run(["corpus", "--allow-empty", "corpus"], in: dir)
            #expect(allowed.status == 0, "\(allowed)")
            #expect(allowed.lines.last == "corpus: 0 passed, 0 failed", "\(allowed)")
        }
    }

    @Test func helpSaysWhereTheFormatIsDocumentedAndPrintsTheSchema() throws {
        let help = try CLI.run(["corpus", "--help"])
        #expect(help.status == 0, "\(help)")
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Every key is documented in Corpus/README.md"), "\(help)")
        #expect(text.contains("--manifest-schema"), "\(help)")
        let schema = try CLI.run(["corpus", "--manifest-schema"])
        #expect(schema.status == 0, "\(schema)")
        #expect(schema.lines.first == "$schema: https://json-schema.org/draft/2020-12/schema", "\(schema)")
        #expect(schema.stdout.contains("$id: urn:spec-check:corpus-manifest"))
        // With a corpus named too, the flag still only prints (it runs nothing).
        #expect(try CLI.run(["corpus", "--manifest-schema", "Corpus"]).stdout == schema.stdout)
        // The printed schema is a JSON Schema spec-check itself can use: the shipped manifest is
        // valid against it, a misspelt one is not.
        try OverlayCommandTests.withFiles([
            "manifest.schema.yaml": schema.stdout, "bad.yaml": "overlay: [x]\ngroups: [{target: {request: x}}]\n",
        ]) { dir in
            let shipped = CLI.repositoryRoot.appendingPathComponent("Corpus/spec-check.yaml").path
            let good = try CLI.run(["validate", "--schema-file", "manifest.schema.yaml", shipped], in: dir)
            #expect(good.status == 0, "\(good)")
            let bad = try CLI.run(["validate", "--schema-file", "manifest.schema.yaml", "bad.yaml"], in: dir)
            #expect(bad.status == 1, "\(bad)")
        }
        let none = try CLI.run(["corpus"])
        #expect(none.status == 2 && none.stderr.contains("give the corpus folder or its manifest file"), "\(none)")
    }

    /// A folder that does not exist is named as such; an existing folder without a manifest names
    /// the manifest it lacks.
    @Test func aMissingFolderIsNotAMissingManifest() throws {
        try OverlayCommandTests.withFiles(["empty/a.json": "{}"]) { dir in
            let missing = try CLI.run(["corpus", "no/such/folder"], in: dir)
            #expect(missing.status == 2, "\(missing)")
            #expect(missing.stderr == "error: no/such/folder: no such folder or manifest file [file.not-found]\n", "\(missing)")
            let noManifest = try CLI.run(["corpus", "empty"], in: dir)
            #expect(noManifest.status == 2, "\(noManifest)")
            #expect(noManifest.stderr == "error: empty/spec-check.yaml: no such file [file.not-found]\n", "\(noManifest)")
            let missingFile = try CLI.run(["corpus", "empty/nightly.yaml"], in: dir)
            #expect(
                missingFile.status == 2
                    && missingFile.stderr == "error: empty/nightly.yaml: no such folder or manifest file [file.not-found]\n",
                "\(missingFile)")
        }
    }

    /// `createJob` answers 202 with a JSON body that requires `accepted`.
    static let jobsSpec = """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        paths:
          /jobs:
            post:
              operationId: createJob
              responses:
                '202': {description: accepted, content: {application/json: {schema: {required: [accepted]}}}}
        """

    /// A group whose `status` selects no documented response is not run: one group error at the
    /// group's line, exit 2; its fixtures are neither checked nor reported as uncovered.
    @Test func aGroupWithAnUndocumentedStatusIsAGroupError() throws {
        let spec = Self.jobsSpec
        let manifest = """
            spec: spec.yaml
            groups:
              - name: accepted
                target: {response: createJob, status: 202}
                valid: [ok.json]
              - name: success
                target: {response: createJob, status: 2XX}
                valid: [other.json]
            """
        try OverlayCommandTests.withFiles([
            "corpus/spec-check.yaml": manifest, "corpus/spec.yaml": spec, "corpus/ok.json": #"{"accepted": 1}"#, "corpus/other.json": "{}",
        ]) { dir in
            let out = try CLI.run(["corpus", "corpus"], in: dir)
            #expect(out.status == 2, "\(out)")
            #expect(
                out.stderr
                    == #"error: corpus/spec-check.yaml:6:5: group "success": response 2XX is not documented for createJob: its codes are documented one by one (202); name one (documented: 202)"#
                    + "\n", "\(out)")
            #expect(out.lines.contains { $0.contains("ok.json") && $0.hasPrefix("ok") }, "\(out)")
            #expect(!out.stdout.contains("other.json"), "\(out)")
        }
    }

    /// So is a group whose `content-type` the response does not document: one group error naming
    /// the documented media types, not a failure per fixture.
    @Test func aGroupWithAnUndocumentedContentTypeIsAGroupError() throws {
        let spec = Self.jobsSpec
        let manifest = """
            spec: spec.yaml
            groups:
              - name: text
                target: {response: createJob, status: 202}
                content-type: text/plain
                valid: [ok.json]
            """
        try OverlayCommandTests.withFiles([
            "corpus/spec-check.yaml": manifest, "corpus/spec.yaml": spec, "corpus/ok.json": #"{"accepted": 1}"#,
        ]) { dir in
            let out = try CLI.run(["corpus", "corpus"], in: dir)
            #expect(out.status == 2, "\(out)")
            #expect(
                out.stderr
                    == #"error: corpus/spec-check.yaml:3:5: group "text": content type text/plain is not documented for response 202 of createJob (documented: application/json)"#
                    + "\n", "\(out)")
            #expect(!out.stdout.contains("ok.json"), "\(out)")
        }
    }
}
