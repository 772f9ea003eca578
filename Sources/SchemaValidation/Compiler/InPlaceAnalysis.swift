import SpecSource

/// A keyword that applies subschemas to the instance location it is evaluated at (`$ref`,
/// `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `dependentSchemas`, `dependencies`,
/// `discriminator`), as opposed to keywords that descend into members or items.
protocol InPlaceApplicator {
    /// Each subschema applied in place, with where the keyword (or the subschema) is written.
    var inPlaceEdges: [(node: SchemaNode, source: SourceLocation)] { get }
}

extension ReferenceKeyword: InPlaceApplicator {
    var inPlaceEdges: [(node: SchemaNode, source: SourceLocation)] { [(target, site.source)] }
}

extension AllOfKeyword: InPlaceApplicator {
    var inPlaceEdges: [(node: SchemaNode, source: SourceLocation)] { branches.map { ($0.0, $0.0.source) } }
}

extension ChoiceKeyword: InPlaceApplicator {
    var inPlaceEdges: [(node: SchemaNode, source: SourceLocation)] { branches.map { ($0.0, $0.0.source) } }
}

extension NotKeyword: InPlaceApplicator {
    var inPlaceEdges: [(node: SchemaNode, source: SourceLocation)] { [(schema, schema.source)] }
}

extension ConditionalKeyword: InPlaceApplicator {
    var inPlaceEdges: [(node: SchemaNode, source: SourceLocation)] {
        [condition, then, otherwise].compactMap { $0 }.map { ($0, $0.source) }
    }
}

extension DependentSchemasKeyword: InPlaceApplicator {
    var inPlaceEdges: [(node: SchemaNode, source: SourceLocation)] { dependencies.map { ($0.1, $0.1.source) } }
}

extension DependenciesKeyword: InPlaceApplicator {
    var inPlaceEdges: [(node: SchemaNode, source: SourceLocation)] { schemas?.inPlaceEdges ?? [] }
}

extension DiscriminatorKeyword: InPlaceApplicator {
    var inPlaceEdges: [(node: SchemaNode, source: SourceLocation)] {
        // Every branch a value can select is one of the oneOf/anyOf branches (mapping entries that
        // name other schemas are ignored), so the choice's edges are the discriminator's.
        choice.inPlaceEdges
    }
}

/// Checks the in-place structure of the schemas compiled in one round, in time linear in their
/// number and edges (a 10,000-hop `$ref` chain costs 10,000 steps).
///
/// - A cycle of in-place applications (`A: {allOf: [{$ref: B}]}`, `B: {$ref: A}`) applies a schema
///   to the same instance location forever; JSON Schema leaves such schemas undefined (2020-12
///   core §9.4.1 "Schemas SHOULD NOT make use of infinite recursive nesting like this"). Each is a
///   `ref.cycle` load error at the keyword that closes the loop, listing the loop.
/// - A chain of in-place applications longer than ``ValidationContext/maxDepth`` would stop
///   validation with a depth error for every instance: a `schema.too-deep` load error where the
///   chain reaches that length.
///
/// - A node that two or more in-place edges lead to, below which many in-place paths fan out, is
///   memoised (``SchemaNode/isMemoized``): evaluated once per instance location however many
///   paths reach it, so `A_i: allOf: [A_{i-1}, A_{i-1}]` costs linear instead of exponential work.
///
/// `$dynamicRef`/`$recursiveRef` are resolved at run time and are not followed here; the
/// validator's depth bound still stops them.
struct InPlaceAnalysis {
    /// Height of every node analysed so far (the most nodes on one in-place chain starting at it,
    /// itself included), kept across rounds: nodes of earlier rounds never reach later ones.
    private(set) var heights: [ObjectIdentifier: Int] = [:]
    /// Number of in-place paths starting at each node analysed so far (saturating at
    /// ``pathCap``): the work one evaluation of it costs without memoisation.
    private var paths: [ObjectIdentifier: Int] = [:]
    private static let pathCap = 1 << 40
    /// A node below which fewer in-place paths start is cheaper to evaluate again than to look up.
    static let memoThreshold = 8

