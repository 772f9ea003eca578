import ArgumentParser
import ContractCorpus
import SchemaValidation
import Foundation
import SpecSource

/// `spec-check corpus DIR`: runs a fixture corpus described by `DIR/spec-check.yaml`.
///
/// The run itself is ``ContractCorpus/CorpusRunner``; this command prints its events.
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Run a fixture corpus: check every fixture's expected validity and failing locations.",
        discussion: "DIR/spec-check.yaml maps fixture files (globs) to a spec, overlays and a target; see Corpus/README.md.")

    @Argument(help: ArgumentHelp("The corpus folder (holding spec-check.yaml).", valueName: "DIR"))
    var directory: String

    @Option(name: .customLong("allow-ref-root"), help: ArgumentHelp("Let $refs read files below DIR too (repeatable). By default a file $ref must stay inside the folder of the document it starts from (symbolic links resolved).", valueName: "DIR"))
    var allowRefRoot: [String] = []

    @Flag(name: .long, help: "Print only failures and the summary.")
    var quiet = false

    @Flag(name: .long, help: "Print every error of a spec that does not load (by default, an error that repeats is counted after the first 10).")
    var verbose = false

    @Option(name: .long, help: "Output: text (a line per fixture and a summary), json (one object per line per fixture), junit (JUnit XML, a test suite per group), sarif (SARIF 2.1.0) or github (GitHub Actions annotations).")
    var format: CorpusFormat = .text

    @Option(name: .long, help: outputOptionHelp)
    var output: String?

    @Option(name: .long, help: Shard.help)
    var shard: Shard?

    func validate() throws {
        if output != nil && format == .text {
            throw ValidationError("--output writes a report in --format json, junit, sarif or github while standard output shows the text report; for a text file, redirect standard output")
        }
    }

    func run() throws {
        var runner: CorpusRunner
        do {
            runner = try CorpusRunner(directory: directory)
        } catch {
            var report = LoadErrorReport(verbose: true)
            report.print([error])
            throw Exit.unreadable
        }
        // A folder of the corpus that cannot be read is an error, never a silently smaller corpus.
        for problem in runner.unreadableFolders { printError("error: \(problem)") }
        if let shard {
            runner.includes = { shard.contains($0) }
            runner.reportsManifestFindings = shard.index == 1
        }
        let style = Style.current
        var out = OutputBuffer()
        var sink = RunOutput(path: output, collected: format.collected)
        // Text on standard output for text, and beside a report written to --output.
        let text = format == .text || sink.textOnTerminal
        let reporter = CorpusReporting(format: format, root: directory.hasSuffix("/") ? directory : directory + "/")
        var currentGroup = ""
        // One report for the run: groups sharing a spec that does not load print its errors once.
        var loadErrors = LoadErrorReport(verbose: verbose)
        var options = SchemaOptions()
        for root in allowRefRoot { options.resolver.allowFileReferences(under: root) }
        let summary = runner.run(options: options) { event in
            switch event {
            case .overlayWarning(let warning):
                printError(warning.description)
            case .groupNotRun(let group, let errors):
                if loadErrors.print(errors) == 0 {
                    printError("error: \(group.location): group \"\(group.name)\" is not run: its target has the errors above")
                }
                reporter.emit(reporter.groupNotRun(group, errors.first), &out, &sink, text: text)
            case .groupFailed(let group, let message):
                printError("error: \(group.location): group \"\(group.name)\": \(message)")
                reporter.emit(reporter.groupFailed(group, message), &out, &sink, text: text)
            case .groupStarted(let group, let target):
                currentGroup = group.name
                if !quiet && text { out.line(style.bold(JSONWriter.singleLine("\(group.name) (\(target))"))) }
            case .patternMatchesNothing(let location):
                printError("warning: \(location): valid pattern matches no fixture")
            case .missingFixture(let location):
                if text { out.line("\(style.red("FAIL")) \(JSONWriter.singleLine(location.description)): listed fixture does not exist") }
                reporter.emit(reporter.missingFixture(location, group: currentGroup), &out, &sink, text: text)
            case .fixture(let result):
                reporter.emit(reporter.fixture(result, group: currentGroup), &out, &sink, text: text)
                guard text else { return }
                let name = JSONWriter.singleLine(result.name)
                if let failure = result.failure {
                    out.line("\(style.red("FAIL")) \(name): \(JSONWriter.singleLine(failure))")
                    for e in result.errors {
                        out.line(JSONWriter.singleLine("       \(e.instanceLocation.isEmpty ? "(root)" : e.instanceLocation): \(e.message) (\(e.source))"))
                    }
                    for e in result.warnings {
                        out.line(JSONWriter.singleLine("       warning: \(e.instanceLocation): \(e.message) (\(e.source))"))
                    }
                } else if !quiet {
                    out.line("\(style.green("ok  ")) \(name) \(style.dim(JSONWriter.singleLine(result.expectation.description)))")
                }
            case .uncovered(let fixture):
                if text { out.line("\(style.red("FAIL")) \(JSONWriter.singleLine(fixture)): not covered by any group of the manifest") }
                reporter.emit(reporter.uncovered(fixture), &out, &sink, text: text)
            }
        }
        if text { out.line("corpus: \(summary.passed) passed, \(summary.failed) failed") }
        try sink.finish(package: "spec-check.corpus", &out)
        out.flush()
        if summary.hadLoadError { throw Exit.unreadable }
        if summary.failed > 0 { throw Exit.invalid }
    }
}

enum CorpusFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, junit, sarif, github

    var collected: CollectedFormat? {
        switch self {
        case .junit: return .junit
        case .sarif: return .sarif
        default: return nil
        }
    }
}
