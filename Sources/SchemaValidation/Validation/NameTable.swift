import SpecSource

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fixed set of names with fast lookup, for the member names a schema lists (`properties`,
/// `additionalProperties`' known names, string `enum`s, discriminator values).
///
/// Built once at compile time; looked up for every member of every instance object. An
/// open-addressing table over a hash of a name's length and first and last eight bytes is several
/// times cheaper than `Dictionary<String, _>`'s seeded SipHash for the short keys schemas have, and
/// matches names by their exact bytes (code points, as JSON compares member names).
///
/// A lookup reads the name's bytes once, in place, and compares them with the table's own copy of
/// the names' bytes: it passes the name to no other function, so the name is neither retained
/// nor released. Before comparing bytes it compares the names' 16-byte `String` representations:
/// equal representations are equal names, which settles the usual hit (short names, held inline).
struct NameTable: Sendable {
    let names: [String]
    /// Per name: its `String` representation (the inline bytes of a short name).
    private let representations: [Representation]
    /// Per name: where its UTF-8 bytes start in `bytes`, and where they end (the next start).
    private let offsets: [Int32]
    private let bytes: [UInt8]
    private let slots: [Int32]
    private let mask: Int

    private struct Representation: Equatable {
        let low: UInt64
        let high: UInt64
        @inline(__always) init(_ s: String) { (low, high) = unsafeBitCast(s, to: (UInt64, UInt64).self) }
    }

    init(_ names: [String]) {
        self.names = names
        representations = names.map(Representation.init)
        var bytes: [UInt8] = []
        var offsets: [Int32] = [0]
        for name in names {
            bytes += name.utf8
            offsets.append(Int32(bytes.count))
        }
        self.bytes = bytes
        self.offsets = offsets
        var size = 4
        while size < names.count * 2 { size <<= 1 }
        var slots = [Int32](repeating: -1, count: size)
        for (i, name) in names.enumerated() {
            var slot = NameTable.hash(Array(name.utf8)) & (size - 1)
            while slots[slot] >= 0 {
                if MemberName.same(names[Int(slots[slot])], name) { break }
                slot = (slot + 1) & (size - 1)
            }
            if slots[slot] < 0 { slots[slot] = Int32(i) }
        }
        self.slots = slots
        mask = size - 1
    }

    /// The position of `name` in ``names``, if present.
    @inline(__always)
    func index(of name: String) -> Int? {
        let representation = Representation(name)
        if let found = name.utf8.withContiguousStorageIfAvailable({ index(of: $0, representation) }) { return found }
        return index(copying: name)
    }

    /// ``index(of:)`` of a string without contiguous UTF-8 (a bridged one).
    @inline(never)
    private func index(copying name: String) -> Int? {
        Array(name.utf8).withUnsafeBufferPointer { index(of: $0, Representation(name)) }
    }

    @inline(__always)
    private func index(of name: UnsafeBufferPointer<UInt8>, _ representation: Representation) -> Int? {
        var slot = NameTable.hash(name) & mask
        while true {
            let i = Int(slots[slot])
            if i < 0 { return nil }
            if representations[i] == representation || sameBytes(i, name) { return i }
            slot = (slot + 1) & mask
        }
    }

    /// Whether name `i` has exactly the bytes `name`.
    @inline(__always)
    private func sameBytes(_ i: Int, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[i])
        let count = Int(offsets[i + 1]) - start
        guard count == name.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            count == 0 || memcmp(stored.baseAddress! + start, name.baseAddress!, count) == 0
        }
    }

    /// Whether `name` is in the table.
    @inline(__always)
    func contains(_ name: String) -> Bool { index(of: name) != nil }

    /// The hash of a name's UTF-8 bytes: its length and its first and last (up to) eight bytes.
    /// O(1) per name, and enough to spread the names of one schema (collisions are settled by
    /// comparing bytes).
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let n = bytes.count
        guard n > 0 else { return 0 }
        let head: UInt64
        let tail: UInt64
        if n >= 8 {
            head = word(bytes, at: 0)
            tail = word(bytes, at: n - 8)
        } else {
            var word: UInt64 = 0
            for i in 0..<n { word |= UInt64(bytes[i]) << (UInt64(i) &* 8) }
            head = word
            tail = word
        }
        var h = UInt64(n) &* 0x9E37_79B9_7F4A_7C15
        h ^= head &* 0xC2B2_AE3D_27D4_EB4F
        h ^= (tail ^ (tail >> 31)) &* 0x1656_67B1_9E37_79F9
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// ``hash(_:)`` of an array's bytes.
    static func hash(_ bytes: [UInt8]) -> Int { bytes.withUnsafeBufferPointer { hash($0) } }

    /// The eight bytes at `offset`, little-endian (written out so that the compiler loads them as
    /// one word).
    @inline(__always)
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(bytes[offset]) | UInt64(bytes[offset + 1]) << 8 | UInt64(bytes[offset + 2]) << 16 | UInt64(bytes[offset + 3]) << 24
            | UInt64(bytes[offset + 4]) << 32 | UInt64(bytes[offset + 5]) << 40 | UInt64(bytes[offset + 6]) << 48
            | UInt64(bytes[offset + 7]) << 56
    }
}
