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

    @OptionGroup var terminal: TerminalOptions

    func run() throws {
        terminal.apply()
        let runner: CorpusRunner
        do {
            runner = try CorpusRunner(directory: directory)
        } catch {
            var report = LoadErrorReport(verbose: true)
            report.print([error])
            throw Exit.unreadable
        }
        // A folder of the corpus that cannot be read is an error, never a silently smaller corpus.
        for problem in runner.unreadableFolders { printError("error: \(problem)") }
        let style = Style.current
        var out = OutputBuffer()
        // One report for the run: groups sharing a spec that does not load print its errors once.
        var loadErrors = LoadErrorReport(verbose: verbose)
        var options = SchemaOptions()
        for root in allowRefRoot { options.resolver.allowFileReferences(under: root) }
        let progress = ProgressMeter.start(noun: "fixture", quiet: quiet)
        defer { progress?.finish() }
        let summary = runner.run(options: options) { event in
            switch event {
            case .overlayWarning(let warning):
                printError(warning.description)
            case .groupNotRun(let group, let errors):
                if loadErrors.print(errors) == 0 {
                    printError("error: \(group.location): group \"\(group.name)\" is not run: its target has the errors above")
                }
            case .groupFailed(let group, let message):
                printError("error: \(group.location): group \"\(group.name)\": \(message)")
            case .groupStarted(let group, let target):
                if !quiet { out.line(style.bold(JSONWriter.singleLine("\(group.name) (\(target))"))) }
            case .patternMatchesNothing(let location):
                printError("warning: \(location): valid pattern matches no fixture")
            case .missingFixture(let location):
                out.line("\(style.red("FAIL")) \(JSONWriter.singleLine(location.description)): listed fixture does not exist")
            case .fixture(let result):
                progress?.advance()
                let name = JSONWriter.singleLine(result.name)
                if let failure = result.failure {
                    out.line("\(style.red("FAIL")) \(name): \(JSONWriter.singleLine(failure))")
                    for e in result.errors {
                        out.line(JSONWriter.singleLine("       \(e.instanceLocation.isEmpty ? "(root)" : e.instanceLocation): \(e.message) (\(e.source))")
                            + Diagnostic.instanceSuffix(e, style) + Diagnostic.snippets(e, style))
                    }
                    for e in result.warnings {
                        out.line(JSONWriter.singleLine("       warning: \(e.instanceLocation): \(e.message) (\(e.source))"))
                    }
                } else if !quiet {
                    out.line("\(style.green("ok  ")) \(name) \(style.dim(JSONWriter.singleLine(result.expectation.description)))")
                }
            case .uncovered(let fixture):
                out.line("\(style.red("FAIL")) \(JSONWriter.singleLine(fixture)): not covered by any group of the manifest")
            }
        }
        progress?.finish()
        out.line("corpus: \(summary.passed) passed, \(summary.failed) failed")
        out.flush()
        if summary.hadLoadError { throw Exit.unreadable }
        if summary.failed > 0 { throw Exit.invalid }
    }
}