    /// Analyses `nodes` (the round's), reporting each problem through `diagnose`; with `memoize`
    /// (graphs without dynamic references), marks the nodes worth memoising.
    /// - Returns: Whether a problem was reported.
    @discardableResult
    mutating func run(_ nodes: [SchemaNode], memoize: Bool, diagnose: (SourceError) -> Void) -> Bool {
        var onStack = Set<ObjectIdentifier>()
        var reported = Set<ObjectIdentifier>()
        var inDegree: [ObjectIdentifier: Int] = [:]
        // Every node of the round gets a height and a path count: the tables grow once, not by
        // doubling (each growth rehashes every key).
        inDegree.reserveCapacity(nodes.count)
        heights.reserveCapacity(heights.count + nodes.count)
        paths.reserveCapacity(paths.count + nodes.count)
        var failed = false
        struct Frame {
            let node: SchemaNode
            let edges: [(node: SchemaNode, source: SourceLocation)]
            var next = 0
            var height = 1
            var paths = 1
        }
        var stack: [Frame] = []
        for root in nodes where heights[ObjectIdentifier(root)] == nil && !onStack.contains(ObjectIdentifier(root)) {
            stack.append(Frame(node: root, edges: Self.edges(of: root)))
            onStack.insert(ObjectIdentifier(root))
            while !stack.isEmpty {
                let top = stack.count - 1
                if stack[top].next < stack[top].edges.count {
                    let (child, source) = stack[top].edges[stack[top].next]
                    stack[top].next += 1
                    let id = ObjectIdentifier(child)
                    inDegree[id, default: 0] += 1
                    if let height = heights[id] {
                        stack[top].height = max(stack[top].height, height + 1)
                        stack[top].paths = min(Self.pathCap, stack[top].paths + paths[id, default: 1])
                    } else if onStack.contains(id) {
                        // A loop: from the child's frame up to here, then back to the child.
                        let start = stack.lastIndex { $0.node === child }!
                        let loop = stack[start...].map(\.node)
                        if !loop.allSatisfy({ reported.contains(ObjectIdentifier($0)) }) {
                            for node in loop { reported.insert(ObjectIdentifier(node)) }
                            diagnose(Self.loopError(loop, closedAt: source))
                        }
                        failed = true
                    } else {
                        stack.append(Frame(node: child, edges: Self.edges(of: child)))
                        onStack.insert(id)
                    }
                    continue
                }
                let done = stack.removeLast()
                onStack.remove(ObjectIdentifier(done.node))
                heights[ObjectIdentifier(done.node)] = done.height
                paths[ObjectIdentifier(done.node)] = done.paths
                if done.height == ValidationContext.maxDepth + 1 {
                    failed = true
                    diagnose(
                        SourceError(
                            code: "schema.too-deep",
                            message:
                                "$ref/allOf/anyOf/oneOf chain from \(done.node.displayLocation) applies \(done.height) schemas to one instance location; at most \(ValidationContext.maxDepth) are allowed",
                            location: done.node.source))
                }
                if let parent = stack.indices.last {
                    stack[parent].height = max(stack[parent].height, done.height + 1)
                    stack[parent].paths = min(Self.pathCap, stack[parent].paths + done.paths)
                }
            }
        }
        if memoize && !failed {
            for node in nodes {
                let id = ObjectIdentifier(node)
                if inDegree[id, default: 0] >= 2 && paths[id, default: 1] >= Self.memoThreshold { node.isMemoized = true }
            }
        }
        return failed
    }

    private static func edges(of node: SchemaNode) -> [(node: SchemaNode, source: SourceLocation)] {
        guard node.constant == nil else { return [] }
        var edges: [(node: SchemaNode, source: SourceLocation)] = []
        for keyword in node.keywords {
            if let applicator = applicator(keyword) { edges += applicator.inPlaceEdges }
        }
        return edges
    }

    /// `keyword` as an ``InPlaceApplicator``, by casts to the (final) classes that conform, all
    /// declared at the top of this file. `keyword as? InPlaceApplicator` looks the conformance up
    /// in the runtime's tables, about 1,000 instructions a keyword (a tenth of compiling the
    /// OpenAI document); a class cast compares metadata pointers.
    private static func applicator(_ keyword: Keyword) -> InPlaceApplicator? {
        if let k = keyword as? ReferenceKeyword { return k }
        if let k = keyword as? AllOfKeyword { return k }
        if let k = keyword as? ChoiceKeyword { return k }
        if let k = keyword as? DiscriminatorKeyword { return k }
        if let k = keyword as? NotKeyword { return k }
        if let k = keyword as? ConditionalKeyword { return k }
        if let k = keyword as? DependentSchemasKeyword { return k }
        if let k = keyword as? DependenciesKeyword { return k }
        return nil
    }

    /// The error for `loop` (each node applies the next, the last applies the first), told the
    /// same way whichever node the search entered it by: from the node written first, reported
    /// at the keyword that leads back to it (so a loop met again by another compilation is the
    /// same error, printed once).
    private static func loopError(_ loop: [SchemaNode], closedAt source: SourceLocation) -> SourceError {
        func position(_ node: SchemaNode) -> (UInt32, UInt32, UInt32) { (node.source.file.rawValue, node.source.line, node.source.column) }
        let first = loop.indices.min { position(loop[$0]) < position(loop[$1]) }!
        let rotated = Array(loop[first...] + loop[..<first])
        let closing = edges(of: rotated.last!).first { $0.node === rotated[0] }?.source ?? source
        var names = rotated.map(\.displayLocation)
        if names.count > 8 { names = Array(names.prefix(4)) + ["… \(names.count - 6) more …"] + Array(names.suffix(2)) }
        return SourceError(
            code: "ref.cycle",
            message:
                "schema applies itself to the same instance location without consuming it: \(names.joined(separator: " → ")) → \(rotated[0].displayLocation) (through $ref/allOf/anyOf/oneOf/not/if; the loop never ends)",
            location: closing)
    }
}
