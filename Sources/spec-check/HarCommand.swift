import ArgumentParser
import ContractCorpus
import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource

/// `spec-check har`: checks every entry of HAR 1.2 files (recorded browser or proxy traffic)
/// against an OpenAPI contract: the request, and the response when the entry has one.
///
/// Reading HAR is ``ContractCorpus/HARArchive``, checking is
/// ``ContractCorpus/RecordedExchange/check(against:operation:options:)``; this command prints.
struct HarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "har",
        abstract: "Check every request and response recorded in HAR files against an OpenAPI contract.",
        discussion: """
            Each entry's request is checked (path, query, headers, cookies, credentials, content type, body), \
            then its response (status, headers, body) unless it has none (status 0). A query in the URL is \
            used as sent; queryString is read only when the URL has no query. Credential values are never printed, \
            nor the values of query parameters named like credentials (api_key, access_token, sig, password…).

            Only the API's traffic is checked: an entry whose origin (scheme, host, port) is none of the servers' \
            (their {variables} taking their enum values, or any value without one) is skipped, and so is a CORS \
            preflight (OPTIONS with Access-Control-Request-Method) to a path that documents no options operation. \
            An entry to a checked origin whose path is under none of its servers' base paths is skipped too (with \
            https://app.example.com/api/v1: the page at /, its scripts and icon, /api/v10); a server without a path \
            holds every path. \
            Skipped entries are counted in the summary, never fail a run, and are "skipped" in json, junit and sarif. \
            When the servers name no origin (no servers, or a relative URL such as /v1), every origin is checked. \
            --origin URL checks the origins given instead (a staging host; a URL's path is then the base path); \
            --base-path PATH replaces the base paths (--base-path / checks every path); --all-origins checks every entry.

            A file that cannot be read is reported as its own result and the other files are still checked (exit 2 \
            at the end); no entry at all, or only skipped ones, is an error (exit 2) unless --allow-empty.
            """)

    @Option(name: .long, help: ArgumentHelp("The OpenAPI 3.0/3.1/3.2 document (YAML or JSON).", valueName: "FILE"))
    var spec: String

    @Option(
        name: .long,
        help: ArgumentHelp("An OpenAPI Overlay applied to the spec before compiling (repeatable, in order).", valueName: "FILE"))
    var overlay: [String] = []

    @Option(
        name: .customLong("base-path"),
        help: ArgumentHelp(
            "The path the API is served under, instead of the servers' paths: removed before matching paths, and entries outside it are skipped (/ checks every path as written); it does not change which origins are checked.",
            valueName: "PATH"))
    var basePath: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Check the entries to this origin instead of the servers' origins (repeatable): https://staging.example.com, or a base URL such as https://staging.example.com/api/v1, whose path is then the base path of its entries (unless --base-path).",
            valueName: "URL"))
    var origin: [String] = []

    @Flag(
        name: .customLong("all-origins"),
        help:
            "Check every entry whatever its origin and path, matching paths only (by default an entry to an origin none of the servers has, or outside their base paths, is skipped); CORS preflights are still skipped."
    )
    var allOrigins = false

    @Flag(name: .long, help: "Report warnings (undocumented query parameters, a body without Content-Type) as errors.")
    var strict = false

    @Option(
        name: .long,
        help:
            "Output: text (one line per error or warning and a summary), json (one object per line per entry), junit (JUnit XML, a test suite per file), sarif (SARIF 2.1.0) or github (GitHub Actions annotations)."
    )
    var format: CaseReportFormat = .text

    @Flag(
        name: .customLong("allow-empty"),
        help: "Succeed when the files hold no entry at all, or only skipped ones (by default an error, exit 2).")
    var allowEmpty = false

    @Option(name: .long, help: outputOptionHelp)
    var output: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Check only part K of N of the entries (1 <= K <= N), split by a hash of FILE#INDEX: run N jobs with K = 1…N and merge their reports with merge-reports.",
            valueName: "K/N"), transform: Shard.parse)
    var shard: Shard?

    @Flag(
        name: .long,
        help: "Print every error of a spec that does not load (by default, an error that repeats is counted after the first 10).")
    var verbose = false

    @Flag(name: .long, help: "No progress line (shown on a terminal when a run takes over 2 seconds).")
    var quiet = false

    @OptionGroup var terminal: TerminalOptions

    @Argument(help: ArgumentHelp("HAR files.", valueName: "FILE.har"))
    var files: [String]

    func validate() throws {
        if allOrigins && !origin.isEmpty { throw ValidationError("--origin and --all-origins cannot be combined") }
        if let basePath, !basePath.hasPrefix("/") {
            throw ValidationError("--base-path must start with \"/\" (a path such as /\(basePath), or / to check paths as written)")
        }
        do { _ = try OriginScope(origins: origin) } catch { throw ValidationError("--origin: \(error)") }
        if output != nil && format == .text {
            throw ValidationError(
                "--output writes a report in --format json, junit, sarif or github while standard output shows the text report; for a text file, redirect standard output"
            )
        }
    }

    func run() throws {
        terminal.apply()
        let document: OpenAPIDocument
        var schemaOptions = SchemaOptions()
        schemaOptions.resolver.advice = .commandLine(mapsURLs: false, allowsReferenceRoots: false)
        let cache = DocumentCache(options: schemaOptions) { printError($0.description) }
        HarCommand.loaded = cache
        cache.readAhead = SpecReadAhead.tree(for:)
        do {
            document = try cache.document(spec, overlays: overlay)
        } catch {
            var report = LoadErrorReport(verbose: verbose)
            report.print(error.errors)
            throw Exit.unreadable
        }
        let options = ExchangeOptions(strict: strict, basePath: basePath)
        let scope =
            allOrigins
            ? OriginScope.all
            : origin.isEmpty
                ? OriginScope(servers: document, basePath: basePath)
                : try OriginScope(origins: origin, servers: document, basePath: basePath)
        var counts = HarCounts()
        var out = OutputBuffer()
        let style = Style.current
        var sink = RunOutput(path: output, collected: format.collected)
        let rendering = HarRendering(format: format, textOnTerminal: sink.textOnTerminal, style: style, document: document)
        // Only JUnit reports times; other formats skip the clock.
        let timed = format == .junit
        let progress = ProgressMeter.start(noun: "entry", plural: "entries", quiet: quiet)
        defer { progress?.finish() }
        var known = 0
        for (n, file) in files.enumerated() {
            let archive: HARArchive
            do {
                archive = try HARArchive(contentsOf: file)
            } catch {
                counts.unreadableFiles += 1
                let rendered = rendering.unreadableFile(file, error)
                rendering.add(rendered, &out, &sink)
                continue
            }
            counts.files += 1
            let entries = shard.map { shard in archive.entries.filter { shard.contains("\(file)#\($0.index)") } } ?? archive.entries
            known += entries.count
            if n == files.count - 1 { progress?.setTotal(known) }
            // Entries are checked on all cores; lines are written in file order as they finish.
            parallelForEach(
                count: entries.count, chunkSize: 16,
                { i -> (HarOutcome, RenderedCase) in
                    defer { progress?.advance() }
                    let started = timed ? Date() : nil
                    let evaluation = HarOutput.evaluate(entries[i], document: document, options: options, scope: scope)
                    let time = started.map { Date().timeIntervalSince($0) } ?? 0
                    return (evaluation.outcome, rendering.render(evaluation, entries[i], file: file, time: time))
                },
                inOrder: { outcome, text in
                    counts.add(outcome)
                    rendering.add(text, &out, &sink)
                })
        }
        progress?.finish()
        if format == .text || sink.textOnTerminal { out.line(counts.summary(style)) }
        try sink.finish(package: "spec-check.har", &out)
        out.flush()
        if counts.unreadableFiles + counts.unreadable + counts.notChecked > 0 { throw Exit.unreadable }
        if counts.valid + counts.invalid == 0 && !allowEmpty && shard == nil {
            if counts.skipped > 0 {
                printError("error: " + counts.everythingSkipped(scope: scope, origins: !origin.isEmpty, basePathGiven: basePath != nil))
            } else {
                printError(
                    "error: no entries found in \(files.joined(separator: ", ")) (log.entries is empty); --allow-empty accepts an empty input"
                )
            }
            throw Exit.unreadable
        }
        if counts.invalid > 0 { throw Exit.invalid }
    }

    /// The documents of this run, kept until the process exits (see `ValidateCommand.loaded`).
    nonisolated(unsafe) static var loaded: DocumentCache?
}

