import SpecSource

/// `$ref`: the instance is valid against the referenced schema. Resolved at compile time into a
/// direct edge to the target node (cycles allowed).
final class ReferenceKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition("$ref", .all, vocabulary: .core, compile: compile)

    /// Not retained: the graph owns every node (see `SchemaGraph`), and a retain per `$ref` hop
    /// is measurable.
    let targetRef: NodeRef
    var target: SchemaNode { targetRef.node }
    let site: KeywordSite

    init(target: SchemaNode, site: KeywordSite) {
        self.targetRef = NodeRef(target)
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard let ref = value.stringValue else {
            c.invalid("$ref", value, "a string")
            return nil
        }
        guard let target = c.resolve(ref, at: value.location) else { return nil }
        if c.options.discriminator == .strict, ParentReferenceKeyword.isInheritanceEdge(c, to: target) {
            return ParentReferenceKeyword(target: target, site: c.site("$ref"))
        }
        return ReferenceKeyword(target: target, site: c.site("$ref"))
    }

    override var streamRole: StreamRole { .reference }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        context.descend(targetRef, instance, via: "/$ref")
    }
}

extension KeywordCompilationContext {
    /// Resolves a reference written in this schema to a compiled node, reporting a located
    /// diagnostic when it cannot be resolved.
    func resolve(_ reference: String, at location: SourceLocation) -> SchemaNode? {
        // Most references of a document are the same few hundred `#/components/...` strings.
        let cacheKey = reference.hasPrefix("#") ? CompilerCacheKey(base: base, reference: reference) : nil
        if let cacheKey, let known = compiler.resolvedReferences[cacheKey] { return known }
        let uri = base.resolving(reference)
        do {
            let target = try compiler.registry.locate(uri, defaultDialect: dialect)
            let node = compiler.node(at: target)
            if let cacheKey { compiler.resolvedReferences[cacheKey] = node }
            return node
        } catch {
            compiler.diagnose(
                SourceError(
                    code: "ref.unresolved",
                    message: "cannot resolve $ref \(JSONWriter.quoted(reference)): \(SchemaRegistry.describe(error))", location: location))
            return nil
        }
    }
}

extension KeywordCompilationContext {
    /// Whether a reference written in this schema resolves, without compiling its target or
    /// reporting anything.
    func locates(_ reference: String) -> Bool {
        (try? compiler.registry.locate(base.resolving(reference), defaultDialect: dialect)) != nil
    }
}

/// Key of the compiler's cache of resolved fragment-only references.
struct CompilerCacheKey: Hashable {
    let base: URIReference
    let reference: String
}
