import JSONPath
import SchemaValidation
import SpecSource

/// An OpenAPI Overlay (1.0 or 1.1): an ordered list of actions that update, copy into or remove
/// parts of a document selected by RFC 9535 JSONPath expressions.
///
/// Teams rarely own the OpenAPI document they test against; overlays patch it without forking it.
/// Applied before compiling, each action works on the result of the previous one. Values an
/// overlay adds keep their own source locations, so a validation error caused by a keyword the
/// overlay added points into the overlay file. Overlays work on any YAML/JSON document, not only
/// OpenAPI ones.
///
/// ```swift
/// let overlay = try Overlay.load(contentsOf: "fixes.overlay.yaml")
/// let (patched, warnings) = try overlay.apply(to: document)
/// ```
public struct Overlay: Sendable {
    /// One action.
    public struct Action: Sendable {
        /// The JSONPath expression selecting the nodes the action applies to.
        public var target: JSONPath
        /// The action's description, if any.
        public var description: String?
        /// The value merged into each selected node (objects merge recursively, arrays append).
        public var update: JSONValue?
        /// Overlay 1.1: a JSONPath selecting one node whose value is merged into each target.
        public var copy: JSONPath?
        /// Whether selected nodes are removed (`update` is then ignored).
        public var remove: Bool
        /// Where the action is written.
        public var location: SourceLocation
        /// Where the action's `copy` is written.
        var copyLocation: SourceLocation
    }

    /// The `overlay` version (`1.0.0`, `1.1.0`).
    public var version: String
    /// The overlay's `info.title`.
    public var title: String
    /// The `extends` URI, if any (informative only: the document to apply to is chosen by the caller).
    public var extends: String?
    /// The actions, in order.
    public var actions: [Action]
    /// Notes about the overlay itself (targets accepted only leniently), reported with ``apply(to:)``.
    public var notes: [Warning] = []

    /// Reads an overlay document.
    /// - Throws: ``SpecSource/SourceError`` for unreadable files, documents that break the
    ///   Overlay schema, and invalid JSONPath targets, each at its file:line:column.
    public static func load(contentsOf path: String) throws(SourceError) -> Overlay {
        try Overlay(document: SourceLoader.load(contentsOf: path))
    }

    /// Interprets a parsed overlay document, checking it against the official Overlay schema of its
    /// version first.
    /// - Throws: ``SpecSource/SourceError`` naming the offending position.
    public init(document: JSONValue) throws(SourceError) {
        guard let root = document.objectValue else {
            throw SourceError(
                code: "overlay.invalid", message: "an overlay must be a mapping with overlay, info and actions, found \(document.typeName)",
                location: document.location)
        }
        guard let versionValue = root["overlay"], let version = versionValue.stringValue else {
            throw SourceError(
                code: "overlay.invalid", message: "not an overlay document: the \"overlay\" version field (e.g. 1.0.0) is missing",
                location: document.location)
        }
        let schema: Schema
        if version.hasPrefix("1.0.") {
            schema = OverlaySchemaCache.v1_0
        } else if version.hasPrefix("1.1.") {
            schema = OverlaySchemaCache.v1_1
        } else {
            throw SourceError(
                code: "overlay.unsupported-version",
                message: "unsupported overlay version \(JSONWriter.quoted(version)); expected 1.0.x or 1.1.x",
                location: versionValue.location)
        }
        let shape = schema.validate(document)
        if let first = shape.errors.first {
            let at = (try? JSONPointer(parsing: first.instanceLocation)).flatMap { $0.resolve(in: document) }?.location ?? document.location
            let where_ = first.instanceLocation.isEmpty ? "" : " at \(first.instanceLocation)"
            throw SourceError(
                code: "overlay.invalid", message: "not a valid Overlay \(version) document\(where_): \(first.message)", location: at)
        }
        self.version = version
        title = root["info"]?["title"]?.stringValue ?? ""
        extends = root["extends"]?.stringValue
        var actions: [Action] = []
        var notes: [Warning] = []
        for item in root["actions"]?.arrayValue ?? [] {
            let targetValue = item["target"]!
            let target = try Overlay.path(targetValue, field: "target", notes: &notes)
            var copy: JSONPath?
            if let copyValue = item["copy"] { copy = try Overlay.path(copyValue, field: "copy", notes: &notes) }
            actions.append(
                Action(
                    target: target, description: item["description"]?.stringValue, update: item["update"],
                    copy: copy, remove: item["remove"]?.boolValue ?? false, location: item.location,
                    copyLocation: item["copy"]?.location ?? item.location))
        }
        self.actions = actions
        self.notes = notes
    }

