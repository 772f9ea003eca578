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
    }

    /// The groups, in manifest order.
    public var groups: [Group]
    /// The corpus folder, as given.
    public let directory: String

    /// The manifest's file name inside the corpus folder.
    public static let fileName = "spec-check.yaml"

    /// Reads `directory/spec-check.yaml`.
    /// - Throws: ``SpecSource/SourceError`` for unreadable files and wrong shapes (code
    ///   `manifest.invalid`), located.
    public init(directory: String) throws(SourceError) {
        self.directory = directory
        let path = directory.hasSuffix("/") ? directory + Self.fileName : directory + "/" + Self.fileName
        let root = try SourceLoader.load(contentsOf: path)
        let reader = ManifestReader(directory: directory)
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
            } else {
                throw reader.bad("target must have one of schema, schema-file, request, response", g["target"]!.location)
            }
            var valid: [Pattern] = []
            if let v = g["valid"] {
                for s in try reader.strings(v, "valid") { valid.append(Pattern(glob: Glob(s), location: v.location)) }
            }
            var invalid: [InvalidFixture] = []
            if let inv = g["invalid"] {
                guard let map = inv.objectValue else { throw reader.bad("invalid must map fixture files to lists of instance locations", inv.location) }
                for m in map {
                    invalid.append(InvalidFixture(glob: Glob(m.key), locations: Set(try reader.strings(m.value, "the expected instance locations")), location: m.keyLocation))
                }
            }
            let spec = g["spec"]?.stringValue.map(reader.relative) ?? defaultSpec
            if spec == nil, case .schemaFile = target {} else if spec == nil {
                throw reader.bad("group \(index + 1) needs a spec (top-level or in the group)", item.location)
            }
            groups.append(Group(name: g["name"]?.stringValue ?? "group \(index + 1)", spec: spec,
                                overlays: g["overlays"] != nil ? try reader.strings(g["overlays"], "overlays").map(reader.relative) : defaultOverlays,
                                target: target, contentType: g["content-type"]?.stringValue ?? "application/json",
                                valid: valid, invalid: invalid, location: item.location))
        }
        self.groups = groups
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
