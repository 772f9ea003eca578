import Foundation

/// Builds a ``JSONValue`` tree from YAML parse events, one event at a time.
///
/// Containers under construction live on an explicit stack (never recursion over input depth);
/// a finished container is moved into its parent. The members and elements of the open containers
/// wait in two scratch buffers (``ScratchStack``), so each finished container gets an array of
/// exactly its size, allocated once: grown by appending, they kept up to half their capacity
/// unused (a third of the tree's member storage on the OpenAI document). Anchors keep a finished value (shared by
/// copy-on-write, so an alias costs O(1)) plus its node count and height, which bound alias
/// expansion ("billion laughs") and nesting without walking the copied trees.
struct YAMLTreeBuilder {
    /// A sequence or mapping whose end event has not been seen yet.
    struct Frame {
        var isMap: Bool
        var location: SourceLocation
        var anchor: String?
        /// Where this container's elements (a sequence) or explicit members (a mapping) start in
        /// the builder's scratch buffer.
        var start: Int
        /// Key → position among this mapping's members, once it has more than
        /// ``JSONObject/indexThreshold`` (handed to the finished ``JSONObject`` as its index).
        var keyIndex: [MemberName: Int]?
        /// Nodes in this container, itself included (aliases count their full expansion).
        var nodes = 1
        /// Container levels from here down (1 for a container of scalars).
        var height = 1
        /// Mapping state: whether the next node is a key.
        var expectingKey = true
        var key = ""
        var keyLocation = SourceLocation.unknown
        /// Whether the pending key is the merge key `<<`.
        var keyIsMerge = false
        var mergeKeyLocation: SourceLocation?
        /// Mappings to merge in at the end, earlier ones first.
        var merges: [JSONObject] = []

        init(isMap: Bool, location: SourceLocation, anchor: String?, start: Int) {
            self.isMap = isMap
            self.location = location
            self.anchor = anchor
            self.start = start
        }
    }

    /// What an anchor refers to; `value` is `nil` while the anchored container is still open.
    struct Anchor {
        var value: JSONValue?
        var nodes: Int
        var height: Int
        /// The scalar's text as written, so that an alias can be used as a mapping key.
        var keyText: String?
    }

    let file: SourceFileID
    let limits: LoadLimits
    private var stack: [Frame] = []
    /// Members of the open mappings, innermost last.
    private let members = ScratchStack<JSONObject.Member>()
    /// Elements of the open sequences, innermost last.
    private let items = ScratchStack<JSONValue>()
    /// Long keys and string values read so far, shared by their repeats.
    private var strings: StringPool
    private var anchors: [String: Anchor] = [:]
    private var expanded = 0
    private var root: JSONValue?
    private var documents = 0

    /// - Parameter textSize: The YAML text's length in bytes, which sizes the string pool.
    init(file: SourceFileID, limits: LoadLimits, textSize: Int = 0) {
        self.file = file
        self.limits = limits
        strings = StringPool(textSize: textSize)
        stack.reserveCapacity(32)
    }

    /// The document's value (`null` for an empty stream).
    func finish(at location: SourceLocation) -> JSONValue {
        root ?? JSONValue(.null, location: location)
    }

    /// Whether the next node is a mapping key.
    private var atKey: Bool {
        let top = stack.count - 1
        return top >= 0 && stack[top].isMap && stack[top].expectingKey
    }

    // MARK: Events

    /// A document starts; only one is allowed.
    mutating func documentStart(at location: SourceLocation) throws(SourceError) {
        documents += 1
        if documents > 1 {
            throw SourceError(
                code: "yaml.multiple-documents",
                message: "a second YAML document starts here; a source must hold exactly one document",
                location: location)
        }
    }

    /// A sequence or mapping starts.
    mutating func start(isMap: Bool, tag: YAMLScalar.Tag, anchor: String?, at location: SourceLocation) throws(SourceError) {
        if atKey {
            throw SourceError(
                code: "yaml.complex-key",
                message: "a \(isMap ? "mapping" : "sequence") cannot be a mapping key; keys must be scalars",
                location: location)
        }
        if stack.count >= limits.maxDepth {
            throw tooDeep(at: location)
        }
        switch tag {
        case .map where !isMap, .seq where isMap, .str, .int, .float, .bool, .null:
            throw SourceError(
                code: "yaml.bad-tag-value",
                message: "a \(isMap ? "mapping" : "sequence") is not a valid \(tag.name) value",
                location: location)
        default:
            break
        }
        if let anchor {
            anchors[anchor] = Anchor(value: nil, nodes: 0, height: 0, keyText: nil)
        }
        stack.append(Frame(isMap: isMap, location: location, anchor: anchor, start: isMap ? members.count : items.count))
    }

