import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource

/// Runs a fixture corpus: reads its manifest, finds its fixtures, checks each against its group's
/// target and expectation, and reports every step as a ``CorpusEvent``.
///
/// ```swift
/// let runner = try CorpusRunner(directory: "Corpus")
/// let summary = runner.run { event in
///     if case .fixture(let result) = event, let failure = result.failure { print(result.name, failure) }
/// }
/// print("\(summary.passed) passed, \(summary.failed) failed")
/// ```
///
/// Every fixture file (instance files: `.json`, `.yaml`, `.yml`, `.jsonl`, `.ndjson`; and `.har`
/// files) below the folder must be covered by a group; the specs, overlays and schema files the manifest names are
/// inputs, not fixtures, even inside the folder.
public struct CorpusRunner: Sendable {
    /// The manifest.
    public let manifest: CorpusManifest
    /// The fixture files, relative to the corpus folder, sorted.
    public let fixtures: [String]
    /// Folders of the corpus that could not be read: errors (the run does not succeed), never a
    /// silently smaller corpus.
    public let unreadableFolders: [SourceError]
    /// The corpus folder with a trailing `/` (the manifest's folder when the corpus was given as
    /// its manifest file): fixture names in reports are relative to it.
    public let root: String
    /// Which fixtures this run checks (one shard of a run split across jobs); all by default.
    /// Patterns are still matched against every fixture, so a listed fixture that belongs to
    /// another shard is neither missing nor uncovered here. The lines of a JSON Lines body
    /// fixture are asked one by one, as `FIXTURE:LINE`, and the entries of a HAR fixture as
    /// `FIXTURE#INDEX` (the names of their results).
    public var includes: @Sendable (String) -> Bool = { _ in true }
    /// Whether this run reports what concerns the manifest rather than a fixture (a listed fixture
    /// that does not exist, a pattern that matches nothing); one shard of a split run does, so
    /// that merged reports list each once.
    public var reportsManifestFindings = true

    /// Reads `directory/spec-check.yaml` and lists the fixtures.
    /// - Throws: ``SpecSource/SourceError`` when the manifest cannot be read or has a wrong shape
    ///   (the first problem; ``init(path:)`` throws them all).
    public init(directory: String) throws(SourceError) {
        do {
            try self.init(manifest: CorpusManifest(contentsOf: CorpusManifest.path(inDirectory: directory), directory: directory))
        } catch {
            throw error.errors.first ?? SourceError(code: "manifest.invalid", message: "the manifest cannot be read", location: .unknown)
        }
    }

