import SpecSource

/// An OpenAPI Overlay (1.0): an ordered list of actions that update or remove parts of a document
/// selected by JSONPath, applied before the document is compiled.
///
/// Values an overlay adds keep their own source locations, so a validation error caused by a
/// keyword the overlay added points into the overlay file.
public struct Overlay: Sendable {
    /// One action.
    public struct Action: Sendable {
        /// The JSONPath expression as written.
        public var target: String
        /// The action's description, if any.
        public var description: String?
        /// The value merged into each selected node.
        public var update: JSONValue?
        /// Whether selected nodes are removed.
        public var remove: Bool
        /// Where the action is written.
        public var location: SourceLocation
        let path: JSONPathSubset
    }

    /// The actions, in order.
    public var actions: [Action]
    /// The overlay's `info.title`.
    public var title: String

    /// Reads an overlay document.
    /// - Throws: ``SpecSource/SourceError`` for unreadable files, a wrong shape or an invalid target.
    public static func load(contentsOf path: String) throws(SourceError) -> Overlay {
        try Overlay(document: SourceLoader.load(contentsOf: path))
    }

    /// Interprets a parsed overlay document.
    /// - Throws: ``SpecSource/SourceError`` naming the offending position.
    public init(document: JSONValue) throws(SourceError) {
        func shape(_ message: String, _ at: SourceLocation) -> SourceError {
            SourceError(code: "overlay.invalid", message: message, location: at)
        }
        guard let root = document.objectValue else { throw shape("an overlay must be an object", document.location) }
        guard let version = root["overlay"]?.stringValue else {
            throw shape("not an overlay document: the \"overlay\" field (e.g. 1.0.0) is missing", document.location)
        }
        guard version.hasPrefix("1.") else {
            throw shape("unsupported overlay version \(version); expected 1.x", root["overlay"]!.location)
        }
        guard let info = root["info"]?.objectValue else { throw shape("the \"info\" object is missing", document.location) }
        title = info["title"]?.stringValue ?? ""
        guard let list = root["actions"]?.arrayValue else { throw shape("the \"actions\" array is missing", document.location) }
        var actions: [Action] = []
        for item in list {
            guard let action = item.objectValue else { throw shape("an action must be an object", item.location) }
            guard let targetValue = action["target"], let target = targetValue.stringValue else {
                throw shape("an action needs a string \"target\"", item.location)
            }
            let path: JSONPathSubset
            do {
                path = try JSONPathSubset(target)
            } catch {
                var at = targetValue.location
                at.column += UInt32(error.offset) + 1 // skip the opening quote or the first character
                throw SourceError(code: "overlay.invalid-target", message: "invalid target \(JSONWriter.quoted(target)): \(error.message)", location: at)
            }
            let remove = action["remove"]?.boolValue ?? false
            let update = action["update"]
            if update == nil && !remove {
                throw shape("an action needs \"update\" or \"remove: true\"", item.location)
            }
            actions.append(Action(target: target, description: action["description"]?.stringValue, update: update, remove: remove, location: item.location, path: path))
        }
        self.actions = actions
    }

    /// A warning about an action that selected nothing.
    public struct Warning: Sendable, CustomStringConvertible {
        /// Where the action is written.
        public var location: SourceLocation
        /// What happened.
        public var message: String
        public var description: String { "\(location): warning: \(message)" }
    }

    /// Applies every action in order, each to the result of the previous one.
    /// - Returns: The new document and a warning per action whose target selected nothing.
    public func apply(to document: JSONValue) -> (JSONValue, [Warning]) {
        var result = document
        var warnings: [Warning] = []
        for action in actions {
            let paths = action.path.select(in: result)
            if paths.isEmpty {
                warnings.append(Warning(location: action.location, message: "target \(JSONWriter.quoted(action.target)) selects nothing"))
                continue
            }
            if action.remove {
                // Remove deepest/last first so earlier indexes stay valid.
                for path in paths.reversed() { result = removing(path[...], from: result) }
            } else if let update = action.update {
                for path in paths { result = modifying(path[...], in: result) { merge(update, into: $0) } }
            }
        }
        return (result, warnings)
    }
}

/// Overlay `update` semantics: objects merge recursively, arrays append, anything else replaces.
func merge(_ update: JSONValue, into target: JSONValue) -> JSONValue {
    switch (target.kind, update.kind) {
    case (.object(var t), .object(let u)):
        for m in u {
            if let existing = t.member(m.key) {
                t.append(JSONObject.Member(key: m.key, keyLocation: existing.keyLocation, value: merge(m.value, into: existing.value)))
            } else {
                t.append(m)
            }
        }
        return JSONValue(.object(t), location: target.location)
    case (.array(let t), .array(let u)):
        return JSONValue(.array(t + u), location: target.location)
    case (.array(let t), _):
        return JSONValue(.array(t + [update]), location: target.location)
    default:
        return update
    }
}

/// `root` with the value at `path` transformed.
func modifying(_ path: ArraySlice<String>, in root: JSONValue, _ transform: (JSONValue) -> JSONValue) -> JSONValue {
    guard let head = path.first else { return transform(root) }
    var copy = root
    switch root.kind {
    case .object(var o):
        guard let child = o[head] else { return root }
        o[head] = modifying(path.dropFirst(), in: child, transform)
        copy.kind = .object(o)
    case .array(var a):
        guard let i = Int(head), i < a.count else { return root }
        a[i] = modifying(path.dropFirst(), in: a[i], transform)
        copy.kind = .array(a)
    default:
        return root
    }
    return copy
}

/// `root` without the value at `path`.
func removing(_ path: ArraySlice<String>, from root: JSONValue) -> JSONValue {
    guard let last = path.last else { return JSONValue(.null, location: root.location) }
    return modifying(path.dropLast(), in: root) { parent in
        var copy = parent
        switch parent.kind {
        case .object(var o):
            o[last] = nil
            copy.kind = .object(o)
        case .array(var a):
            if let i = Int(last), i < a.count { a.remove(at: i) }
            copy.kind = .array(a)
        default: break
        }
        return copy
    }
}
