import ArgumentParser
import ContractLint
import Foundation
import SchemaValidation
import SpecSource

/// `spec-check lint`: checks a description against itself (``ContractLint/ContractLinter``) and
/// prints the findings.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check an OpenAPI description against itself: structure, examples, defaults, discriminators, dialect slips.",
        discussion: """
            Rules are configured in .spec-check.yaml (the nearest one from the current directory up to the \
            repository root; see --list-rules for the identifiers) and with --rule, which wins. \
            Exit status: 0 no errors (warnings allowed); 1 an error was found; 2 the document, an overlay \
            or the configuration cannot be read.
            """)

    @Option(name: .long, help: ArgumentHelp("The OpenAPI 3.0/3.1/3.2 document (YAML or JSON).", valueName: "FILE"))
    var spec: String?

    @Option(
        name: .long, help: ArgumentHelp("An OpenAPI Overlay applied to the spec before linting (repeatable, in order).", valueName: "FILE"))
    var overlay: [String] = []

    @Option(
        name: .long,
        help:
            "Output: text (one line per finding and a summary), json (one object per line per finding), sarif (SARIF 2.1.0), junit (JUnit XML, one test case per rule) or github (Actions annotations)."
    )
    var format: LintFormat = .text

    @Option(name: .long, help: ArgumentHelp("Switch a rule off or change its severity (repeatable).", valueName: "ID=off|warning|error"))
    var rule: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp("The configuration file (default: the nearest .spec-check.yaml up to the repository root).", valueName: "FILE"))
    var config: String?

    @Flag(name: .customLong("list-rules"), help: "List the rules with their identifiers and default severities, then exit.")
    var listRules = false

    func validate() throws {
        if spec == nil && !listRules { throw ValidationError("missing --spec FILE") }
    }

    func run() throws {
        var configuration = LintConfiguration()
        // A broken configuration stops a lint, but not --list-rules: the list is what a user needs
        // to mend an unknown rule id. It is reported all the same, and the exit status says so.
        var unreadable = false
        // The configuration file that could not be read: none of its settings apply (it is read
        // whole or not at all).
        var unreadFile: String?
        if let file = config ?? LintConfiguration.findFile(from: FileManager.default.currentDirectoryPath) {
            do {
                configuration = try LintConfiguration.load(contentsOf: file)
            } catch {
                // As a document that cannot be read: the error names the file and where in it.
                var errors = LoadErrorReport(verbose: true)
                errors.print([error])
                unreadable = true
                unreadFile = file
            }
        }
        for option in rule {
            do { try configuration.apply(option: option) } catch {
                printError("error: \(error.message)")
                unreadable = true
            }
        }
        if listRules {
            if let unreadFile {
                printError(
                    "note: none of \(unreadFile)'s settings apply, as it could not be read: the rules are listed at their default levels"
                        + (rule.isEmpty ? "" : ", with the --rule options that could be read"))
            } else if unreadable {
                printError("note: the rules are listed without the --rule options that could not be read")
            }
            printRules(configuration)
            if unreadable { throw Exit.unreadable }
            return
        }
        if unreadable { throw Exit.unreadable }
        let report: LintReport
        do {
            var options = SchemaOptions()
            options.resolver.advice = .commandLine(mapsURLs: false, allowsReferenceRoots: false)
            report = try ContractLinter(configuration: configuration, options: options).lint(contentsOf: spec!, overlays: overlay)
        } catch {
            var errors = LoadErrorReport(verbose: true)
            errors.print(error.errors)
            throw Exit.unreadable
        }
        for note in report.notes { printError("note: \(note)") }
        switch format {
        case .json: FileHandle.standardOutput.write(Data(report.jsonLines().utf8))
        case .github: FileHandle.standardOutput.write(Data(report.githubAnnotations().utf8))
        case .sarif: FileHandle.standardOutput.write(Data(report.sarif(toolVersion: SpecCheck.configuration.version).utf8))
        case .junit:
            let rules = LintRule.all.filter { configuration.severity(of: $0) != nil }.map(\.id).filter { !report.skippedRules.contains($0) }
            let junit = report.junit(
                rules: rules, suiteName: spec!, timestamp: Self.timestamp(), hostname: ProcessInfo.processInfo.hostName)
            FileHandle.standardOutput.write(Data(junit.utf8))
        case .text:
            let style = Style.current
            var out = OutputBuffer()
            for finding in report.findings {
                let severity = finding.severity == .error ? style.red("error") : "warning"
                out.line(
                    "\(JSONWriter.singleLine(finding.location.description)): \(severity): \(JSONWriter.singleLine(finding.message)) \(style.dim("[\(finding.rule)]"))"
                )
            }
            let errors = report.errorCount
            let warnings = report.warningCount
            out.line(
                "\(JSONWriter.singleLine(spec!)): \(counted(errors, "error")), \(counted(warnings, "warning"))")
            out.flush()
        }
        if report.hasErrors { throw Exit.invalid }
    }

    /// Now in UTC as `YYYY-MM-DDThh:mm:ss`, the form the JUnit schema's `timestamp` takes.
    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withFullDate, .withFullTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        return String(formatter.string(from: Date()).prefix(19))
    }

    private func printRules(_ configuration: LintConfiguration) {
        var out = OutputBuffer()
        let width = LintRule.all.map(\.id.count).max() ?? 0
        for rule in LintRule.all {
            let level = configuration.severity(of: rule)?.rawValue ?? "off"
            out.line(
                rule.id.padding(toLength: width + 2, withPad: " ", startingAt: 0) + level.padding(toLength: 9, withPad: " ", startingAt: 0)
                    + rule.summary)
        }
        out.flush()
    }
}

enum LintFormat: String, ArgumentChoice, Sendable {
    case text, json, sarif, junit, github
}
