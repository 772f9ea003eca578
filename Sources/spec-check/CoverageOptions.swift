import ArgumentParser
import ContractCorpus
import Foundation

/// `spec-check corpus`'s coverage options: whether to report what the corpus exercised, in which
/// form, where, and the share every dimension must reach.
struct CoverageOptions: ParsableArguments {
    @Flag(
        name: .long,
        help:
            "Report what the fixtures exercised: operations, status codes, media types, enum values, oneOf/anyOf branches, discriminator values, optional properties present, required properties left out by an invalid fixture."
    )
    var coverage = false

    @Option(
        name: .customLong("coverage-format"),
        help:
            "The coverage report's form: text, json or html (one self-contained page). Default: from --coverage-output's extension (.json, .html), else text."
    )
    var requestedFormat: CoverageFormat?

    @Option(
        name: .customLong("coverage-output"),
        help: ArgumentHelp(
            "Write the coverage report to FILE (replaced atomically) instead of standard output, where a text report follows the run's lines (json and html need a file).",
            valueName: "FILE"))
    var output: String?

    @Option(
        name: .customLong("min-coverage"), parsing: .unconditional,
        help: ArgumentHelp("Fail (exit 1) when a dimension's coverage is below N percent (0-100); implies --coverage.", valueName: "N"))
    var minimum: Double?

    /// Whether a recorder is needed: any coverage option asks for the report.
    var isRequested: Bool { coverage || minimum != nil || output != nil || requestedFormat != nil }

    /// The report's form: as asked, else by the output file's extension (`cov.json` is JSON, not
    /// a text table under a `.json` name), else text.
    var format: CoverageFormat {
        if let requestedFormat { return requestedFormat }
        let name = output?.lowercased() ?? ""
        if name.hasSuffix(".json") { return .json }
        if name.hasSuffix(".html") || name.hasSuffix(".htm") { return .html }
        return .text
    }

    func validate() throws {
        if let minimum, !(0...100).contains(minimum) { throw ValidationError("--min-coverage must be a number from 0 to 100") }
        if format != .text && output == nil {
            throw ValidationError(
                "--coverage-format \(format.rawValue) needs --coverage-output FILE: standard output carries the run's own report")
        }
    }

    /// Writes the report; returns whether every dimension reaches `--min-coverage` (printing the
    /// ones below it on standard error).
    func emit(_ report: CoverageReport) throws -> Bool {
        let text: String
        switch format {
        case .text: text = report.text()
        case .json: text = report.json()
        case .html: text = report.html()
        }
        if let output {
            do { try OutputFile.write(text, to: output) } catch {
                printError("error: \(error)")
                throw Exit.unreadable
            }
        } else {
            StandardStreams.output(text)
        }
        for note in report.notes { printError("note: \(note)") }
        guard let minimum else { return true }
        let below = report.dimensions(below: minimum)
        guard !below.isEmpty else { return true }
        let list = below.map { d in "\(d.title) \(report.total(d).percentText)%" }.joined(separator: ", ")
        printError("error: coverage below \(Self.format(minimum))%: \(list)")
        return false
    }

    private static func format(_ n: Double) -> String {
        n == n.rounded() ? String(Int(n)) : String(n)
    }
}

enum CoverageFormat: String, ArgumentChoice, Sendable {
    case text, json, html
}
