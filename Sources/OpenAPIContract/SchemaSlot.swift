import SchemaValidation
import Synchronization

/// A compiled schema kept beside what uses it (a media type, a parameter): found once through the
/// document graph, whose lookup takes a lock and hashes the schema's location, then read with one
/// atomic load. A failed compilation is not kept, so it throws again (the graph remembers it).
///
/// The schema lives in a box whose address is the atomic word (`0` until set); the box is retained
/// once on behalf of the slot and released when the slot goes.
final class SchemaSlot: Sendable {
    private final class Box: Sendable {
        let schema: Schema
        init(_ schema: Schema) { self.schema = schema }
    }

    private let word = Atomic<Int>(0)

    init() {}

    deinit {
        let bits = word.load(ordering: .acquiring)
        if bits != 0 { Unmanaged<Box>.fromOpaque(UnsafeRawPointer(bitPattern: bits)!).release() }
    }

    /// The kept schema, if any.
    @inline(__always)
    var schema: Schema? {
        let bits = word.load(ordering: .acquiring)
        guard bits != 0 else { return nil }
        return Unmanaged<Box>.fromOpaque(UnsafeRawPointer(bitPattern: bits)!).takeUnretainedValue().schema
    }

    /// The kept schema, or the one `make` returns (kept from then on; when two threads race, both
    /// get the one stored first).
    func schema(_ make: () throws(ContractError) -> Schema) throws(ContractError) -> Schema {
        if let kept = schema { return kept }
        let box = Unmanaged.passRetained(Box(try make()))
        let bits = Int(bitPattern: box.toOpaque())
        let (exchanged, original) = word.compareExchange(expected: 0, desired: bits, ordering: .acquiringAndReleasing)
        if exchanged { return box.takeUnretainedValue().schema }
        box.release()
        return Unmanaged<Box>.fromOpaque(UnsafeRawPointer(bitPattern: original)!).takeUnretainedValue().schema
    }
}
