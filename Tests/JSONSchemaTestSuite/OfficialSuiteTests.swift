import Foundation
import SchemaValidation
import Testing

// The official JSON-Schema-Test-Suite (copied under `Suite/`, see `Suite/SOURCE.txt`).
//
// Every test of every file is its own argument of `suiteCase(_:)`, named
// `draft2020-12/ref.json: <group description> / <test description>`. Each group's schema is
// compiled once (`SuiteCatalog`), with `http://localhost:1234/` served from `Suite/remotes`.
// Formats are annotations, except in `optional/format/`, where they are asserted.
//
// `complianceSummary()` prints per-(draft, part) counts and a Markdown table for the README.
// To regenerate the table:
//
// ```sh
// swift test --scratch-path .build-suite --filter 'OfficialSuiteTests/complianceSummary' 2>/dev/null \
//   | sed -n '/BEGIN JSON-SCHEMA-TEST-SUITE COMPLIANCE/,/END JSON-SCHEMA-TEST-SUITE COMPLIANCE/p' | sed '1d;$d'
// ```
//
// Set `SUITE_REPORT=1` to also list every failing case in the summary's output, grouped by file.
// (Plain comments, not documentation: Swift Testing repeats a failing suite's documentation.)
@Suite("JSON-Schema-Test-Suite")
struct OfficialSuiteTests {
    @Test("suite case", arguments: SuiteCatalog.shared.cases)
    func suiteCase(_ testCase: SuiteCase) {
        let failure = testCase.failure()
        if let exclusion = testCase.exclusion {
            if failure == nil {
                Issue.record(
                    "\(testCase.name): unexpectedly passing: remove from the exclusion list (entry \(exclusion.pattern.debugDescription))")
            } else {
                withKnownIssue("excluded: \(exclusion.reason)") {
                    Issue.record("\(testCase.name): \(failure!)")
                }
            }
        } else if let failure {
            Issue.record("\(testCase.name): \(failure)")
        }
    }

    @Test("suite files load")
    func suiteLoads() {
        let catalog = SuiteCatalog.shared
        // Every draft the README's table lists, each with all three parts: a missing folder must
        // fail here, not shrink the suite silently.
        #expect(catalog.drafts == SuiteDraft.known.map(\.name), "draft folders missing under \(SuiteCatalog.root)")
        for draft in SuiteDraft.known {
            for part in SuitePart.allCases {
                let count = catalog.cases.count { $0.draft == draft.name && $0.part == part }
                #expect(count > 90, "\(draft.name) \(part.rawValue): \(count) cases")
            }
        }
        for error in catalog.loadErrors {
            Issue.record("cannot load suite file: \(error)")
        }
    }

    @Test("exclusion list has no stale entries")
    func exclusionsMatchCases() {
        let names = SuiteCatalog.shared.cases.map(\.name)
        for entry in ExpectedFailures.entries where !names.contains(where: { $0 == entry.pattern || $0.hasPrefix(entry.pattern) }) {
            Issue.record("exclusion entry \(entry.pattern.debugDescription) matches no suite case: remove it")
        }
    }

    /// Counts per (draft, part), printed as plain lines and as Markdown table rows between markers.
    /// It re-evaluates every case (schemas are already compiled); the per-case failures are
    /// ``suiteCase(_:)``'s. It fails when README.md's table no longer says what the suite gives.
    @Test("compliance summary")
    func complianceSummary() throws {
        let catalog = SuiteCatalog.shared
        struct Counts { var cases = 0, passed = 0, failed = 0, excluded = 0 }
        var counts: [String: Counts] = [:]
        var failingByFile: [(file: String, names: [String])] = []
        for testCase in catalog.cases {
            let key = "\(testCase.draft) \(testCase.part.rawValue)"
            var c = counts[key, default: Counts()]
            c.cases += 1
            let failure = testCase.failure()
            if failure == nil {
                c.passed += 1
            } else if testCase.exclusion != nil {
                c.excluded += 1
            } else {
                c.failed += 1
                let line = "  \(testCase.name.dropFirst(testCase.file.count + 2)) — \(failure!)"
                if failingByFile.last?.file == testCase.file {
                    failingByFile[failingByFile.count - 1].names.append(line)
                } else {
                    failingByFile.append((testCase.file, [line]))
                }
            }
            counts[key] = c
        }

        var lines: [String] = []
        var rows: [String] = [
            "| draft | part | cases | passed | failed | excluded | pass rate |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        var total = Counts()
        for draft in catalog.drafts {
            for part in SuitePart.allCases {
                guard let c = counts["\(draft) \(part.rawValue)"] else { continue }
                total.cases += c.cases
                total.passed += c.passed
                total.failed += c.failed
                total.excluded += c.excluded
                lines.append("\(draft) \(part.rawValue): \(c.cases) cases, \(c.passed) passed, \(c.failed) failed, \(c.excluded) excluded")
                rows.append(
                    "| \(draft) | \(part.rawValue) | \(c.cases) | \(c.passed) | \(c.failed) | \(c.excluded) | \(Self.percent(c.passed, c.cases)) |"
                )
            }
        }
        lines.append("total: \(total.cases) cases, \(total.passed) passed, \(total.failed) failed, \(total.excluded) excluded")

        // Each block goes out in one unbuffered write, so that the test library's own output (on the
        // same stdout, from other threads) cannot land between the markers.
        Self.write(
            lines.joined(separator: "\n") + "\n"
                + "<!-- BEGIN JSON-SCHEMA-TEST-SUITE COMPLIANCE -->\n" + rows.joined(separator: "\n")
                + "\n<!-- END JSON-SCHEMA-TEST-SUITE COMPLIANCE -->\n")
        let readme = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let shown = readme.components(separatedBy: "<!-- BEGIN JSON-SCHEMA-TEST-SUITE COMPLIANCE -->\n").dropFirst().first?
            .components(separatedBy: "\n<!-- END JSON-SCHEMA-TEST-SUITE COMPLIANCE -->").first
        #expect(
            shown == rows.joined(separator: "\n"), "README.md's compliance table is stale: regenerate it with scripts/compliance-table.sh")
        if !failingByFile.isEmpty {
            var output = "failing cases by file:\n"
            let verbose = ProcessInfo.processInfo.environment["SUITE_REPORT"] != nil
            for (file, names) in failingByFile {
                output += "\(file): \(names.count) failing\n"
                if verbose { output += names.joined(separator: "\n") + "\n" }
            }
            Self.write(output)
        }
    }

    /// The repository root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private static func percent(_ part: Int, _ whole: Int) -> String {
        guard whole > 0 else { return "–" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
