import SpecSource

/// Compiles schema JSON into a graph of ``SchemaNode``s.
///
/// Every schema location is compiled once (memoised by document URI + JSON pointer), so a schema
/// reached both structurally and through `$ref`s is one node, and `$ref` cycles become cycles of
/// direct edges. Nodes are created when first referenced and filled from a work queue, which keeps
/// compilation iterative however deep the `$ref` chains go. All diagnostics (unresolvable
/// references, invalid keyword values, in-place loops that never consume the instance) are
/// collected and reported together.
final class SchemaCompiler {
    let registry: SchemaRegistry
    let options: SchemaOptions
    private var nodes: [SchemaLocation.Key: SchemaNode] = [:]
    /// Owner of every node compiled.
    let graph = SchemaGraph()
    /// Fragment-only references already resolved, per base URI.
    var resolvedReferences: [CompilerCacheKey: SchemaNode] = [:]
    private var queue: [(SchemaNode, SchemaLocation, SchemaLocation.Key, JSONValue, URIReference, Dialect)] = []
    private(set) var diagnostics: [SourceError] = []
    /// Whether any `$dynamicRef`/`$recursiveRef` was compiled (only then is the dynamic scope kept).
    var usesDynamicScope = false
    /// Every dynamic anchor's node compiled so far; published per round as a ``DynamicAnchorTable``.
    private var dynamicAnchors: [String: SchemaNode] = [:]
    /// The table the last round published (kept while no anchor is added).
    private var publishedAnchors: DynamicAnchorTable?
    /// The round being compiled: schemas created now read it once ``endRound()`` has sealed it.
    private(set) var round = CompilationRound()
    /// Nodes compiled since the last ``drain()`` ended (analysed before they are published).
    private var roundNodes: [SchemaNode] = []
    /// Whether any schema compiled so far says `readOnly: true` or `writeOnly: true`.
    private var sawDirectional = false
    /// Work that needs the whole graph of this round compiled (see ``afterDrain(_:)``).
    private var finalizers: [() -> Void] = []
    /// Per document: the components whose `allOf` references each schema (strict discriminators).
    var inheritanceChildren: [ObjectIdentifier: [SchemaLocation.Key: [(name: String, location: SchemaLocation)]]] = [:]
    /// In-place loops and over-long chains, checked per round (see ``InPlaceAnalysis``).
    private var inPlace = InPlaceAnalysis()

    init(registry: SchemaRegistry, options: SchemaOptions) {
        self.registry = registry
        self.options = options
    }

    /// Number of distinct schema nodes compiled so far.
    var nodeCount: Int { nodes.count }

    /// The node for the schema at `location` (created and queued on first request).
    /// - Parameter key: `location.key`, when the caller made it more cheaply (a subschema's, from
    ///   its parent's key).
    func node(
        at location: SchemaLocation, key: SchemaLocation.Key? = nil, value known: JSONValue? = nil, base: URIReference? = nil,
        dialect: Dialect? = nil
    ) -> SchemaNode {
        let key = key ?? location.key
        if let existing = nodes[key] { return existing }
        let value = known ?? location.pointer.resolve(in: location.document.root) ?? JSONValue(.bool(true))
        let node = SchemaNode(document: location.document, pointer: location.pointer, source: value.location)
        nodes[key] = node
        graph.nodes.append(node)
        var scopeBase = base
        var scopeDialect = dialect
        if scopeBase == nil || scopeDialect == nil {
            let scope = registry.scope(at: location)
            scopeBase = scope.base
            scopeDialect = scope.dialect
        }
        queue.append((node, location, key, value, scopeBase!, scopeDialect!))
        return node
    }

    /// Compiles everything queued, including what compiling queues in turn; then, if the graph
    /// uses the dynamic scope, compiles every dynamic anchor's schema too.
    func drain() {
        while true {
            while let (node, location, key, value, base, dialect) = queue.popLast() {
                compile(node, location: location, key: key, value: value, base: base, dialect: dialect)
            }
            guard usesDynamicScope else { break }
            for (key, location) in registry.dynamicAnchors where dynamicAnchors[key] == nil {
                dynamicAnchors[key] = node(at: location)
            }
            if queue.isEmpty { break }
        }
        queue = []  // its buffer grew to the widest the round got: not kept while the round ends
        // Every node reachable from this round's nodes is compiled now, and nothing is published
        // yet: the last moment a keyword may still be completed from other nodes.
        while !finalizers.isEmpty {
            let pending = finalizers
            finalizers = []
            for finalize in pending { finalize() }
        }
        let failed = inPlace.run(roundNodes, memoize: !usesDynamicScope) { diagnose($0) }
        // The directional pass recurses along in-place chains: only over a round whose chains are
        // known to be short and loop-free.
        if sawDirectional && !failed { DirectionalAnalysis.run(roundNodes) }
        KeywordFusion.run(roundNodes)
        roundNodes.removeAll()
    }

