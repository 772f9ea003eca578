import ContractLint
import Foundation
import SchemaValidation
import SpecSource
import Testing

@Suite("lint output formats")
struct OutputFormatTests {
    /// Findings of several rules, from documents in two folders (relative and absolute paths).
    static func sampleReport() throws -> LintReport {
        var findings: [LintFinding] = []
        for rule in ["example-invalid", "ref-siblings", "operation-ref", "pattern-invalid"] {
            let folder = LintTestKit.golden.appendingPathComponent(rule)
            findings += try LintTestKit.lint(folder.appendingPathComponent("positive.yaml").path).findings
        }
        return LintReport(findings: findings)
    }

    @Test func jsonLinesHoldOneFindingPerLineWithTheFiveFields() throws {
        let report = try Self.sampleReport()
        let lines = report.jsonLines().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == report.findings.count)
        for (line, finding) in zip(lines, report.findings) {
            let object = try #require(try SourceLoader.parse(String(line), format: .json).objectValue)
            #expect(object.keys == ["rule", "severity", "message", "source", "pointer"])
            #expect(object["rule"]?.stringValue == finding.rule)
            #expect(["error", "warning"].contains(object["severity"]?.stringValue ?? ""))
            #expect(object["message"]?.stringValue == finding.message)
            #expect(object["source"]?.stringValue == "\(finding.location.file.path):\(finding.location.line):\(finding.location.column)")
            #expect(object["pointer"]?.stringValue?.hasPrefix("#/") == true)
        }
    }

    @Test func aMessageWithLineBreaksStaysOnOneLine() throws {
        let finding = LintFinding(
            rule: "oas-schema", severity: .error, message: "a\nb\u{2028}c\r",
            location: SourceLocation(file: SourceFileID.intern("x.yaml"), line: 3, column: 4), pointer: "#/a")
        let text = LintReport(findings: [finding]).jsonLines()
        #expect(text.split(separator: "\n").count == 1)
        #expect(try SourceLoader.parse(String(text.dropLast()), format: .json)["message"]?.stringValue == "a\nb\u{2028}c\r")
    }

    @Test func sarifIsValidAgainstTheSARIF210Schema() throws {
        let report = try Self.sampleReport()
        #expect(report.findings.count >= 6)
        let sarif = try SourceLoader.parse(report.sarif(toolVersion: "0.1.0"), format: .json)
        let schema = try Self.sarifSchema()
        let result = schema.validate(sarif)
        #expect(result.isValid, "\(result)")
        let run = try #require(sarif["runs"]?.arrayValue?.first)
        let results = try #require(run["results"]?.arrayValue)
        #expect(results.count == report.findings.count)
        for (result, finding) in zip(results, report.findings) {
            #expect(result["ruleId"]?.stringValue == finding.rule)
            #expect(result["level"]?.stringValue == finding.severity.rawValue)
            let region = result["locations"]?.arrayValue?.first?["physicalLocation"]?["region"]
            #expect(region?["startLine"]?.numberValue == JSONNumber(Int64(finding.location.line)))
            #expect(region?["startColumn"]?.numberValue == JSONNumber(Int64(finding.location.column)))
            let index = try #require(result["ruleIndex"]?.numberValue?.int64Value)
            #expect(run["tool"]?["driver"]?["rules"]?.arrayValue?[Int(index)]["id"]?.stringValue == finding.rule)
        }
        // The schema does reject a broken log: the check above is not vacuous.
        var broken = try #require(sarif.objectValue)
        broken["version"] = .string("2.0.0")
        #expect(!schema.isValid(JSONValue(.object(broken))))
    }

    @Test(arguments: [
        ("my specs/a:b%.yaml", "my%20specs/a:b%25.yaml"), ("a:b.yaml", "./a:b.yaml"), ("/srv/api spec.yaml", "file:///srv/api%20spec.yaml"),
    ])
    func sarifURIsAreURIReferences(_ path: String, _ expected: String) throws {
        let finding = LintFinding(
            rule: "oas-schema", severity: .warning, message: "m",
            location: SourceLocation(file: SourceFileID.intern(path), line: 1, column: 1), pointer: "#")
        let sarif = try SourceLoader.parse(LintReport(findings: [finding]).sarif(toolVersion: "1"), format: .json)
        let result = sarif["runs"]?.arrayValue?.first?["results"]?.arrayValue?.first
        let uri = result?["locations"]?.arrayValue?.first?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue
        // A relative reference whose first segment holds ":" would read as a scheme (RFC 3986 §4.2).
        #expect(uri == expected)
        #expect(try Self.sarifSchema().isValid(sarif))
    }

    @Test func githubAnnotationsEscapeWhatTheRunnerReads() {
        let finding = LintFinding(
            rule: "example-invalid", severity: .error, message: "100% wrong\nsecond line",
            location: SourceLocation(file: SourceFileID.intern("a,b:c.yaml"), line: 7, column: 9), pointer: "#/x")
        let warning = LintFinding(
            rule: "format-unknown", severity: .warning, message: "w",
            location: SourceLocation(file: SourceFileID.intern("api.yaml"), line: 1, column: 2), pointer: "#/y")
        let text = LintReport(findings: [finding, warning]).githubAnnotations()
        #expect(
            text
                == "::error file=a%2Cb%3Ac.yaml,line=7,col=9,title=spec-check example-invalid::100%25 wrong%0Asecond line\n::warning file=api.yaml,line=1,col=2,title=spec-check format-unknown::w\n"
        )
    }

    static func sarifSchema() throws -> Schema {
        try Schema.load(contentsOf: LintTestKit.resources.appendingPathComponent("sarif/sarif-schema-2.1.0.json").path)
    }
}
