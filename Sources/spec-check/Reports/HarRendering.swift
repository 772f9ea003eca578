import ContractCorpus
import Foundation
import OpenAPIContract
import SpecSource

/// Renders `har` entries in the chosen `--format`: text and JSON lines (``HarOutput``), GitHub
/// annotations, and cases of a JUnit or SARIF report (a test suite per HAR file, a test case per
/// entry, each finding located at its value in the HAR file). Pure, so worker threads render in parallel.
struct HarRendering: Sendable {
    let format: CaseReportFormat
    /// Standard output shows the text report (`--output` was given).
    let textOnTerminal: Bool
    let style: Style
    /// The contract, whose API key names are masked in snippets.
    let document: OpenAPIDocument?

    func render(_ evaluation: HarOutput.Evaluation, _ entry: HARArchive.Entry, file: String, time: Double) -> RenderedCase {
        let needsRecord = format.collected != nil || format == .github
        let record = needsRecord ? Self.record(evaluation, entry, file: file, time: time) : nil
        let report: String
        switch format {
        case .text, .json:
            report = HarOutput.render(
                evaluation, file: file, format: format, style: textOnTerminal ? Style(enabled: false) : style, document: document)
        case .github: report = record.map(GitHubAnnotations.render) ?? ""
        case .junit, .sarif: report = ""
        }
        let terminal = textOnTerminal ? HarOutput.render(evaluation, file: file, format: .text, style: style, document: document) : report
        return RenderedCase(terminal: terminal, report: report, record: record)
    }

    /// A HAR file that cannot be read: one case of its own.
    func unreadableFile(_ file: String, _ error: SourceError) -> RenderedCase {
        let record = CaseRecord(
            suite: file, name: file, file: file, status: .error, message: "cannot be read: \(error.message)",
            messageCode: error.code, messageLocation: error.location)
        let report: String
        switch format {
        case .text, .json:
            report = HarOutput.unreadable(
                file: file, entry: nil, method: nil, url: nil, error: error, format: format,
                style: textOnTerminal ? Style(enabled: false) : style)
        case .github: report = GitHubAnnotations.render(record)
        case .junit, .sarif: report = ""
        }
        let terminal =
            textOnTerminal
            ? HarOutput.unreadable(file: file, entry: nil, method: nil, url: nil, error: error, format: .text, style: style) : report
        return RenderedCase(terminal: terminal, report: report, record: record)
    }

    /// Prints the terminal lines; keeps the report lines and the case for `sink`.
    func add(_ rendered: RenderedCase, _ out: inout OutputBuffer, _ sink: inout RunOutput) {
        if !rendered.terminal.isEmpty { out.line(rendered.terminal) }
        sink.add(line: rendered.report)
        if let record = rendered.record { sink.add(record) }
    }

    static func record(_ evaluation: HarOutput.Evaluation, _ entry: HARArchive.Entry, file: String, time: Double) -> CaseRecord {
        let name = JSONWriter.singleLine("#\(evaluation.entry) \(evaluation.method ?? "?") \(evaluation.url ?? "?")")
        let position = entry.location.isKnown ? entry.location : nil
        var record = CaseRecord(suite: file, name: name, file: file, position: position, status: .passed, time: time)
        switch evaluation.verdict {
        case .unreadable(let error):
            record.status = .error
            record.message = "cannot be read: \(error.message)"
            record.messageCode = error.code
            record.messageLocation = error.location
        case .skipped(let why):
            record.status = .skipped
            record.message = why.reason
        case .notChecked(let message):
            record.status = .error
            record.message = "cannot be checked: \(message)"
            record.messageCode = "check.failed"
            record.messageLocation = position
        case .checked(let result):
            record.status = result.isValid ? .passed : .failed
            // Each finding at its own position in the HAR file (the value inside the entry, as text
            // output shows it), else at its entry.
            record.findings =
                result.errors.map { Finding(error: $0, instancePosition: $0.instancePosition ?? position) }
                + result.warnings.map { Finding(error: $0, level: .warning, instancePosition: $0.instancePosition ?? position) }
                + result.unchecked.map { Finding(error: $0, level: .note, instancePosition: $0.instancePosition ?? position) }
        }
        return record
    }
}
