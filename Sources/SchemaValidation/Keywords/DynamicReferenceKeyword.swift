import SpecSource

/// Nodes of every `$dynamicAnchor` (and 2019-09 `$recursiveAnchor`) in the graph, keyed by
/// `resourceURI#name`; filled when compilation finishes, read-only afterwards.
final class DynamicAnchorTable: @unchecked Sendable {
    var nodes: [String: SchemaNode] = [:]
}

/// `$dynamicRef` (2020-12): like `$ref`, except that when the initially resolved target declares a
/// `$dynamicAnchor` of the same name, the target is the outermost schema resource in the dynamic
/// scope that declares that anchor.
final class DynamicReferenceKeyword: Keyword {
    let initial: SchemaNode
    /// The anchor name when the reference is dynamic ("bookended"), else `nil`.
    let anchor: String?
    let table: DynamicAnchorTable
    let fragment: String

    init(initial: SchemaNode, anchor: String?, table: DynamicAnchorTable, fragment: String) {
        self.initial = initial
        self.anchor = anchor
        self.table = table
        self.fragment = fragment
    }

    static func compile(_ c: inout KeywordCompiler, _ value: JSONValue) -> (any Keyword)? {
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
           target.pointer.resolve(in: target.document.root)?["$dynamicAnchor"]?.stringValue == name {
            anchor = name
        }
        return DynamicReferenceKeyword(initial: initial, anchor: anchor, table: c.compiler.dynamicAnchors, fragment: "/$dynamicRef")
    }

    /// `$recursiveRef` (2019-09): like `$ref`, except that when the target sets
    /// `$recursiveAnchor: true`, the target is the outermost resource in the dynamic scope that
    /// sets it too.
    static func recursive(_ c: inout KeywordCompiler, _ value: JSONValue) -> (any Keyword)? {
        guard let ref = value.stringValue else {
            c.invalid("$recursiveRef", value, "a string")
            return nil
        }
        guard let initial = c.resolve(ref, at: value.location) else { return nil }
        c.compiler.usesDynamicScope = true
        let uri = c.base.resolving(ref)
        var anchor: String?
        if let target = try? c.compiler.registry.locate(uri, defaultDialect: c.dialect),
           target.pointer.resolve(in: target.document.root)?["$recursiveAnchor"]?.boolValue == true {
            anchor = ""
        }
        return DynamicReferenceKeyword(initial: initial, anchor: anchor, table: c.compiler.dynamicAnchors, fragment: "/$recursiveRef")
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        var target = initial
        if let anchor {
            for scope in context.dynamicScope {
                if let node = table.nodes[scope + "#" + anchor] {
                    target = node
                    break
                }
            }
        }
        return context.descend(target, instance, via: fragment)
    }
}
