import SpecSource

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fixed set of names with fast lookup, for the member names a schema lists (`properties`,
/// `additionalProperties`' known names).
///
/// Built once at compile time; looked up for every member of every instance object. An
/// open-addressing table over an FNV-1a hash of the UTF-8 bytes is several times cheaper than
/// `Dictionary<String, _>`'s seeded SipHash for the short keys schemas have, and matches names by
/// their exact bytes.
struct NameTable: Sendable {
    let names: [String]
    private let slots: [Int32]
    private let mask: Int

    init(_ names: [String]) {
        self.names = names
        var size = 4
        while size < names.count * 2 { size <<= 1 }
        var slots = [Int32](repeating: -1, count: size)
        for (i, name) in names.enumerated() {
            var slot = NameTable.hash(name) & (size - 1)
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
        var slot = NameTable.hash(name) & mask
        while true {
            let i = slots[slot]
            if i < 0 { return nil }
            if MemberName.same(names[Int(i)], name) { return Int(i) }
            slot = (slot + 1) & mask
        }
    }

    /// Whether `name` is in the table.
    @inline(__always)
    func contains(_ name: String) -> Bool { index(of: name) != nil }

    /// Length and the first and last (up to) eight bytes: O(1) per name, and enough to spread
    /// the names of one schema (collisions are settled by comparing bytes).
    @inline(__always)
    static func hash(_ s: String) -> Int {
        if let h = s.utf8.withContiguousStorageIfAvailable({ bytes -> Int in
            let n = bytes.count
            guard n > 0 else { return 0 }
            var head: UInt64 = 0
            var tail: UInt64 = 0
            let k = min(n, 8)
            for i in 0..<k {
                head = head << 8 | UInt64(bytes[i])
                tail = tail << 8 | UInt64(bytes[n - k + i])
            }
            var h = UInt64(n) &* 0x9E37_79B9_7F4A_7C15
            h ^= head &* 0xC2B2_AE3D_27D4_EB4F
            h ^= (tail ^ (tail >> 31)) &* 0x1656_67B1_9E37_79F9
            return Int(truncatingIfNeeded: h ^ (h >> 32))
        }) {
            return h
        }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}
