import SpecSource

/// A `discriminator` on a parent schema without `oneOf`/`anyOf` (the `allOf` inheritance form),
/// in ``SchemaOptions/DiscriminatorMode/strict`` mode only: the property's value names the child
/// schema the instance must also be valid against.
///
/// OpenAPI 3.1.1/3.0.4: "To avoid redundancy, the discriminator MAY be added to a parent schema
/// definition, and all schemas building on the parent schema via an `allOf` construct may be used
/// as an alternate schema." The same section says that for validation this form "_does not_ perform
/// a search for child schemas", because "`discriminator` cannot change the validation outcome" —
/// hence lenient mode (the default) leaves it an annotation, and dispatching is an opt-in.
///
/// Children are the `mapping` targets and, by component name, the schemas under
/// `components/schemas` of the parent's document whose `allOf` references the parent (3.0.4: "it
/// is RECOMMENDED to search all named schemas in the Components Object"). A missing or unknown
/// value dispatches to OpenAPI 3.2's `defaultMapping` when there is one, else is an error naming
/// the allowed values; a value naming the parent itself (through
/// `mapping`) needs nothing more. Non-object instances are left to the parent's other keywords.
///
/// A child refers back to the parent through its `allOf`; that edge (a ``ParentReferenceKeyword``)
/// enters the parent without dispatching again, so validating a child directly never jumps to a
/// sibling, and dispatching never loops.
final class InheritanceDiscriminatorKeyword: Keyword, @unchecked Sendable {
    let propertyName: String
    let names: NameTable
    /// Per value: the child (`nil` for the parent itself) and the keyword-path fragment to it.
    let targets: [(node: SchemaNode?, fragment: String)]
    let allowed: [String]
    let site: KeywordSite
    /// OpenAPI 3.2's `defaultMapping`: the child (`nil` for the parent itself) for a missing or
    /// unmapped value.
    let defaultTarget: (node: SchemaNode?, fragment: String)?

    init(
        propertyName: String, names: NameTable, targets: [(node: SchemaNode?, fragment: String)], allowed: [String], site: KeywordSite,
        defaultTarget: (node: SchemaNode?, fragment: String)? = nil
    ) {
        self.propertyName = propertyName
        self.names = names
        self.targets = targets
        self.allowed = allowed
        self.site = site
        self.defaultTarget = defaultTarget
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard c.options.discriminator == .strict,
            c.sibling("oneOf") == nil, c.sibling("anyOf") == nil
        else { return nil }
        guard let object = value.objectValue, let propertyName = object["propertyName"]?.stringValue else {
            c.invalid("discriminator", value, "an object with a string propertyName")
            return nil
        }
        guard let mapping = DiscriminatorKeyword.mappingTargets(&c, object) else { return nil }
        let defaultNode = DiscriminatorKeyword.defaultMappingTarget(&c, object)
        var keys: [String] = []
        var targets: [(node: SchemaNode?, fragment: String)] = []
        var allowed: [String] = []
        var mapped: [SchemaNode] = []
        for (key, node) in mapping where !keys.contains(key) {
            keys.append(key)
            targets.append((node === c.node ? nil : node, KeywordCompilationContext.fragment("discriminator", "mapping", key)))
            allowed.append(key)
            mapped.append(node)
        }
        for child in c.compiler.inheritanceChildren(of: c.location) where !keys.contains(child.name) {
            let node = c.compiler.node(at: child.location)
            keys.append(child.name)
            targets.append((node, "/discriminator"))
            if !mapped.contains(where: { $0 === node }) { allowed.append(child.name) }
        }
        guard !targets.isEmpty || defaultNode != nil else { return nil }
        return InheritanceDiscriminatorKeyword(
            propertyName: propertyName, names: NameTable(keys), targets: targets,
            allowed: allowed.sorted(), site: c.site("discriminator"),
            defaultTarget: defaultNode.map {
                ($0 === c.node ? nil : $0, KeywordCompilationContext.fragment("discriminator", "defaultMapping"))
            })
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard case .object(let object) = instance.kind else { return true }
        let entry = context.inheritanceEntry(site.node)
        // Reached from a child's `allOf`, or from this dispatch: the parent's own keywords only.
        if context.inheritanceScope.contains(entry) { return true }
        guard let value = object[propertyName], let key = value.stringValue, let i = names.index(of: key) else {
            if let (node, fragment) = defaultTarget {
                guard let node else { return true }
                context.inheritanceScope.append(entry)
                defer { context.inheritanceScope.removeLast() }
                return context.descend(node, instance, via: fragment)
            }
            if context.collectsErrors {
                let list = allowed.map { JSONWriter.quoted($0) }.joined(separator: ", ")
                if let value = object[propertyName] {
                    context.report(
                        site, code: "discriminator.unmapped",
                        "\(describeValue(value, limit: 40)) is not a valid value of discriminator property \(JSONWriter.quoted(propertyName)); expected one of \(list)"
                    )
                } else {
                    context.report(
                        site, code: "discriminator.missing",
                        "missing discriminator property \(JSONWriter.quoted(propertyName)); expected one of \(list)")
                }
            }
            return false
        }
        guard let child = targets[i].node else { return true }
        context.inheritanceScope.append(entry)
        defer { context.inheritanceScope.removeLast() }
        return context.descend(child, instance, via: targets[i].fragment)
    }
}

