import SpecSource

/// What a compiled schema says about the string values a property may have: the "tag" that tells
/// `oneOf`/`anyOf` branches apart (`type: {enum: [click]}`, `kind: {const: card}`).
///
/// Read from compiled keywords, so the dialect's rules are already applied (no `const` in OpenAPI
/// 3.0, `$ref` hiding its siblings before 2019-09, vocabularies switched off). Only conjunctive
/// paths are followed — the schema itself, `$ref` targets and `allOf` members intersect — and
/// `anyOf`/`oneOf` members unite. Anything else is ignored, so a result is always a superset of
/// the strings an instance valid against the schema can hold there: a string outside it proves the
/// schema fails (when the property is present), which is what makes skipping a branch sound.
enum TagAnalysis {
    /// A string compared by its UTF-8 bytes, as JSON equality (and so `enum`/`const`) compares
    /// strings; Swift's `String ==` would also equate canonically equivalent spellings.
    struct ExactString: Hashable, Comparable {
        let value: String

        init(_ value: String) { self.value = value }

        static func == (a: ExactString, b: ExactString) -> Bool {
            a.value.utf8.count == b.value.utf8.count && a.value.utf8.elementsEqual(b.value.utf8)
        }

        static func < (a: ExactString, b: ExactString) -> Bool { a.value.utf8.lexicographicallyPrecedes(b.value.utf8) }