    /// The innermost open sequence or mapping ends.
    mutating func end() throws(SourceError) {
        let frame = stack.removeLast()
        let value: JSONValue
        if frame.isMap {
            var object = JSONObject(uniqueMembers: members.pop(from: frame.start), index: frame.keyIndex)
            for source in frame.merges {
                for member in source where object.indexOf(member.key) == nil {
                    object.append(member)
                }
            }
            value = JSONValue(.object(object), location: frame.location)
        } else {
            value = JSONValue(.array(items.pop(from: frame.start)), location: frame.location)
        }
        if let anchor = frame.anchor {
            anchors[anchor] = Anchor(value: value, nodes: frame.nodes, height: frame.height, keyText: nil)
        }
        try add(value, nodes: frame.nodes, height: frame.height)
    }

    /// A scalar (a key when a mapping expects one, a value otherwise).
    mutating func scalar(_ text: UnsafeBufferPointer<UInt8>, plain: Bool, tag: YAMLScalar.Tag, anchor: String?, at location: SourceLocation)
        throws(SourceError)
    {
        if atKey {
            let key = strings.string(text)
            if let anchor {
                let kind = try YAMLScalar.resolve(text, plain: plain, tag: tag, at: location)
                anchors[anchor] = Anchor(value: JSONValue(kind, location: location), nodes: 1, height: 0, keyText: key)
            }
            let isMerge =
                plain && tag == .none && text.count == 2
                && text[0] == UInt8(ascii: "<") && text[1] == UInt8(ascii: "<")
            try setKey(key, isMerge: isMerge, at: location)
            return
        }
        var kind: JSONValue.Kind
        if !plain && tag == .none {
            kind = .string(strings.string(text))  // quoted or block: a string, maybe one seen before
        } else {
            kind = try YAMLScalar.resolve(text, plain: plain, tag: tag, at: location)
            if case .string(let string) = kind, text.count >= StringPool.minimumLength {
                kind = .string(strings.intern(string, bytes: text))
            }
        }
        let value = JSONValue(kind, location: location)
        if let anchor {
            anchors[anchor] = Anchor(value: value, nodes: 1, height: 0, keyText: YAMLScalar.string(text))
        }
        try add(value, nodes: 1, height: 0)
    }

    /// An alias: a copy of the anchored value, placed at the alias's position.
    mutating func alias(_ name: String, at location: SourceLocation) throws(SourceError) {
        guard let anchor = anchors[name] else {
            throw SourceError(
                code: "yaml.unknown-alias",
                message: "alias *\(name) refers to no anchor defined before it",
                location: location)
        }
        guard var value = anchor.value else {
            throw SourceError(
                code: "yaml.recursive-alias",
                message: "alias *\(name) refers to a node that contains it",
                location: location)
        }
        if atKey {
            guard let key = anchor.keyText else {
                throw SourceError(
                    code: "yaml.complex-key",
                    message: "alias *\(name) is a \(value.arrayValue != nil ? "sequence" : "mapping") and cannot be a mapping key",
                    location: location)
            }
            try setKey(key, isMerge: false, at: location)
            return
        }
        expanded += anchor.nodes
        if expanded > limits.maxAliasExpansion {
            throw SourceError(
                code: "yaml.alias-limit",
                message: "alias *\(name) expands the document beyond \(limits.maxAliasExpansion) nodes",
                location: location)
        }
        if stack.count + anchor.height > limits.maxDepth {
            throw tooDeep(at: location)
        }
        value.location = location
        try add(value, nodes: anchor.nodes, height: anchor.height)
    }

    // MARK: Assembly

    /// Records a mapping key, rejecting duplicates.
    private mutating func setKey(_ key: String, isMerge: Bool, at location: SourceLocation) throws(SourceError) {
        let top = stack.count - 1
        if isMerge {
            if let first = stack[top].mergeKeyLocation {
                throw duplicateKey(key, at: location, first: first)
            }
            stack[top].mergeKeyLocation = location
        } else if let i = position(of: key, in: stack[top]) {
            throw duplicateKey(key, at: location, first: members[i].keyLocation)
        }
        stack[top].keyIsMerge = isMerge
        stack[top].key = key
        stack[top].keyLocation = location
        stack[top].expectingKey = false
    }

