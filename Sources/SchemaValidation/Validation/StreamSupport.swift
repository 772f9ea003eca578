import SpecSource

/// One schema application the stream walk follows: the node and the evaluation depth of the
/// yes/no walk (``ValidationContext/depth`` and ``ValidationContext/depthHere``) at it; for a
/// value's pending applications, the depth of the schema that applies it (as the context is
/// when a keyword calls `descend`). `depth` is -1 for the root, which `isValid` applies directly.
struct StreamApplication {
    let node: NodeRef
    private(set) var depth: Int
    let depthHere: Int
    /// For an open container, what its keywords check of the members or elements, found once by
    /// ``StreamingWalk/follow(_:isObject:)``: `properties` (alone or fused with `required`),
    /// `required`, `additionalProperties`, `items`, and the bounds of the size keywords.
    var properties: Unmanaged<PropertiesKeyword>?
    var fused: Unmanaged<PropertiesAndRequired>?
    var required: Unmanaged<RequiredKeyword>?
    var additional: Unmanaged<AdditionalPropertiesKeyword>?
    var items: Unmanaged<ItemsKeyword>?
    var minCount = 0
    var maxCount = Int.max
    /// The bits of ``present`` every `required` name sets.
    var requiredAll: UInt64 = 0
    /// For an open object: a bit per `required` name found so far (``PropertiesAndRequired``'s
    /// bits, or the name's position in ``RequiredKeyword/names``).
    var present: UInt64 = 0

    init(node: NodeRef, depth: Int, depthHere: Int) {
        self.node = node
        self.depth = depth
        self.depthHere = depthHere
    }

    /// Whether the walk needs this application after its container opens: it finds schemas for
    /// members or elements, or checks something when the container closes.
    var checksChildren: Bool {
        properties != nil || required != nil || additional != nil || items != nil || requiredAll != 0 || minCount > 0
            || maxCount < .max
    }

    /// `planned` (a cached closure's application) at evaluation depth `depth`.
    @inline(__always)
    init(planned: StreamApplication, depth: Int) {
        self = planned
        self.depth = depth
    }
}

/// A stack of plain values (no references to count) that only grows: pushes and truncations
/// cost no uniqueness checks, no destroys and no calls. The owner frees it.
struct PlainStack<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    func free() { base.deallocate() }

    @inline(__always)
    mutating func push(_ element: Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    /// Keeps the first `count` elements.
    @inline(__always)
    mutating func truncate(to count: Int) { self.count = count }
}

/// The closures a ``StreamingWalk`` worked out, by (schema node, kind of value): for an array or
/// object, whether it is streamed and the applications that follow it, with their `$ref`/`allOf`
/// hops from the schema as depths; for a string, whether every string is fine. A thread's walk
/// keeps its own (no locks), and keeps the graph the cached nodes belong to alive: the cache is
/// emptied when the walk is used with another graph. The direction is part of each entry's kind
/// (`readOnly`/`writeOnly` properties make containers built).
struct StreamClosureCache {
    struct Entry {
        var node: UnsafeMutableRawPointer?
        /// 0 for an object, 1 for an array, 2 for a string; plus 4 under the request direction
        /// and 8 under the response direction.
        var kind: UInt8 = 0
        /// For containers: build the container (`false`), or stream it with the applications at
        /// `planStart..<planEnd` of ``plans`` (none when it fails as a whole: ``fails``). For
        /// strings: whether any string is fine.
        var streams = false
        var fails = false
        var planStart = 0
        var planEnd = 0
        /// The most `$ref`/`allOf` hops from the schema to a schema of its closure.
        var maxHops = 0
    }

    private var entries = [Entry](repeating: Entry(), count: 256)
    var plans = PlainStack<StreamApplication>(capacity: 64)
    private var graph: SchemaGraph?

    /// The slot of `node` for values of `kind`.
    @inline(__always)
    static func slot(_ node: NodeRef, _ kind: UInt8) -> Int {
        let bits = UInt(bitPattern: node.unmanaged.toOpaque()) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: (bits >> 56) ^ UInt(kind)) & 255
    }

    @inline(__always)
    subscript(slot: Int) -> Entry {
        get { entries.withUnsafeBufferPointer { $0[slot] } }
        set { entries[slot] = newValue }
    }

    /// Empties the cache when `graph` is not the cached entries' graph.
    mutating func use(for graph: SchemaGraph) {
        guard self.graph !== graph else { return }
        clear()
        self.graph = graph
    }

    mutating func clear() {
        for i in entries.indices { entries[i] = Entry() }
        plans.truncate(to: 0)
    }

    func free() { plans.free() }
}