    /// Ends the current round: seals what its schemas read besides their nodes (the dynamic
    /// anchors as of now) and starts the next round. Call it after ``drain()``, before any schema
    /// of the round is used.
    func endRound() {
        if usesDynamicScope {
            if publishedAnchors?.nodes.count != dynamicAnchors.count {
                publishedAnchors = DynamicAnchorTable(nodes: dynamicAnchors)
            }
            round.dynamicAnchors = publishedAnchors
        }
        round = CompilationRound()
    }

    /// Runs `body` once this compilation round has compiled every node it reaches, before the
    /// nodes are handed out. For keywords that read other nodes' compiled keywords (which may not be
    /// compiled yet when their factory runs): `body` reads the graph and may replace keywords of
    /// nodes compiled in this round; it must not create nodes.
    func afterDrain(_ body: @escaping () -> Void) { finalizers.append(body) }

    /// Records a diagnostic.
    func diagnose(_ error: SourceError) { diagnostics.append(error) }

    private func compile(
        _ node: SchemaNode, location: SchemaLocation, key: SchemaLocation.Key, value: JSONValue, base: URIReference, dialect: Dialect
    ) {
        roundNodes.append(node)
        switch value.kind {
        case .bool(let b):
            node.constant = b
            if !b {
                node.falseSite = KeywordSite(name: "false", node: node, source: value.location)
                node.resourceURI = resourceString(base)
                node.resourceDepth = resourceDepth(of: base, at: location)
            }
        case .object(let object):
            var dialect = dialect
            let isExplicitRoot = location.document.dialectIsExplicit && location.pointer.tokens.isEmpty
            if let declared = object["$schema"]?.stringValue, !isExplicitRoot {
                if let d = location.document.declaredDialect(object, at: location.pointer.tokens) {
                    dialect = d
                } else if Dialect(metaSchemaURI: declared) == nil, let custom = customDialect(declared, relativeTo: base, fallback: dialect)
                {
                    dialect = custom
                }
            }
            let scope = SchemaRegistry.scope(of: object, base: base, dialect: dialect, inOpenAPI30: location.document.dialect == .openAPI30)
            var context = KeywordCompilationContext(
                compiler: self, node: node, location: location, key: key, object: object, base: scope.base, dialect: dialect)
            node.resourceURI = resourceString(scope.base)
            node.resourceDepth = resourceDepth(of: scope.base, at: location)
            node.dialect = dialect
            if object["readOnly"]?.boolValue == true {
                node.readOnlySite = context.site("readOnly")
                sawDirectional = true
            }
            if object["writeOnly"]?.boolValue == true {
                node.writeOnlySite = context.site("writeOnly")
                sawDirectional = true
            }
            let table = factories(for: dialect)
            // Collected here and set once: each assignment to `node.keywords` rebuilds the walk's
            // buffer of them (an allocation per keyword when appended one by one).
            var keywords: [Keyword] = []
            if dialect.refOverridesSiblings, let ref = object.member("$ref") {
                if let keyword = ReferenceKeyword.compile(&context, ref.value) { keywords = [keyword] }
            } else {
                keywords.reserveCapacity(object.count)
                for member in object {
                    guard let index = table.names.index(of: member.key) else { continue }
                    if let keyword = table.factories[index](&context, member.value) { keywords.append(keyword) }
                }
            }
            if node.hasUnevaluated {
                // unevaluated* read the annotations of every other keyword: run them last.
                let isUnevaluated: (Keyword) -> Bool = { $0 is UnevaluatedPropertiesKeyword || $0 is UnevaluatedItemsKeyword }
                keywords = keywords.filter { !isUnevaluated($0) } + keywords.filter(isUnevaluated)
            }
            if !keywords.isEmpty { node.keywords = keywords }
            if node.keywords.count == 1, let ref = node.keywords[0] as? ReferenceKeyword { node.pureReference = ref }
            if node.keywords.isEmpty { node.constant = true }
            NullableHintKeyword.attach(to: node, object: object, dialect: dialect, site: context.site("nullable"))
        default:
            diagnose(
                SourceError(
                    code: "schema.invalid", message: "a schema must be an object or a boolean, found \(value.typeName)",
                    location: value.location))
            node.constant = true
        }
    }

