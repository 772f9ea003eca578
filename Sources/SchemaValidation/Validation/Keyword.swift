import SpecSource

/// Where a keyword is written: its name as it appears in keyword paths, the schema it belongs to
/// and its line:column. The canonical location string is built only when an error needs it.
struct KeywordSite: Sendable {
    /// The keyword's name (the last keyword-path segment).
    let name: String
    /// The schema object the keyword is in.
    let node: SchemaNode
    /// The position of the keyword's key in the source.
    let source: SourceLocation

    /// The keyword's absolute location (JSON Schema 2020-12 core §12.3.2): the canonical URI of
    /// its schema resource with a JSON pointer fragment, e.g.
    /// `file:///api/openapi.yaml#/components/schemas/X/required`.
    var absoluteLocation: String {
        if node.constant == false && name == "false" { return node.absoluteURI }
        let escaped = JSONPointer.escape(name)
        var location = ""
        location.reserveCapacity(node.absoluteURI.utf8.count + 1 + escaped.utf8.count)
        location.append(node.absoluteURI)
        location.append("/")
        location.append(escaped)
        return location
    }
}

/// An instance in place in its tree: the walk reads values through pointers rather than copies
/// (see `JSONValue+Borrowed.swift` in SpecSource and "Performance choices" in DESIGN.md). Valid
/// for the walk only; the public entry points hold the root for its duration.
typealias Instance = UnsafePointer<JSONValue>

/// Read access to an ``Instance`` as to the value itself, so keyword code reads `instance.kind`.
/// Children are reached through ``SpecSource/JSONValue/borrowedMembers`` and
/// ``SpecSource/JSONValue/borrowedElements``, which copy nothing.
extension UnsafePointer where Pointee == JSONValue {
    @inline(__always) var kind: JSONValue.Kind { pointee.kind }
    @inline(__always) var stringValue: String? { pointee.stringValue }
    @inline(__always) var arrayValue: [JSONValue]? { pointee.arrayValue }
    @inline(__always) var objectValue: JSONObject? { pointee.objectValue }
    @inline(__always) var isNull: Bool { pointee.isNull }
    @inline(__always) var typeName: String { pointee.typeName }
    @inline(__always) var borrowedMembers: UnsafeBufferPointer<JSONObject.Member>? { pointee.borrowedMembers }
    @inline(__always) var borrowedElements: UnsafeBufferPointer<JSONValue>? { pointee.borrowedElements }
}

/// A node of the graph referred to by a keyword, not retained: the graph owns every node (see
/// ``SchemaGraph``). Loading a strong or `unowned(unsafe)` reference to pass it on retains it,
/// and the walk follows such an edge for every `$ref`, property and item it visits; through
/// `_withUnsafeGuaranteedRef` (``ValidationContext/descend(_:_:via:)``) it costs nothing.
struct NodeRef {
    let unmanaged: Unmanaged<SchemaNode>
    init(_ node: SchemaNode) { unmanaged = .passUnretained(node) }
    /// The node, as a (retained when stored) reference.
    var node: SchemaNode { unmanaged.takeUnretainedValue() }
}

/// A compiled keyword: the prepared value plus its validation rule.
///
/// Each keyword lives in its own file under `Keywords/` with its compile step (a factory registered
/// in `KeywordTable`), its `validate` and its messages. `validate` returns whether the instance
/// passes; when `context.collectsErrors` is false it must not build errors or messages and may
/// return at the first failure.
///
/// A base class rather than a protocol so that the walk can call keywords through unretained
/// references (``SchemaNode/walkedKeywords``): a class-bound protocol existential cannot be held
/// as `Unmanaged`, and every call through a stored reference otherwise costs a retain/release pair
/// (see "Performance choices" in DESIGN.md). Keywords are immutable once their node is published,
/// hence `@unchecked Sendable`.
class Keyword: @unchecked Sendable {
    /// Checks `instance`, reporting failures into `context`. Every keyword overrides it.
    func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        preconditionFailure("\(type(of: self)) does not override validate(_:_:)")
    }

    /// How the byte-stream walk (``Schema/isValid(json:file:limits:)``) treats this keyword on
    /// an array or object; the keywords it follows say so (see ``StreamRole``).
    var streamRole: StreamRole { .unsupported }

    /// Whether the keyword's verdict depends on the instance alone: its `validate` reads nothing of
    /// the context but ``ValidationContext/collectsErrors`` (and reports through it), applies no
    /// subschema and records no annotation. A plain node of such keywords only (a
    /// ``SchemaNode/isLeaf`` node) is checked without the bookkeeping of a descent when errors are
    /// not collected (``ValidationContext/descend(_:_:via:at:)``).
    var isContextFree: Bool { false }
}

