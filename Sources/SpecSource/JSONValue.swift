#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A JSON value read from a YAML or JSON source, with the position it was written at.
///
/// The same tree serves OpenAPI documents, overlays, JSON Schemas and the instances validated
/// against them: YAML documents are read in the JSON data model (OpenAPI requires it), and every
/// node keeps the ``SourceLocation`` of its first character so that any diagnostic can point back
/// into the file.
///
/// Equality and hashing are JSON equality: locations are ignored, numbers compare by exact value,
/// objects compare as unordered maps.
public struct JSONValue: Sendable, Hashable, CustomStringConvertible {
    /// The kinds of JSON value.
    public enum Kind: Sendable {
        case null
        case bool(Bool)
        case number(JSONNumber)
        case string(String)
        case array([JSONValue])
        case object(JSONObject)
    }

    /// What the value is.
    public var kind: Kind
    /// Where the value starts in its source (``SourceLocation/unknown`` when built in code).
    public var location: SourceLocation

    /// Creates a value.
    @inlinable
    public init(_ kind: Kind, location: SourceLocation = .unknown) {
        self.kind = kind
        self.location = location
    }

    // MARK: Convenience constructors

    /// `null`.
    public static let null = JSONValue(.null)
    /// A boolean.
    public static func bool(_ b: Bool) -> JSONValue { JSONValue(.bool(b)) }
    /// A string.
    public static func string(_ s: String) -> JSONValue { JSONValue(.string(s)) }
    /// A number.
    public static func number(_ n: JSONNumber) -> JSONValue { JSONValue(.number(n)) }
    /// An array.
    public static func array(_ a: [JSONValue]) -> JSONValue { JSONValue(.array(a)) }
    /// An object with the members in the given order.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        JSONValue(.object(JSONObject(pairs.map { JSONObject.Member(key: $0.key, value: $0.value) })))
    }

    // MARK: Accessors

    /// The string, if this is a string.
    @inlinable public var stringValue: String? {
        if case .string(let s) = kind { return s }
        return nil
    }
    /// The number, if this is a number.
    @inlinable public var numberValue: JSONNumber? {
        if case .number(let n) = kind { return n }
        return nil
    }
    /// The boolean, if this is a boolean.
    @inlinable public var boolValue: Bool? {
        if case .bool(let b) = kind { return b }
        return nil
    }
    /// The elements, if this is an array.
    @inlinable public var arrayValue: [JSONValue]? {
        if case .array(let a) = kind { return a }
        return nil
    }
    /// The members, if this is an object.
    @inlinable public var objectValue: JSONObject? {
        if case .object(let o) = kind { return o }
        return nil
    }
    /// Whether this is `null`.
    @inlinable public var isNull: Bool {
        if case .null = kind { return true }
        return false
    }

    /// The member named `key`, if this is an object that has it.
    @inlinable public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The JSON type name as JSON Schema spells it (`integer` for integral numbers).
    public var typeName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "boolean"
        case .number(let n): return n.isInteger ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    // MARK: Equality

    /// Whether `lhs` and `rhs` are equal, by the equality described on the type.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs.kind, rhs.kind) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        // Code point equality, not Swift's canonical equivalence: JSON Schema compares strings by
        // their characters as written ("ä" and "a" + U+0308 differ).
        case (.string(let a), .string(let b)): return MemberName.same(a, b)
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a == b
        default: return false
        }
    }

    /// Hashes the parts that equality compares.
    public func hash(into hasher: inout Hasher) {
        switch kind {
        case .null: hasher.combine(0 as UInt8)
        case .bool(let b):
            hasher.combine(1 as UInt8)
            hasher.combine(b)
        case .number(let n):
            hasher.combine(2 as UInt8)
            hasher.combine(n)
        case .string(let s):
            hasher.combine(3 as UInt8)
            var copy = s
            copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .array(let a):
            hasher.combine(4 as UInt8)
            hasher.combine(a)
        case .object(let o):
            hasher.combine(5 as UInt8)
            hasher.combine(o)
        }
    }

    /// Compact JSON text of the value (see ``JSONWriter`` for options).
    public var description: String { JSONWriter.string(from: self) }
}

/// The members of a JSON object, in source order, with O(1) lookup by key.
///
/// Keys are unique (the readers reject duplicates). Each member keeps the location of its key, which
/// is where a keyword "is written" in a schema.
public struct JSONObject: Sendable, Hashable, Sequence {
    /// One `key: value` member.
    public struct Member: Sendable {
        /// The key.
        public var key: String
        /// Where the key is written.
        public var keyLocation: SourceLocation
        /// The value.
        public var value: JSONValue

        /// Creates a member.
        public init(key: String, keyLocation: SourceLocation = .unknown, value: JSONValue) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    /// The members in source order.
    public private(set) var members: [Member]
    /// Key → index, built only for objects large enough that a linear scan is slower.
    @usableFromInline private(set) var index: [MemberName: Int]?

    /// Objects with more members than this get ``index``; smaller ones are scanned.
    static let indexThreshold = 12