/// `$ref` from a child component's `allOf` to a parent with a strict `allOf`-form discriminator:
/// enters the parent as a part of the child, without the parent dispatching (to this child again,
/// or to a sibling).
final class ParentReferenceKeyword: Keyword, @unchecked Sendable {
    unowned(unsafe) let target: SchemaNode
    let site: KeywordSite

    init(target: SchemaNode, site: KeywordSite) {
        self.target = target
        self.site = site
    }

    /// Whether the `$ref` being compiled is `components/schemas/<child>/allOf/<n>/$ref` and its
    /// target has a `discriminator` without `oneOf`/`anyOf` (read from the JSON: the target may not
    /// be compiled yet).
    static func isInheritanceEdge(_ c: KeywordCompilationContext, to target: SchemaNode) -> Bool {
        let tokens = c.location.pointer.tokens
        guard DiscriminatorKeyword.definition.isDefined(in: c.dialect), tokens.count == 5, tokens[0] == "components",
            tokens[1] == "schemas", tokens[3] == "allOf",
            let parent = target.pointer.resolve(in: target.document.root)?.objectValue
        else { return false }
        return parent["discriminator"] != nil && parent["oneOf"] == nil && parent["anyOf"] == nil
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        let entry = context.inheritanceEntry(target)
        if context.inheritanceScope.contains(entry) {
            // The parent is already being evaluated on this instance (it dispatched here): its
            // keywords decide and report for themselves. Only annotations need this evaluation.
            guard context.isTracking else { return true }
            return context.quietly { $0.descend(target, instance, via: "/$ref") }
        }
        context.inheritanceScope.append(entry)
        defer { context.inheritanceScope.removeLast() }
        return context.descend(target, instance, via: "/$ref")
    }
}

extension SchemaCompiler {
    /// The components of `location`'s document whose `allOf` has a member `$ref` to `location`, by
    /// component name, in document order. The index is built once per document.
    func inheritanceChildren(of location: SchemaLocation) -> [(name: String, location: SchemaLocation)] {
        let document = location.document
        let id = ObjectIdentifier(document)
        if inheritanceChildren[id] == nil { inheritanceChildren[id] = inheritanceIndex(document) }
        return inheritanceChildren[id]?[location.key] ?? []
    }

    private func inheritanceIndex(_ document: SchemaDocument) -> [SchemaLocation.Key: [(name: String, location: SchemaLocation)]] {
        var index: [SchemaLocation.Key: [(name: String, location: SchemaLocation)]] = [:]
        guard let schemas = document.root["components"]?["schemas"]?.objectValue else { return index }
        for member in schemas {
            guard let object = member.value.objectValue, let allOf = object["allOf"]?.arrayValue else { continue }
            let location = SchemaLocation(document: document, pointer: JSONPointer(tokens: ["components", "schemas", member.key]))
            let scope = registry.scope(at: location)
            let base = SchemaRegistry.scope(
                of: object, base: scope.base, dialect: scope.dialect, inOpenAPI30: document.dialect == .openAPI30
            ).base
            for item in allOf {
                guard let reference = item["$ref"]?.stringValue,
                    let target = try? registry.locate(base.resolving(reference), defaultDialect: scope.dialect)
                else { continue }
                index[target.key, default: []].append((member.key, location))
            }
        }
        return index
    }
}
