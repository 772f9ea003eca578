import ContractCorpus
import Foundation
import SchemaValidation
import SpecSource

/// What one instance of `validate` adds to each output: its line(s) for standard output, its
/// line(s) for the `--output` file, and its case for a collected (JUnit, SARIF) report.
struct RenderedCase: Sendable {
    var terminal: String
    var report: String
    var record: CaseRecord?
}

/// Renders `validate` outcomes in the chosen `--format`. Pure, so worker threads render in parallel.
struct ValidateRendering: Sendable {
    let format: OutputFormat
    /// Standard output shows the text report (`--output` was given).
    let textOnTerminal: Bool
    let style: Style
    /// The JUnit suite name.
    let suite: String

    func render(_ outcome: Outcome, instance: JSONValue?, time: Double) -> RenderedCase {
        let record: CaseRecord? =
            format.collected != nil || format == .github ? Self.record(outcome, instance: instance, suite: suite, time: time) : nil
        let report = line(outcome, record: record, style: textOnTerminal ? Style(enabled: false) : style)
        let terminal = textOnTerminal ? Report.render(outcome, format: .text, style: style) : (format.collected != nil ? "" : report)
        return RenderedCase(terminal: terminal, report: report, record: record)
    }

    /// Counts the outcome and prints its terminal lines through `report`; keeps the rest for `sink`.
    func add(_ outcome: Outcome, _ rendered: RenderedCase, to report: inout Report, _ sink: inout RunOutput) {
        report.add(outcome, rendered: rendered.terminal)
        sink.add(line: rendered.report)
        if let record = rendered.record { sink.add(record) }
    }

    /// The outcome's line(s) in ``format`` (empty for the collected formats).
    private func line(_ outcome: Outcome, record: CaseRecord?, style: Style) -> String {
        switch format {
        case .text, .json: return Report.render(outcome, format: format, style: style)
        case .flag:
            if case .validated(let name, let result) = outcome {
                return SchemaOutputLines.render(.flagged(name: name, valid: result.isValid), format: .flag)
            }
            return Report.render(outcome, format: .flag, style: style)
        case .basic: return SchemaOutputLines.render(outcome, format: .basic)
        case .detailed: return SchemaOutputLines.render(outcome, format: .detailed)
        case .github: return record.map(GitHubAnnotations.render) ?? ""
        case .junit, .sarif: return ""
        }
    }

    /// The case of one instance: `name` is `FILE` or `FILE:LINE` (JSON Lines).
    static func record(_ outcome: Outcome, instance: JSONValue?, suite: String, time: Double) -> CaseRecord {
        func file(_ name: String) -> String {
            if let colon = name.lastIndex(of: ":"), name[name.index(after: colon)...].allSatisfy(\.isNumber),
                InstanceFiles.isJSONLines(String(name[..<colon]))
            {
                return String(name[..<colon])
            }
            return name
        }
        switch outcome {
        case .validated(let name, let result):
            return CaseRecord(
                suite: suite, name: name, file: file(name), position: instance?.location, status: result.isValid ? .passed : .failed,
                findings: CaseFindings.findings(result.errors, in: instance), time: time)
        case .flagged(let name, let valid):
            return CaseRecord(
                suite: suite, name: name, file: file(name), position: instance?.location, status: valid ? .passed : .failed, time: time)
        case .unreadable(let name, let error):
            let what = error.code.hasPrefix("file.") ? "cannot be read" : "cannot be parsed"
            return CaseRecord(
                suite: suite, name: name, file: file(name), status: .error, message: "\(what): \(error.message)",
                messageCode: error.code, messageLocation: error.location, time: time)
        case .failed(let name, let error, let code):
            return CaseRecord(
                suite: suite, name: name, file: file(name), position: instance?.location, status: .error,
                message: "cannot be checked: \(error)", messageCode: code ?? "check.failed", time: time)
        }
    }
}