/// A compiled schema: a boolean schema or a list of keywords, plus where it came from.
///
/// Nodes are created before they are compiled so that `$ref` cycles become direct edges between
/// nodes. A node is written only while the compilation round that created it runs, and is
/// read-only once that round ends and hands out schemas (hence the `@unchecked Sendable`); later
/// rounds, compiling on demand while other threads validate, add nodes but never touch published
/// ones. Whatever depends on later rounds lives in the round's ``CompilationRound``.
final class SchemaNode: @unchecked Sendable {
    /// The document the schema is in.
    let document: SchemaDocument
    /// Where the schema is in its document.
    let pointer: JSONPointer
    /// Where the schema starts in its source.
    let source: SourceLocation

    /// Where the schema is, for messages: `#/components/schemas/Pet` in the root document,
    /// `other.yaml#/Pet` in another (built on demand).
    var displayLocation: String { document.displayPrefix + "#" + pointer.fragment }

    /// The schema's absolute URI (2020-12 core §12.3.2): its resource's canonical URI (the nearest
    /// `$id`, else the document's URI) with the JSON pointer from the resource's root as fragment.
    var absoluteURI: String {
        absoluteURIText.get {
            guard let depth = resourceDepth else { return document.uriString + "#" + pointer.fragment }
            if depth == 0 { return resourceURI + "#" + pointer.fragment }
            return resourceURI + "#" + JSONPointer(tokens: Array(pointer.tokens.dropFirst(depth))).fragment
        }
    }
    /// ``absoluteURI`` once built (on the first error at this schema; read only after the node is
    /// published, when ``resourceDepth`` and ``resourceURI`` no longer change).
    private let absoluteURIText = LazyText()
    /// How many tokens of ``pointer`` lead to the root of the schema resource ``resourceURI``
    /// names; `nil` when that root is not an ancestor in the same document (``absoluteURI`` then
    /// uses the document's URI and the whole pointer).
    var resourceDepth: Int?
    // The graph is written only while compiling and read-only afterwards, so the dynamic
    // exclusivity checks Swift would make on every read of these class properties are switched off.

    /// `true`/`false` for boolean schemas (and for `{}` compiled to always-true).
    @exclusivity(unchecked) var constant: Bool? { didSet { updateIsPlain() } }
    /// The keywords, in source order (some reorderings are made for fast failure).
    @exclusivity(unchecked) var keywords: [Keyword] = [] {
        didSet {
            walkPlan = []
            setWalkedKeywords(keywords)
        }
    }
    /// The keywords the walk runs instead of ``keywords`` when ``KeywordFusion`` planned some of
    /// them as one (empty otherwise); owned here, as ``walkedKeywords`` holds them unretained.
    private var walkPlan: [Keyword] = []
    /// ``keywords`` as the walk reads them: unretained references in a buffer the node owns, so
    /// that a keyword call costs no retain/release pair (``keywords`` keeps them alive, the graph
    /// keeps the node alive). Rebuilt whenever ``keywords`` is set, which happens only while the
    /// node's compilation round runs.
    @exclusivity(unchecked) private(set) var walkedKeywords = UnsafeMutableBufferPointer<Unmanaged<Keyword>>.allocate(capacity: 0)
    /// The site of a `false` schema (for its error).
    var falseSite: KeywordSite?
    /// Whether this node is just a `$ref` to another (for cycle detection).
    var pureReference: ReferenceKeyword?
    /// The resource (by absolute URI) this schema belongs to, for `$dynamicRef` scoping.
    @exclusivity(unchecked) var resourceURI: String = ""
    /// Whether the node has `unevaluatedProperties`/`unevaluatedItems` (which need annotations).
    @exclusivity(unchecked) var hasUnevaluated = false { didSet { updateIsPlain() } }
    /// Whether in-place applications of this node remember their result per instance location
    /// (set by ``InPlaceAnalysis`` for nodes many in-place paths lead to; see `ValidationContext.memo`).
    @exclusivity(unchecked) var isMemoized = false
    /// Where this schema says `readOnly: true` / `writeOnly: true`.
    var readOnlySite: KeywordSite?
    var writeOnlySite: KeywordSite?
    /// The property names this schema and its same-location closure declare `readOnly`/`writeOnly`
    /// (`nil` when none), for `required` under a ``ValidationDirection``.
    @exclusivity(unchecked) var directionalNames: DirectionalNames? { didSet { updateIsPlain() } }
    /// Whether validating is running ``walkedKeywords`` and nothing else (outside the dynamic
    /// scope): not a boolean schema, no annotations to collect, no `readOnly`/`writeOnly` names.
    /// One test per node visited instead of three.
    @exclusivity(unchecked) private(set) var isPlain = true
    /// Whether the node is plain and every keyword it walks is ``Keyword/isContextFree``: its
    /// verdict on a value is then that of its keywords alone, in whatever scope it is entered.
    /// Set by ``KeywordFusion`` before the node is published.
    @exclusivity(unchecked) var isLeaf = false

