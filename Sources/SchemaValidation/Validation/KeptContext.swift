#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The yes/no walk's ``ValidationContext``, kept by each thread from one ``Schema/isValid(_:)``
/// to the next.
///
/// A context holds ten reference-counted stacks and tables; making one and destroying it again
/// (each field released, even empty) was about a twentieth of the yes/no walk over a small
/// request body. A thread keeps one context in a slot found through a `pthread` key (one lookup
/// a call), freed with the thread; the walk leaves its stacks empty (every push is undone on the
/// way back), so a kept context needs only its per-call fields set. A call made while the
/// thread's context is in use (a custom format checker that validates against another schema)
/// gets a context of its own, as does every call when the process has no key left.
enum KeptContext {
    /// Runs `body` with this thread's kept context, set up as
    /// `ValidationContext(collectsErrors: false, dynamicAnchors:direction:)` would be.
    @inline(__always)
    static func yesNo<R>(
        dynamicAnchors: DynamicAnchorTable?, direction: ValidationDirection?, _ body: (inout ValidationContext) -> R
    ) -> R {
        guard let slot = slot(), !slot.pointee.inUse else {
            var context = ValidationContext(collectsErrors: false, dynamicAnchors: dynamicAnchors, direction: direction)
            return body(&context)
        }
        slot.pointee.inUse = true
        defer { slot.pointee.inUse = false }
        slot.pointee.context.prepareForYesNo(dynamicAnchors: dynamicAnchors, direction: direction)
        return body(&slot.pointee.context)
    }

    /// Runs `body` with this thread's kept ``StreamingWalk`` (made on first use), started on
    /// `root` with the thread's kept context set up for a yes/no walk; a walk and context of
    /// their own when those are in use.
    static func streaming<R>(_ root: SchemaNode, graph: SchemaGraph, direction: ValidationDirection?, _ body: (StreamingWalk) -> R) -> R {
        guard let slot = slot(), !slot.pointee.inUse else {
            var context = ValidationContext(collectsErrors: false, dynamicAnchors: nil, direction: direction)
            return withUnsafeMutablePointer(to: &context) { pointer in
                let walk = StreamingWalk(context: pointer)
                walk.start(root, graph: graph, context: pointer)
                return body(walk)
            }
        }
        slot.pointee.inUse = true
        defer { slot.pointee.inUse = false }
        slot.pointee.context.prepareForYesNo(dynamicAnchors: nil, direction: direction)
        let context = (UnsafeMutableRawPointer(slot) + MemoryLayout<KeptContextSlot>.offset(of: \.context)!)
            .assumingMemoryBound(to: ValidationContext.self)
        let walk = slot.pointee.walk ?? StreamingWalk(context: context)
        if slot.pointee.walk == nil { slot.pointee.walk = walk }
        walk.start(root, graph: graph, context: context)
        return body(walk)
    }

    /// This thread's slot, made on its first call; `nil` when no key could be made or the slot
    /// could not be registered.
    @inline(__always)
    private static func slot() -> UnsafeMutablePointer<KeptContextSlot>? {
        guard let key = keptContextKey else { return nil }
        if let raw = pthread_getspecific(key) { return raw.assumingMemoryBound(to: KeptContextSlot.self) }
        return makeSlot(key)
    }

    @inline(never)
    private static func makeSlot(_ key: pthread_key_t) -> UnsafeMutablePointer<KeptContextSlot>? {
        let slot = UnsafeMutablePointer<KeptContextSlot>.allocate(capacity: 1)
        slot.initialize(to: KeptContextSlot(context: ValidationContext(collectsErrors: false, dynamicAnchors: nil), inUse: false))
        guard pthread_setspecific(key, slot) == 0 else {
            slot.deinitialize(count: 1).deallocate()
            return nil
        }
        return slot
    }
}

/// What a thread keeps: its context, and whether a walk is using it.
struct KeptContextSlot {
    var context: ValidationContext
    var inUse: Bool
    /// The byte-stream walk (``Schema/isValid(json:file:limits:)``), made on its first use.
    var walk: StreamingWalk?
}

/// The `pthread` key of each thread's ``KeptContextSlot``, freed with the thread.
private let keptContextKey: pthread_key_t? = {
    var key = pthread_key_t()
    return pthread_key_create(&key) { raw in freeKeptContextSlot(raw) } == 0 ? key : nil
}()

private func freeKeptContextSlot(_ raw: UnsafeMutableRawPointer?) {
    raw?.assumingMemoryBound(to: KeptContextSlot.self).deinitialize(count: 1).deallocate()
}

extension ValidationContext {
    /// Makes a context left by an earlier walk what
    /// `ValidationContext(collectsErrors: false, dynamicAnchors:direction:)` makes, keeping the
    /// storage its stacks grew. A finished walk leaves the stacks empty; what it may leave behind
    /// (the memo, undecided reports, a stack a keyword left unbalanced) is cleared.
    @inline(__always)
    mutating func prepareForYesNo(dynamicAnchors: DynamicAnchorTable?, direction: ValidationDirection?) {
        collectsErrors = false
        collectsHereOnly = false
        if self.dynamicAnchors !== dynamicAnchors { self.dynamicAnchors = dynamicAnchors }
        self.direction = direction
        depth = 0
        depthHere = 0
        depthExceeded = false
        frameBase = 0
        directionalBase = 0
        locationSerial = 0
        lastLocationSerial = 0
        isUndecided = false
        if !(errors.isEmpty && undecided.isEmpty && memo.isEmpty && instancePath.isEmpty && keywordPath.isEmpty && dynamicScope.isEmpty
            && frames.isEmpty && directionalScope.isEmpty && inheritanceScope.isEmpty)
        {
            clearLeftovers()
        }
    }

    /// The largest memo table a kept context holds on to between calls (entries).
    static let keptMemoCapacity = 1_024

    @inline(never)
    private mutating func clearLeftovers() {
        errors = []
        undecided = []
        // The memo's table is kept for the next call unless it grew large (a deep instance).
        if memo.capacity <= Self.keptMemoCapacity { memo.removeAll(keepingCapacity: true) } else { memo = [:] }
        instancePath.removeAll(keepingCapacity: true)
        keywordPath.removeAll(keepingCapacity: true)
        dynamicScope.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        directionalScope.removeAll(keepingCapacity: true)
        inheritanceScope.removeAll(keepingCapacity: true)
    }
}
