import ContractLint
import Foundation
import SpecSource
import Testing

/// Paths and helpers shared by the ContractLint suites.
enum LintTestKit {
    /// The repository root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The copied resources (golden documents, the SARIF schema).
    static let resources: URL = {
        if let url = Bundle.module.url(forResource: "Resources", withExtension: nil) { return url }
        return Bundle.module.resourceURL!.appendingPathComponent("Resources")
    }()

    /// The golden documents, one folder per rule identifier.
    static let golden = resources.appendingPathComponent("golden")

    /// The golden documents in the source tree (where `SPEC_CHECK_GOLDEN_UPDATE=1` writes).
    static let goldenSource = repositoryRoot.appendingPathComponent("Tests/ContractLintTests/Resources/golden")

    /// Lints a file with every rule at its default severity.
    static func lint(_ path: String, configuration: LintConfiguration = LintConfiguration()) throws -> LintReport {
        try ContractLinter(configuration: configuration).lint(contentsOf: path)
    }

    /// Lints an inline YAML document, named `file` in locations.
    static func lint(yaml: String, file: String, configuration: LintConfiguration = LintConfiguration()) throws -> LintReport {
        let value = try SourceLoader.parse(yaml, format: .yaml, file: SourceFileID.intern(file))
        return try ContractLinter(configuration: configuration).lint(value, uri: "urn:spec-check:test:\(file)")
    }

    /// The JSON Lines form of `findings`, with `directory` (and the `/` after it) removed from
    /// sources and messages, so that golden files do not depend on where the tests run.
    static func render(_ findings: [LintFinding], relativeTo directory: URL) -> String {
        LintReport(findings: findings).jsonLines().replacingOccurrences(of: directory.path + "/", with: "")
    }
}
