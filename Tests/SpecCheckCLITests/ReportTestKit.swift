import Foundation
import GoldenFiles
import Testing

/// Golden files and schema checks for the report formats (`Resources/Formats`, `Resources/ReportSchemas`).
enum ReportKit {
    static let formats = CLI.repositoryRoot.appendingPathComponent("Tests/SpecCheckCLITests/Resources/Formats")
    static let schemas = CLI.repositoryRoot.appendingPathComponent("Tests/SpecCheckCLITests/Resources/ReportSchemas")

    /// Runs spec-check in `Resources/Formats` (so every path in the output is relative and stable).
    static func run(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLI.Outcome {
        try CLI.run(args, in: formats, sourceLocation: sourceLocation)
    }

    /// What changes from run to run is replaced: JUnit's `timestamp`, `hostname` and `time`
    /// attributes, the tool version in SARIF,
    /// and the repository's absolute path (in `file://` URIs of documents without `$id`).
    static func normalised(_ text: String) -> String {
        var out = text.replacingOccurrences(of: CLI.repositoryRoot.path, with: "/REPOSITORY")
        for (pattern, replacement) in [
            (#"timestamp="[^"]*""#, #"timestamp="TIMESTAMP""#),
            (#"hostname="[^"]*""#, #"hostname="HOST""#),
            (#" time="[^"]*""#, #" time="0.000""#),
            (#""version": "(?!2\.1\.0")[^"]*""#, #""version": "VERSION""#),
        ] {
            out = out.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return out
    }

    /// Compares `actual` (normalised) with `golden/<name>`, or rewrites it (``GoldenFile``).
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let mismatch = GoldenFile.mismatch(normalised(actual), file: formats.appendingPathComponent("golden/" + name))
        #expect(mismatch == nil, "\(mismatch ?? "")", sourceLocation: sourceLocation)
    }

    /// `xmllint`, when installed (Debian: libxml2-utils; `.ci/run` installs it).
    static let xmllint: String? = ["/usr/bin/xmllint", "/usr/local/bin/xmllint", "/opt/homebrew/bin/xmllint"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Validates `xml` against the strict JUnit XSD with xmllint; returns its complaints (empty when valid).
    static func junitSchemaProblems(_ xml: String) throws -> String? {
        let xmllint = try #require(xmllint)
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        let (status, message) = try CLI.runTool(
            xmllint, ["--noout", "--schema", schemas.appendingPathComponent("junit/JUnit.xsd").path, file.path])
        return status == 0 ? nil : message
    }

    /// Validates each of `documents` (JSON texts) with `spec-check validate --schema-file SCHEMA`.
    static func validateWithSpecCheck(_ documents: [String], schema: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (i, document) in documents.enumerated() {
            let file = directory.appendingPathComponent("output-\(i).json")
            try document.write(to: file, atomically: true, encoding: .utf8)
            paths.append(file.path)
        }
        let outcome = try CLI.run(
            ["validate", "--schema-file", schemas.appendingPathComponent(schema).path] + paths, sourceLocation: sourceLocation)
        #expect(outcome.status == 0, "\(schema): \(outcome)", sourceLocation: sourceLocation)
    }
}
