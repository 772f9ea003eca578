import ArgumentParser
import ContractCorpus
import Foundation
import SchemaValidation
import SpecSource

/// `spec-check corpus DIR|MANIFEST`: runs a fixture corpus described by `DIR/spec-check.yaml` (or
/// by a manifest file named directly).
///
/// The run itself is ``ContractCorpus/CorpusRunner``; this command prints its events.
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Run a fixture corpus: check every fixture's expected validity and failing locations.",
        discussion: """
            The manifest (DIR/spec-check.yaml, or a manifest file given directly) maps fixture files (globs) to a \
            spec, overlays and a target. Top-level keys: spec, overlays, groups; group keys: name, target, spec, \
            overlays, content-type, valid, invalid, exchanges, har; target keys: schema, schema-file, request, \
            response, status, exchange, base-path, strict. Every key is documented in Corpus/README.md of the \
            spec-check repository ("Manifest format"); --manifest-schema prints the JSON Schema every manifest \
            is checked against (an unknown or misspelt key is an error at its line and column). A corpus with \
            no fixture at all is an error (exit 2) unless --allow-empty.
            """)

    @Argument(help: ArgumentHelp("The corpus folder (holding spec-check.yaml), or the manifest file itself.", valueName: "DIR|MANIFEST"))
    var directory: String?

    @Flag(name: .customLong("manifest-schema"), help: "Print the JSON Schema of corpus manifests (YAML) and exit.")
    var manifestSchema = false

    @Flag(name: .customLong("allow-empty"), help: "Succeed when the corpus has no fixture at all (by default an error, exit 2).")
    var allowEmpty = false

    @Option(
        name: .customLong("allow-ref-root"),
        help: ArgumentHelp(
            "Let $refs read files below DIR too (repeatable). By default a file $ref must stay inside the folder of the document it starts from (symbolic links resolved).",
            valueName: "DIR"))
    var allowRefRoot: [String] = []

    @Flag(name: .long, help: "Print only failures and the summary.")
    var quiet = false

    @Flag(
        name: .long,
        help: "Print every error of a spec that does not load (by default, an error that repeats is counted after the first 10).")
    var verbose = false

    @Option(
        name: .long,
        help:
            "Output: text (a line per fixture and a summary), json (one object per line per fixture), junit (JUnit XML, a test suite per group), sarif (SARIF 2.1.0) or github (GitHub Actions annotations)."
    )
    var format: CaseReportFormat = .text

    @Option(name: .long, help: outputOptionHelp)
    var output: String?

    @Option(name: .long, help: Shard.help, transform: Shard.parse)
    var shard: Shard?

    @OptionGroup var terminal: TerminalOptions

    @OptionGroup(title: "Coverage")
    var coverage: CoverageOptions

    func validate() throws {
        if directory == nil && !manifestSchema { throw ValidationError("give the corpus folder or its manifest file") }
        if output != nil && format == .text {
            throw ValidationError(
                "--output writes a report in --format json, junit, sarif or github while standard output shows the text report; for a text file, redirect standard output"
            )
        }
    }

    func run() throws {
        terminal.apply()
        guard let directory, !manifestSchema else {
            StandardStreams.output(ManifestSchema.text + "\n")
            return
        }
        var runner: CorpusRunner
        do {
            // A report written into the corpus folder is not a fixture of the next run.
            runner = try CorpusRunner(path: directory, excluding: [output, coverage.output].compactMap { $0 })
        } catch {
            var report = LoadErrorReport(verbose: true)
            report.print(error.errors)
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
        // Fixture names are relative to the corpus folder, also when the manifest file was named.
        let reporter = CorpusReporting(format: format, root: runner.root)
        var currentGroup = ""
        // One report for the run: groups sharing a spec that does not load print its errors once.
        var loadErrors = LoadErrorReport(verbose: verbose)
        var options = SchemaOptions()
        options.resolver.advice = .commandLine(mapsURLs: false, allowsReferenceRoots: true)
        for root in allowRefRoot { options.resolver.allowFileReferences(under: root) }
        let progress = ProgressMeter.start(noun: "fixture", quiet: quiet)
        defer { progress?.finish() }
        let recorder = coverage.isRequested ? CoverageRecorder(root: runner.root) : nil
        let summary = runner.run(options: options, coverage: recorder) { event in
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
            case .missingFixture(let location, let fixture, let nearest):
                let hint = nearest.map { "; did you mean \(JSONWriter.quoted($0))?" } ?? ""
                if text {
                    out.line(
                        "\(style.red("FAIL")) \(JSONWriter.singleLine("\(location): listed fixture \(JSONWriter.quoted(fixture)) does not exist\(hint)"))"
                    )
                }
                reporter.emit(reporter.missingFixture(location, group: currentGroup), &out, &sink, text: text)
            case .fixture(let result):
                progress?.advance()
                reporter.emit(reporter.fixture(result, group: currentGroup), &out, &sink, text: text)
                guard text else { return }
                let name = JSONWriter.singleLine(result.name)
                if let failure = result.failure {
                    out.line("\(style.red("FAIL")) \(name): \(JSONWriter.singleLine(failure))")
                    for e in result.errors {
                        out.line(
                            JSONWriter.singleLine(
                                "       \(e.instanceLocation.isEmpty ? "(root)" : e.instanceLocation): \(e.message) (\(e.source))")
                                + Diagnostic.instanceSuffix(e, style) + Diagnostic.snippets(e, style))
                    }
                    for e in result.warnings {
                        out.line(JSONWriter.singleLine("       warning: \(e.instanceLocation): \(e.message) (\(e.source))"))
                    }
                } else if !quiet {
                    out.line("\(style.green("ok  ")) \(name) \(style.dim(JSONWriter.singleLine(result.expectation.description)))")
                }
                // What could not be checked is said even with --quiet: it is not a pass.
                let lead = result.failure == nil && quiet ? "\(name): " : "       "
                for e in result.unchecked {
                    out.line(lead + JSONWriter.singleLine("not checked: \(e.instanceLocation): \(e.message) (\(e.source))"))
                }
            case .uncovered(let fixture):
                if text { out.line("\(style.red("FAIL")) \(JSONWriter.singleLine(fixture)): not covered by any group of the manifest") }
                reporter.emit(reporter.uncovered(fixture), &out, &sink, text: text)
            }
        }
        progress?.finish()
        if text { out.line("corpus: \(grouped(summary.passed)) passed, \(grouped(summary.failed)) failed") }
        try sink.finish(package: "spec-check.corpus", &out)
        out.flush()
        let reachesMinimum = try recorder.map { try coverage.emit($0.report()) } ?? true
        if summary.hadLoadError { throw Exit.unreadable }
        if summary.passed + summary.failed == 0 && !allowEmpty && shard == nil {
            printError(
                "error: the corpus \(directory) has no fixtures (instance files and .har files below its folder); --allow-empty accepts an empty corpus"
            )
            throw Exit.unreadable
        }
        if summary.failed > 0 || !reachesMinimum { throw Exit.invalid }
    }
}
