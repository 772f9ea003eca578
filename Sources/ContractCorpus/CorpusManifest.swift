import Foundation
import SpecSource

/// A corpus manifest (`spec-check.yaml`): which fixtures are checked against which target, and
/// what each must produce. See <doc:ManifestFormat> for the format.
public struct CorpusManifest: Sendable {
    /// Fixtures checked against one target.
    public struct Group: Sendable {
        /// The group's name, for reports (`group N` when the manifest gives none).
        public var name: String
        /// The OpenAPI document (a path, relative ones resolved against the manifest's folder);
        /// `nil` only for a `schema-file` target.
        public var spec: String?
        /// Overlays applied to ``spec`` in order.
        public var overlays: [String]
        /// What the fixtures are checked against.
        public var target: Target
        /// The media type of body fixtures (`content-type`, default `application/json`).
        public var contentType: String
        /// Globs of body fixtures that must be valid.
        public var valid: [Pattern]
        /// Body fixtures (or globs) that must be invalid, each with its expected error locations.
        public var invalid: [InvalidFixture]
        /// Globs of exchange fixtures (``ExchangeFixture``), each holding its own expectation
        /// (exchange groups only).
        public var exchanges: [Pattern] = []
        /// HAR files (or globs) with an expectation per entry (exchange groups only).
        public var har: [HARExpectations] = []
        /// Where the group is written.
        public var location: SourceLocation
    }

    /// A glob and where the manifest writes it.
    public struct Pattern: Sendable {
        /// The glob, relative to the manifest's folder.
        public var glob: Glob
        /// Where it is written.
        public var location: SourceLocation
    }

    /// An `invalid` entry: a fixture (or glob) and the locations its errors must have.
    public struct InvalidFixture: Sendable {
        /// The fixture path or glob, relative to the manifest's folder.
        public var glob: Glob
        /// The exact set of error `instanceLocation`s; empty accepts any errors.
        public var locations: Set<String>
        /// Whether the fixture must fail to parse (`unparseable`) instead.
        public var unparseable = false
        /// Where the entry's key is written.
        public var location: SourceLocation

        /// The fixture's expectation.
        public var expectation: CorpusExpectation { unparseable ? .unparseable : .invalid(at: locations) }
    }

    /// A `har` entry: HAR files (a path or glob) and what each of their entries must produce.
    public struct HARExpectations: Sendable {
        /// The file path or glob, relative to the manifest's folder.
        public var glob: Glob
        /// Entry index (from 0) → its expectation.
        public var entries: [Int: CorpusExpectation]
        /// The expectation of entries not listed (the `"*"` key); `nil` makes an unlisted entry a
        /// failure.
        public var otherEntries: CorpusExpectation?
        /// Where the entry's key is written.
        public var location: SourceLocation
    }

    /// What a group's fixtures are checked against.
    public enum Target: Sendable, Equatable {
        /// A schema under `components/schemas`, by name.
        case schema(String)
        /// A standalone JSON Schema file (path resolved against the manifest's folder).
        case schemaFile(String)
        /// The request body of an operation (`operationId` or `"METHOD /path"`).
        case request(String)
        /// The response body of an operation for a status code (as written).
        case response(String, status: String)
        /// Whole exchanges (exchange fixtures and HAR entries): the operation found from each
        /// request, or the one named (`operationId` or `"METHOD /path"`); `basePath` and `strict`
        /// as in ``OpenAPIContract/ExchangeOptions``.
        case exchange(operation: String?, basePath: String?, strict: Bool)
    }

    /// The groups, in manifest order.
    public var groups: [Group]
    /// The corpus folder, as given.
    public let directory: String

    /// The manifest's file name inside the corpus folder.
    public static let fileName = "spec-check.yaml"

    /// The manifest file.
    public let path: String

    /// Reads `directory/spec-check.yaml` (see ``init(contentsOf:)``).
    /// - Throws: ``SpecSource/SourceError``: the first of the errors ``init(contentsOf:)`` throws.
    public init(directory: String) throws(SourceError) {
        do {
            self = try CorpusManifest(contentsOf: Self.path(inDirectory: directory), directory: directory)
        } catch {
            throw error.errors.first ?? SourceError(code: "manifest.invalid", message: "the manifest cannot be read", location: .unknown)
        }
    }