/// What happened to one entry.
enum HarOutcome: Sendable {
    case valid, invalid, unreadable, notChecked
    case skipped(HarSkip)
}

/// Why an entry was not checked: it is not traffic of the API.
enum HarSkip: Sendable {
    /// Its origin is none of the servers' (or the `--origin` values).
    case otherOrigin
    /// Its origin is checked but its path is under none of the base paths that apply to it
    /// (given: `/api/v1`); the page, its scripts and icons served beside the API.
    case outsideBasePath([String])
    /// A CORS preflight to a path that documents no `options` operation.
    case corsPreflight

    /// The reason as reports give it (`skipped` in JSON, JUnit's `<skipped message>`).
    var reason: String {
        switch self {
        case .otherOrigin: return "other origin"
        case .outsideBasePath: return "outside the servers' base path"
        case .corsPreflight: return "CORS preflight"
        }
    }
}

/// Entry and file counts for the summary and the exit status.
struct HarCounts {
    var files = 0
    var unreadableFiles = 0
    var valid = 0
    var invalid = 0
    var unreadable = 0
    var notChecked = 0
    var otherOrigins = 0
    var outsideBasePath = 0
    /// The distinct base paths the entries outside them missed, in order (4 kept: 3 are named).
    var basePaths: [String] = []
    var preflights = 0

