import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource

/// How many fixtures exercised something, valid and invalid fixtures counted apart.
///
/// A fixture is valid or invalid by its expectation in the manifest (an exchange fixture's
/// `expect`), not by the verdict, so a corpus that fails still reports what it meant to exercise.
public struct CoverageCounts: Sendable, Hashable {
    /// Fixtures expected to be valid.
    public var valid = 0
    /// Fixtures expected to be invalid.
    public var invalid = 0
    /// Creates counts.
    public init(valid: Int = 0, invalid: Int = 0) {
        self.valid = valid
        self.invalid = invalid
    }
    /// `valid + invalid`.
    public var total: Int { valid + invalid }

    mutating func add(valid isValid: Bool) {
        if isValid { valid += 1 } else { invalid += 1 }
    }
}

/// Collects what a corpus run exercised: the operations, documented statuses and media types its
/// fixtures reached, and the ``SchemaValidation/SchemaCoverageFact``s of each body.
///
/// It exists only when coverage is asked for (``CorpusRunner/run(options:coverage:_:)``): the
/// run without it does not walk any schema a second time. Each body is walked after it was
/// validated (``SchemaValidation/Schema/coverageFacts(of:)``); a fixture counts once per thing it
/// exercised, however often. Not thread-safe: use it from the run's thread.
public final class CoverageRecorder: @unchecked Sendable {
    struct Contract {
        let spec: String
        let overlays: [String]
        let document: OpenAPIDocument
        var operations: [String: CoverageCounts] = [:]
        var statuses: [String: [String: CoverageCounts]] = [:]
        var media: [String: [BodyKey: CoverageCounts]] = [:]
        var facts: [SchemaCoverageFact: CoverageCounts] = [:]
        var namedSchemas: Set<String> = []
    }

    /// Where a body is: `request` or `response STATUS`, and the documented media type.
    struct BodyKey: Hashable {
        let place: String
        let mediaType: String
    }

    var contracts: [String: Contract] = [:]
    var order: [String] = []
    /// The corpus folder, stripped from the front of spec paths in reports.
    let root: String

    /// Creates an empty recorder for the corpus at `root`.
    public init(root: String) {
        self.root = root.hasSuffix("/") ? root : root + "/"
    }

    private func key(_ spec: String, _ overlays: [String], _ document: OpenAPIDocument) -> String {
        let key = ([spec] + overlays).joined(separator: "\u{0}")
        if contracts[key] == nil {
            contracts[key] = Contract(spec: relative(spec), overlays: overlays.map(relative), document: document)
            order.append(key)
        }
        return key
    }

    private func relative(_ path: String) -> String {
        path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }

    /// Records one body fixture of a `request`, `response` or `schema` group.
    func recordBody(
        _ instance: JSONValue, valid: Bool, target: CorpusManifest.Target, contentType: String,
        spec: String, overlays: [String], document: OpenAPIDocument
    ) {
        // A standalone schema file is no part of the contract (and exchanges come through
        // recordExchange): nothing to count, and the contract is not listed for them.
        if case .schemaFile = target { return }
        if case .exchange = target { return }
        let k = key(spec, overlays, document)
        var facts: Set<SchemaCoverageFact> = []
        switch target {
        case .request(let name):
            guard let op = try? document.operation(name) else { return }
            contracts[k]!.operations[op.displayName, default: CoverageCounts()].add(valid: valid)
            guard let content = document.documentedContent(contentType, in: op.requestContent) else { return }
            contracts[k]!.media[op.displayName, default: [:]][
                BodyKey(place: "request", mediaType: content.mediaType), default: CoverageCounts()
            ].add(valid: valid)
            if let schema = try? document.schema(of: content, direction: .request) { facts = schema.coverageFacts(of: instance) }
        case .response(let name, let status):
            guard let op = try? document.operation(name) else { return }
            contracts[k]!.operations[op.displayName, default: CoverageCounts()].add(valid: valid)
            guard let code = Int(status), let response = document.documentedResponse(for: code, in: op) else { return }
            contracts[k]!.statuses[op.displayName, default: [:]][response.status, default: CoverageCounts()].add(valid: valid)
            guard let content = document.documentedContent(contentType, in: response.content) else { return }
            let place = BodyKey(place: "response \(response.status)", mediaType: content.mediaType)
            contracts[k]!.media[op.displayName, default: [:]][place, default: CoverageCounts()].add(valid: valid)
            if let schema = try? document.schema(of: content, direction: .response) { facts = schema.coverageFacts(of: instance) }
        case .schema(let name):
            contracts[k]!.namedSchemas.insert(name)
            if let schema = try? document.schema(named: name) { facts = schema.coverageFacts(of: instance) }
        case .schemaFile, .exchange:
            return
        }
        add(facts, valid: valid, to: k)
    }

    /// Records one exchange (an exchange fixture or a HAR entry) that was checked.
    func recordExchange(
        _ exchange: RecordedExchange, operation: OpenAPIContract.OpenAPIOperation?, valid: Bool, spec: String, overlays: [String],
        document: OpenAPIDocument
    ) {
        let k = key(spec, overlays, document)
        guard let op = operation else { return }
        contracts[k]!.operations[op.displayName, default: CoverageCounts()].add(valid: valid)
        var facts: Set<SchemaCoverageFact> = []
        if let body = exchange.request.body, let type = Self.contentType(exchange.request.headers),
            let content = document.documentedContent(type, in: op.requestContent)
        {
            contracts[k]!.media[op.displayName, default: [:]][
                BodyKey(place: "request", mediaType: content.mediaType), default: CoverageCounts()
            ].add(valid: valid)
            facts.formUnion(Self.facts(body, content, .request, document))
        }
        if let response = exchange.response, response.status != 0,
            let documented = document.documentedResponse(for: response.status, in: op)
        {
            contracts[k]!.statuses[op.displayName, default: [:]][documented.status, default: CoverageCounts()].add(valid: valid)
            if let body = response.body, let type = Self.contentType(response.headers),
                let content = document.documentedContent(type, in: documented.content)
            {
                let place = BodyKey(place: "response \(documented.status)", mediaType: content.mediaType)
                contracts[k]!.media[op.displayName, default: [:]][place, default: CoverageCounts()].add(valid: valid)
                facts.formUnion(Self.facts(body, content, .response, document))
            }
        }
        add(facts, valid: valid, to: k)
    }

    private func add(_ facts: Set<SchemaCoverageFact>, valid: Bool, to key: String) {
        for fact in facts { contracts[key]!.facts[fact, default: CoverageCounts()].add(valid: valid) }
    }

    private static func contentType(_ headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name.lowercased() == "content-type" }?.value
    }

    /// The facts of a JSON body (`application/json`, `…+json`); other media types are not walked.
    private static func facts(
        _ body: [UInt8], _ content: OpenAPIContract.OpenAPIOperation.Content, _ direction: ValidationDirection, _ document: OpenAPIDocument
    ) -> Set<SchemaCoverageFact> {
        guard isJSON(content.mediaType), let schema = try? document.schema(of: content, direction: direction),
            let value = try? SourceLoader.parse(body, format: .json)
        else { return [] }
        return schema.coverageFacts(of: value)
    }

    static func isJSON(_ mediaType: String) -> Bool {
        let type = mediaType.lowercased().split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return type == "application/json" || type.hasSuffix("+json") || type == "*/*" || type == "application/*"
    }
}