    /// Where the member `key` of the open mapping `frame` is in ``members``, if it has one.
    private func position(of key: String, in frame: Frame) -> Int? {
        if let keyIndex = frame.keyIndex { return keyIndex[MemberName(key)].map { frame.start + $0 } }
        var i = frame.start
        while i < members.count {
            if MemberName.same(members[i].key, key) { return i }
            i += 1
        }
        return nil
    }

    /// Adds a finished value to the innermost open container (or makes it the root).
    @inline(__always)
    private mutating func add(_ value: JSONValue, nodes: Int, height: Int) throws(SourceError) {
        let top = stack.count - 1
        guard top >= 0 else {
            root = value
            return
        }
        stack[top].nodes += nodes
        if height >= stack[top].height { stack[top].height = height + 1 }
        if !stack[top].isMap {
            items.push(value)
            return
        }
        stack[top].expectingKey = true
        if stack[top].keyIsMerge {
            stack[top].keyIsMerge = false
            try merge(value, into: top)
            return
        }
        // The key was checked for duplicates when it was read.
        members.push(JSONObject.Member(key: stack[top].key, keyLocation: stack[top].keyLocation, value: value))
        let count = members.count - stack[top].start
        if stack[top].keyIndex != nil {
            stack[top].keyIndex![MemberName(stack[top].key)] = count - 1
        } else if count > JSONObject.indexThreshold {
            var keyIndex = [MemberName: Int](minimumCapacity: count)
            for i in 0..<count { keyIndex[MemberName(members[stack[top].start + i].key)] = i }
            stack[top].keyIndex = keyIndex
        }
    }

    /// Queues the mapping(s) of a `<<` value for merging when the mapping ends.
    private mutating func merge(_ value: JSONValue, into top: Int) throws(SourceError) {
        switch value.kind {
        case .object(let object):
            stack[top].merges.append(object)
        case .array(let items):
            for item in items {
                guard case .object(let object) = item.kind else {
                    throw badMerge(item)
                }
                stack[top].merges.append(object)
            }
        default:
            throw badMerge(value)
        }
    }

    // MARK: Errors

    private func tooDeep(at location: SourceLocation) -> SourceError {
        SourceError(
            code: "yaml.too-deep",
            message: "nesting exceeds the limit of \(limits.maxDepth) levels",
            location: location)
    }

    private func duplicateKey(_ key: String, at location: SourceLocation, first: SourceLocation) -> SourceError {
        SourceError(
            code: "yaml.duplicate-key",
            message: "duplicate key \"\(key)\" (first at line \(first.line), column \(first.column))",
            location: location,
            related: [first])
    }

    private func badMerge(_ value: JSONValue) -> SourceError {
        SourceError(
            code: "yaml.bad-merge",
            message: "the merge key << needs a mapping or a sequence of mappings, not a value of type \(value.typeName)",
            location: value.location)
    }
}

/// A stack of values in one manually managed buffer, from which the top `n` are moved out into an
/// array of exactly `n` elements (no copies, no reference counting, no growth of the result).
///
/// ``YAMLTreeBuilder`` keeps the members and elements of every open container here; whatever is
/// left when the builder goes (a parse that failed) is destroyed with the stack.
final class ScratchStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// Number of values on the stack.
    private(set) var count = 0

    init(capacity: Int = 64) {
        base = MallocBuffer.allocate(capacity: capacity)
        self.capacity = capacity
    }

    deinit {
        base.deinitialize(count: count)
        MallocBuffer.free(base)
    }

    /// The value at `index` (`0..<count`), bottom first.
    subscript(index: Int) -> Element {
        unsafeAddress {
            precondition(index >= 0 && index < count, "ScratchStack index out of range")
            return UnsafePointer(base + index)
        }
    }

    /// Pushes `value` on top.
    func push(_ value: consuming Element) {
        if count == capacity {
            let grown: UnsafeMutablePointer<Element> = MallocBuffer.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            MallocBuffer.free(base)
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: value)
        count += 1
    }

    /// Removes the values from `start` up, returning them bottom first.
    ///
    /// `reserveCapacity` and `append` of moved values, as ``MoveStack/moveOut(from:)`` does:
    /// `Array(unsafeUninitializedCapacity:)` looked up the buffer's generic metadata on every call
    /// (about 760 instructions a container, 18 M of the 2.9 MB OpenAI document's load).
    func pop(from start: Int) -> [Element] {
        precondition(start >= 0 && start <= count, "ScratchStack start out of range")
        let n = count - start
        var values: [Element] = []
        if n > 0 {
            values.reserveCapacity(n)
            for i in start..<count { values.append((base + i).move()) }
        }
        count = start
        return values
    }
}