    var skipped: Int { otherOrigins + outsideBasePath + preflights }

    mutating func add(_ outcome: HarOutcome) {
        switch outcome {
        case .valid: valid += 1
        case .invalid: invalid += 1
        case .unreadable: unreadable += 1
        case .notChecked: notChecked += 1
        case .skipped(.otherOrigin): otherOrigins += 1
        case .skipped(.outsideBasePath(let paths)):
            outsideBasePath += 1
            for path in paths where basePaths.count < 4 && !basePaths.contains(path) { basePaths.append(path) }
        case .skipped(.corsPreflight): preflights += 1
        }
    }

    /// `/api/v1` or `/v1, /v2, /v3, …`: the base paths missed, at most 3 named.
    var basePathList: String {
        basePaths.prefix(3).map { $0.isEmpty ? "/" : $0 }.joined(separator: ", ") + (basePaths.count > 3 ? ", …" : "")
    }

    /// `N entries to other origins, N entries outside the base path /v1, N CORS preflights` (the
    /// parts that are not 0).
    var skippedParts: String {
        var parts: [String] = []
        if otherOrigins > 0 { parts.append("\(counted(otherOrigins, "entry", "entries")) to other origins") }
        if outsideBasePath > 0 {
            parts.append(
                "\(counted(outsideBasePath, "entry", "entries")) outside the base path\(basePaths.count > 1 ? "s" : "") \(basePathList)")
        }
        if preflights > 0 { parts.append(counted(preflights, "CORS preflight")) }
        return parts.joined(separator: ", ")
    }

    /// The error of a run in which every entry was skipped: how many and why, and how to check them.
    /// `origins`: the origins are `--origin` values; `basePathGiven`: `--base-path` was given.
    func everythingSkipped(scope: OriginScope, origins: Bool, basePathGiven: Bool) -> String {
        var text = "every entry was skipped (\(skippedParts)), none was checked"
        if otherOrigins > 0 {
            let checked = scope.origins.prefix(5).joined(separator: ", ") + (scope.origins.count > 5 ? ", …" : "")
            text += "; the origins checked are \(origins ? "the --origin values" : "the servers'") (\(checked))"
            text += ": name the API's origin with --origin URL, or check every entry by path with --all-origins"
        }
        if outsideBasePath > 0 {
            let whose = basePathGiven ? "the --base-path value" : origins ? "the --origin URLs' or the servers'" : "the servers'"
            text +=
                "; the base path\(basePaths.count > 1 ? "s" : "") checked \(basePaths.count > 1 ? "are" : "is") \(whose) (\(basePathList))"
            text += ": give the path the API is served under with --base-path PATH (--base-path / checks paths as written)"
            text +=
                otherOrigins > 0
                ? "" : ", name the API's base URL with --origin URL, or check every entry by path with --all-origins"
        }
        return text + "; --allow-empty accepts a run that checks nothing"
    }

