#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension String {
    /// A string of the `count` UTF-8 bytes at `start`, for the readers (invalid UTF-8 is repaired,
    /// as `String(decoding:as:)` repairs it; the readers pass only text they have checked).
    ///
    /// Through `String(unsafeUninitializedCapacity:initializingUTF8With:)`, not
    /// `String(decoding:as:)`: for a string of up to 15 ASCII bytes (most keys and many values) the
    /// former builds the inline form after one ASCII check, where the latter validates, scans for
    /// ASCII a second time and then copies (about three times the instructions); longer strings
    /// are validated once, in place.
    @inline(__always)
    init(copyingUTF8 start: UnsafePointer<UInt8>, count: Int) {
        guard count > 0 else {
            self = ""
            return
        }
        self.init(unsafeUninitializedCapacity: count) { buffer in
            buffer.baseAddress!.initialize(from: start, count: count)
            return count
        }
    }

    /// A string of the `count` bytes at `start`, which the caller has already checked are valid
    /// UTF-8 (`isASCII`: all below 0x80), without the standard library checking them again.
    ///
    /// The JSON reader validates every byte of a string while it looks for the closing quote, with
    /// the standard library's rules (no overlong forms, no encoded surrogates, nothing above
    /// U+10FFFF); the initialisers that take bytes then validated them a second time, about 200
    /// instructions for a 40-byte string. `UTF8Span(unchecked:isKnownASCII:)` is the standard
    /// library's public way to hand over bytes already known to be valid (SE-0464); where it is
    /// not available (older Apple systems) the bytes are validated again.
    @inline(__always)
    init(validatedUTF8 start: UnsafePointer<UInt8>, count: Int, isASCII: Bool) {
        if #available(macOS 26.0, iOS 26.0, tvOS 26.0, watchOS 26.0, visionOS 26.0, *) {
            // Sound: the caller guarantees `count` valid UTF-8 bytes at `start`, alive for this call.
            let span = unsafe UTF8Span(unchecked: UnsafeBufferPointer(start: start, count: count).span, isKnownASCII: isASCII)
            self.init(copying: span)
        } else {
            self.init(copyingUTF8: start, count: count)
        }
    }
}

/// Builds strings of at most 15 ASCII bytes in their inline ("small") form directly, the way the
/// standard library lays them out, for the JSON reader's keys and short values.
///
/// The standard library has no public initialiser that takes bytes without inspecting them, and
/// going through one costs about 80 instructions a string (a closure call, zeroing, a copy and an
/// ASCII check), a third of parsing a key. On 64-bit systems a small ASCII string is two words:
/// the bytes in order from the low byte of the first word, then `0xE0 | count` in the top byte of
/// the second (String's layout is part of the ABI on Apple systems, and the same code elsewhere).
///
/// Nothing here is assumed: ``discriminator`` is read from the empty string at run time and then
/// checked, for every length 0...15 and two byte patterns, against strings the standard library
/// built itself, bit for bit. A string built here is therefore one the standard library would
/// build from the same bytes (a small ASCII string holds nothing but its bytes, its count and that
/// flag byte). If anything differs (another layout, a big-endian system), ``discriminator`` is
/// `nil` and the readers use the standard library's initialisers.
enum SmallASCIIString {
    /// Longest string built here, in bytes.
    static let capacity = 15

    /// The bits to put in the second word of a small ASCII string of length 0 (the length goes in
    /// bits 56...59), or `nil` when this system's strings are not laid out as described on the type.
    static let discriminator: UInt64? = verifiedDiscriminator()

    /// The string of the `count` (at most ``capacity``) ASCII bytes at `start`; `readable` bytes
    /// from `start` may be read (at least `count`), so that a string is loaded in two words when
    /// 16 are readable.
    @inline(__always)
    static func make(_ start: UnsafePointer<UInt8>, count: Int, readable: Int, discriminator: UInt64) -> String {
        // Sound: these are the bits the standard library gives the same string (checked once, see
        // the type). Moved out of memory rebound to `String` rather than `unsafeBitCast`, which
        // copies its result and so retains it (a runtime call, even for an inline string).
        var words = bits(start, count: count, readable: readable, discriminator: discriminator)
        return withUnsafeMutablePointer(to: &words) { $0.withMemoryRebound(to: String.self, capacity: 1) { $0.move() } }
    }

    /// The two words of the small ASCII string of the `count` bytes at `start` (see ``make(_:count:readable:discriminator:)``).
    @inline(__always)
    private static func bits(_ start: UnsafePointer<UInt8>, count: Int, readable: Int, discriminator: UInt64) -> (UInt64, UInt64) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        if readable >= 16 {
            let raw = UnsafeRawPointer(start)
            let first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            let second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if count >= 8 {
                low = first
                high = second & (UInt64(1) << (UInt64(count - 8) << 3) &- 1)
            } else {
                low = first & (UInt64(1) << (UInt64(count) << 3) &- 1)
            }
        } else {
            _ = withUnsafeMutableBytes(of: &low) { memcpy($0.baseAddress!, start, min(count, 8)) }
            if count > 8 { _ = withUnsafeMutableBytes(of: &high) { memcpy($0.baseAddress!, start + 8, count - 8) } }
            low = UInt64(littleEndian: low)
            high = UInt64(littleEndian: high)
        }
        return (low, high | discriminator | UInt64(count) << 56)
    }

    /// The discriminator, if every check described on the type passes.
    private static func verifiedDiscriminator() -> UInt64? {
        guard MemoryLayout<String>.size == 16, MemoryLayout<(UInt64, UInt64)>.size == 16, UInt64(littleEndian: 1) == 1 else {
            return nil
        }
        let empty = unsafeBitCast(String(), to: (UInt64, UInt64).self)
        guard empty.0 == 0, empty.1 & 0x00FF_FFFF_FFFF_FFFF == 0, empty.1 & 0x0F00_0000_0000_0000 == 0 else { return nil }
        let discriminator = empty.1
        var bytes = [UInt8](repeating: 0, count: 32)
        for pattern in 0..<2 {
            for i in 0..<bytes.count { bytes[i] = UInt8(pattern == 0 ? 0x21 + i : 0x7E - i) }
            for count in 0...capacity {
                let expected = bytes.withUnsafeBufferPointer { String(copyingUTF8: $0.baseAddress!, count: count) }
                let expectedBits = unsafeBitCast(expected, to: (UInt64, UInt64).self)
                for readable in [count, 32] {
                    // Only bits are compared: no string is made from bits not yet known to be right.
                    let built = bytes.withUnsafeBufferPointer {
                        bits($0.baseAddress!, count: count, readable: readable, discriminator: discriminator)
                    }
                    guard built == expectedBits else { return nil }
                }
            }
        }
        return discriminator
    }
}
