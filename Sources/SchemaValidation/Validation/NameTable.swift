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
/// Built once at compile time; looked up for every member of every instance object (and, under
/// `oneOf`/`anyOf`, once per branch: most lookups miss). An open-addressing table over a hash of
/// a name's length and its first and last eight bytes is several times cheaper than
/// `Dictionary<String, _>`'s seeded SipHash for the short keys schemas have, and matches names by
/// their exact bytes (code points, as JSON compares member names).
///
/// A lookup reads the name's bytes once, in place, and passes the name to no other function, so
/// the name is neither retained nor released. Each slot holds what the hash was made of (length,
/// first and last eight bytes): a probe of a slot settles a name of up to 16 bytes, equal or not,
/// from that one slot, and compares the table's own copy of a longer name's bytes only when all
/// three agree.
struct NameTable: Sendable {
    let names: [String]
    private let slots: [Slot]
    /// The names' UTF-8 bytes, one after another (``Slot/offset`` says where each starts).
    private let bytes: [UInt8]
    private let mask: Int

    private struct Slot {
        /// The name's position in ``names``; -1 for an empty slot.
        var index: Int32 = -1
        var offset: Int32 = 0
        var count = 0
        var head: UInt64 = 0
        var tail: UInt64 = 0
    }

    /// A name's length and its first and last (up to) eight bytes, little-endian, zero-padded.
    private struct Shape: Equatable {
        let count: Int
        let head: UInt64
        let tail: UInt64

        @inline(__always)
        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            let n = bytes.count
            count = n
            if n >= 8 {
                head = Shape.word(bytes, at: 0)
                tail = Shape.word(bytes, at: n - 8)
            } else {
                var word: UInt64 = 0
                for i in 0..<n { word |= UInt64(bytes[i]) << (UInt64(i) &* 8) }
                head = word
                tail = word
            }
        }

        /// The shape of a small string (up to 15 UTF-8 bytes, held in the `String` value itself),
        /// from its two words: the bytes in order, little-endian, the unused ones zero, and in the
        /// last byte a discriminator whose low four bits are the length.
        @inline(__always)
        init(small raw: (UInt64, UInt64)) {
            let n = Int(truncatingIfNeeded: (raw.1 >> 56) & 0xF)
            count = n
            head = raw.0
            if n <= 8 {
                tail = raw.0
            } else {
                // Bytes n - 8 ..< n: the top of the first word and the low n - 8 bytes of the second
                // (its discriminator byte is shifted out).
                let k = UInt64(n - 8) &* 8
                tail = raw.0 >> k | raw.1 << (64 &- k)
            }
        }

        @inline(__always)
        var hash: Int {
            var h = UInt64(count) &* 0x9E37_79B9_7F4A_7C15
            h ^= head &* 0xC2B2_AE3D_27D4_EB4F
            h ^= (tail ^ (tail >> 31)) &* 0x1656_67B1_9E37_79F9
            return Int(truncatingIfNeeded: h ^ (h >> 32))
        }

        /// The eight bytes at `offset`, little-endian (written out so that the compiler loads them
        /// as one word).
        @inline(__always)
        private static func word(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
            UInt64(bytes[offset]) | UInt64(bytes[offset + 1]) << 8 | UInt64(bytes[offset + 2]) << 16 | UInt64(bytes[offset + 3]) << 24
                | UInt64(bytes[offset + 4]) << 32 | UInt64(bytes[offset + 5]) << 40 | UInt64(bytes[offset + 6]) << 48
                | UInt64(bytes[offset + 7]) << 56
        }
    }

    init(_ names: [String]) {
        self.names = names
        var size = 4
        while size < names.count * 2 { size <<= 1 }
        var slots = [Slot](repeating: Slot(), count: size)
        var bytes: [UInt8] = []
        for (i, name) in names.enumerated() {
            let utf8 = Array(name.utf8)
            let shape = utf8.withUnsafeBufferPointer { Shape($0) }
            var slot = shape.hash & (size - 1)
            var repeated = false
            while slots[slot].index >= 0 {
                let other = slots[slot]
                if other.count == shape.count && other.head == shape.head && other.tail == shape.tail
                    && bytes[Int(other.offset)..<Int(other.offset) + other.count].elementsEqual(utf8)
                {
                    repeated = true
                    break
                }
                slot = (slot + 1) & (size - 1)
            }
            if repeated { continue }
            slots[slot] = Slot(index: Int32(i), offset: Int32(bytes.count), count: shape.count, head: shape.head, tail: shape.tail)
            bytes += utf8
        }
        self.slots = slots
        self.bytes = bytes
        mask = size - 1
    }

    /// The position of `name` in ``names`` (its first, if listed twice), if present.
    ///
    /// Most member names are small strings (up to 15 bytes, held in the `String` value itself):
    /// their shape is read from the value's two words, without the byte loop and the stack copy
    /// `withContiguousStorageIfAvailable` makes of them (`String`'s layout on 64-bit little-endian
    /// platforms, as `MemberName.same` relies on).
    @inline(__always)
    func index(of name: String) -> Int? {
        #if arch(x86_64) || arch(arm64)
            let raw = unsafeBitCast(name, to: (UInt64, UInt64).self)
            if raw.1 & NameTable.smallStringFlag != 0 { return index(of: Shape(small: raw), nil) }
        #endif
        if let found = name.utf8.withContiguousStorageIfAvailable({ index(of: $0) }) { return found }
        return index(copying: name)
    }

    /// The bit of a `String`'s second word that marks a small string (`_StringObject`'s
    /// discriminator on 64-bit platforms).
    private static let smallStringFlag: UInt64 = 1 << 61

    /// ``index(of:)`` of a string without contiguous UTF-8 (a bridged one).
    @inline(never)
    private func index(copying name: String) -> Int? {
        Array(name.utf8).withUnsafeBufferPointer { index(of: $0) }
    }

    @inline(__always)
    private func index(of name: UnsafeBufferPointer<UInt8>) -> Int? { index(of: Shape(name), name) }

    /// The position of the name of `shape`, whose bytes are `name` (needed only when it is longer
    /// than 16 bytes).
    @inline(__always)
    private func index(of shape: Shape, _ name: UnsafeBufferPointer<UInt8>?) -> Int? {
        var slot = shape.hash & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let candidate = slots[slot]
                if candidate.index < 0 { return nil }
                if candidate.count == shape.count && candidate.head == shape.head && candidate.tail == shape.tail
                    && (shape.count <= 16 || sameBytes(candidate, name!))
                {
                    return Int(candidate.index)
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Whether the name in `slot`, longer than 16 bytes, has exactly the bytes `name`.
    @inline(never)
    private func sameBytes(_ slot: Slot, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { stored in memcmp(stored.baseAddress! + Int(slot.offset), name.baseAddress!, slot.count) == 0 }
    }

    /// Whether `name` is in the table.
    @inline(__always)
    func contains(_ name: String) -> Bool { index(of: name) != nil }
}
