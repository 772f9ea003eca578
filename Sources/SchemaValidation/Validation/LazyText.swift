import Synchronization

/// A text computed on first use and kept, safe to read from any thread.
///
/// For texts only error reports need, which are the same every time and cost more to build than
/// the check that fails: a schema's absolute URI (its pointer escaped and percent-encoded) and an
/// `enum`'s list of values. Building them per error made reporting several times slower than
/// validating; building them for every schema at compile time would cost memory and compile time
/// for the many schemas that never fail.
///
/// One word per schema: an atomic reference to the text's box, published with a
/// compare-and-exchange (two threads may both build the text; the first published wins). Not a
/// `Mutex`: its lock lives in the uninstrumented runtime, so ThreadSanitizer reported every
/// concurrent first use as a race.
struct LazyText: ~Copyable, Sendable {
    private final class Box: Sendable {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// The box's address as an `Unmanaged` retained +1 by this value, or 0 before the first use.
    private let state = Atomic<UInt>(0)

    init() {}

    deinit {
        let bits = state.load(ordering: .acquiring)
        if bits != 0 { Unmanaged<Box>.fromOpaque(UnsafeRawPointer(bitPattern: bits)!).release() }
    }

    /// The text, made by `make` the first time.
    borrowing func get(_ make: () -> String) -> String {
        let known = state.load(ordering: .acquiring)
        if known != 0 { return Unmanaged<Box>.fromOpaque(UnsafeRawPointer(bitPattern: known)!).takeUnretainedValue().text }
        let made = Unmanaged.passRetained(Box(make()))
        let bits = UInt(bitPattern: made.toOpaque())
        let (exchanged, original) = state.compareExchange(expected: 0, desired: bits, ordering: .acquiringAndReleasing)
        if exchanged { return made.takeUnretainedValue().text }
        made.release()
        return Unmanaged<Box>.fromOpaque(UnsafeRawPointer(bitPattern: original)!).takeUnretainedValue().text
    }
}