    private static func path(_ value: JSONValue, field: String, notes: inout [Warning]) throws(SourceError) -> JSONPath {
        let text = value.stringValue ?? ""
        do {
            return try JSONPath(text)
        } catch {
            // Real overlays (the Overlay specification's own examples among them) write member names
            // with dashes in dot notation, `$.x-oai-traits`, which RFC 9535 does not allow.
            if let rewritten = bracketingDashedNames(text), let path = try? JSONPath(rewritten) {
                notes.append(
                    Warning(
                        location: value.location,
                        message:
                            "\(field) \(JSONWriter.quoted(text)) is not RFC 9535 JSONPath (member names with \"-\" need brackets); read as \(JSONWriter.quoted(rewritten))"
                    ))
                return path
            }
            throw SourceError(
                code: "overlay.invalid-target",
                message: "invalid \(field) \(JSONWriter.quoted(text)) at character \(error.offset + 1): \(error.message)",
                location: value.location)
        }
    }

    /// Rewrites `.name-with-dashes` shorthands (outside string literals) as `['name-with-dashes']`,
    /// or returns `nil` when there is none.
    static func bracketingDashedNames(_ text: String) -> String? {
        let chars = Array(text)
        var out = ""
        var i = 0
        var quote: Character?
        var changed = false
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                out.append(c)
                if c == "\\", i + 1 < chars.count {
                    out.append(chars[i + 1])
                    i += 2
                    continue
                }
                if c == q { quote = nil }
                i += 1
                continue
            }
            if c == "'" || c == "\"" { quote = c }
            if c == ".", i + 1 < chars.count, chars[i + 1].isLetter || chars[i + 1] == "_" {
                let descendant = i > 0 && chars[i - 1] == "."
                var j = i + 1
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "-" { j += 1 }
                let name = String(chars[(i + 1)..<j])
                if name.contains("-") {
                    // `..name` becomes `..['name']`: the first dot was already written.
                    out += descendant ? ".['\(name)']" : "['\(name)']"
                    changed = true
                    i = j
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return changed ? out : nil
    }

    /// A note about an action that did nothing.
    public struct Warning: Sendable, CustomStringConvertible {
        /// Where the action is written.
        public var location: SourceLocation
        /// What happened.
        public var message: String
        /// A short, human-readable form of the value.
        public var description: String { "\(location): warning: \(message)" }
    }

    /// Applies every action in order, each to the result of the previous one.
    ///
    /// Each node an action's target selects is changed once, even when the nodelist lists it more
    /// than once (`$[1,1]`); `remove` takes every selected node out of the document as it was
    /// before the action (array elements by their original index).
    /// - Returns: The new document and a warning per action whose target selected nothing.
    /// - Throws: ``SpecSource/SourceError`` when a `copy` does not select exactly one node.
    public func apply(to document: JSONValue) throws(SourceError) -> (JSONValue, [Warning]) {
        var result = document
        var warnings = notes
        for (number, action) in actions.enumerated() {
            let name =
                "action \(number + 1) (\(action.description.map { JSONWriter.quoted($0) } ?? "target " + JSONWriter.quoted(action.target.expression)))"
            // A nodelist may name a node more than once (`$[1,1]`, `$[0,0:2]`, nested `$..a`
            // matches); the action applies to each selected node once.
            let targets = try Overlay.targets(action.target, in: result, action: name, at: action.location)
            if targets.count == 0 {
                warnings.append(Warning(location: action.location, message: "\(name) selects nothing"))
                continue
            }
            if action.remove {
                result = targets.removing(from: result)
                continue
            }
            var value = action.update
            if let copy = action.copy {
                // `$.a` and `$['a','a']` both select one node.
                let sources = try Overlay.targets(copy, in: result, action: name, at: action.copyLocation)
                guard sources.count == 1 else {
                    throw SourceError(
                        code: "overlay.invalid-copy",
                        message:
                            "\(name): copy \(JSONWriter.quoted(copy.expression)) must select exactly one node, it selects \(sources.count)",
                        location: action.copyLocation)
                }
                value = copy.values(in: result).first
            }
            guard let value else { continue }
            result = try targets.updating(result) { target throws(SourceError) in try merge(value, into: target) }
        }
        return (result, warnings)
    }

    /// The nodes `path` selects, or a located error when evaluating it exceeds the JSONPath node
    /// budget (``JSONPath/JSONPath/defaultNodeBudget``).
    private static func targets(_ path: JSONPath, in document: JSONValue, action: String, at location: SourceLocation) throws(SourceError)
        -> OverlayTargets
    {
        do {
            return try OverlayTargets(path, in: document)
        } catch {
            throw SourceError(code: "overlay.jsonpath-budget", message: "\(action): \(error)", location: location)
        }
    }
}

/// The official Overlay schemas, compiled once.
enum OverlaySchemaCache {
    static let v1_0 = compile(OverlaySchemas.v1_0)
    static let v1_1 = compile(OverlaySchemas.v1_1)

