import Foundation

/// The golden-file helper every test suite uses: rendered output (messages, reports, lint
/// findings, coverage JSON) is compared with a file kept in the source tree, and
/// `SPEC_CHECK_GOLDEN_UPDATE=1 swift test --filter SUITE` rewrites the files from the current
/// output instead (then review the diff before committing it).
///
/// It only reads and writes files; the calling test asserts on ``mismatch(_:file:)``'s answer
/// (`#expect(GoldenFile.mismatch(text, file: url) == nil)`), so the helper works with any test
/// framework.
public enum GoldenFile {
    /// The environment variable that turns comparing into rewriting.
    public static let updateVariable = "SPEC_CHECK_GOLDEN_UPDATE"

    /// Whether this run rewrites golden files (`SPEC_CHECK_GOLDEN_UPDATE=1`).
    public static var isUpdating: Bool { ProcessInfo.processInfo.environment[updateVariable] == "1" }

    /// Compares `actual` with the golden `file`, or rewrites the file when ``isUpdating``.
    ///
    /// - Parameters:
    ///   - actual: The output as the test rendered it (already normalised: no absolute paths,
    ///     times or versions).
    ///   - file: The golden file in the source tree (its folder is created when rewriting).
    /// - Returns: `nil` when the texts are equal (or the file was rewritten); otherwise what
    ///   differs: the first differing line with both versions, or that the file is missing or
    ///   cannot be written, and how to record it.
    public static func mismatch(_ actual: String, file: URL) -> String? {
        if isUpdating {
            do {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: file, atomically: true, encoding: .utf8)
                return nil
            } catch {
                return "cannot rewrite the golden file \(file.path): \(error)"
            }
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            return "the golden file \(file.path) is missing: record it with \(updateVariable)=1"
        }
        guard actual != expected else { return nil }
        let got = actual.components(separatedBy: "\n")
        let want = expected.components(separatedBy: "\n")
        let line = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
        func at(_ lines: [String]) -> String { line < lines.count ? lines[line] : "(end of text)" }
        return """
            output differs from \(file.lastPathComponent) at line \(line + 1) \
            (re-record with \(updateVariable)=1 and review the diff):
              got:      \(at(got))
              expected: \(at(want))
            --- got
            \(actual)
            """
    }
}