    /// Reads a corpus given as its folder (holding `spec-check.yaml`) or as its manifest file
    /// (any name; the corpus is the manifest's folder), and lists the fixtures.
    /// - Throws: ``SpecSource/SourceErrors`` with every problem of the manifest, located; one error
    ///   at `path` itself when it does not exist (`file.not-found`: the folder is missing, rather
    ///   than a manifest in it) or cannot be examined.
    /// - Parameter outputs: Files this run writes (a report, a coverage report): never fixtures,
    ///   even when they lie in the corpus folder (a report kept from an earlier run would
    ///   otherwise be an uncovered fixture).
    public init(path: String, excluding outputs: [String] = []) throws(SourceErrors) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            let location = SourceLocation(file: SourceFileID.intern(path), line: 0, column: 0)
            if code == ENOENT || code == ENOTDIR {
                throw SourceErrors([SourceError(code: "file.not-found", message: "no such folder or manifest file", location: location)])
            }
            throw SourceErrors([SourceLoader.openError(code, path: path, location: location)])
        }
        if info.st_mode & S_IFMT != S_IFDIR {
            try self.init(manifest: CorpusManifest(contentsOf: path), excluding: outputs)
        } else {
            try self.init(manifest: CorpusManifest(contentsOf: CorpusManifest.path(inDirectory: path), directory: path), excluding: outputs)
        }
    }

    /// A runner over a manifest already read: lists the fixtures below its folder, except the
    /// files the run writes (`outputs`).
    public init(manifest: CorpusManifest, excluding outputs: [String] = []) {
        self.manifest = manifest
        let directory = manifest.directory
        root = directory.hasSuffix("/") ? directory : directory + "/"
        var inputs: Set<String> = [Self.canonical(manifest.path)]
        for output in outputs { inputs.insert(Self.canonical(output)) }
        for group in manifest.groups {
            for path in [group.spec].compactMap({ $0 }) + group.overlays { inputs.insert(Self.canonical(path)) }
            if case .schemaFile(let file) = group.target { inputs.insert(Self.canonical(file)) }
        }
        let root = self.root
        let walked = InstanceFiles.walk(directory) { InstanceFiles.isInstanceFile($0) || $0.hasSuffix(caseInsensitive: ".har") }
        unreadableFolders = walked.problems
        fixtures = walked.files
            .filter { InstanceFiles.isInstanceFile($0) || $0.hasSuffix(caseInsensitive: ".har") }
            .filter { !inputs.contains(Self.canonical($0)) }
            .map { String($0.dropFirst(root.count)) }
            .filter { $0 != CorpusManifest.fileName }
    }

    /// Runs every group in manifest order, then reports the fixtures no group covers.
    /// - Parameters:
    ///   - options: The schema options documents and schema files are loaded with.
    ///   - coverage: When given, records what each checked fixture exercised (after it was
    ///     validated; see ``CoverageRecorder``). Without it, nothing but validation runs.
    ///   - observe: Called for each event, in order, on the calling thread.
    /// - Returns: The counts, and whether a target or a fixture could not be checked.
    public func run(options: SchemaOptions = SchemaOptions(), coverage: CoverageRecorder? = nil, _ observe: (CorpusEvent) -> Void)
        -> CorpusSummary
    {
        var warnings: [Overlay.Warning] = []
        let cache = DocumentCache(options: options) { warnings.append($0) }
        var summary = CorpusSummary(hadLoadError: !unreadableFolders.isEmpty)
        var covered = Set<String>()
        func flushWarnings() {
            for warning in warnings { observe(.overlayWarning(warning)) }
            warnings.removeAll()
        }
        for group in manifest.groups {
            let target: GroupTarget
            do {
                target = try resolve(group, cache: cache, options: options)
                flushWarnings()
            } catch {
                flushWarnings()
                if let errors = error as? SourceErrors {
                    observe(.groupNotRun(group, errors: errors.errors))
                } else {
                    observe(.groupFailed(group, message: "\(error)"))
                }
                summary.hadLoadError = true
                // Its fixtures are not run, and not reported as uncovered either: the event says why.
                covered.formUnion(fixtures(of: group))
                continue
            }
            switch target {
            case .bodies(let bodyTarget):
                observe(.groupStarted(group, target: bodyTarget.describe))
                var record: ((JSONValue, Bool) -> Void)?
                if let coverage, let spec = group.spec, let document = try? cache.document(spec, overlays: group.overlays) {
                    record = { instance, valid in
                        coverage.recordBody(
                            instance, valid: valid, target: group.target, contentType: group.contentType,
                            spec: spec, overlays: group.overlays, document: document)
                    }
                }
                runBodies(group, against: bodyTarget, &summary, &covered, record: record, observe)
            case .exchanges(let exchangeTarget):
                observe(.groupStarted(group, target: exchangeTarget.describe))
                var record: ((RecordedExchange, OpenAPIContract.OpenAPIOperation?, Bool) -> Void)?
                if let coverage, let spec = group.spec {
                    record = { exchange, operation, valid in
                        coverage.recordExchange(
                            exchange, operation: operation, valid: valid, spec: spec, overlays: group.overlays,
                            document: exchangeTarget.document)
                    }
                }
                runExchanges(group, against: exchangeTarget, &summary, &covered, record: record, observe)
            }
        }
        for fixture in fixtures where !covered.contains(fixture) && includes(fixture) {
            summary.failed += 1
            observe(.uncovered(fixture))
        }
        return summary
    }

    /// The body fixtures of a group's `valid` and `invalid` entries.
    private func runBodies(
        _ group: CorpusManifest.Group, against target: ValidationTarget, _ summary: inout CorpusSummary,
        _ covered: inout Set<String>, record: ((JSONValue, Bool) -> Void)?, _ observe: (CorpusEvent) -> Void
    ) {
        var expectations: [(String, CorpusExpectation)] = []
        for pattern in group.valid {
            let matched = fixtures.filter { pattern.glob.matches($0) }
            if matched.isEmpty && reportsManifestFindings { observe(.patternMatchesNothing(pattern.location)) }
            expectations += matched.map { ($0, .valid) }
        }
        for entry in group.invalid {
            let matched = fixtures.filter { entry.glob.matches($0) }
            if matched.isEmpty && reportsManifestFindings {
                summary.failed += 1
                observe(.missingFixture(entry.location, fixture: entry.glob.pattern, nearest: nearestFixture(to: entry.glob)))
            }
            expectations += matched.map { ($0, entry.expectation) }
        }
        for (fixture, expectation) in expectations {
            covered.insert(fixture)
            // A JSON Lines fixture is sharded by line (`FIXTURE:LINE`), as `validate` shards one.
            let byLine = InstanceFiles.isJSONLines(fixture)
            guard byLine || includes(fixture) else { continue }
            for input in InstanceFiles.load(root + fixture) {
                if byLine && !includes(String(input.name.dropFirst(root.count))) { continue }
                let result = check(input, against: target, expectation)
                summary.count(result)
                observe(.fixture(result))
                if let record, !result.notChecked, case .success(let value) = input.value { record(value, expectation.valid) }
            }
        }
    }

    /// The fixtures a group's patterns match.
    public func fixtures(of group: CorpusManifest.Group) -> [String] {
        fixtures.filter { f in
            group.valid.contains { $0.glob.matches(f) } || group.invalid.contains { $0.glob.matches(f) }
                || group.exchanges.contains { $0.glob.matches(f) } || group.har.contains { $0.glob.matches(f) }
        }
    }

    /// The fixture a listed name that matches nothing most likely meant (a typo in the name), when
    /// one is close.
    func nearestFixture(to glob: Glob) -> String? {
        glob.isPattern ? nil : nearest(glob.pattern, among: fixtures)
    }

    /// An absolute, normalised path, for comparing paths written differently.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Checks one body instance.
    private func check(_ input: InstanceInput, against target: ValidationTarget, _ expectation: CorpusExpectation) -> FixtureResult {
        var result = FixtureResult(name: String(input.name.dropFirst(root.count)), expectation: expectation)
        switch input.value {
        case .failure(let error):
            result.failure = expectation.check(unreadable: error)
        case .success(let value):
            if expectation.unparseable {
                result.failure = expectation.check(errors: [])
                return result
            }
            do {
                let validated = try target.validate(value)
                result.errors = validated.errors
                result.failure = expectation.check(errors: validated.errors)
            } catch {
                result.failure = "cannot be checked: \(error)"
                result.notChecked = true
            }
        }
        return result
    }

    /// What a group checks its fixtures against.
    enum GroupTarget {
        case bodies(ValidationTarget)
        case exchanges(ExchangeTarget)
    }

    private func resolve(_ group: CorpusManifest.Group, cache: DocumentCache, options: SchemaOptions) throws -> GroupTarget {
        switch group.target {
        case .schemaFile(let file):
            return .bodies(ValidationTarget(schema: try Schema.load(contentsOf: file, options: options), describe: file))
        case .schema(let name):
            return .bodies(try .schema(try cache.document(group.spec!, overlays: group.overlays), name))
        case .request(let op):
            return .bodies(
                try .request(try cache.document(group.spec!, overlays: group.overlays), operation: op, contentType: group.contentType))
        case .response(let op, let status):
            return .bodies(
                try .response(
                    try cache.document(group.spec!, overlays: group.overlays), operation: op, status: status, contentType: group.contentType
                ))
        case .exchange(let operation, let basePath, let strict):
            let doc = try cache.document(group.spec!, overlays: group.overlays)
            // An unknown operation stops the group at once rather than failing every fixture.
            let describe =
                try operation.map { op throws(ContractError) in "exchanges of \(try doc.operation(op).displayName)" }
                ?? "exchanges, each request's operation found from its method and path"
            return .exchanges(
                ExchangeTarget(
                    document: doc, operation: operation, options: ExchangeOptions(strict: strict, basePath: basePath), describe: describe))
        }
    }
}

