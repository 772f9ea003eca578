import ArgumentParser
import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource

/// `spec-check corpus DIR`: runs a fixture corpus described by `DIR/spec-check.yaml`.
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

    func run() throws {
        let manifest: CorpusManifest
        do {
            manifest = try CorpusManifest(directory: directory)
        } catch {
            var report = LoadErrorReport(verbose: true)
            report.print([error])
            throw Exit.unreadable
        }
        let style = Style.current
        var out = OutputBuffer()
        let root = directory.hasSuffix("/") ? directory : directory + "/"
        // Specs, overlays and schema files the manifest names are inputs, not fixtures, even when
        // they live inside the corpus folder.
        var inputs = Set<String>()
        for group in manifest.groups {
            for path in [group.spec].compactMap({ $0 }) + group.overlays { inputs.insert(CorpusCommand.canonical(path)) }
            if case .schemaFile(let file) = group.target { inputs.insert(CorpusCommand.canonical(file)) }
        }
        let walked = InstanceFiles.walk(directory)
        // A folder of the corpus that cannot be read is an error, never a silently smaller corpus.
        for problem in walked.problems { printError("error: \(problem)") }
        let fixtures = walked.files
            .filter(InstanceFiles.isInstanceFile)
            .filter { !inputs.contains(CorpusCommand.canonical($0)) }
            .map { String($0.dropFirst(root.count)) }
            .filter { $0 != InstanceFiles.manifestName }
        var options = SchemaOptions()
        for root in allowRefRoot { options.resolver.allowFileReferences(under: root) }
        let cache = DocumentCache(options: options)
        var passed = 0
        var failed = 0
        var covered = Set<String>()
        var hadLoadError = !walked.problems.isEmpty
        // One report for the run: groups sharing a spec that does not load print its errors once.
        var loadErrors = LoadErrorReport(verbose: verbose)

        for group in manifest.groups {
            let target: ValidationTarget
            do {
                target = try resolve(group, cache: cache)
            } catch let errors as SourceErrors {
                if loadErrors.print(errors.errors) == 0 {
                    printError("error: \(group.location): group \"\(group.name)\" is not run: its target has the errors above")
                }
                hadLoadError = true
                // Its fixtures are not run, and not reported as uncovered either: the error says why.
                covered.formUnion(Self.fixtures(of: group, among: fixtures))
                continue
            } catch {
                printError("error: \(group.location): group \"\(group.name)\": \(error)")
                hadLoadError = true
                covered.formUnion(Self.fixtures(of: group, among: fixtures))
                continue
            }
            if !quiet { out.line(style.bold(JSONWriter.singleLine("\(group.name) (\(target.describe))"))) }
            var expectations: [(String, Set<String>?)] = []
            for (glob, location) in group.valid {
                let matched = fixtures.filter { glob.matches($0) }
                if matched.isEmpty { printError("warning: \(location): valid pattern matches no fixture") }
                expectations += matched.map { ($0, nil) }
            }
            for (glob, locations, location) in group.invalid {
                let matched = fixtures.filter { glob.matches($0) }
                if matched.isEmpty {
                    out.line("\(style.red("FAIL")) \(JSONWriter.singleLine(location.description)): listed fixture does not exist")
                    failed += 1
                }
                expectations += matched.map { ($0, locations) }
            }
            for (fixture, expectedFailures) in expectations {
                covered.insert(fixture)
                for input in InstanceFiles.load(root + fixture) {
                    let name = JSONWriter.singleLine(String(input.name.dropFirst(root.count)))
                    let outcome: String?
                    var details: [SchemaValidation.ValidationError] = []
                    switch input.value {
                    case .failure(let error):
                        outcome = "\(error.code.hasPrefix("file.") ? "cannot be read" : "cannot be parsed"): \(error)"
                        // A fixture that cannot be read leaves the corpus unchecked: exit 2.
                        if error.code.hasPrefix("file.") { hadLoadError = true }
                    case .success(let value):
                        do {
                            let result = try target.validate(value)
                            details = result.errors
                            outcome = Self.check(result, expectedFailures)
                        } catch {
                            outcome = "cannot be checked: \(error)"
                            hadLoadError = true
                        }
                    }
                    if let outcome {
                        failed += 1
                        out.line("\(style.red("FAIL")) \(name): \(JSONWriter.singleLine(outcome))")
                        for e in details {
                            out.line(JSONWriter.singleLine("       \(e.instanceLocation.isEmpty ? "(root)" : e.instanceLocation): \(e.message) (\(e.source))"))
                        }
                    } else {
                        passed += 1
                        if !quiet {
                            let what = expectedFailures == nil ? "valid" : "invalid at " + (expectedFailures!.sorted().map { $0.isEmpty ? "(root)" : $0 }.joined(separator: ", "))
                            out.line("\(style.green("ok  ")) \(name) \(style.dim(JSONWriter.singleLine(what)))")
                        }
                    }
                }
            }
        }
        for fixture in fixtures where !covered.contains(fixture) {
            failed += 1
            out.line("\(style.red("FAIL")) \(JSONWriter.singleLine(fixture)): not covered by any group of the manifest")
        }
        out.line("corpus: \(passed) passed, \(failed) failed")
        out.flush()
        if hadLoadError { throw Exit.unreadable }
        if failed > 0 { throw Exit.invalid }
    }

    /// The fixtures a group's `valid` and `invalid` patterns match.
    static func fixtures(of group: CorpusManifest.Group, among fixtures: [String]) -> [String] {
        fixtures.filter { f in group.valid.contains { $0.0.matches(f) } || group.invalid.contains { $0.0.matches(f) } }
    }

    /// An absolute, normalised path, for comparing paths written differently.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// `nil` when the result meets the expectation, else what went wrong.
    static func check(_ result: ValidationResult, _ expected: Set<String>?) -> String? {
        guard let expected else {
            return result.isValid ? nil : "expected valid, got \(result.errors.count) error\(result.errors.count == 1 ? "" : "s")"
        }
        if result.isValid { return "expected invalid, but it is valid" }
        let actual = Set(result.failingInstanceLocations)
        if expected.isEmpty || actual == expected { return nil }
        func list(_ s: Set<String>) -> String { s.sorted().map { $0.isEmpty ? "(root)" : $0 }.joined(separator: ", ") }
        return "expected failures at [\(list(expected))], got [\(list(actual))]"
    }

    private func resolve(_ group: CorpusManifest.Group, cache: DocumentCache) throws -> ValidationTarget {
        switch group.target {
        case .schemaFile(let file):
            return ValidationTarget(schema: try Schema.load(contentsOf: file, options: cache.options), describe: file)
        case .schema(let name):
            let doc = try cache.document(group.spec!, overlays: group.overlays)
            return ValidationTarget(schema: try doc.schema(named: name), describe: "schema \(name)")
        case .request(let op):
            return try .request(try cache.document(group.spec!, overlays: group.overlays), operation: op, contentType: group.contentType)
        case .response(let op, let status):
            return try .response(try cache.document(group.spec!, overlays: group.overlays), operation: op, status: status, contentType: group.contentType)
        }
    }
}