/// The long strings (``minimumLength`` UTF-8 bytes or more, which `String` keeps on the heap; shorter
/// ones are stored inline) a reader has made, found by their bytes, so that a repeated key or
/// value (`application/json`, a `$ref` target, a description shared by many schemas) shares the
/// first one's storage. Strings are compared by their bytes, not by Swift's canonical equivalence:
/// `"é"` written precomposed and decomposed stay two strings.
///
/// The hash reads the length and three 8-byte samples (start, middle, end) with Swift's seeded
/// `Hasher`: hashing every byte cost more than the pooling saved. Strings that agree on those
/// collide, so a lookup gives up after ``maximumProbes`` slots and the string is simply not pooled:
/// crafted input can cost sharing, never more than that many comparisons a string.
struct StringPool {
    /// Shorter strings are not pooled.
    static let minimumLength = 16
    /// Slots a lookup or insertion looks at before giving up.
    static let maximumProbes = 8

    /// A pooled string and its hash. A struct, not a tuple: arrays of tuples are copied and
    /// destroyed through the runtime's generic tuple witnesses, which cost about 130
    /// instructions a slot each time the table grew and when the pool went (9 M instructions on
    /// the OpenAI document).
    private struct Slot {
        var hash: Int
        var string: String
    }

    /// Open addressing, linear probing; a power of two, at most half full.
    private var slots: [Slot?]
    private var count = 0

    /// An empty pool, sized for text of `textSize` bytes (about one long string in 300 bytes is
    /// pooled in OpenAPI documents: 256 slots and up, so that a large document rarely grows it).
    init(textSize: Int = 0) {
        var capacity = 256
        while capacity < textSize / 128 && capacity < 1 << 20 { capacity *= 2 }
        slots = Array(repeating: nil, count: capacity)
    }

    /// The string of `bytes` (UTF-8): the pooled one when it was seen before, else a new one,
    /// pooled when it is long.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count >= StringPool.minimumLength else { return YAMLScalar.string(bytes) }
        let hash = StringPool.hash(bytes)
        if let found = find(bytes, hash: hash) { return found }
        let string = YAMLScalar.string(bytes)
        insert(string, hash: hash)
        return string
    }

    /// `string`, whose UTF-8 is `bytes`, or the pooled string with the same bytes.
    mutating func intern(_ string: String, bytes: UnsafeBufferPointer<UInt8>) -> String {
        let hash = StringPool.hash(bytes)
        if let found = find(bytes, hash: hash) { return found }
        insert(string, hash: hash)
        return string
    }

    /// `bytes.count` is at least ``minimumLength``.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let raw = UnsafeRawBufferPointer(bytes)
        var hasher = Hasher()
        hasher.combine(bytes.count)
        hasher.combine(raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        hasher.combine(raw.loadUnaligned(fromByteOffset: bytes.count / 2 - 4, as: UInt64.self))
        hasher.combine(raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
        return hasher.finalize()
    }

    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: Int) -> String? {
        let mask = slots.count - 1
        var i = hash & mask
        for _ in 0..<StringPool.maximumProbes {
            guard let slot = slots[i] else { return nil }
            if slot.hash == hash, StringPool.equal(slot.string, bytes) { return slot.string }
            i = (i + 1) & mask
        }
        return nil
    }

    private mutating func insert(_ string: String, hash: Int) {
        if (count + 1) * 2 > slots.count {
            let old = slots
            slots = Array(repeating: nil, count: old.count * 2)
            count = 0
            for case let slot? in old { place(slot) }
        }
        place(Slot(hash: hash, string: string))
    }

    /// Puts `slot` in the first free slot of its probe sequence, if one is free within
    /// ``maximumProbes`` (else the string stays unpooled).
    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var i = slot.hash & mask
        for _ in 0..<StringPool.maximumProbes {
            if slots[i] == nil {
                slots[i] = slot
                count += 1
                return
            }
            i = (i + 1) & mask
        }
    }

    private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var string = string
        return string.withUTF8 { stored in
            stored.count == bytes.count && memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
        }
    }
}
