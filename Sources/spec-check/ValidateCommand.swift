import ArgumentParser
import ContractCorpus
import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource

/// `spec-check validate`: validates instance files against a schema, a request or a response.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate JSON/YAML instance files against a schema, an operation's request or response.",
        discussion: """
            PATH: files or directories (every .json, .yaml, .yml, .jsonl, .ndjson below, sorted), or - for one \
            instance read from standard input (JSON when it starts with { or [, else YAML; --stdin-name NAME.json \
            or NAME.yaml decides instead). A .jsonl/.ndjson file holds one instance per line, reported as FILE:LINE. \
            A path that cannot be read is reported as its own result, and the others are still validated (exit 2 \
            at the end). No instance at all is an error (exit 2) unless --allow-empty.
            """)

    @Option(name: .long, help: ArgumentHelp("The OpenAPI 3.0/3.1/3.2 document (YAML or JSON).", valueName: "FILE"))
    var spec: String?

    @Option(
        name: .long,
        help: ArgumentHelp("An OpenAPI Overlay applied to the spec before compiling (repeatable, in order).", valueName: "FILE"))
    var overlay: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Validate against components/schemas/NAME (given as NAME or components/schemas/NAME), or the schema at a JSON pointer into the document (#/paths/~1videos/post/requestBody/content/application~1json/schema).",
            valueName: "NAME|#POINTER"))
    var schema: String?

    @Option(name: .customLong("schema-file"), help: ArgumentHelp("Validate against a standalone JSON Schema file.", valueName: "FILE"))
    var schemaFile: String?

    @Option(
        name: .long, help: ArgumentHelp("Validate request bodies of OPERATION (operationId or \"METHOD /path\").", valueName: "OPERATION"))
    var request: String?

    @Option(name: .long, help: ArgumentHelp("Validate response bodies of OPERATION (with --status).", valueName: "OPERATION"))
    var response: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The response of --response: a status code (the exact code's response, else its range's, else default), a range such as 2XX (that response itself) or default.",
            valueName: "CODE|NXX|default"))
    var status: String?

    @Option(name: .customLong("content-type"), help: "The media type of the bodies (default: application/json).")
    var contentType: String?

    @Option(
        name: .long,
        help:
            "Output: text (one line per error and a summary), json (one object per line per instance), flag (one object per instance with only \"valid\": the fastest), basic or detailed (JSON Schema 2020-12 output formats, one per line per instance), junit (JUnit XML), sarif (SARIF 2.1.0) or github (GitHub Actions annotations)."
    )
    var format: OutputFormat = .text

    @Option(name: .long, help: outputOptionHelp)
    var output: String?

    @Option(name: .long, help: Shard.help, transform: Shard.parse)
    var shard: Shard?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Dialect of --schema-file: 2020-12, 2019-09, draft7, draft6, draft4, oas3.0, oas3.1 (default: its $schema, else 2020-12).",
            valueName: "DIALECT"))
    var dialect: String?

    @Option(name: .long, help: "Formats: assert (default) or annotate.")
    var formats: FormatOption = .assert

    @Option(
        name: .long,
        help:
            "Discriminators: lenient (default: the oneOf/anyOf decides, the value picks the branch whose errors are shown) or strict (a missing or unmapped value is an error, the value's branch must match, allOf-style parents dispatch to the named child)."
    )
    var discriminator: DiscriminatorOption = .lenient

    @Option(
        name: .customLong("map-url"),
        help: ArgumentHelp(
            "Read $refs under URL PREFIX from DIR (repeatable). Nothing is fetched from the network.", valueName: "PREFIX=DIR"))
    var mapURL: [String] = []

    @Option(
        name: .customLong("max-instance-size"),
        help: ArgumentHelp(
            "The largest instance file read, in bytes or with K, M or G (default 512M; a .jsonl file counts as one). Larger files are errors, checked before reading.",
            valueName: "SIZE"))
    var maxInstanceSize: String?

    @Option(
        name: .customLong("allow-ref-root"),
        help: ArgumentHelp(
            "Let $refs read files below DIR too (repeatable). By default a file $ref must stay inside the folder of the document it starts from (symbolic links resolved).",
            valueName: "DIR"))
    var allowRefRoot: [String] = []

    @Option(
        name: .customLong("stdin-name"),
        help: ArgumentHelp(
            "The name standard input (the path -) is reported under (default <stdin>); ending in .json or .yaml, it also sets the syntax.",
            valueName: "NAME"))
    var stdinName: String?

    @Flag(
        name: .customLong("allow-empty"),
        help:
            "Succeed when the paths hold no instance at all (by default an error, exit 2: a glob or folder that matches nothing is usually a mistake)."
    )
    var allowEmpty = false

    @Flag(
        name: .long,
        help: "Print every error of a spec that does not load (by default, an error that repeats is counted after the first 10).")
    var verbose = false

    @Flag(name: .long, help: "No progress line (shown on a terminal when a run takes over 2 seconds).")
    var quiet = false

    @Flag(
        name: .customLong("no-annotations"),
        help:
            "With --format basic or detailed: leave out the annotations of valid instances (title, description, the properties evaluated, ...), which a second walk over the schema collects."
    )
    var noAnnotations = false

    @OptionGroup var terminal: TerminalOptions

    @Argument(help: ArgumentHelp("Instance files or directories, or - for one instance on standard input.", valueName: "PATH"))
    var paths: [String]

    func validate() throws {
        let selectors = [schema != nil, schemaFile != nil, request != nil, response != nil].filter { $0 }.count
        guard selectors == 1 else {
            throw ValidationError("choose exactly one of --schema, --schema-file, --request, --response")
        }
        if schemaFile == nil && spec == nil { throw ValidationError("--spec is required (except with --schema-file)") }
        if response != nil && status == nil { throw ValidationError("--response needs --status") }
        if status != nil && response == nil { throw ValidationError("--status goes with --response") }
        if schema?.isEmpty == true { throw ValidationError("--schema takes a components/schemas name or a #/pointer, not an empty string") }
        if schema == "#" {
            throw ValidationError(
                "--schema #: # is the document's root, not a Schema Object; name one under components/schemas or point into the document (#/components/schemas/X)"
            )
        }
        if spec?.isEmpty == true { throw ValidationError("--spec takes a file, not an empty string") }
        if schemaFile?.isEmpty == true { throw ValidationError("--schema-file takes a file, not an empty string") }
        if let dialect, Dialect(name: dialect) == nil {
            let near = NameSuggestion.nearest(to: dialect, among: Dialect.all.map(\.name)).map { "did you mean \($0)? " } ?? ""
            throw ValidationError("unknown --dialect \(dialect); \(near)expected one of \(Dialect.all.map(\.name).joined(separator: ", "))")
        }
        if !overlay.isEmpty && spec == nil { throw ValidationError("--overlay needs --spec") }
        for mapping in mapURL where !mapping.contains("=") { throw ValidationError("--map-url takes PREFIX=DIR, found \(mapping)") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read once only") }
        if stdinName != nil && !paths.contains("-") { throw ValidationError("--stdin-name names standard input: give - among the paths") }
        if output != nil && format == .text {
            throw ValidationError(
                "--output writes a report in --format json, flag, basic, detailed, junit, sarif or github while standard output shows the text report; for a text file, redirect standard output"
            )
        }
        if noAnnotations && format != .basic && format != .detailed {
            throw ValidationError("--no-annotations applies to --format basic and detailed, the formats that carry annotations")
        }
        if let maxInstanceSize, InstanceFiles.parseSize(maxInstanceSize) == nil {
            throw ValidationError(
                "--max-instance-size takes a positive number of bytes, optionally with K, M or G (e.g. 64M), found \(maxInstanceSize)")
        }
    }

    func run() throws {
        terminal.apply()
        var options = SchemaOptions(
            formats: formats == .assert ? .assert : .annotate,
            discriminator: discriminator == .strict ? .strict : .lenient)
        options.resolver.advice = .commandLine(mapsURLs: true, allowsReferenceRoots: true)
        for mapping in mapURL {
            let parts = mapping.split(separator: "=", maxSplits: 1).map(String.init)
            options.resolver.map(prefix: parts[0], toDirectory: parts[1])
        }
        for root in allowRefRoot { options.resolver.allowFileReferences(under: root) }
        let limits = LoadLimits(maxBytes: maxInstanceSize.flatMap(InstanceFiles.parseSize) ?? InstanceFiles.defaultMaxInstanceSize)
        let stdinName = self.stdinName ?? StandardInput.defaultName
        let (paths, shard) = (self.paths, self.shard)
        let work: @Sendable () -> [InstanceFiles.Batch] = {
            let expanded = InstanceFiles.expand(paths) { StandardInput.read(name: stdinName, limits: limits) }
            // A shard keeps the files whose path hashes to it; standard input and unreadable paths
            // (results of their own) are hashed by their name like files. A JSON Lines file is
            // split by line (`FILE:LINE`, the name of its results), so every shard reads it.
            guard let shard else { return InstanceFiles.batches(expanded, limits: limits) }
            let items = expanded.filter { item in
                switch item {
                case .file(let file): return InstanceFiles.isJSONLines(file.path) || shard.contains(file.path)
                case .input(let input): return shard.contains(input.name)
                }
            }
            return InstanceFiles.batches(items, limits: limits).map { batch in
                // A JSON Lines file that cannot be read is one result, named by the file.
                guard case .lines(let inputs) = batch else { return batch }
                return .lines(inputs.filter { shard.contains($0.name) })
            }
        }
        // Directories are listed and JSON Lines files read on another core while the spec loads
        // (standard input only once the spec has loaded: a spec that fails must not wait for it).
        let pending = paths.contains("-") ? nil : Pending(work)
        let target: ValidationTarget
        do {
            target = try resolveTarget(options: options)
        } catch let errors as SourceErrors {
            var report = LoadErrorReport(verbose: verbose)
            report.print(errors.errors)
            throw Exit.unreadable
        } catch var error as ContractError where error.kind == .undocumentedContentType {
            error.message += "; choose one with --content-type"
            printError(error)
            throw Exit.unreadable
        } catch var error as ContractError where error.kind == .undocumentedBody {
            error.message += "; leave out --content-type"
            printError(error)
            throw Exit.unreadable
        } catch {
            printError(error)
            throw Exit.unreadable
        }
        if schema == nil, let contentType, !OpenAPIDocument.isJSONMediaType(contentType) {
            // Files are values (JSON or YAML) whatever the media type: say so before a raw form
            // or stream reads as one YAML string.
            printError(
                "note: --content-type \(contentType): each file is read as the body's value in JSON or YAML (a form's fields as an"
                    + " object), not as raw text of that type; raw bodies are checked as exchanges (spec-check corpus, spec-check har)")
        }
        var sink = RunOutput(path: output, collected: format.collected)
        // With --output, standard output shows the text report; the file gets the format's.
        var report = Report(format: sink.textOnTerminal ? .text : format)
        let rendering = ValidateRendering(
            format: format, textOnTerminal: sink.textOnTerminal, style: report.style,
            suite: "validate: \(target.describe)")
        // The fast yes/no check, unless a person also reads the errors (--output).
        let fast = format == .flag && !sink.textOnTerminal
        let timed = format == .junit
        // Work on all cores; results come back in input order, so output is deterministic.
        // The closures are captured one by one: reading them out of the captured target copied it
        // for every instance, retaining its six shared references from every core.
        let (validate, isValid, validateAbsent) = (target.validate, target.isValid, target.validateAbsent)
        // basic and detailed carry a valid instance's annotations (JSON Schema 2020-12 core
        // §12.4), collected by a walk of their own after validation; a target checked through
        // its contract without one schema (and a streamed large array) reports errors only.
        let annotating = (format == .basic || format == .detailed) && !noAnnotations ? target.schema : nil
        let validateOne: @Sendable (JSONValue) throws -> ValidationResult
        if let annotating {
            validateOne = { annotating.validate($0, collectingAnnotations: true) }
        } else {
            validateOne = validate
        }
        // A whole file (or standard input) that holds nothing is no body, for a request or a response.
        let checkWhole: @Sendable (InstanceInput, Bool) -> (Outcome, RenderedCase) = { input, whole in
            let outcome: Outcome
            // Only JUnit reports times; other formats skip the clock.
            let started = timed ? Date() : nil
            switch input.value {
            case .failure(let error) where whole && error.code == "json.empty" && validateAbsent != nil:
                do {
                    let result = try validateAbsent!()
                    outcome = fast ? .flagged(name: input.name, valid: result.isValid) : .validated(name: input.name, result: result)
                } catch {
                    outcome = .failed(name: input.name, error: "\(error)", code: (error as? ContractError)?.code)
                }
            case .failure(let error): outcome = .unreadable(name: input.name, error: error)
            case .success(let value):
                do {
                    outcome =
                        fast
                        ? .flagged(name: input.name, valid: try isValid(value))
                        : .validated(name: input.name, result: try validateOne(value))
                } catch {
                    outcome = .failed(name: input.name, error: "\(error)", code: (error as? ContractError)?.code)
                }
            }
            let time = started.map { Date().timeIntervalSince($0) } ?? 0
            return (outcome, rendering.render(outcome, instance: try? input.value.get(), time: time))
        }
        let check: @Sendable (InstanceInput) -> (Outcome, RenderedCase) = { checkWhole($0, true) }
        // Paths and folders that cannot be read are results of their own (exit 2 at the end), in
        // their place among the others: never skipped, never hiding the other results.
        let progress = ProgressMeter.start(noun: "instance", quiet: quiet)
        defer { progress?.finish() }
        let batches = pending?.wait() ?? work()
        progress?.setTotal(batches.reduce(0) { $0 + $1.count })
        let streaming = StreamedInstance.plan(for: target)
        // Results are added (and printed) in input order while the rest is still being worked on.
        let add: ((Outcome, RenderedCase)) -> Void = { rendering.add($0.0, $0.1, to: &report, &sink) }
        for batch in batches {
            switch batch {
            case .files(let files):
                parallelForEach(count: files.count) { i in
                    defer { progress?.advance() }
                    let path = files[i].path
                    if let streamed = StreamedInstance.check(path, limits: limits, streaming: streaming, format: fast ? .flag : .json) {
                        return [(streamed, rendering.render(streamed, instance: nil, time: 0))]
                    }
                    return InstanceFiles.loadInstances(files[i], limits: limits).map(check)
                } inOrder: {
                    $0.forEach(add)
                }
            case .lines(let inputs):
                parallelForEach(count: inputs.count, chunkSize: 256) { i in
                    defer { progress?.advance() }
                    return check(inputs[i])
                } inOrder: {
                    add($0)
                }
            case .jsonLines(let path, let text, let chunks):
                // For the yes/no check of a schema, each line is read by the streaming walk
                // (``Schema/streamedVerdict(_:)``), which builds no tree; a line it cannot read is
                // parsed, for its error.
                let streamedFlag = fast ? target.schema : nil
                // Each chunk is parsed, validated and rendered on one core; its trees are freed
                // there, so that only the outcomes are kept.
                let including: (@Sendable (Int) -> Bool)? =
                    if let shard { { line in shard.contains("\(path):\(line)") } } else { nil }
                parallelForEach(count: chunks.count, chunkSize: 1) { i in
                    var results: [(Outcome, RenderedCase)] = []
                    results.reserveCapacity(chunks[i].entryCount)
                    // The chunk's own copy of the name: appending the shared `path` to every
                    // instance's name retained and released one string from every core.
                    let prefix = path + ":"
                    let screen: ((Int, JSONLinesText.LineStream) -> Bool)? = streamedFlag.map { schema in
                        { line, stream in
                            guard let valid = schema.streamedVerdict(stream) else { return false }
                            let outcome = Outcome.flagged(name: prefix + String(line), valid: valid)
                            results.append((outcome, rendering.render(outcome, instance: nil, time: 0)))
                            progress?.advance()
                            return true
                        }
                    }
                    text.parse(chunks[i], limits: limits, including: including, screen: screen) { entry in
                        results.append(checkWhole(InstanceInput(name: prefix + String(entry.line), value: entry.result), false))
                        progress?.advance()
                    }
                    // Lines of other shards count as done for the progress display.
                    for _ in results.count..<chunks[i].entryCount { progress?.advance() }
                    return results
                } inOrder: {
                    $0.forEach(add)
                }
            }
        }
        progress?.finish()
        report.finish()
        try sink.finish(package: "spec-check.validate", &report.output)
        // A HAR archive read as one instance is rarely what was meant: say which command reads it.
        for path in paths where path.lowercased().hasSuffix(".har") {
            printError(
                "note: \(path) is read as one JSON instance; `spec-check har --spec \(spec ?? "FILE") \(path)` checks the exchanges a HAR archive records"
            )
        }
        if report.validCount + report.invalidCount + report.unreadableCount + report.failedCount == 0 && !allowEmpty && shard == nil {
            printError(
                "error: no instances found in \(paths.joined(separator: ", ")) (instance files are .json, .yaml, .yml, .jsonl, .ndjson); --allow-empty accepts an empty input"
                    + (Self.holdsHAR(paths) ? "; the HAR archives there are checked with `spec-check har`" : "")
            )
            throw Exit.unreadable
        }
        if report.unreadableCount > 0 || report.failedCount > 0 { throw Exit.unreadable }
        if report.invalidCount > 0 { throw Exit.invalid }
    }

    /// The documents of this run, kept until the process exits: tearing down a large tree node by
    /// node is wasted work (`SpecCheck.main` ends with `exit`).
    nonisolated(unsafe) static var loaded: DocumentCache?

    /// Whether a folder among `paths` holds a `.har` file (the first 10,000 entries looked at).
    private static func holdsHAR(_ paths: [String]) -> Bool {
        for path in paths {
            guard let entries = FileManager.default.enumerator(atPath: path) else { continue }
            var seen = 0
            while let entry = entries.nextObject() as? String, seen < 10_000 {
                if entry.lowercased().hasSuffix(".har") { return true }
                seen += 1
            }
        }
        return false
    }

    private func resolveTarget(options: SchemaOptions) throws -> ValidationTarget {
        if let schemaFile {
            let explicit = dialect.flatMap(Dialect.init(name:))
            let compiled = try Schema.load(contentsOf: schemaFile, dialect: explicit, options: options)
            // The file loaded once already: reading it again cannot fail in a new way, and only a
            // file read as plain JSON Schema is searched for OpenAPI 3.0's `nullable`.
            if explicit.map({ $0.name != Dialect.openAPI30.name && $0.name != Dialect.openAPI31.name }) ?? true,
                let value = try? SourceLoader.load(contentsOf: schemaFile),
                let warning = DialectHint.nullableWarning(
                    value, dialect: explicit ?? value["$schema"]?.stringValue.flatMap(Dialect.init(metaSchemaURI:)) ?? .draft2020_12)
            {
                printError(warning)
            }
            return ValidationTarget(schema: compiled, describe: schemaFile)
        }
        // One target per run: only the references of the schemas it uses are resolved (and
        // reported); `inspect` checks the whole document.
        let cache = DocumentCache(options: options, compilation: .lazy) { printError($0.description) }
        // A schema named under components/schemas needs none of the operations.
        if let schema, ValidationTarget.componentSchemaName(schema) != nil { cache.schemaLookupsOnly = true }
        cache.readAhead = SpecReadAhead.tree(for:)
        Self.loaded = cache
        let document = try cache.document(spec!, overlays: overlay)
        if let schema { return try .schema(document, schema) }
        let mediaType = contentType ?? "application/json"
        if let request { return try .request(document, operation: request, contentType: mediaType) }
        return try .response(document, operation: response!, status: status!, contentType: mediaType)
    }
}

enum OutputFormat: String, ArgumentChoice, Sendable {
    /// One line per error and a summary.
    case text
    /// One JSON object per instance with every error.
    case json
    /// One JSON object per instance with only `valid` (the fastest check: no errors are built).
    case flag
    /// JSON Schema 2020-12 `basic` output, one line per instance.
    case basic
    /// JSON Schema 2020-12 `detailed` output, one line per instance.
    case detailed
    /// JUnit XML, one test case per instance.
    case junit
    /// SARIF 2.1.0, one result per error.
    case sarif
    /// GitHub Actions `::error` workflow commands, one per error.
    case github

    var collected: CollectedFormat? {
        switch self {
        case .junit: return .junit
        case .sarif: return .sarif
        default: return nil
        }
    }
}

enum FormatOption: String, ArgumentChoice {
    case assert, annotate
}

enum DiscriminatorOption: String, ArgumentChoice {
    case lenient, strict
}