    private func updateIsPlain() { isPlain = constant == nil && !hasUnevaluated && directionalNames == nil }

    /// The dialect the schema object was compiled in (`nil` for boolean schemas), for the
    /// annotation walk (`AnnotationWalk.swift`), which reads the schema's annotation keywords
    /// from the document. Declared last: the walk's fields keep their places.
    var dialect: Dialect?

    init(document: SchemaDocument, pointer: JSONPointer, source: SourceLocation) {
        self.document = document
        self.pointer = pointer
        self.source = source
    }

    deinit { walkedKeywords.deallocate() }

    /// Makes the walk run `plan` (``keywords`` with some of them fused, see ``KeywordFusion``);
    /// only while the node's compilation round runs. Setting ``keywords`` again drops the plan.
    func walk(_ plan: [Keyword]) {
        walkPlan = plan
        setWalkedKeywords(plan)
    }

    private func setWalkedKeywords(_ walked: [Keyword]) {
        walkedKeywords.deallocate()
        walkedKeywords = .allocate(capacity: walked.count)
        _ = walkedKeywords.initialize(from: walked.lazy.map { Unmanaged.passUnretained($0) })
    }

    /// Validates `instance` against this schema.
    @inline(__always)
    func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        if isPlain && context.dynamicAnchors == nil { return validateKeywords(instance, &context) }
        if let constant {
            if constant { return true }
            if context.collectsErrors, let site = falseSite {
                context.report(site, code: "false-schema", "no value is allowed here (the schema is `false`)")
            }
            return false
        }
        if context.direction != nil, let names = directionalNames {
            context.directionalScope.append(names)
            defer { context.directionalScope.removeLast() }
            return validateInScope(instance, &context)
        }
        return validateInScope(instance, &context)
    }

    @inline(__always)
    private func validateInScope(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        if context.dynamicAnchors != nil && context.dynamicScope.last != resourceURI {
            // Entering a resource (through its root or through a `$ref` into its middle).
            context.dynamicScope.append(resourceURI)
            defer { context.dynamicScope.removeLast() }
            return validateTracking(instance, &context)
        }
        return validateTracking(instance, &context)
    }

    @inline(__always)
    private func validateTracking(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard hasUnevaluated else { return validateKeywords(instance, &context) }
        let wasTracking = context.isTracking
        context.frames.append(Annotations())
        let ok = validateKeywords(instance, &context)
        let collected = context.frames.removeLast()
        if ok && wasTracking { context.frames[context.frames.count - 1].merge(collected) }
        return ok
    }

    /// The yes/no verdict of a ``isLeaf`` node: its keywords, with none of the scope
    /// ``validate(_:_:)`` would set up (a leaf node reads none of it).
    @inline(__always)
    func validateLeaf(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        validateKeywords(instance, &context)
    }

    @inline(__always)
    private func validateKeywords(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        let keywords = walkedKeywords
        var valid = true
        for i in keywords.indices where !keywords[i]._withUnsafeGuaranteedRef({ $0.validate(instance, &context) }) {
            valid = false
            if !context.collectsErrors { return false }
        }
        return valid
    }
}

/// Owns every node of a compiled graph. Nodes refer to each other strongly (`$ref` cycles are
/// reference cycles), so when the last ``Schema`` of a graph goes away the graph empties every
/// node's keywords, breaking the cycles.
final class SchemaGraph: @unchecked Sendable {
    var nodes: [SchemaNode] = []

    deinit {
        // Sites point back at their node, so every stored site is a cycle too (fuzzing found the
        // node of each `false` schema leaking with its document).
        for node in nodes {
            node.keywords = []
            node.pureReference = nil
            node.falseSite = nil
            node.readOnlySite = nil
            node.writeOnlySite = nil
        }
    }
}