    /// `directory/spec-check.yaml`.
    public static func path(inDirectory directory: String) -> String {
        directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
    }

    /// Reads the manifest at `path`, whatever its name; paths in it are relative to its folder.
    ///
    /// The manifest is first checked against ``ManifestSchema``: an unknown or misspelt key, or a
    /// value of the wrong shape, is an error at its line and column, each one reported.
    /// - Parameter directory: The corpus folder as reports name it; by default the manifest's.
    /// - Throws: ``SpecSource/SourceErrors`` (code `manifest.invalid`, or the reading error of an
    ///   unreadable file), located.
    public init(contentsOf path: String, directory: String? = nil) throws(SourceErrors) {
        let folder = directory ?? Self.folder(of: path)
        let root: JSONValue
        do {
            root = try SourceLoader.load(contentsOf: path)
        } catch {
            throw SourceErrors([error])
        }
        let shape = ManifestSchema.check(root)
        if !shape.isEmpty { throw SourceErrors(shape) }
        do {
            groups = try Self.groups(of: root, reader: ManifestReader(directory: folder))
        } catch {
            throw SourceErrors([error])
        }
        self.directory = folder
        self.path = path
    }

    /// The folder of a file path (`.` for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func groups(of root: JSONValue, reader: ManifestReader) throws(SourceError) -> [Group] {
        guard let object = root.objectValue else { throw reader.bad("a corpus manifest must be a mapping", root.location) }
        let defaultSpec = object["spec"]?.stringValue.map(reader.relative)
        let defaultOverlays = try reader.strings(object["overlays"], "overlays").map(reader.relative)
        guard let groupList = object["groups"]?.arrayValue, !groupList.isEmpty else {
            throw reader.bad("the manifest needs a non-empty \"groups\" list", root.location)
        }
        var groups: [Group] = []
        for (index, item) in groupList.enumerated() {
            guard let g = item.objectValue else { throw reader.bad("a group must be a mapping", item.location) }
            guard let t = g["target"]?.objectValue else { throw reader.bad("group \(index + 1) needs a \"target\" mapping", item.location) }
            let selectors = ["schema", "schema-file", "request", "response", "exchange"].filter { t[$0] != nil }
            if selectors.count > 1 {
                throw reader.bad(
                    "a target names one thing to check against, found \(selectors.joined(separator: " and "))", g["target"]!.location)
            }
            let target: Target
            if let name = t["schema"]?.stringValue {
                target = .schema(name)
            } else if let file = t["schema-file"]?.stringValue {
                target = .schemaFile(reader.relative(file))
            } else if let op = t["request"]?.stringValue {
                target = .request(op)
            } else if let op = t["response"]?.stringValue {
                guard let status = t["status"].flatMap({ $0.stringValue ?? $0.numberValue?.description }) else {
                    throw reader.bad("a response target needs \"status\"", g["target"]!.location)
                }
                target = .response(op, status: status)
            } else if let exchange = t["exchange"] {
                target = try reader.exchangeTarget(exchange, in: g["target"]!)
            } else {
                throw reader.bad("target must have one of schema, schema-file, request, response, exchange", g["target"]!.location)
            }
            var valid: [Pattern] = []
            if let v = g["valid"] {
                for s in try reader.strings(v, "valid") { valid.append(Pattern(glob: Glob(s), location: v.location)) }
            }
            var invalid: [InvalidFixture] = []
            if let inv = g["invalid"] {
                guard let map = inv.objectValue else {
                    throw reader.bad("invalid must map fixture files to lists of instance locations", inv.location)
                }
                for m in map {
                    if m.value.stringValue == "unparseable" {
                        invalid.append(InvalidFixture(glob: Glob(m.key), locations: [], unparseable: true, location: m.keyLocation))
                    } else if m.value.stringValue == "invalid" {
                        // Errors anywhere (no locations): the explicit spelling; an empty list is refused.
                        invalid.append(InvalidFixture(glob: Glob(m.key), locations: [], location: m.keyLocation))
                    } else {
                        invalid.append(
                            InvalidFixture(
                                glob: Glob(m.key), locations: Set(try reader.strings(m.value, "the expected instance locations")),
                                location: m.keyLocation))
                    }
                }
            }
            var exchanges: [Pattern] = []
            var har: [HARExpectations] = []
            if case .exchange = target {
                if let key = ["valid", "invalid", "content-type"].first(where: { g[$0] != nil }) {
                    throw reader.bad(
                        "an exchange group lists its fixtures under \"exchanges\" and \"har\", not \"\(key)\"", g.member(key)!.keyLocation)
                }
                if let e = g["exchanges"] {
                    for s in try reader.strings(e, "exchanges") { exchanges.append(Pattern(glob: Glob(s), location: e.location)) }
                }
                if let h = g["har"] { har = try reader.harExpectations(h) }
            } else if let key = ["exchanges", "har"].first(where: { g[$0] != nil }) {
                throw reader.bad("\"\(key)\" needs an exchange target (target: {exchange: true})", g.member(key)!.keyLocation)
            }
            let spec = g["spec"]?.stringValue.map(reader.relative) ?? defaultSpec
            if spec == nil, case .schemaFile = target {
            } else if spec == nil {
                throw reader.bad("group \(index + 1) needs a spec (top-level or in the group)", item.location)
            }
            groups.append(
                Group(
                    name: g["name"]?.stringValue ?? "group \(index + 1)", spec: spec,
                    overlays: g["overlays"] != nil ? try reader.strings(g["overlays"], "overlays").map(reader.relative) : defaultOverlays,
                    target: target, contentType: g["content-type"]?.stringValue ?? "application/json",
                    valid: valid, invalid: invalid, exchanges: exchanges, har: har, location: item.location))
        }
        return groups
    }
}