    /// The last resource URI rendered, and every one rendered so far: nodes of one resource share
    /// one string instead of holding a heap copy each (a tenth of the graph's memory on large
    /// documents, where every node is in the document's own `file://` resource).
    private var lastResource: (base: URIReference, string: String)?
    private var resourceStrings: [URIReference: String] = [:]

    /// `base.description`, shared between the nodes of one resource.
    private func resourceString(_ base: URIReference) -> String {
        if let last = lastResource, last.base == base { return last.string }
        let string = resourceStrings[base] ?? base.description
        resourceStrings[base] = string
        lastResource = (base, string)
        return string
    }

    /// How many tokens of `location`'s pointer lead to the root of the resource `base` names, or
    /// `nil` when that root is not an ancestor in the same document.
    private func resourceDepth(of base: URIReference, at location: SchemaLocation) -> Int? {
        if base == location.document.uri { return 0 }
        guard let root = registry.resourceLocation(base.description), root.document === location.document else { return nil }
        let tokens = root.pointer.tokens
        guard tokens.count <= location.pointer.tokens.count, location.pointer.tokens.starts(with: tokens) else { return nil }
        return tokens.count
    }

    /// The keyword factories of one dialect, found by name through a ``NameTable`` (a
    /// `Dictionary` lookup hashed every member name of every schema with SipHash).
    private final class FactoryTable {
        let membership: DialectSet
        let excludedKeywords: Set<String>
        let names: NameTable
        let factories: [KeywordFactory]

        init(_ dialect: Dialect) {
            membership = dialect.membership
            excludedKeywords = dialect.excludedKeywords
            let entries = KeywordTable.table(for: dialect).filter { !dialect.excludedKeywords.contains($0.key) }.sorted { $0.key < $1.key }
            names = NameTable(entries.map(\.key))
            factories = entries.map(\.value)
        }

        /// Whether `dialect` compiles these keywords (the table depends on nothing else).
        func serves(_ dialect: Dialect) -> Bool { membership == dialect.membership && excludedKeywords == dialect.excludedKeywords }
    }

    /// Every dialect's table made so far, and the last one used (schemas of one document mostly
    /// share one dialect: a comparison of two small values finds it).
    private var factoryTables: [FactoryTable] = []
    private var lastFactoryTable: FactoryTable?

    /// The keywords `dialect` compiles: its keyword table without the keywords its vocabularies
    /// exclude.
    private func factories(for dialect: Dialect) -> FactoryTable {
        if let last = lastFactoryTable, last.serves(dialect) { return last }
        let table = factoryTables.first { $0.serves(dialect) } ?? FactoryTable(dialect)
        if !factoryTables.contains(where: { $0 === table }) { factoryTables.append(table) }
        lastFactoryTable = table
        return table
    }

    private var customDialects: [String: Dialect] = [:]

    /// The dialect a custom meta-schema defines: its own `$schema`'s dialect, restricted to the
    /// vocabularies its `$vocabulary` lists. `nil` when the meta-schema cannot be found.
    private func customDialect(_ uri: String, relativeTo base: URIReference, fallback: Dialect) -> Dialect? {
        if let known = customDialects[uri] { return known }
        guard let location = try? registry.locate(base.resolving(uri), defaultDialect: fallback),
            let meta = location.pointer.resolve(in: location.document.root)
        else { return nil }
        var dialect = meta["$schema"]?.stringValue.flatMap { Dialect(metaSchemaURI: $0) } ?? fallback
        if let vocabularies = meta["$vocabulary"]?.objectValue {
            dialect = dialect.restricted(toVocabularies: vocabularies.keys)
        }
        customDialects[uri] = dialect
        return dialect
    }
}

/// What the schemas handed out by one compilation round read besides their nodes: the dynamic
/// anchor table as that round left the graph.
///
/// On-demand compilation adds nodes and anchors in later rounds while other threads validate the
/// schemas of earlier ones, so nothing those validations read may change: nodes are complete when
/// their round ends, and this state is written once, by ``SchemaCompiler/endRound()``, before any
/// schema of the round may be used (``SchemaGraphBuilder/finish()``). A schema of an earlier round
/// can reach only nodes and resources that existed when its round ended, so its own round's table
/// is complete for it; and if that graph had no `$dynamicRef`, no node it reaches consults the
/// dynamic scope, so the scope is not kept.
final class CompilationRound: @unchecked Sendable {
    /// The anchors, or `nil` when the graph had no `$dynamicRef`/`$recursiveRef` (or the round is
    /// not sealed yet).
    fileprivate(set) var dynamicAnchors: DynamicAnchorTable?
}
