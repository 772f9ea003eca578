import Foundation
import Testing

@Suite("spec-check lint", .serialized)
struct LintCommandTests {
    static let golden = "Tests/ContractLintTests/Resources/golden"

    @Test func theSeedHasOneErrorTheFrameImageExample() throws {
        let outcome = try CLI.run(["lint", "--spec", CLI.spec, "--overlay", CLI.overlay])
        #expect(outcome.status == 1, "\(outcome)")
        let errors = outcome.lines.filter { $0.contains(": error: ") }
        #expect(errors.count == 1, "\(errors)")
        #expect(
            errors.first?.hasPrefix(
                "specs/openrouter-videos.yaml:455:9: error: example does not validate against its schema: missing required property \"frame_type\""
            ) == true, "\(errors)")
        #expect(errors.first?.hasSuffix("[example-invalid]") == true)
        #expect(outcome.lines.last?.hasPrefix("specs/openrouter-videos.yaml: 1 error, ") == true, "\(outcome)")
    }

    @Test func jsonIsOneObjectPerFinding() throws {
        let outcome = try CLI.run(["lint", "--spec", CLI.spec, "--format", "json"])
        #expect(outcome.status == 1)
        #expect(outcome.lines.count > 1)
        for line in outcome.lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String], "\(line)")
            #expect(Set(object.keys) == ["rule", "severity", "message", "source", "pointer"], "\(line)")
            #expect(object["pointer"]?.hasPrefix("#/") == true, "\(line)")
        }
        #expect(
            outcome.lines.contains {
                $0.contains(#""rule":"example-invalid","severity":"error""#)
                    && $0.contains(##""source":"specs/openrouter-videos.yaml:455:9","pointer":"#/components/schemas/FrameImage/example""##)
            })
    }

    @Test func rulesAreRelevelledOrSwitchedOff() throws {
        let relevelled = try CLI.run(["lint", "--spec", CLI.spec, "--rule", "example-invalid=warning", "--format", "json"])
        #expect(relevelled.status == 0, "\(relevelled)")
        #expect(relevelled.lines.contains { $0.contains(#""rule":"example-invalid","severity":"warning""#) })
        let off = try CLI.run([
            "lint", "--spec", CLI.spec, "--rule", "example-invalid=off", "--rule", "oas30-nullable=off", "--rule",
            "oas30-schema-example=off",
        ])
        #expect(off.status == 0, "\(off)")
        #expect(off.lines == ["specs/openrouter-videos.yaml: 0 errors, 0 warnings"], "\(off)")
    }

    @Test func aCleanDocumentExitsZeroAndPrintsNothingInJSON() throws {
        let outcome = try CLI.run(["lint", "--spec", "\(Self.golden)/example-invalid/negative.yaml", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test func theConfigurationFileAtTheRepositoryRootApplies() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("api"), withIntermediateDirectories: true)
        let spec = CLI.repositoryRoot.appendingPathComponent(CLI.spec).path
        try "lint:\n  rules:\n    example-invalid: warning\n".write(
            to: dir.appendingPathComponent(".spec-check.yaml"), atomically: true, encoding: .utf8)
        let configured = try CLI.run(["lint", "--spec", spec], in: dir.appendingPathComponent("api"))
        #expect(configured.status == 0, "\(configured)")
        // --rule wins over the file.
        let overridden = try CLI.run(["lint", "--spec", spec, "--rule", "example-invalid=error"], in: dir.appendingPathComponent("api"))
        #expect(overridden.status == 1, "\(overridden)")
        // A broken file is a usage error, located.
        try "lint:\n  rules:\n    no-such-rule: off\n".write(
            to: dir.appendingPathComponent(".spec-check.yaml"), atomically: true, encoding: .utf8)
        let broken = try CLI.run(["lint", "--spec", spec], in: dir)
        #expect(broken.status == 2, "\(broken)")
        #expect(broken.stderr.contains(".spec-check.yaml:3:5"), "\(broken)")
        // Named once, as every load error is: `error: FILE:LINE:COLUMN: message [code]`.
        let named = try CLI.run(["lint", "--spec", spec, "--config", ".spec-check.yaml"], in: dir)
        #expect(named.status == 2, "\(named)")
        #expect(named.stderr.hasPrefix("error: .spec-check.yaml:3:5: unknown lint rule \"no-such-rule\""), "\(named)")
        #expect(named.stderr.components(separatedBy: ".spec-check.yaml").count == 2, "the file is named once: \(named)")
        // A file given by name is not called by the default name.
        try "[a, b]\n".write(to: dir.appendingPathComponent("list.yaml"), atomically: true, encoding: .utf8)
        let list = try CLI.run(["lint", "--spec", spec, "--config", "list.yaml"], in: dir)
        #expect(list.status == 2, "\(list)")
        #expect(
            list.stderr.hasPrefix("error: list.yaml:1:1: a configuration file must be a mapping, found array [config.invalid]"), "\(list)")
        let missing = try CLI.run(["lint", "--spec", spec, "--config", "missing.yaml"], in: dir)
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stderr.hasPrefix("error: missing.yaml: no such file [file.not-found]"), "\(missing)")
    }

    @Test func unreadableInputExitsTwo() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("broken.yaml")
        try "openapi: 3.1.0\ninfo:\n  title: a: b\n".write(to: broken, atomically: true, encoding: .utf8)
        let swagger = dir.appendingPathComponent("swagger.yaml")
        try "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n".write(to: swagger, atomically: true, encoding: .utf8)
        for args in [
            ["lint", "--spec", broken.path], ["lint", "--spec", swagger.path], ["lint", "--spec", "specs/no-such.yaml"],
            ["lint", "--spec", CLI.spec, "--overlay", "specs/no-such.overlay.yaml"],
            ["lint", "--spec", CLI.spec, "--rule", "no-such-rule=off"],
            ["lint", "--spec", CLI.spec, "--format", "xml"], ["lint"],
        ] {
            let outcome = try CLI.run(args)
            #expect(outcome.status == 2, "\(args): \(outcome)")
            #expect(!outcome.stderr.isEmpty)
        }
        let parse = try CLI.run(["lint", "--spec", broken.path])
        #expect(parse.stderr.contains("\(broken.path):3:11"), "\(parse)")
    }

    @Test func sarifAndGitHubFormats() throws {
        let sarif = try CLI.run(["lint", "--spec", CLI.spec, "--format", "sarif"])
        #expect(sarif.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let github = try CLI.run(["lint", "--spec", CLI.spec, "--format", "github"])
        #expect(github.status == 1)
        #expect(
            github.lines.allSatisfy {
                $0.hasPrefix("::error file=specs/openrouter-videos.yaml,") || $0.hasPrefix("::warning file=specs/openrouter-videos.yaml,")
            }, "\(github)")
        #expect(
            github.lines.contains {
                $0.hasPrefix("::error file=specs/openrouter-videos.yaml,line=455,col=9,title=spec-check example-invalid::")
            })
    }

    @Test func listRules() throws {
        let outcome = try CLI.run(["lint", "--list-rules", "--rule", "component-unused=off"])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.lines.count == 30, "\(outcome)")  // one line per rule
        #expect(outcome.lines.contains { $0.hasPrefix("component-unused ") && $0.contains(" off ") })
        #expect(outcome.lines.contains { $0.hasPrefix("example-invalid ") && $0.contains(" error ") })
    }

    /// The unknown-rule error points at `--list-rules`, so a broken configuration must not stop it:
    /// the rules are listed, the error is reported and the exit status is 2. A file that cannot be
    /// read applies none of its settings (its valid `format-unknown: error` included), and the
    /// note says so; the `--rule` options that can be read still apply.
    @Test(arguments: ["lint:\n  rules: [\n", "lint:\n  rules:\n    component-unusd: off\n    format-unknown: error\n"])
    func listRulesDespiteABrokenConfiguration(config: String) throws {
        try OverlayCommandTests.withFiles([".spec-check.yaml": config]) { dir in
            let lint = try CLI.run(["lint", "--spec", "x.yaml"], in: dir)
            #expect(lint.status == 2, "\(lint)")
            #expect(lint.stderr.contains(".spec-check.yaml:"), "\(lint)")
            let outcome = try CLI.run(["lint", "--list-rules", "--rule", "component-unused=off", "--rule", "nope=off"], in: dir)
            #expect(outcome.status == 2, "\(outcome)")
            #expect(outcome.stderr.contains(".spec-check.yaml:"), "\(outcome)")
            #expect(outcome.stderr.contains("unknown lint rule \"nope\""), "\(outcome)")
            #expect(
                outcome.stderr.contains(
                    "settings apply, as it could not be read: the rules are listed at their default levels, with the --rule options that could be read"
                ), "\(outcome)")
            #expect(outcome.lines.count == 30, "\(outcome)")
            #expect(outcome.lines.contains { $0.hasPrefix("component-unused ") && $0.contains(" off ") }, "\(outcome)")
            #expect(outcome.lines.contains { $0.hasPrefix("format-unknown ") && $0.contains(" warning ") }, "\(outcome)")
        }
        // Only a --rule option that cannot be read: the note names the options.
        try OverlayCommandTests.withFiles(["x.txt": ""]) { dir in
            let outcome = try CLI.run(["lint", "--list-rules", "--rule", "nope=off"], in: dir)
            #expect(outcome.status == 2, "\(outcome)")
            #expect(outcome.stderr.contains("note: the rules are listed without the --rule options that could not be read"), "\(outcome)")
        }
    }
}
