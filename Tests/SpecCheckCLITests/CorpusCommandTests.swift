import Foundation
import Testing

@Suite("spec-check corpus", .serialized)
struct CorpusCommandTests {
    @Test func shippedCorpusPasses() throws {
        let outcome = try CLI.run(["corpus", "Corpus/"])
        #expect(outcome.status == 0, "\(outcome)")
        // One result per instance file, plus one per entry of each HAR file.
        let fixtures = CLI.instanceFiles(under: "Corpus").count + (try CLI.harEntryCount(under: "Corpus"))
        #expect(fixtures > 100)
        #expect(outcome.lines.last == "corpus: \(fixtures) passed, 0 failed", "\(outcome.lines.suffix(3))")
        #expect(!outcome.stdout.contains("FAIL"))
        let quiet = try CLI.run(["corpus", "--quiet", "Corpus"])
        #expect(quiet.status == 0)
        #expect(quiet.lines == ["corpus: \(fixtures) passed, 0 failed"])
    }

    @Test func wrongExpectationFails() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = CLI.repositoryRoot.appendingPathComponent(CLI.spec).path
        try """
        spec: \(spec)
        groups:
          - name: wrong on purpose
            target:
              request: createVideos
            valid:
              - ok/*.json
            invalid:
              bad/wrong-location.json: ["/prompt"]
              bad/actually-valid.json: [""]
        """.write(to: dir.appendingPathComponent("spec-check.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("ok"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("bad"), withIntermediateDirectories: true)
        try #"{"prompt":"p","model":"m"}"#.write(to: dir.appendingPathComponent("ok/fine.json"), atomically: true, encoding: .utf8)
        try #"{"model":"m"}"#.write(to: dir.appendingPathComponent("bad/wrong-location.json"), atomically: true, encoding: .utf8)
        try #"{"prompt":"p","model":"m"}"#.write(
            to: dir.appendingPathComponent("bad/actually-valid.json"), atomically: true, encoding: .utf8)
        let outcome = try CLI.run(["corpus", dir.path])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.lines.last == "corpus: 1 passed, 2 failed", "\(outcome)")
        #expect(outcome.stdout.contains("FAIL bad/wrong-location.json: expected failures at [/prompt], got [(root)]"), "\(outcome)")
        #expect(outcome.stdout.contains("FAIL bad/actually-valid.json: expected invalid, but it is valid"), "\(outcome)")
    }

    /// A corpus named by its manifest file reports its fixtures exactly as when named by its
    /// folder: GitHub annotations and SARIF locations are files below the folder, not below the
    /// manifest's name.
    @Test func aManifestFileAndItsFolderGiveTheSameLocations() throws {
        let spec = CLI.repositoryRoot.appendingPathComponent(CLI.spec).path
        let manifest = "spec: \(spec)\ngroups:\n  - target: {request: createVideos}\n    valid: [req/*.json]\n"
        try OverlayCommandTests.withFiles(["c/spec-check.yaml": manifest, "c/req/bad.json": #"{"model":"m"}"#]) { dir in
            for format in ["github", "sarif"] {
                let byFolder = try CLI.run(["corpus", "c", "--format", format], in: dir)
                let byManifest = try CLI.run(["corpus", "c/spec-check.yaml", "--format", format], in: dir)
                #expect(byFolder.status == 1, "\(byFolder)")
                #expect(byManifest.status == 1, "\(byManifest)")
                #expect(byFolder.stdout.contains("c/req/bad.json"), "\(byFolder)")
                #expect(!byManifest.stdout.contains("spec-check.yaml/req"), "\(byManifest)")
                #expect(byManifest.stdout == byFolder.stdout, "\(format)")
            }
        }
    }

    /// `invalid` instead of a list of locations: errors anywhere (an empty list is refused).
    @Test func invalidAnywhereIsSpelledInvalid() throws {
        let spec = CLI.repositoryRoot.appendingPathComponent(CLI.spec).path
        let manifest = "spec: \(spec)\ngroups:\n  - target: {request: createVideos}\n    invalid: {bad.json: invalid, fine.json: invalid}\n"
        let files = ["spec-check.yaml": manifest, "bad.json": #"{"model":"m"}"#, "fine.json": #"{"model":"m","prompt":"p"}"#]
        try OverlayCommandTests.withFiles(files) { dir in
            let outcome = try CLI.run(["corpus", "."], in: dir)
            #expect(outcome.status == 1, "\(outcome)")
            #expect(outcome.stdout.contains("FAIL fine.json: expected invalid, but it is valid"), "\(outcome)")
            #expect(!outcome.stdout.contains("FAIL bad.json"), "\(outcome)")
            #expect(outcome.lines.last == "corpus: 1 passed, 1 failed", "\(outcome)")
        }
    }

    /// Reports written into the corpus folder are not fixtures of the next run (they would be
    /// uncovered ones).
    @Test func reportsInTheCorpusFolderAreNotFixtures() throws {
        let spec = CLI.repositoryRoot.appendingPathComponent(CLI.spec).path
        let manifest = "spec: \(spec)\ngroups:\n  - target: {request: createVideos}\n    valid: [ok.json]\n"
        try OverlayCommandTests.withFiles(["spec-check.yaml": manifest, "ok.json": #"{"model":"m","prompt":"p"}"#]) { dir in
            let arguments = ["corpus", ".", "--format", "json", "--output", "report.json", "--coverage-output", "coverage.json"]
            let first = try CLI.run(arguments, in: dir)
            #expect(first.status == 0, "\(first)")
            let second = try CLI.run(arguments, in: dir)
            #expect(second.status == 0, "\(second)")
            #expect(!second.stdout.contains("not covered") && !second.stderr.contains("not covered"), "\(second)")
            // A run that does not write them sees them as the stray files they are.
            let plain = try CLI.run(["corpus", "."], in: dir)
            #expect(plain.status == 1 && plain.stdout.contains("report.json: not covered"), "\(plain)")
        }
    }

    @Test func uncoveredFixtureFails() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = CLI.repositoryRoot.appendingPathComponent(CLI.spec).path
        try "spec: \(spec)\ngroups:\n  - target: {request: createVideos}\n    valid: [a.json]\n"
            .write(to: dir.appendingPathComponent("spec-check.yaml"), atomically: true, encoding: .utf8)
        try #"{"prompt":"p","model":"m"}"#.write(to: dir.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try #"{"prompt":"p","model":"m"}"#.write(to: dir.appendingPathComponent("stray.json"), atomically: true, encoding: .utf8)
        let outcome = try CLI.run(["corpus", dir.path])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stdout.contains("stray.json: not covered"), "\(outcome)")
    }

    @Test func inputsAreNeverModified() throws {
        let watched = ["specs", "Corpus"]
        let before = try CLI.snapshot(watched)
        #expect(before.count > 100)
        // Each command must really run to a verdict (0 or 1; not 2, a crash or a timeout), or an
        // unchanged tree would prove nothing.
        let runs = [
            try CLI.run(["corpus", "Corpus"]),
            try CLI.validate(["--request", "createVideos", "--format", "json", "Corpus/requests"]),
            try CLI.validate(["--response", "createVideos", "--status", "202", "Corpus/responses/202"]),
            try CLI.validate(["--schema", "FrameImage", "Corpus/requests/valid/frame-images-first-and-last.json"]),
        ]
        #expect(runs[0].status == 0, "\(runs[0])")
        for run in runs {
            #expect(!run.timedOut && (run.status == 0 || run.status == 1) && !run.stdout.isEmpty, "\(run)")
        }
        let after = try CLI.snapshot(watched)
        #expect(Set(after.keys) == Set(before.keys), "files were added or removed")
        for (path, (data, date)) in before {
            #expect(after[path]?.0 == data, "\(path) changed")
            #expect(after[path]?.1 == date, "\(path) was touched")
        }
    }
}
