import Foundation
import Testing

/// Every `--format` of `validate`, `corpus` and `har` on the small fixture set in
/// `Resources/Formats`, compared with golden files (`SPEC_CHECK_GOLDEN_UPDATE=1` re-records them),
/// and the JUnit, SARIF and JSON Schema outputs validated against their schemas.
@Suite("report formats", .serialized)
struct ReportFormatTests {
    static let validateArgs = ["validate", "--schema-file", "schema.json", "instances"]
    static let corpusArgs = ["corpus", "corpus"]
    static let harArgs = ["har", "--spec", "har/openapi.yaml", "har/traffic.har"]

    static let validateFormats = ["text", "json", "flag", "basic", "detailed", "junit", "sarif", "github"]
    static let sharedFormats = ["text", "json", "junit", "sarif", "github"]

    static func fileName(_ command: String, _ format: String) -> String {
        switch format {
        case "junit": return "\(command).junit.xml"
        case "sarif": return "\(command).sarif.json"
        default: return "\(command).\(format)"
        }
    }

    @Test("validate golden output", arguments: validateFormats)
    func validateGolden(_ format: String) throws {
        let outcome = try ReportKit.run(Self.validateArgs + ["--format", format])
        // instances/broken.json does not parse: exit 2, every other instance still reported.
        #expect(outcome.status == 2, "\(outcome)")
        try ReportKit.expectGolden(outcome.stdout, Self.fileName("validate", format))
    }

    @Test("corpus golden output", arguments: sharedFormats)
    func corpusGolden(_ format: String) throws {
        let outcome = try ReportKit.run(Self.corpusArgs + ["--format", format])
        #expect(outcome.status == 1, "\(outcome)")
        try ReportKit.expectGolden(outcome.stdout, Self.fileName("corpus", format))
    }

    @Test("har golden output", arguments: sharedFormats)
    func harGolden(_ format: String) throws {
        let outcome = try ReportKit.run(Self.harArgs + ["--format", format])
        #expect(outcome.status == 1, "\(outcome)")
        try ReportKit.expectGolden(outcome.stdout, Self.fileName("har", format))
    }

    static let allCommands: [[String]] = [validateArgs, corpusArgs, harArgs]

    @Test(
        "JUnit output is valid against the JUnit XSD",
        .enabled(if: ReportKit.xmllint != nil, "xmllint is not installed (Debian: apt-get install libxml2-utils; .ci/run installs it)"),
        arguments: allCommands)
    func junitIsValid(_ args: [String]) throws {
        let outcome = try ReportKit.run(args + ["--format", "junit"])
        #expect(outcome.stdout.contains("<testcase "), "\(outcome)")
        let problems = try ReportKit.junitSchemaProblems(outcome.stdout)
        #expect(problems == nil, "\(problems ?? "")\n\(outcome.stdout)")
    }

