import SpecSource

/// The yes/no walk over a JSON text as it is read (see "Bytes to verdict without a tree" in
/// DESIGN.md). Arrays and objects whose schemas use only keywords the walk follows (the usual
/// request and response bodies: `type`, `properties`, `required`, `additionalProperties`,
/// `items`, sizes, `$ref`, `allOf`) are never built: each member's schemas are found as its key is
/// read, `required` and sizes are checked when the container closes. Every scalar, and every
/// container under another keyword (`oneOf`, `enum`, a discriminator...), is built and validated
/// by the tree walk itself, at the depth the tree walk would have there, so the verdict is the
/// tree walk's. A thread keeps its walk from one call to the next (``KeptContext``).
final class StreamingWalk: JSONStreamVisitor {
    @exclusivity(unchecked) private var context: UnsafeMutablePointer<ValidationContext>
    /// The applications of the open streamed containers (each frame's range), then those waiting
    /// for the next value (from ``pendingStart``).
    @exclusivity(unchecked) private var applications = PlainStack<StreamApplication>(capacity: 32)
    @exclusivity(unchecked) private var pendingStart = 0
    @exclusivity(unchecked) private var frames = PlainStack<Frame>(capacity: 16)
    /// Whether the instance is known to be invalid (the rest is read for its syntax only).
    @exclusivity(unchecked) private(set) var failed = false
    /// Whether the walk came near an evaluation-depth limit, where its answer could differ from
    /// the tree walk's: the caller validates the tree instead.
    @exclusivity(unchecked) private(set) var gaveUp = false

    /// Most applications one container's schemas may take (`$ref`s and `allOf` branches followed
    /// at its location); beyond it the container is built.
    static let maxClosure = 64
    /// Depths past which the walk gives up, well inside ``ValidationContext/maxTotalDepth`` and
    /// ``ValidationContext/maxDepth``: near them the tree walk's memo and short-circuits decide
    /// which paths meet the limit.
    static let depthMargin = ValidationContext.maxTotalDepth - 700
    static let depthHereMargin = ValidationContext.maxDepth - 100

    private struct Frame {
        /// The container's applications: `applications[start..<end]`.
        let start: Int
        let end: Int
        let isObject: Bool
        /// Members or elements read so far.
        var count = 0
    }

    init(context: UnsafeMutablePointer<ValidationContext>) {
        self.context = context
    }

    deinit {
        applications.free()
        frames.free()
        cache.free()
    }

    /// Starts a walk of an instance against `root`, with `context` (set up for a yes/no walk).
    func start(_ root: SchemaNode, graph: SchemaGraph, context: UnsafeMutablePointer<ValidationContext>) {
        self.context = context
        cache.use(for: graph)
        // Entries differ by direction (`readOnly`/`writeOnly` properties make containers built),
        // so a thread checking requests and responses in turn keeps both.
        switch context.pointee.direction {
        case nil: directionKind = 0
        case .request: directionKind = 4
        case .response: directionKind = 8
        }
        applications.truncate(to: 0)
        frames.truncate(to: 0)
        pendingStart = 0
        failed = false
        gaveUp = false
        applications.push(StreamApplication(node: NodeRef(root), depth: -1, depthHere: 0))
    }

    /// The verdict, or `nil` when the tree must decide (``gaveUp``).
    var verdict: Bool? { gaveUp ? nil : !failed && !context.pointee.isUndecided }

    // MARK: Where the next value goes

    func member(_ key: String) {
        applications.truncate(to: pendingStart)
        guard !failed else { return }
        frames[frames.count - 1].count += 1
        let frame = frames[frames.count - 1]
        // Pending a schema may move the stack: applications are read through their index.
        for i in frame.start..<frame.end {
            if let properties = applications[i].properties,
                let index = properties._withUnsafeGuaranteedRef({ $0.names.index(of: key) })
            {
                if let fused = applications[i].fused {
                    applications[i].present |= fused._withUnsafeGuaranteedRef { $0.requiredBit(at: index) }
                }
                pend(properties._withUnsafeGuaranteedRef { $0.schemaRef(at: index) }, under: i)
            }
            if let required = applications[i].required {
                applications[i].present |= required._withUnsafeGuaranteedRef { $0.bits(naming: key) }
            }
            if let additional = applications[i].additional {
                switch additional._withUnsafeGuaranteedRef({ $0.streamChild(for: key) }) {
                case .notAdditional: break
                case .checked(let schema): pend(schema, under: i)
                case .fails: return fail()
                }
            }
        }
    }

