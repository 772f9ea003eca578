import Foundation
import Testing

/// `spec-check explain [CODE]` and the codes in JSON output.
@Suite("spec-check explain")
struct ExplainCommandTests {
    /// The codes `spec-check explain` lists (two-space indented lines).
    static func listedCodes() throws -> [String] {
        let outcome = try CLI.run(["explain"])
        #expect(outcome.status == 0, "\(outcome)")
        return outcome.lines.filter { $0.hasPrefix("  ") }.compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test func listsEveryKindOfCode() throws {
        let codes = try Self.listedCodes()
        #expect(Set(codes).count == codes.count)
        for code in [
            "json.syntax", "yaml.duplicate-key", "ref.unresolved", "schema.invalid-keyword", "required", "minLength",
            "pattern.gave-up", "discriminator.unmapped", "readOnly.present", "false-schema", "overlay.invalid",
            "operation.unknown", "status.undocumented", "content-type.undocumented", "security.unmet", "manifest.invalid",
        ] {
            #expect(codes.contains(code), "\(code) is not listed")
        }
    }

    @Test(arguments: ["ref.unresolved", "required", "status.undocumented", "yaml.duplicate-key", "discriminator.unmapped"])
    func explainsACode(_ code: String) throws {
        let outcome = try CLI.run(["explain", code])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.lines.first?.hasPrefix(code + ": ") == true, "\(outcome)")
        #expect(outcome.lines.count >= 2)
        #expect(outcome.lines.allSatisfy { $0.count <= 100 }, "explanations wrap at 100 columns")
        #expect(outcome.stderr.isEmpty)
    }

    @Test func unknownCodeIsAUsageError() throws {
        let outcome = try CLI.run(["explain", "unresolved"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("unknown code unresolved; did you mean ref.unresolved"), "\(outcome)")
    }

    /// A code of a known family that is no typo gets that family's codes, and a short code found
    /// inside it (`not`) is not offered as if it were the code meant.
    @Test func anUnknownCodeOfAFamilyGetsTheFamily() throws {
        let outcome = try CLI.run(["explain", "operation.not-found"])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains("did you mean operation.unknown"), "\(outcome)")
        #expect(outcome.stderr.contains("operation.undocumented-method"), "\(outcome)")
        #expect(!outcome.stderr.contains(" not,") && !outcome.stderr.contains(" not?"), "\(outcome)")
        let part = try CLI.run(["explain", "widget.required"])
        #expect(part.stderr.contains("did you mean required?"), "a whole part still names its code: \(part)")
    }

    /// A typo gets the nearest code (NameSuggestion), error codes and lint rules alike.
    @Test(arguments: [
        ("status.undocumentd", "did you mean status.undocumented?"), ("requird", "did you mean required?"),
        ("example-invalud", "did you mean example-invalid?"),
    ])
    func aTypoGetsTheNearestCode(_ typo: String, _ hint: String) throws {
        let outcome = try CLI.run(["explain", typo])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("error: unknown code \(typo); \(hint)"), "\(outcome)")
        #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome)")
    }

    /// Every rule `lint --list-rules` lists is explained: its id, default severity and what it checks.
    @Test func explainsEveryLintRule() throws {
        // In a folder of its own: no .spec-check.yaml changes the default severities.
        var listing = CLI.Outcome(status: -1, stdout: "", stderr: "", timedOut: false)
        try OverlayCommandTests.withFiles([:]) { dir in listing = try CLI.run(["lint", "--list-rules"], in: dir) }
        #expect(listing.status == 0, "\(listing)")
        let rules = listing.lines.map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rules.count > 10 && rules.contains { $0.first == "example-invalid" }, "\(listing)")
        for columns in rules {
            let (id, severity) = (columns[0], columns[1])
            let summary = columns[2...].joined(separator: " ")
            let outcome = try CLI.run(["explain", id])
            #expect(outcome.status == 0, "\(id): \(outcome)")
            #expect(outcome.lines.first == "\(id): lint rule, default severity \(severity)", "\(id): \(outcome)")
            let body = outcome.lines.dropFirst().joined(separator: " ")
            #expect(body.contains(summary), "\(id): \(outcome)")
            #expect(body.contains("Specification: "), "\(id): \(outcome)")
            #expect(outcome.lines.allSatisfy { $0.count <= 100 }, "\(id): \(outcome)")
        }
    }

    /// Every error in `--format json` output has a code that `explain` knows.
    @Test func jsonErrorsCarryExplainableCodes() throws {
        let outcome = try CLI.validate(["--request", "createVideos", "--format", "json", "Corpus/requests/invalid/multiple-errors.json"])
        #expect(outcome.status == 1)
        let line = try #require(outcome.lines.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let errors = try #require(object["errors"] as? [[String: Any]])
        let codes = errors.compactMap { $0["code"] as? String }
        #expect(codes.count == errors.count && !codes.isEmpty)
        let listed = Set(try Self.listedCodes())
        for code in codes { #expect(listed.contains(code), "\(code)") }
        #expect(codes.contains("type") && codes.contains("enum"), "\(codes)")
    }

    @Test func parseErrorsCarryTheirCode() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("broken.json")
        try Data(#"{"a": 1, "a": 2}"#.utf8).write(to: file)
        let outcome = try CLI.validate(["--request", "createVideos", "--format", "json", file.path])
        #expect(outcome.status == 2, "\(outcome)")
        let line = try #require(outcome.lines.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let parseError = try #require(object["parseError"] as? [String: Any])
        #expect(parseError["code"] as? String == "json.duplicate-key")
    }
}