    private static func compile(_ text: String) -> Schema {
        // The schemas are part of this module; failing to compile them is a programming error.
        do {
            let value = try SourceLoader.parse(text, format: .yaml)
            return try Schema.compile(value, dialect: .draft2020_12, options: SchemaOptions(formats: .assert))
        } catch {
            preconditionFailure("embedded Overlay schema does not compile: \(error)")
        }
    }
}

/// Overlay `update`/`copy` semantics (Overlay 1.1 §Action Object): an object merges into an object
/// recursively, an array concatenates with an array, a primitive replaces a primitive; at the
/// target itself an array target takes a non-array value as one more entry. Any other combination
/// is incompatible and throws, naming the update value's position.
func merge(_ update: JSONValue, into target: JSONValue, atTarget: Bool = true) throws(SourceError) -> JSONValue {
    switch (target.kind, update.kind) {
    case (.object(var t), .object(let u)):
        for m in u {
            if let existing = t.member(m.key) {
                let merged = try merge(m.value, into: existing.value, atTarget: false)
                // A replaced value is the overlay's: its key points into the overlay file, so an
                // error about that keyword names the overlay. A merged container keeps the original key.
                let replaced: Bool
                switch merged.kind {
                case .object, .array: replaced = false
                default: replaced = true
                }
                t.append(JSONObject.Member(key: m.key, keyLocation: replaced ? m.keyLocation : existing.keyLocation, value: merged))
            } else {
                t.append(m)
            }
        }
        return JSONValue(.object(t), location: target.location)
    case (.array(let t), .array(let u)):
        return JSONValue(.array(t + u), location: target.location)
    case (.array(let t), _) where atTarget:
        return JSONValue(.array(t + [update]), location: target.location)
    case (.object, _), (.array, _), (_, .object), (_, .array):
        throw SourceError(
            code: "overlay.incompatible-update",
            message:
                "cannot merge \(update.typeName) into \(target.typeName): objects merge with objects, arrays with arrays, primitives replace primitives",
            location: update.location)
    default:
        return update
    }
}
