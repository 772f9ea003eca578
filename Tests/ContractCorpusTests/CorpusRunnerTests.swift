import ContractCorpus
import Foundation
import SchemaValidation
import SpecSource
import Testing

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh folder under the temporary directory holding `files` (relative path → contents).
func corpusFolder(_ files: [String: String]) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("contract-corpus-\(UUID().uuidString)")
    for (path, text) in files {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return dir
}

let seedSpec = repositoryRoot.appendingPathComponent("specs/openrouter-videos.yaml").path
let seedOverlay = repositoryRoot.appendingPathComponent("specs/openrouter-videos.overlay.yaml").path

@Suite("Corpus runner")
struct CorpusRunnerTests {
    @Test func shippedCorpusMeetsEveryExpectation() throws {
        let runner = try CorpusRunner(directory: repositoryRoot.appendingPathComponent("Corpus").path)
        var results: [FixtureResult] = []
        var uncovered: [String] = []
        let summary = runner.run { event in
            if case .fixture(let r) = event { results.append(r) }
            if case .uncovered(let f) = event { uncovered.append(f) }
        }
        #expect(uncovered.isEmpty)
        #expect(results.filter { !$0.passed }.map { "\($0.name): \($0.failure!)" } == [])
        #expect(summary.failed == 0 && !summary.hadLoadError)
        #expect(summary.passed == results.count)
        #expect(results.contains { $0.name == "requests/invalid/missing-prompt.json" && $0.expectation == .invalid(at: [""]) })
    }

    @Test func reportsWrongExpectationsMissingAndUncoveredFixtures() throws {
        let dir = try corpusFolder([
            "spec-check.yaml": """
            spec: \(seedSpec)
            groups:
              - name: bodies
                target: {request: createVideos}
                valid: [ok/*.json, none/*.json]
                invalid:
                  bad/wrong-location.json: ["/prompt"]
                  bad/actually-valid.json: [""]
                  bad/not-there.json: [""]
            """,
            "ok/fine.json": #"{"prompt":"p","model":"m"}"#,
            "bad/wrong-location.json": #"{"model":"m"}"#,
            "bad/actually-valid.json": #"{"prompt":"p","model":"m"}"#,
            "stray.json": "{}",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        var events: [String] = []
        let summary = try CorpusRunner(directory: dir.path).run { event in
            switch event {
            case .groupStarted(let g, let target): events.append("group \(g.name) \(target)")
            case .patternMatchesNothing: events.append("no match")
            case .missingFixture: events.append("missing")
            case .fixture(let r): events.append("\(r.name): \(r.failure ?? "ok")")
            case .uncovered(let f): events.append("uncovered \(f)")
            default: events.append("other")
            }
        }
        #expect(
            events == [
                "group bodies request body of createVideos",
                "no match",
                "missing",
                "ok/fine.json: ok",
                "bad/wrong-location.json: expected failures at [/prompt], got [(root)]",
                "bad/actually-valid.json: expected invalid, but it is valid",
                "uncovered stray.json",
            ])
        #expect(summary == CorpusSummary(passed: 1, failed: 4, hadLoadError: false))
    }

    @Test func groupWhoseSpecDoesNotLoadIsNotRun() throws {
        let dir = try corpusFolder([
            "spec-check.yaml": "spec: broken.yaml\ngroups:\n  - target: {request: createVideos}\n    valid: [a.json]\n",
            "broken.yaml": "openapi: 3.1.0\ninfo: [\n",
            "a.json": "{}",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        var notRun: [SourceError] = []
        var fixtures = 0
        let summary = try CorpusRunner(directory: dir.path).run { event in
            if case .groupNotRun(_, let errors) = event { notRun += errors }
            if case .fixture = event { fixtures += 1 }
        }
        #expect(!notRun.isEmpty)
        #expect(notRun.allSatisfy { $0.location.file.path.hasSuffix("broken.yaml") })
        #expect(fixtures == 0)
        #expect(summary.hadLoadError && summary.failed == 0)
    }

    @Test func manifestErrorsAreLocated() throws {
        let dir = try corpusFolder(["spec-check.yaml": "spec: x.yaml\ngroups:\n  - target: {nothing: 1}\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            _ = try CorpusRunner(directory: dir.path)
        } throws: { error in
            guard let e = error as? SourceError else { return false }
            return e.code == "manifest.invalid" && e.location.line == 3
                && e.message.contains(#"unknown key "nothing" in the target of group 1"#)
        }
    }
}

@Suite("Glob and expectations")
struct GlobAndExpectationTests {
    @Test(arguments: [
        ("requests/valid/*.json", "requests/valid/a.json", true),
        ("requests/valid/*.json", "requests/valid/sub/a.json", false),
        ("**/*.har", "a/b/c.har", true),
        ("**/*.har", "c.har", true),
        ("a/**", "a", true),
        ("a/?.json", "a/bc.json", false),
        ("a/?.json", "a/b.json", true),
        ("*a*b*c", "xaybzc", true),
        ("*a*b*c", "xaybz", false),
    ])
    func globs(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }

    /// Many stars against a long near-miss: exponential backtracking would not finish.
    @Test func pathologicalPatternIsFast() {
        let pattern = String(repeating: "*a", count: 30) + "b"
        let path = String(repeating: "a", count: 5_000)
        let start = Date()
        #expect(!Glob(pattern).matches(path))
        #expect(!Glob(String(repeating: "**/", count: 30) + "x").matches(Array(repeating: "y", count: 2_000).joined(separator: "/")))
        #expect(Date().timeIntervalSince(start) < 5)
    }

    func error(at location: String) -> SchemaViolation {
        SchemaViolation(
            instanceLocation: location, keywordLocation: "/type", absoluteKeywordLocation: "", source: .unknown, keyword: "type",
            message: "m")
    }

    @Test func expectationChecks() {
        #expect(CorpusExpectation.valid.check(errors: []) == nil)
        #expect(CorpusExpectation.valid.check(errors: [error(at: "/a")]) == "expected valid, got 1 error")
        #expect(CorpusExpectation.invalid(at: []).check(errors: [error(at: "/a")]) == nil)
        #expect(CorpusExpectation.invalid(at: []).check(errors: []) == "expected invalid, but it is valid")
        #expect(CorpusExpectation.invalid(at: ["/a", ""]).check(errors: [error(at: "/a"), error(at: ""), error(at: "/a")]) == nil)
        #expect(
            CorpusExpectation.invalid(at: ["/a"]).check(errors: [error(at: "/a"), error(at: "/b")])
                == "expected failures at [/a], got [/a, /b]")
        let warned = CorpusExpectation(valid: true, warningLocations: ["/request/query/x"])
        #expect(warned.check(errors: [], warnings: [error(at: "/request/query/x")]) == nil)
        #expect(warned.check(errors: [], warnings: []) == "expected warnings at [/request/query/x], got []")
        #expect(CorpusExpectation.invalid(at: ["", "/b"]).description == "invalid at (root), /b")
    }
}
