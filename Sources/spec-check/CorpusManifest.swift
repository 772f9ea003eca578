import Foundation
import SpecSource

/// A corpus manifest (`spec-check.yaml`): which fixtures are checked against which target, and
/// what each must produce. See `Corpus/README.md` for the format.
struct CorpusManifest {
    struct Group {
        var name: String
        var spec: String?
        var overlays: [String]
        var target: Target
        var contentType: String
        /// Globs of fixtures that must be valid.
        var valid: [(Glob, SourceLocation)]
        /// Fixture (or glob) → the exact set of instance locations that must fail.
        var invalid: [(Glob, Set<String>, SourceLocation)]
        var location: SourceLocation
    }

    enum Target {
        case schema(String)
        case schemaFile(String)
        case request(String)
        case response(String, status: String)
    }

    var groups: [Group]
    let directory: String

    /// Reads `directory/spec-check.yaml`.
    /// - Throws: ``SpecSource/SourceError`` for unreadable files and wrong shapes, located.
    init(directory: String) throws(SourceError) {
        self.directory = directory
        let path = directory.hasSuffix("/") ? directory + "spec-check.yaml" : directory + "/spec-check.yaml"
        let root = try SourceLoader.load(contentsOf: path)
        func bad(_ message: String, _ at: SourceLocation) -> SourceError {
            SourceError(code: "manifest.invalid", message: message, location: at)
        }
        func relative(_ p: String) -> String { p.hasPrefix("/") ? p : (directory as NSString).appendingPathComponent(p) }
        func strings(_ value: JSONValue?, _ what: String) throws(SourceError) -> [String] {
            guard let value else { return [] }
            if let s = value.stringValue { return [s] }
            guard let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                throw bad("\(what) must be a string or a list of strings", value.location)
            }
            return list.compactMap(\.stringValue)
        }
        guard let object = root.objectValue else { throw bad("a corpus manifest must be a mapping", root.location) }
        let defaultSpec = object["spec"]?.stringValue.map(relative)
        let defaultOverlays = try strings(object["overlays"], "overlays").map(relative)
        guard let groupList = object["groups"]?.arrayValue, !groupList.isEmpty else {
            throw bad("the manifest needs a non-empty \"groups\" list", root.location)
        }
        var groups: [Group] = []
        for (index, item) in groupList.enumerated() {
            guard let g = item.objectValue else { throw bad("a group must be a mapping", item.location) }
            guard let t = g["target"]?.objectValue else { throw bad("group \(index + 1) needs a \"target\" mapping", item.location) }
            let target: Target
            if let name = t["schema"]?.stringValue {
                target = .schema(name)
            } else if let file = t["schema-file"]?.stringValue {
                target = .schemaFile(relative(file))
            } else if let op = t["request"]?.stringValue {
                target = .request(op)
            } else if let op = t["response"]?.stringValue {
                guard let status = t["status"].flatMap({ $0.stringValue ?? $0.numberValue?.description }) else {
                    throw bad("a response target needs \"status\"", g["target"]!.location)
                }
                target = .response(op, status: status)
            } else {
                throw bad("target must have one of schema, schema-file, request, response", g["target"]!.location)
            }
            var valid: [(Glob, SourceLocation)] = []
            if let v = g["valid"] {
                for s in try strings(v, "valid") { valid.append((Glob(s), v.location)) }
            }
            var invalid: [(Glob, Set<String>, SourceLocation)] = []
            if let inv = g["invalid"] {
                guard let map = inv.objectValue else { throw bad("invalid must map fixture files to lists of instance locations", inv.location) }
                for m in map {
                    invalid.append((Glob(m.key), Set(try strings(m.value, "the expected instance locations")), m.keyLocation))
                }
            }
            let spec = g["spec"]?.stringValue.map(relative) ?? defaultSpec
            if spec == nil, case .schemaFile = target {} else if spec == nil {
                throw bad("group \(index + 1) needs a spec (top-level or in the group)", item.location)
            }
            groups.append(Group(name: g["name"]?.stringValue ?? "group \(index + 1)", spec: spec,
                                overlays: g["overlays"] != nil ? try strings(g["overlays"], "overlays").map(relative) : defaultOverlays,
                                target: target, contentType: g["content-type"]?.stringValue ?? "application/json",
                                valid: valid, invalid: invalid, location: item.location))
        }
        self.groups = groups
    }
}
