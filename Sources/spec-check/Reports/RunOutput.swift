import ArgumentParser
import Foundation
import SpecSource

/// The report formats that are one document for the whole run, written when it ends.
enum CollectedFormat: Sendable {
    case junit, sarif
}

/// `--format` of `corpus` and `har`: a line per case (text, json), one document for the run
/// (junit, sarif) or workflow commands (github). `validate` adds its own (`OutputFormat`).
enum CaseReportFormat: String, ArgumentChoice, Sendable {
    case text, json, junit, sarif, github

    /// The format as one document written when the run ends, if it is one.
    var collected: CollectedFormat? {
        switch self {
        case .junit: return .junit
        case .sarif: return .sarif
        default: return nil
        }
    }
}

/// Where a run's report goes.
///
/// Without `--output`, the report in `--format` goes to standard output (line by line, or, for
/// JUnit and SARIF, as one document at the end). With `--output FILE`, the report is written to
/// FILE when the run ends, atomically (``OutputFile``), and standard output gets the text report
/// (each error and the summary) for the person watching: one run feeds CI and a person.
struct RunOutput {
    /// `--output`, if given.
    let path: String?
    /// Set for JUnit and SARIF.
    let collected: CollectedFormat?
    /// The run's start, for JUnit's times.
    let started = Date()
    /// Line-by-line report lines (written to ``path`` at the end).
    private var lines: [String] = []
    /// The cases of a collected report.
    private(set) var records: [CaseRecord] = []

    init(path: String?, collected: CollectedFormat?) {
        self.path = path
        self.collected = collected
    }

    /// Whether standard output shows the text report (it does when the report goes to a file).
    var textOnTerminal: Bool { path != nil }

    /// Adds a case's line-by-line report text (kept for the file; with no file, the caller prints it).
    mutating func add(line: String) {
        if path != nil && collected == nil && !line.isEmpty { lines.append(line) }
    }

    /// Adds a case of a collected report.
    mutating func add(_ record: CaseRecord) {
        if collected != nil { records.append(record) }
    }

    /// The collected document, or the report lines.
    func document(package: String) -> String {
        switch collected {
        case .junit: return JUnitReport.render(records, package: package, time: Date().timeIntervalSince(started), timestamp: started)
        case .sarif: return SARIFReport.render(records, toolVersion: specCheckVersion)
        case nil: return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        }
    }

    /// Ends the report: writes the file, or prints a collected document on standard output
    /// (after what `out` holds).
    /// - Throws: `Exit.unreadable` when the file cannot be written (the reason is printed).
    func finish(package: String, _ out: inout OutputBuffer) throws {
        if let path {
            out.flush()
            do {
                try OutputFile.write(document(package: package), to: path)
            } catch {
                printError("error: \(error)")
                throw Exit.unreadable
            }
        } else if collected != nil {
            out.flush()
            StandardStreams.output(document(package: package))
        }
    }
}

/// The `--output` option's help, the same for every command.
let outputOptionHelp = ArgumentHelp(
    "Write the report in --format to FILE (replaced atomically when the run ends); standard output then shows the text report.",
    valueName: "FILE")
