#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The object keys one parse has already created, so that a key written again (every object of a
/// JSON Lines file, every element of an array of objects) reuses its `String` instead of
/// validating and, past 15 bytes, allocating it again.
///
/// Direct-mapped: a key's slot is a hash of its length and first and last eight bytes; a slot
/// holding another key is overwritten. Only keys without escapes and at most
/// ``JSONKeyCache/maxLength`` bytes are kept.
struct JSONKeyCache {
    /// Longest key kept, in UTF-8 bytes.
    static let maxLength = 64
    private static let slotCount = 64
    /// Allocated on the first key, so that a parse without objects pays nothing.
    private var slots: [String] = []

    /// The key whose UTF-8 bytes (already validated; `isASCII`: all below 0x80) are the `count`
    /// bytes at `start`.
    @inline(__always)
    mutating func key(_ start: UnsafePointer<UInt8>, count: Int, isASCII: Bool) -> String {
        guard count <= JSONKeyCache.maxLength else { return JSONKeyCache.make(start, count, isASCII) }
        if slots.isEmpty { slots = [String](repeating: "", count: JSONKeyCache.slotCount) }
        let slot = JSONKeyCache.hash(start, count) & (JSONKeyCache.slotCount - 1)
        var cached = slots[slot]
        if cached.utf8.count == count && cached.withUTF8({ count == 0 || memcmp($0.baseAddress!, start, count) == 0 }) {
            return cached
        }
        let key = JSONKeyCache.make(start, count, isASCII)
        slots[slot] = key
        return key
    }

    @inline(__always)
    private static func make(_ start: UnsafePointer<UInt8>, _ count: Int, _ isASCII: Bool) -> String {
        String(validatedUTF8: start, count: count, isASCII: isASCII)
    }

    /// Length and the first and last (up to) eight bytes.
    @inline(__always)
    private static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var head: UInt64 = 0
        var tail: UInt64 = 0
        if n >= 8 {
            head = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
            tail = UnsafeRawPointer(p + n - 8).loadUnaligned(as: UInt64.self)
        } else {
            for i in 0..<n { head = head << 8 | UInt64(p[i]) }
            tail = head
        }
        var h = UInt64(n) &* 0x9E37_79B9_7F4A_7C15
        h ^= head &* 0xC2B2_AE3D_27D4_EB4F
        h ^= (tail ^ (tail >> 31)) &* 0x1656_67B1_9E37_79F9
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }
}