/// One step of a corpus run, in the order it happens.
public enum CorpusEvent: Sendable {
    /// An overlay action of a group's spec selected nothing.
    case overlayWarning(Overlay.Warning)
    /// A group's target does not load or compile (its fixtures are not run).
    case groupNotRun(CorpusManifest.Group, errors: [SourceError])
    /// A group's target could not be resolved for another reason (an unknown operation, a status
    /// that is not a code); its fixtures are not run.
    case groupFailed(CorpusManifest.Group, message: String)
    /// A group starts; `target` says what its fixtures are checked against.
    case groupStarted(CorpusManifest.Group, target: String)
    /// A `valid` pattern matches no fixture (a warning, not a failure).
    case patternMatchesNothing(SourceLocation)
    /// A fixture the manifest lists does not exist (a failure): where it is listed, the name (or
    /// glob) as written, and the existing fixture nearest to it, when one is close.
    case missingFixture(SourceLocation, fixture: String, nearest: String?)
    /// A fixture was checked.
    case fixture(FixtureResult)
    /// A fixture no group covers (a failure).
    case uncovered(String)
}

/// The outcome of checking one fixture: a body, one line of a JSON Lines file, an exchange
/// fixture, or one HAR entry (named `FILE#INDEX`).
public struct FixtureResult: Sendable {
    /// The fixture, relative to the corpus folder (`FILE:LINE` for JSON Lines).
    public var name: String
    /// What it had to produce.
    public var expectation: CorpusExpectation
    /// `nil` when it met the expectation, else what went wrong.
    public var failure: String?
    /// The errors found (empty when it could not be read or checked).
    public var errors: [SchemaViolation] = []
    /// The warnings found (exchanges only).
    public var warnings: [SchemaViolation] = []
    /// What could not be checked (exchanges only: a binary body or part, a body sent but not
    /// recorded, mutual TLS): neither an error nor a pass, listed so that no one reads it as checked.
    public var unchecked: [SchemaViolation] = []
    /// Whether checking failed without a verdict (a schema compiled on first use was broken).
    public var notChecked = false

    /// Whether it met the expectation.
    public var passed: Bool { failure == nil }

    /// Creates a result.
    public init(
        name: String, expectation: CorpusExpectation, failure: String? = nil, errors: [SchemaViolation] = [], notChecked: Bool = false
    ) {
        self.name = name
        self.expectation = expectation
        self.failure = failure
        self.errors = errors
        self.notChecked = notChecked
    }
}

/// The counts of a corpus run.
public struct CorpusSummary: Sendable, Equatable {
    /// Fixtures that met their expectation.
    public var passed = 0
    /// Fixtures that did not, fixtures listed but missing, and fixtures no group covers.
    public var failed = 0
    /// Whether a group's target or a fixture could not be checked at all (the CLI exits 2).
    public var hadLoadError = false

    /// Creates counts.
    public init(passed: Int = 0, failed: Int = 0, hadLoadError: Bool = false) {
        self.passed = passed
        self.failed = failed
        self.hadLoadError = hadLoadError
    }

    /// Whether every expectation held and everything could be checked.
    public var succeeded: Bool { failed == 0 && !hadLoadError }

    mutating func count(_ result: FixtureResult) {
        if result.passed { passed += 1 } else { failed += 1 }
        if result.notChecked { hadLoadError = true }
    }
}
