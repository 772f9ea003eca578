import Synchronization

/// A value set once and read with one atomic load from any thread, without a lock.
///
/// The value lives in a box whose address is the atomic word (`0` until set), published with a
/// compare-and-exchange: when two threads race, both get the value stored first. The box is
/// retained once on behalf of the holder and released when the holder goes. Not a `Mutex`: on
/// Linux its lock runs in the uninstrumented runtime, so ThreadSanitizer reported every
/// concurrent first use as a race (see "Thread safety" in DESIGN.md).
package struct OnceValue<Value: Sendable>: ~Copyable, Sendable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private let word = Atomic<UInt>(0)

    package init() {}

    deinit {
        let bits = word.load(ordering: .acquiring)
        if bits != 0 { Unmanaged<Box>.fromOpaque(UnsafeRawPointer(bitPattern: bits)!).release() }
    }

    /// The value, once set.
    @inline(__always)
    package var value: Value? {
        let bits = word.load(ordering: .acquiring)
        guard bits != 0 else { return nil }
        return Unmanaged<Box>.fromOpaque(UnsafeRawPointer(bitPattern: bits)!).takeUnretainedValue().value
    }

    /// The value, made by `make` the first time (a `make` that throws sets nothing).
    package borrowing func value<E: Error>(_ make: () throws(E) -> Value) throws(E) -> Value {
        if let known = value { return known }
        let box = Unmanaged.passRetained(Box(try make()))
        let (exchanged, original) = word.compareExchange(
            expected: 0, desired: UInt(bitPattern: box.toOpaque()), ordering: .acquiringAndReleasing)
        if exchanged { return box.takeUnretainedValue().value }
        box.release()
        return Unmanaged<Box>.fromOpaque(UnsafeRawPointer(bitPattern: original)!).takeUnretainedValue().value
    }
}

/// A text computed on first use and kept, safe to read from any thread.
///
/// For texts only error reports need, which are the same every time and cost more to build than
/// the check that fails: a schema's absolute URI (its pointer escaped and percent-encoded) and an
/// `enum`'s list of values. Building them per error made reporting several times slower than
/// validating; building them for every schema at compile time would cost memory and compile time
/// for the many schemas that never fail. One word per schema until first used.
struct LazyText: ~Copyable, Sendable {
    private let text = OnceValue<String>()

    init() {}

    /// The text, made by `make` the first time.
    borrowing func get(_ make: () -> String) -> String { text.value(make) }
}