    func element() {
        applications.truncate(to: pendingStart)
        guard !failed else { return }
        frames[frames.count - 1].count += 1
        let frame = frames[frames.count - 1]
        for i in frame.start..<frame.end {
            if let items = applications[i].items { pend(items._withUnsafeGuaranteedRef { $0.schemaRef }, under: i) }
        }
    }

    // MARK: Values

    func open(isObject: Bool) -> Bool {
        // The usual case, one schema for the value: its closure as worked out before.
        if !failed, applications.count - pendingStart == 1 {
            let pending = applications[pendingStart]
            let kind = directionKind | (isObject ? 0 : 1)
            let slot = StreamClosureCache.slot(pending.node, kind)
            let entry = cache[slot]
            if entry.node == pending.node.unmanaged.toOpaque(), entry.kind == kind,
                pending.depth + 1 + entry.maxHops < Self.depthMargin, entry.maxHops < Self.depthHereMargin
            {
                return open(isObject: isObject, planned: entry, under: pending)
            }
            let streams = openComputing(isObject: isObject)
            if !gaveUp { remember(slot, pending, kind: kind, streams: streams) }
            return streams
        }
        return openComputing(isObject: isObject)
    }

    /// ``open(isObject:)`` working the closure out.
    private func openComputing(isObject: Bool) -> Bool {
        let closureStart = applications.count
        deepest = 0
        if !failed {
            var i = pendingStart
            while i < closureStart, !failed {
                let pending = applications[i]
                i += 1
                // The root (depth -1) is applied at depth 0, as a child is one deeper than its parent.
                if !apply(pending.node, depth: pending.depth, depthHere: pending.depthHere, atChild: true) {
                    return decline(closureStart)
                }
            }
            var j = closureStart
            while j < applications.count, !failed {
                guard applications.count - closureStart <= Self.maxClosure, follow(j, isObject: isObject) else {
                    return decline(closureStart)
                }
                j += 1
            }
        }
        if failed { applications.truncate(to: closureStart) }
        // The closure replaces the pending applications it came from; only the schemas that check
        // members or elements, or the container when it closes, are kept for them.
        var kept = pendingStart
        for i in closureStart..<applications.count where applications[i].checksChildren {
            applications[kept] = applications[i]
            kept += 1
        }
        applications.truncate(to: kept)
        pushFrame(isObject: isObject)
        return true
    }

    private func pushFrame(isObject: Bool) {
        frames.push(Frame(start: pendingStart, end: applications.count, isObject: isObject))
        pendingStart = applications.count
    }

    // MARK: Closures worked out before

    /// Closures worked out before, by schema and kind of value.
    @exclusivity(unchecked) private var cache = StreamClosureCache()
    /// The cache's kind bits for the walk's direction (none 0, request 4, response 8).
    @exclusivity(unchecked) private var directionKind: UInt8 = 0
    /// The deepest application ``openComputing(isObject:)`` made (for the cache's depth margins).
    @exclusivity(unchecked) private var deepest = 0

    /// Records what ``openComputing(isObject:)`` just did for `pending`.
    private func remember(_ slot: Int, _ pending: StreamApplication, kind: UInt8, streams: Bool) {
        if cache.plans.count > 4_096 { cache.clear() }
        var entry = StreamClosureCache.Entry(node: pending.node.unmanaged.toOpaque(), kind: kind, streams: streams)
        entry.planStart = cache.plans.count
        if streams {
            if failed {
                entry.fails = true
            } else {
                let frame = frames[frames.count - 1]
                entry.maxHops = deepest - (pending.depth + 1)
                for i in frame.start..<frame.end {
                    cache.plans.push(StreamApplication(planned: applications[i], depth: applications[i].depth - (pending.depth + 1)))
                }
            }
        }
        entry.planEnd = cache.plans.count
        cache[slot] = entry
    }