/// Shared helpers for reading the manifest's values.
struct ManifestReader {
    let directory: String

    func bad(_ message: String, _ at: SourceLocation) -> SourceError {
        SourceError(code: "manifest.invalid", message: message, location: at)
    }

    /// `p` resolved against the manifest's folder (absolute paths stay).
    func relative(_ p: String) -> String { p.hasPrefix("/") ? p : (directory as NSString).appendingPathComponent(p) }

    /// `exchange: true` (the operation found from each request) or `exchange: OPERATION`, with the
    /// optional `base-path` and `strict` beside it.
    func exchangeTarget(_ value: JSONValue, in target: JSONValue) throws(SourceError) -> CorpusManifest.Target {
        let operation: String?
        switch value.kind {
        case .bool(true): operation = nil
        case .string(let s): operation = s
        default: throw bad("exchange must be true (find each request's operation) or an operationId or \"METHOD /path\"", value.location)
        }
        if let b = target["base-path"], b.stringValue == nil { throw bad("base-path must be a string", b.location) }
        if let s = target["strict"], s.boolValue == nil { throw bad("strict must be true or false", s.location) }
        return .exchange(operation: operation, basePath: target["base-path"]?.stringValue, strict: target["strict"]?.boolValue ?? false)
    }

    /// `har:` — a mapping from HAR files (or globs) to mappings from entry indexes (and `"*"`) to
    /// expectations.
    func harExpectations(_ value: JSONValue) throws(SourceError) -> [CorpusManifest.HARExpectations] {
        guard let files = value.objectValue else { throw bad("har must map HAR files to their entries' expectations", value.location) }
        var result: [CorpusManifest.HARExpectations] = []
        for file in files {
            guard let entries = file.value.objectValue else {
                throw bad(
                    "the entries of \(JSONWriter.quoted(file.key)) must map entry indexes (from 0) to expectations", file.value.location)
            }
            var expectations: [Int: CorpusExpectation] = [:]
            var other: CorpusExpectation?
            for entry in entries {
                if entry.key == "*" {
                    other = try CorpusExpectation(entry.value)
                } else if let index = Int(entry.key), index >= 0, String(index) == entry.key {
                    expectations[index] = try CorpusExpectation(entry.value)
                } else {
                    throw bad("\(JSONWriter.quoted(entry.key)) is not an entry index (0, 1, …) or \"*\"", entry.keyLocation)
                }
            }
            result.append(
                CorpusManifest.HARExpectations(glob: Glob(file.key), entries: expectations, otherEntries: other, location: file.keyLocation)
            )
        }
        return result
    }

    /// A string or a list of strings; `[]` when absent.
    func strings(_ value: JSONValue?, _ what: String) throws(SourceError) -> [String] {
        guard let value else { return [] }
        if let s = value.stringValue { return [s] }
        guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
            throw bad("\(what) must be a string or a list of strings", value.location)
        }
        return list.compactMap(\.stringValue)
    }
}
