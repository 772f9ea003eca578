import ContractLint
import Foundation
import GoldenFiles
import Testing

/// One folder per rule under `Resources/golden/<rule-id>/`: each `positive*.yaml` must produce
/// exactly the findings of that rule listed in `positive*.expected.jsonl` (at least one), and each
/// `negative*.yaml` — the same document done right — must produce no finding of any rule.
///
/// `SPEC_CHECK_GOLDEN_UPDATE=1 swift test --filter GoldenRuleTests` rewrites the expected files from
/// the current output (review the diff before committing it).
@Suite("lint rules: golden documents")
struct GoldenRuleTests {
    static let ruleIDs = LintRule.all.map(\.id)

    @Test func everyRuleHasAGoldenFolderAndEveryFolderNamesARule() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: LintTestKit.golden.path).sorted()
        #expect(
            Set(folders) == Set(Self.ruleIDs),
            "folders without a rule: \(Set(folders).subtracting(Self.ruleIDs)); rules without a folder: \(Set(Self.ruleIDs).subtracting(folders))"
        )
    }

    @Test(arguments: ruleIDs)
    func positiveDocumentsProduceTheGoldenFindings(_ rule: String) throws {
        let folder = LintTestKit.golden.appendingPathComponent(rule)
        let positives = try documents(in: folder, prefix: "positive")
        #expect(!positives.isEmpty, "\(rule) has no positive document")
        for name in positives {
            let report = try LintTestKit.lint(folder.appendingPathComponent(name).path)
            let findings = report.findings.filter { $0.rule == rule }
            #expect(
                !findings.isEmpty,
                "\(rule)/\(name) produced no \(rule) finding; all findings:\n\(report.findings.map(\.description).joined(separator: "\n"))")
            #expect(findings.allSatisfy { $0.severity == LintRule.named(rule)!.defaultSeverity })
            #expect(findings.allSatisfy { $0.location.isKnown && $0.pointer.hasPrefix("#") }, "\(findings)")
            let rendered = LintTestKit.render(findings, relativeTo: folder)
            let expectedName = String(name.dropLast(".yaml".count)) + ".expected.jsonl"
            let mismatch = GoldenFile.mismatch(
                rendered, file: LintTestKit.goldenSource.appendingPathComponent(rule).appendingPathComponent(expectedName))
            #expect(mismatch == nil, "\(rule)/\(name): \(mismatch ?? "")")
        }
    }

    @Test(arguments: ruleIDs)
    func negativeDocumentsAreClean(_ rule: String) throws {
        let folder = LintTestKit.golden.appendingPathComponent(rule)
        let negatives = try documents(in: folder, prefix: "negative")
        #expect(!negatives.isEmpty, "\(rule) has no negative document")
        for name in negatives {
            let report = try LintTestKit.lint(folder.appendingPathComponent(name).path)
            #expect(report.findings.isEmpty, "\(rule)/\(name):\n\(report.findings.map(\.description).joined(separator: "\n"))")
            #expect(report.notes.isEmpty, "\(report.notes)")
        }
    }

    private func documents(in folder: URL, prefix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".yaml") }
            .sorted()
    }
}