    @Test("a JUnit report that breaks the XSD is caught", .enabled(if: ReportKit.xmllint != nil, "xmllint is not installed"))
    func junitCheckCanFail() throws {
        // The check itself must be able to fail: a suite without hostname is refused.
        let outcome = try ReportKit.run(Self.validateArgs + ["--format", "junit"])
        let broken = outcome.stdout.replacingOccurrences(of: #"hostname="[^"]*""#, with: "", options: .regularExpression)
        #expect(try ReportKit.junitSchemaProblems(broken) != nil)
    }

    @Test("JUnit counts and cases", arguments: allCommands)
    func junitCounts(_ args: [String]) throws {
        let outcome = try ReportKit.run(args + ["--format", "junit"])
        let xml = outcome.stdout
        func count(_ pattern: String) -> Int { xml.components(separatedBy: pattern).count - 1 }
        let tests = xml.matches(#"tests="(\d+)""#).reduce(0) { $0 + Int($1)! }
        let failures = xml.matches(#"failures="(\d+)""#).reduce(0) { $0 + Int($1)! }
        let errors = xml.matches(#" errors="(\d+)""#).reduce(0) { $0 + Int($1)! }
        #expect(tests == count("<testcase "))
        #expect(failures == count("<failure "))
        #expect(errors == count("<error "))
        #expect(failures > 0)
    }

    @Test("SARIF output is valid against the SARIF 2.1.0 schema", arguments: allCommands)
    func sarifIsValid(_ args: [String]) throws {
        let outcome = try ReportKit.run(args + ["--format", "sarif"])
        try ReportKit.validateWithSpecCheck([outcome.stdout], schema: "sarif/sarif-schema-2.1.0.json")
        // Every rule used is listed once, every result points at its rule.
        let log = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(ids[index] == result["ruleId"] as? String)
            #expect(rules[index]["shortDescription"] != nil)
        }
        #expect(Set(results.compactMap { $0["ruleId"] as? String }) == Set(ids))
    }

    @Test("a SARIF log that breaks the schema is caught")
    func sarifCheckCanFail() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.sarif.json")
        try #"{"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": []}]}"#.write(to: file, atomically: true, encoding: .utf8)
        let outcome = try CLI.run([
            "validate", "--schema-file", ReportKit.schemas.appendingPathComponent("sarif/sarif-schema-2.1.0.json").path, file.path,
        ])
        #expect(outcome.status == 1, "\(outcome)")
    }

    @Test("SARIF results are located in the instance and the spec")
    func sarifLocations() throws {
        let outcome = try ReportKit.run(["validate", "--schema-file", "schema.json", "instances/invalid.json", "--format", "sarif"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let minimum = try #require(results.first { $0["ruleId"] as? String == "minimum" })
        let physical = try #require(((minimum["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "instances/invalid.json")
        // "size": 0 is on line 2, the value at column 11.
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 2)
        #expect((physical["region"] as? [String: Any])?["startColumn"] as? Int == 11)
        let related = try #require(((minimum["relatedLocations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        #expect((related["artifactLocation"] as? [String: Any])?["uri"] as? String == "schema.json")
        #expect((related["region"] as? [String: Any])?["startLine"] as? Int == 8)
    }

    @Test("basic and detailed lines are valid JSON Schema output", arguments: ["basic", "detailed", "flag"])
    func schemaOutputIsValid(_ format: String) throws {
        let outcome = try ReportKit.run(Self.validateArgs + ["--format", format])
        #expect(outcome.lines.count == 5, "\(outcome)")
        try ReportKit.validateWithSpecCheck(outcome.lines, schema: "output-schema.json")
    }

    @Test("--no-annotations leaves the annotations of valid instances out", arguments: ["basic", "detailed"])
    func noAnnotations(_ format: String) throws {
        let with = try ReportKit.run(Self.validateArgs + ["--format", format])
        let without = try ReportKit.run(Self.validateArgs + ["--format", format, "--no-annotations"])
        #expect(with.lines.filter { $0.contains(#""annotations":["#) }.count == 2, "\(with)")
        #expect(!without.stdout.contains(#""annotations""#), "\(without)")
        // Invalid instances are the same either way: annotations belong to valid ones only.
        #expect(with.lines.filter { $0.contains(#""valid":false"#) } == without.lines.filter { $0.contains(#""valid":false"#) })
        #expect(without.lines.filter { $0.contains(#""valid":true"#) }.allSatisfy { $0.hasSuffix(#""instanceLocation":""}"#) })
        try ReportKit.validateWithSpecCheck(without.lines, schema: "output-schema.json")
        let misplaced = try ReportKit.run(Self.validateArgs + ["--format", "json", "--no-annotations"])
        #expect(misplaced.status == 2 && misplaced.stderr.contains("--no-annotations applies to --format basic and detailed"))
    }

    @Test("a partial annotation list is marked")
    func incompleteAnnotations() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // a20 reaches a0 along 2^20 paths, past the annotation walk's budget (no annotation on
        // the way, so the line stays short).
        var defs = [#""a0": {"type": "integer"}"#]
        for i in 1...20 {
            let previous = "{\"$ref\": \"#/$defs/a\(i - 1)\"}"
            defs.append("\"a\(i)\": {\"allOf\": [\(previous), \(previous)]}")
        }
        let schema = "{\"$ref\": \"#/$defs/a20\", \"$defs\": {" + defs.joined(separator: ", ") + "}}"
        try schema.write(to: directory.appendingPathComponent("schema.json"), atomically: true, encoding: .utf8)
        try "1".write(to: directory.appendingPathComponent("one.json"), atomically: true, encoding: .utf8)
        let outcome = try CLI.run(["validate", "--schema-file", "schema.json", "one.json", "--format", "basic"], in: directory)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.hasSuffix(#","annotationsIncomplete":true}"# + "\n"), "\(outcome.stdout.suffix(200))")
    }

    @Test("GitHub annotations escape messages and properties")
    func githubEscaping() throws {
        let outcome = try ReportKit.run(["validate", "--schema-file", "schema.json", "instances/invalid.json", "--format", "github"])
        let lines = outcome.lines
        #expect(lines.allSatisfy { $0.hasPrefix("::error file=instances/invalid.json,line=") }, "\(outcome)")
        let odd = try #require(lines.first { $0.contains("odd") })
        // The property name "odd,key: 100%" in the message: % escaped, , and : left as they are.
        #expect(odd.contains("odd,key: 100%25"), "\(odd)")
        #expect(odd.contains("title=spec-check additionalProperties::"), "\(odd)")
    }

    @Test("--output writes the report and shows the text report", arguments: ["junit", "sarif", "json", "github"])
    func outputFile(_ format: String) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report").path
        let withFile = try ReportKit.run(Self.validateArgs + ["--format", format, "--output", file])
        let plain = try ReportKit.run(Self.validateArgs + ["--format", format])
        let text = try ReportKit.run(Self.validateArgs)
        #expect(withFile.status == plain.status)
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(ReportKit.normalised(written) == ReportKit.normalised(plain.stdout))
        #expect(withFile.stdout == text.stdout, "the terminal shows the text report")
    }

    @Test("--output with --format text is a usage error", arguments: allCommands)
    func outputNeedsAReportFormat(_ args: [String]) throws {
        let outcome = try ReportKit.run(args + ["--output", "never-written.txt"])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains("--output writes a report"), "\(outcome)")
        #expect(!FileManager.default.fileExists(atPath: ReportKit.formats.appendingPathComponent("never-written.txt").path))
    }

    @Test("an --output that cannot be written is exit 2, and nothing else is touched")
    func outputFileRefused() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outcome = try ReportKit.run(Self.validateArgs + ["--format", "junit", "--output", directory.path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("cannot be written"), "\(outcome)")
    }
}

extension String {
    /// The first capture group of every match of `pattern`.
    func matches(_ pattern: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: self, range: NSRange(startIndex..., in: self)).compactMap { match in
            Range(match.range(at: 1), in: self).map { String(self[$0]) }
        }
    }
}
