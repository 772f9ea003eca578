#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Element storage from `malloc`, for the readers' stacks.
///
/// `UnsafeMutablePointer.allocate` always takes the Swift runtime's aligned-allocation path
/// (`swift_slowAlloc` with the "default alignment" mask), which on Linux is `posix_memalign`:
/// about 370 instructions a call in callgrind against about 60 for `malloc`. Every JSON document
/// parsed allocates two stacks, so for a small request body that was 4% of parsing. `malloc`
/// already aligns to 16 bytes, more than any element kept here needs.
enum MallocBuffer {
    /// Uninitialised storage for `capacity` elements; release it with ``free(_:)``.
    @inline(__always)
    static func allocate<Element>(_: Element.Type = Element.self, capacity: Int) -> UnsafeMutablePointer<Element> {
        precondition(MemoryLayout<Element>.alignment <= 16, "MallocBuffer: over-aligned element")
        guard let raw = malloc(max(1, capacity * MemoryLayout<Element>.stride)) else { fatalError("out of memory") }
        return raw.bindMemory(to: Element.self, capacity: capacity)
    }

    /// Releases storage from ``allocate(_:capacity:)`` (its elements already deinitialised or moved).
    @inline(__always)
    static func free<Element>(_ base: UnsafeMutablePointer<Element>) {
        #if canImport(Glibc)
            Glibc.free(UnsafeMutableRawPointer(base))
        #elseif canImport(Musl)
            Musl.free(UnsafeMutableRawPointer(base))
        #elseif canImport(Darwin)
            Darwin.free(UnsafeMutableRawPointer(base))
        #endif
    }
}
