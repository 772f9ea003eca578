import SpecSource

/// Nodes of every `$dynamicAnchor` (and 2019-09 `$recursiveAnchor`) in the graph as one
/// compilation round left it, keyed by `resourceURI#name`. Immutable: a later round that adds
/// anchors publishes a new table (see ``CompilationRound``).
final class DynamicAnchorTable: Sendable {
    let nodes: [String: SchemaNode]

    init(nodes: [String: SchemaNode]) { self.nodes = nodes }
}

/// `$dynamicRef` (2020-12): like `$ref`, except that when the initially resolved target declares a
/// `$dynamicAnchor` of the same name, the target is the outermost schema resource in the dynamic
/// scope that declares that anchor.
final class DynamicReferenceKeyword: Keyword, @unchecked Sendable {
    static let dynamicRef = KeywordDefinition("$dynamicRef", .draft2020, vocabulary: .core, compile: compile)
    static let recursiveRef = KeywordDefinition("$recursiveRef", .draft2019_09, vocabulary: .core, compile: recursive)

    let initial: SchemaNode
    /// The anchor name when the reference is dynamic ("bookended"), else `nil`.
    let anchor: String?
    let fragment: String

    init(initial: SchemaNode, anchor: String?, fragment: String) {
        self.initial = initial
        self.anchor = anchor
        self.fragment = fragment
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard let ref = value.stringValue else {
            c.invalid("$dynamicRef", value, "a string")
            return nil
        }
        guard let initial = c.resolve(ref, at: value.location) else { return nil }
        c.compiler.usesDynamicScope = true
        var anchor: String?
        let uri = c.base.resolving(ref)
        if let name = uri.fragment, !name.isEmpty, !name.hasPrefix("/"),
            let target = try? c.compiler.registry.locate(uri, defaultDialect: c.dialect),
            target.pointer.resolve(in: target.document.root)?["$dynamicAnchor"]?.stringValue == name
        {
            anchor = name
        }
        return DynamicReferenceKeyword(initial: initial, anchor: anchor, fragment: "/$dynamicRef")
    }

    /// `$recursiveRef` (2019-09): like `$ref`, except that when the target sets
    /// `$recursiveAnchor: true`, the target is the outermost resource in the dynamic scope that
    /// sets it too.
    static func recursive(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard let ref = value.stringValue else {
            c.invalid("$recursiveRef", value, "a string")
            return nil
        }
        guard let initial = c.resolve(ref, at: value.location) else { return nil }
        c.compiler.usesDynamicScope = true
        let uri = c.base.resolving(ref)
        var anchor: String?
        if let target = try? c.compiler.registry.locate(uri, defaultDialect: c.dialect),
            target.pointer.resolve(in: target.document.root)?["$recursiveAnchor"]?.boolValue == true
        {
            anchor = ""
        }
        return DynamicReferenceKeyword(initial: initial, anchor: anchor, fragment: "/$recursiveRef")
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        let node = target(in: context)
        return context.descend(node, instance, via: fragment)
    }

    /// The schema the reference resolves to in `context`'s dynamic scope (also read by the
    /// annotation walk, so both follow the same edge).
    @inline(__always)
    func target(in context: ValidationContext) -> SchemaNode {
        // The table of the round that published the schema being validated: it holds every
        // anchor of every resource that validation can enter.
        if let anchor, let table = context.dynamicAnchors {
            for scope in context.dynamicScope {
                if let node = table.nodes[scope + "#" + anchor] { return node }
            }
        }
        return initial
    }
}