    /// `5 entries in 2 files: 3 valid, 2 invalid[, N unreadable][, N unreadable files][, N not checked][; skipped: …]`.
    func summary(_ style: Style) -> String {
        let total = valid + invalid + unreadable + notChecked + skipped
        let fileCount = files + unreadableFiles
        var text =
            "\(counted(total, "entry", "entries")) in \(counted(fileCount, "file")): \(style.green("\(grouped(valid)) valid")), "
            + (invalid > 0 ? style.red("\(grouped(invalid)) invalid") : "0 invalid")
        if unreadable > 0 { text += ", " + style.red("\(grouped(unreadable)) unreadable") }
        if unreadableFiles > 0 { text += ", " + style.red("\(counted(unreadableFiles, "unreadable file"))") }
        if notChecked > 0 { text += ", " + style.red("\(grouped(notChecked)) not checked") }
        if skipped > 0 { text += "; skipped: " + skippedParts }
        return text
    }
}

/// Checks entries, and renders them as text or JSON lines. Pure, so worker threads work in parallel.
enum HarOutput {
    /// What checking an entry gave: why it could not be read or checked, or its result.
    struct Evaluation: Sendable {
        enum Verdict: Sendable {
            case unreadable(SourceError)
            case notChecked(String)
            case checked(ExchangeResult)
            case skipped(HarSkip)
        }
        let entry: Int
        let method: String?
        /// Redacted for display.
        let url: String?
        let verdict: Verdict

        var outcome: HarOutcome {
            switch verdict {
            case .unreadable: return .unreadable
            case .notChecked: return .notChecked
            case .checked(let result): return result.isValid ? .valid : .invalid
            case .skipped(let why): return .skipped(why)
            }
        }
    }

    /// Checks one entry (no rendering), unless `scope` leaves its origin out or it is a CORS
    /// preflight no operation documents.
    static func evaluate(_ entry: HARArchive.Entry, document: OpenAPIDocument, options: ExchangeOptions, scope: OriginScope)
        -> Evaluation
    {
        var options = options
        // The origin and base path first: an entry out of scope is skipped even when it cannot be read.
        if let sent = (try? entry.exchange.get())?.request.url ?? entry.url {
            switch scope.decide(sent) {
            case .skip:
                return Evaluation(
                    entry: entry.index, method: entry.method, url: RecordedExchange.displayURL(sent, for: document),
                    verdict: .skipped(.otherOrigin))
            case .outsideBasePath(let basePaths):
                return Evaluation(
                    entry: entry.index, method: entry.method, url: RecordedExchange.displayURL(sent, for: document),
                    verdict: .skipped(.outsideBasePath(basePaths)))
            case .check(let basePath):
                if options.basePath == nil { options.basePath = basePath }
            }
        }
        let exchange: RecordedExchange
        switch entry.exchange {
        case .failure(let error):
            let url = entry.url.map { RecordedExchange.displayURL($0, for: document) }
            return Evaluation(entry: entry.index, method: entry.method, url: url, verdict: .unreadable(error))
        case .success(let e): exchange = e
        }
        let url = exchange.displayURL(for: document)
        let method = exchange.request.method
        do {
            let result = try exchange.check(against: document, options: options)
            // Browser machinery, unless the contract documents `options` for the path.
            if result.operation == nil, exchange.isCORSPreflight {
                return Evaluation(entry: entry.index, method: method, url: url, verdict: .skipped(.corsPreflight))
            }
            return Evaluation(entry: entry.index, method: method, url: url, verdict: .checked(result))
        } catch {
            return Evaluation(entry: entry.index, method: method, url: url, verdict: .notChecked(error.message))
        }
    }