    /// ``open(isObject:)`` with the closure `entry` recorded for `pending`'s schema.
    private func open(isObject: Bool, planned entry: StreamClosureCache.Entry, under pending: StreamApplication) -> Bool {
        guard entry.streams else { return false }
        applications.truncate(to: pendingStart)
        if entry.fails {
            failed = true
        } else {
            // Recorded with their hops from the schema as depths.
            let base = pending.depth + 1
            for i in entry.planStart..<entry.planEnd {
                applications.push(StreamApplication(planned: cache.plans[i], depth: base + cache.plans[i].depth))
            }
        }
        pushFrame(isObject: isObject)
        return true
    }

    func skipsString() -> Bool {
        if failed { return true }
        guard applications.count - pendingStart == 1 else { return acceptsAnyString() }
        let node = applications[pendingStart].node
        let kind = directionKind | 2
        let slot = StreamClosureCache.slot(node, kind)
        if cache[slot].node == node.unmanaged.toOpaque() && cache[slot].kind == kind { return cache[slot].streams }
        let accepts = acceptsAnyString()
        cache[slot] = StreamClosureCache.Entry(node: node.unmanaged.toOpaque(), kind: kind, streams: accepts)
        return accepts
    }

    /// Whether every pending schema accepts every string.
    private func acceptsAnyString() -> Bool {
        for i in pendingStart..<applications.count {
            let acceptsAnyString = applications[i].node.unmanaged._withUnsafeGuaranteedRef { node -> Bool in
                if node.constant == true { return true }
                guard node.isPlain else { return false }
                let keywords = node.walkedKeywords
                for k in keywords.indices {
                    let passes = keywords[k]._withUnsafeGuaranteedRef { keyword -> Bool in
                        switch keyword.streamRole {
                        case .type: return unsafeDowncast(keyword, to: TypeKeyword.self).types.contains(.string)
                        case .properties, .propertiesAndRequired, .required, .additionalProperties, .items: return true
                        case .size: return unsafeDowncast(keyword, to: SizeKeyword.self).measure != .length
                        default: return false
                        }
                    }
                    if !passes { return false }
                }
                return true
            }
            if !acceptsAnyString { return false }
        }
        return true
    }

    func value(_ value: UnsafePointer<JSONValue>) {
        defer { applications.truncate(to: pendingStart) }
        guard !failed else { return }
        for i in pendingStart..<applications.count {
            let pending = applications[i]
            let valid: Bool
            if pending.depth < 0 {
                context.pointee.depth = 0
                context.pointee.depthHere = 0
                valid = pending.node.unmanaged._withUnsafeGuaranteedRef { $0.validate(value, &context.pointee) }
            } else {
                context.pointee.depth = pending.depth
                context.pointee.depthHere = pending.depthHere
                valid = context.pointee.descend(pending.node, value, via: "", at: .index(0))
            }
            if !valid { return fail() }
        }
    }

    func close() {
        let frame = frames[frames.count - 1]
        frames.truncate(to: frames.count - 1)
        defer {
            applications.truncate(to: frame.start)
            pendingStart = frame.start
        }
        guard !failed else { return }
        for i in frame.start..<frame.end {
            let application = applications[i]
            if application.present & application.requiredAll != application.requiredAll || frame.count < application.minCount
                || frame.count > application.maxCount
            {
                return fail()
            }
        }
    }

    // MARK: Following schemas

    /// Adds the application of `child` to the next value, by a keyword of `applications[parent]`'s node.
    @inline(__always)
    private func pend(_ child: NodeRef, under parent: Int) {
        let (depth, depthHere) = (applications[parent].depth, applications[parent].depthHere)
        applications.push(StreamApplication(node: child, depth: depth, depthHere: depthHere))
    }

