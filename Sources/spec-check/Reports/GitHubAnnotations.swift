import SpecSource

/// GitHub Actions workflow commands from case records: one `::error` (or `::warning`) line per
/// finding, located at the value in the instance file (`file`, `line`, `col` when known), titled
/// with the error's code; a case that failed without findings is one line at its position.
/// Escaping is ``SpecSource/WorkflowCommand``'s (shared with `spec-check lint`).
enum GitHubAnnotations {
    static func render(_ record: CaseRecord) -> String {
        var lines: [String] = []
        for finding in record.findings {
            let e = finding.error
            let pointer = e.instanceLocation.isEmpty ? "(root)" : e.instanceLocation
            lines.append(
                WorkflowCommand.line(
                    finding.level == .error ? "error" : finding.level == .warning ? "warning" : "notice",
                    properties: properties(file: record.file, at: finding.instancePosition, title: "spec-check \(e.code)"),
                    message: "\(pointer): \(e.message) (spec: \(e.source))"))
        }
        if record.status != .passed, record.status != .skipped, let message = record.message {
            let at = record.messageLocation ?? record.position
            let file = at.flatMap { $0.file == .none ? nil : $0.file.path } ?? record.file
            let code = record.messageCode ?? (record.status == .error ? "check.failed" : "corpus.expectation-failed")
            lines.append(
                WorkflowCommand.line(
                    "error", properties: properties(file: file, at: at, title: "spec-check \(code)"),
                    message: "\(record.name): \(message)"))
        }
        return lines.joined(separator: "\n")
    }

    static func properties(file: String, at: SourceLocation?, title: String) -> [(String, String)] {
        var list = [("file", file)]
        if let at, at.isKnown {
            list.append(("line", "\(at.line)"))
            list.append(("col", "\(max(1, at.column))"))
        }
        list.append(("title", title))
        return list
    }
}