    /// An evaluated entry as text or a JSON line (`format` is `text` or `json`); the HAR lines of
    /// snippets are shown with the credentials `document` and ``ContractCorpus/CredentialLikeName``
    /// name masked.
    static func render(_ evaluation: Evaluation, file: String, format: CaseReportFormat, style: Style, document: OpenAPIDocument?)
        -> String
    {
        let result: ExchangeResult
        switch evaluation.verdict {
        case .unreadable(let error):
            return unreadable(
                file: file, entry: evaluation.entry, method: evaluation.method, url: evaluation.url, error: error,
                format: format, style: style)
        case .notChecked(let message):
            let method = evaluation.method ?? ""
            let url = evaluation.url ?? ""
            if format == .json {
                return head(file, evaluation.entry, method, url, operation: nil)
                    + ",\"valid\":false,\"errors\":[],\"warnings\":[],\"checkError\":{\"error\":" + JSONWriter.quoted(message) + "}}"
            }
            let start = prefix(file, evaluation.entry, method, url, style)
            return "\(start): \(style.red("cannot be checked")): \(JSONWriter.singleLine(message))"
        case .skipped(let why):
            guard format == .json else { return "" }
            return head(file, evaluation.entry, evaluation.method, evaluation.url, operation: nil)
                + ",\"valid\":null,\"errors\":[],\"warnings\":[],\"skipped\":" + JSONWriter.quoted(why.reason) + "}"
        case .checked(let r): result = r
        }
        let method = evaluation.method ?? ""
        let url = evaluation.url ?? ""
        if format == .json {
            var line = head(file, evaluation.entry, method, url, operation: result.operation?.displayName)
            line += ",\"valid\":" + (result.isValid ? "true" : "false") + ",\"errors\":["
            line += result.errors.map(Report.json).joined(separator: ",")
            line += "],\"warnings\":["
            line += result.warnings.map(Report.json).joined(separator: ",")
            line += "],\"unchecked\":["
            line += result.unchecked.map(Report.json).joined(separator: ",")
            return line + "]}"
        }
        let start = prefix(file, evaluation.entry, method, url, style)
        func describe(_ e: SchemaViolation) -> String {
            "\(e.instanceLocation.isEmpty ? "(root)" : JSONWriter.singleLine(e.instanceLocation)): \(JSONWriter.singleLine(e.message)) \(style.dim("(\(JSONWriter.singleLine(e.source.description)))"))"
                + Diagnostic.instanceSuffix(e, style)
                + Diagnostic.snippets(e, style) { RecordedExchange.maskingCredentials(in: $0, for: document) }
        }
        let lines =
            result.errors.map { "\(start): \(describe($0))" } + result.warnings.map { "\(start): warning: \(describe($0))" }
            + result.unchecked.map { "\(start): \(style.dim("not checked:")) \(describe($0))" }
        return lines.joined(separator: "\n")
    }

    /// `FILE#N METHOD URL` (bold on a terminal), every part on one line.
    static func prefix(_ file: String, _ entry: Int, _ method: String, _ url: String, _ style: Style) -> String {
        style.bold(JSONWriter.singleLine("\(file)#\(entry)")) + " " + JSONWriter.singleLine("\(method) \(url)")
    }

    /// `{"file":…,"entry":N,"method":…,"url":…,"operation":…` (no closing brace).
    static func head(_ file: String, _ entry: Int?, _ method: String?, _ url: String?, operation: String?) -> String {
        func optional(_ s: String?) -> String { s.map(JSONWriter.quoted) ?? "null" }
        return "{\"file\":" + JSONWriter.quoted(file) + ",\"entry\":" + (entry.map(String.init) ?? "null")
            + ",\"method\":" + optional(method) + ",\"url\":" + optional(url) + ",\"operation\":" + optional(operation)
    }

    /// A file or entry that cannot be read: its error with file:line:column (`url` already redacted).
    static func unreadable(
        file: String, entry: Int?, method: String?, url: String?, error: SourceError, format: CaseReportFormat, style: Style
    )
        -> String
    {
        if format == .json {
            return head(file, entry, method, url, operation: nil)
                + ",\"valid\":false,\"errors\":[],\"warnings\":[],\"parseError\":{\"code\":" + JSONWriter.quoted(error.code)
                + ",\"error\":" + JSONWriter.quoted(error.message) + ",\"source\":" + JSONWriter.quoted(error.location.description) + "}}"
        }
        let name = style.bold(JSONWriter.singleLine(entry.map { "\(file)#\($0)" } ?? file))
        return "\(name): \(style.red("cannot be read")): \(JSONWriter.singleLine(error.description))"
    }
}