    /// Applies `node` as `descend` would from a schema at `depth`/`depthHere` (`atChild`: to a
    /// child of the instance, else in place), adding it to the closure being built; `false` when
    /// the walk should give up there.
    private func apply(_ node: NodeRef, depth: Int, depthHere: Int, atChild: Bool) -> Bool {
        if node.unmanaged._withUnsafeGuaranteedRef({ $0.constant == true }) { return true }
        guard depth < Self.depthMargin, depthHere < Self.depthHereMargin else {
            gaveUp = true
            return false
        }
        applications.push(StreamApplication(node: node, depth: depth + 1, depthHere: atChild ? 0 : depthHere + 1))
        deepest = max(deepest, depth + 1)
        return true
    }

    /// Checks what the keywords of `applications[index]` say of an array or object as a whole,
    /// notes what they check of its members or elements, and adds the schemas they apply in place;
    /// `false` when the container must be built.
    private func follow(_ index: Int, isObject: Bool) -> Bool {
        let application = applications[index]
        let (isPlain, constant, keywords) = application.node.unmanaged._withUnsafeGuaranteedRef {
            ($0.isPlain, $0.constant, $0.walkedKeywords)
        }
        if constant == false {
            fail()
            return true
        }
        guard isPlain else { return false }
        var plan = application
        for k in keywords.indices {
            let streams = keywords[k]._withUnsafeGuaranteedRef { keyword -> Bool in
                switch keyword.streamRole {
                case .unsupported: return false
                case .scalarOnly: return true
                case .type:
                    if !unsafeDowncast(keyword, to: TypeKeyword.self).types.contains(isObject ? .object : .array) { fail() }
                    return true
                case .properties where isObject:
                    let properties = unsafeDowncast(keyword, to: PropertiesKeyword.self)
                    guard context.pointee.direction == nil || properties.directional == nil else { return false }
                    plan.properties = .passUnretained(properties)
                    return true
                case .propertiesAndRequired where isObject:
                    let fused = unsafeDowncast(keyword, to: PropertiesAndRequired.self)
                    guard context.pointee.direction == nil || fused.properties.directional == nil else { return false }
                    plan.properties = .passUnretained(fused.properties)
                    plan.fused = .passUnretained(fused)
                    plan.requiredAll = fused.allRequired
                    return true
                case .required where isObject:
                    let required = unsafeDowncast(keyword, to: RequiredKeyword.self)
                    guard required.names.count <= 64 else { return false }
                    plan.required = .passUnretained(required)
                    plan.requiredAll = required.names.count == 64 ? ~0 : (1 << required.names.count) - 1
                    return true
                case .additionalProperties where isObject:
                    plan.additional = .passUnretained(unsafeDowncast(keyword, to: AdditionalPropertiesKeyword.self))
                    return true
                case .items where !isObject:
                    let items = unsafeDowncast(keyword, to: ItemsKeyword.self)
                    guard items.skip == 0 else { return false }
                    if items.schemaRef.unmanaged._withUnsafeGuaranteedRef({ $0.constant == false }) {
                        plan.maxCount = min(plan.maxCount, 0)  // any element fails
                    } else {
                        plan.items = .passUnretained(items)
                    }
                    return true
                case .size:
                    let size = unsafeDowncast(keyword, to: SizeKeyword.self)
                    if size.measure == (isObject ? .properties : .items) {
                        if size.isMinimum {
                            plan.minCount = max(plan.minCount, size.limit)
                        } else {
                            plan.maxCount = min(plan.maxCount, size.limit)
                        }
                    }
                    return true
                case .properties, .propertiesAndRequired, .required, .additionalProperties, .items:
                    return true  // the other kind of container
                case .reference:
                    let reference = unsafeDowncast(keyword, to: ReferenceKeyword.self)
                    return apply(reference.targetRef, depth: application.depth, depthHere: application.depthHere, atChild: false)
                case .allOf:
                    return unsafeDowncast(keyword, to: AllOfKeyword.self).walked.allSatisfy {
                        apply($0, depth: application.depth, depthHere: application.depthHere, atChild: false)
                    }
                }
            }
            if !streams { return false }
            if failed { return true }
        }
        // A node has at most one `required` (fused or not): one mask.
        applications[index] = plan
        return true
    }

    /// Declines to stream the container: it is built and its pending applications validate it.
    private func decline(_ closureStart: Int) -> Bool {
        applications.truncate(to: closureStart)
        return false
    }

    private func fail() { failed = true }
}