        func hash(into hasher: inout Hasher) {
            var value = value
            value.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// Strings a value may be. `explicit` when an `enum` or `const` contributed (a real tag), as
    /// opposed to only a `type` that excludes strings (or a `false` schema), which leaves
    /// `strings` empty.
    struct Constraint: Equatable {
        var strings: Set<ExactString>
        var explicit: Bool

        /// Whether the string `value` may be the value.
        func allows(_ value: String) -> Bool { strings.contains(ExactString(value)) }

        func intersection(_ other: Constraint?) -> Constraint {
            guard let other else { return self }
            return Constraint(strings: strings.intersection(other.strings), explicit: explicit || other.explicit)
        }
    }

    /// How many schemas deep the analysis looks before giving up (giving up is always sound).
    private static let depthLimit = 24

    /// The string values property `name` may have in an object instance valid against `node`,
    /// or `nil` when nothing is known.
    static func property(_ name: String, of node: SchemaNode) -> Constraint? {
        var path: [ObjectIdentifier] = []
        return property(name, of: node, path: &path)
    }

    /// The string values an instance valid against `node` may be, or `nil` when nothing is known.
    static func value(of node: SchemaNode) -> Constraint? {
        var path: [ObjectIdentifier] = []
        return value(of: node, path: &path)
    }

    /// Every property of an object instance valid against `node` whose values an `enum`/`const`
    /// restricts, with the strings allowed.
    static func taggedProperties(of node: SchemaNode) -> [String: Constraint] {
        var names: [String] = []
        var path: [ObjectIdentifier] = []
        collectPropertyNames(of: node, into: &names, path: &path)
        var result: [String: Constraint] = [:]
        for name in names where result[name] == nil {
            if let c = property(name, of: node), c.explicit { result[name] = c }
        }
        return result
    }

    private static func property(_ name: String, of node: SchemaNode, path: inout [ObjectIdentifier]) -> Constraint? {
        if node.constant == false { return Constraint(strings: [], explicit: false) }
        guard node.constant == nil, enter(node, &path) else { return nil }
        defer { path.removeLast() }
        var result: Constraint?
        for keyword in node.keywords {
            let part: Constraint?
            switch keyword {
            case let k as PropertiesKeyword:
                part = k.names.index(of: name).flatMap { value(of: k.entries[$0].schema, path: &path) }
            case let k as ReferenceKeyword:
                part = property(name, of: k.target, path: &path)
            case let k as ParentReferenceKeyword:
                part = property(name, of: k.target, path: &path)
            case let k as AllOfKeyword:
                part = k.branches.reduce(nil as Constraint?) { acc, b in property(name, of: b.0, path: &path)?.intersection(acc) ?? acc }
            case let k as ChoiceKeyword:
                part = union(k.branches.map { property(name, of: $0.0, path: &path) })
            case let k as DiscriminatorKeyword:
                part = union(k.choice.branches.map { property(name, of: $0.0, path: &path) })
            default:
                part = nil
            }
            if let part { result = part.intersection(result) }
        }
        return result
    }

    private static func value(of node: SchemaNode, path: inout [ObjectIdentifier]) -> Constraint? {
        if node.constant == false { return Constraint(strings: [], explicit: false) }
        guard node.constant == nil, enter(node, &path) else { return nil }
        defer { path.removeLast() }
        var result: Constraint?
        for keyword in node.keywords {
            let part: Constraint?
            switch keyword {
            case let k as EnumKeyword:
                part = Constraint(strings: Set(k.values.compactMap { $0.stringValue.map(ExactString.init) }), explicit: true)
            case let k as ConstKeyword:
                part = Constraint(strings: Set([k.value.stringValue].compactMap { $0.map(ExactString.init) }), explicit: true)
            case let k as TypeKeyword:
                part = k.types.contains(.string) ? nil : Constraint(strings: [], explicit: false)
            case let k as ReferenceKeyword:
                part = value(of: k.target, path: &path)
            case let k as ParentReferenceKeyword:
                part = value(of: k.target, path: &path)
            case let k as AllOfKeyword:
                part = k.branches.reduce(nil as Constraint?) { acc, b in value(of: b.0, path: &path)?.intersection(acc) ?? acc }
            case let k as ChoiceKeyword:
                part = union(k.branches.map { value(of: $0.0, path: &path) })
            case let k as DiscriminatorKeyword:
                part = union(k.choice.branches.map { value(of: $0.0, path: &path) })
            default:
                part = nil
            }
            if let part { result = part.intersection(result) }
        }
        return result
    }

    /// Whether an object instance without property `name` fails `node` (a `required` on a
    /// conjunctive path, or every `anyOf`/`oneOf` member requiring it).
    static func requires(_ name: String, _ node: SchemaNode) -> Bool {
        var path: [ObjectIdentifier] = []
        return requires(name, node, path: &path)
    }

    private static func requires(_ name: String, _ node: SchemaNode, path: inout [ObjectIdentifier]) -> Bool {
        if node.constant == false { return true }
        guard node.constant == nil, enter(node, &path) else { return false }
        defer { path.removeLast() }
        for keyword in node.keywords {
            let required: Bool
            switch keyword {
            case let k as RequiredKeyword: required = k.names.contains(name)
            case let k as ReferenceKeyword: required = requires(name, k.target, path: &path)
            case let k as ParentReferenceKeyword: required = requires(name, k.target, path: &path)
            case let k as AllOfKeyword: required = k.branches.contains { requires(name, $0.0, path: &path) }
            case let k as ChoiceKeyword: required = k.branches.allSatisfy { requires(name, $0.0, path: &path) }
            case let k as DiscriminatorKeyword: required = k.choice.branches.allSatisfy { requires(name, $0.0, path: &path) }
            default: required = false
            }
            if required { return true }
        }
        return false
    }

    private static func collectPropertyNames(of node: SchemaNode, into names: inout [String], path: inout [ObjectIdentifier]) {
        guard node.constant == nil, enter(node, &path) else { return }
        defer { path.removeLast() }
        for keyword in node.keywords {
            switch keyword {
            case let k as PropertiesKeyword: names += k.names.names
            case let k as ReferenceKeyword: collectPropertyNames(of: k.target, into: &names, path: &path)
            case let k as ParentReferenceKeyword: collectPropertyNames(of: k.target, into: &names, path: &path)
            case let k as AllOfKeyword: for b in k.branches { collectPropertyNames(of: b.0, into: &names, path: &path) }
            default: break
            }
        }
    }

    /// The union of the members' constraints; `nil` when any member is unconstrained.
    private static func union(_ parts: [Constraint?]) -> Constraint? {
        var result = Constraint(strings: [], explicit: false)
        for part in parts {
            guard let part else { return nil }
            result.strings.formUnion(part.strings)
            result.explicit = result.explicit || part.explicit
        }
        return result
    }

    /// Steps into `node` unless it is already on the path (a `$ref` cycle) or the path is too deep.
    private static func enter(_ node: SchemaNode, _ path: inout [ObjectIdentifier]) -> Bool {
        let id = ObjectIdentifier(node)
        guard path.count < depthLimit, !path.contains(id) else { return false }
        path.append(id)
        return true
    }
}
