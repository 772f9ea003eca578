import Foundation
import Testing

/// `spec-check lint --format junit`, checked against the Apache Ant JUnit schema
/// (the repository's copy, `Resources/ReportSchemas/junit/JUnit.xsd`) with xmllint.
@Suite("spec-check lint --format junit")
struct LintJUnitTests {
    static let xsd = ReportKit.schemas.appendingPathComponent("junit/JUnit.xsd").path
    static let xmllint = ReportKit.xmllint

    @Test func oneTestCasePerRuleTheFailingOneListsItsErrors() throws {
        let outcome = try CLI.run(["lint", "--spec", CLI.spec, "--overlay", CLI.overlay, "--format", "junit"])
        #expect(outcome.status == 1, "\(outcome)")
        let xml = outcome.stdout
        let rules = try CLI.run(["lint", "--list-rules"]).lines.filter { !$0.contains(" off ") }.count
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == rules, "one test case per rule that ran")
        #expect(xml.contains("tests=\"\(rules)\" failures=\"1\" errors=\"0\""), "\(xml)")
        #expect(
            xml.contains(
                "<testcase name=\"example-invalid\" classname=\"spec-check.lint\" time=\"0\">\n    <failure message=\"1 error\" type=\"error\">specs/openrouter-videos.yaml:455:9: example does not validate against its schema: missing required property &quot;frame_type&quot;"
            ), "\(xml)")
        // The seed's 3.0-only spellings are warnings: listed, not failures.
        #expect(xml.contains("<system-out>warning: specs/openrouter-videos.yaml:"), "\(xml)")
    }

    @Test(
        .enabled(if: xmllint != nil, "xmllint is not installed (Debian: apt-get install libxml2-utils)"))
    func validAgainstTheJUnitSchema() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("junit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let documents = [
            ["lint", "--spec", CLI.spec, "--overlay", CLI.overlay, "--format", "junit"],
            ["lint", "--spec", "\(LintCommandTests.golden)/example-invalid/negative.yaml", "--format", "junit"],
        ]
        for (i, args) in documents.enumerated() {
            let outcome = try CLI.run(args)
            let file = scratch.appendingPathComponent("report-\(i).xml")
            try outcome.stdout.write(to: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.xmllint!)
            process.arguments = ["--noout", "--schema", Self.xsd, file.path]
            let err = Pipe()
            process.standardError = err
            try process.run()
            let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(args): \(message)\n\(outcome.stdout)")
        }
    }
}