    /// Creates an object; if a key repeats, the last member with that key wins.
    public init(_ members: [Member] = []) {
        self.members = members
        rebuildIndex()
    }

    /// Creates an object from members whose keys are known to be unique, with the key index the
    /// reader built while reading them (`nil` unless there are more than ``indexThreshold``).
    init(uniqueMembers members: [Member], index: [MemberName: Int]?) {
        self.members = members
        self.index = index
        if (index != nil) != (members.count > JSONObject.indexThreshold) { rebuildIndex() }
    }

    private mutating func rebuildIndex() {
        if members.count > JSONObject.indexThreshold {
            var idx = [MemberName: Int](minimumCapacity: members.count)
            for (i, m) in members.enumerated() { idx[MemberName(m.key)] = i }
            index = idx
        } else {
            index = nil
        }
    }

    /// Number of members.
    @inlinable public var count: Int { members.count }
    /// Whether the object has no members.
    @inlinable public var isEmpty: Bool { members.isEmpty }
    /// The keys in source order.
    public var keys: [String] { members.map(\.key) }

    /// Position of `key` in ``members``.
    @inlinable
    public func indexOf(_ key: String) -> Int? {
        if let index { return index[MemberName(key)] }
        for i in members.indices where MemberName.same(members[i].key, key) { return i }
        return nil
    }

    /// The member with `key`, if present.
    @inlinable
    public func member(_ key: String) -> Member? {
        indexOf(key).map { members[$0] }
    }

    /// The value for `key`; setting `nil` removes the member, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        @inlinable get { indexOf(key).map { members[$0].value } }
        set {
            if let i = indexOf(key) {
                if let newValue {
                    members[i].value = newValue
                } else {
                    members.remove(at: i)
                    rebuildIndex()
                }
            } else if let newValue {
                append(Member(key: key, value: newValue))
            }
        }
    }

    /// Appends a member, replacing the value of an existing key in place.
    public mutating func append(_ member: Member) {
        if let i = indexOf(member.key) {
            members[i] = member
            return
        }
        members.append(member)
        if index != nil {
            index![MemberName(member.key)] = members.count - 1
        } else if members.count > JSONObject.indexThreshold {
            rebuildIndex()
        }
    }

    /// Appends a member whose key the caller knows is not present yet (the readers check for
    /// duplicates themselves), skipping the lookup ``append(_:)`` makes.
    mutating func appendNew(_ member: Member) {
        members.append(member)
        if index != nil {
            index![MemberName(member.key)] = members.count - 1
        } else if members.count > JSONObject.indexThreshold {
            rebuildIndex()
        }
    }

    /// Removes the members for which `shouldRemove` is true.
    public mutating func removeAll(where shouldRemove: (Member) throws -> Bool) rethrows {
        try members.removeAll(where: shouldRemove)
        rebuildIndex()
    }

    /// An iterator over the members, in source order.
    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }

    /// Whether `lhs` and `rhs` are equal, by the equality described on the type.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for m in lhs.members {
            guard let other = rhs[m.key], other == m.value else { return false }
        }
        return true
    }

    /// Hashes the parts that equality compares.
    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine per-member hashes commutatively.
        var acc = 0
        for m in members {
            var h = Hasher()
            h.combine(m.key)
            h.combine(m.value)
            acc = acc &+ h.finalize()
        }
        hasher.combine(count)
        hasher.combine(acc)
    }
}

/// A member name compared as JSON compares names: by its Unicode scalars as written (RFC 8259 §8.3,
/// JSON Schema). `String`'s `==` and hashing also equate canonically equivalent names, such as
/// `"é"` (U+00E9) and `"e\u{301}"`, which are two different members.
@usableFromInline
package struct MemberName: Hashable, Sendable {
    @usableFromInline let text: String

    @inlinable package init(_ text: String) { self.text = text }

    /// Whether `a` and `b` are the same name: equal representations answer at once, names of
    /// different lengths at the second compare, the rest byte by byte.
    /// The first two tests are inlined into every caller (instance member names and schema names
    /// are mostly small strings, equal exactly when their representations are; the names of one
    /// object mostly differ in length); the byte comparison is a call.
    @inlinable @inline(__always)
    package static func same(_ a: String, _ b: String) -> Bool {
        if unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self) { return true }
        if a.utf8.count != b.utf8.count { return false }
        return sameBytes(a, b)
    }

    /// ``same(_:_:)`` for names whose representations differ.
    @inlinable @inline(never)
    package static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        if let r = a.utf8.withContiguousStorageIfAvailable({ x in
            b.utf8.withContiguousStorageIfAvailable { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }), let r {
            return r
        }
        return a.utf8.elementsEqual(b.utf8)
    }

    @inlinable
    package static func == (lhs: MemberName, rhs: MemberName) -> Bool { same(lhs.text, rhs.text) }

    @inlinable
    package func hash(into hasher: inout Hasher) {
        var bytes = text
        bytes.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
