import SchemaValidation

/// A compiled schema kept beside what uses it (a media type, a parameter): found once through the
/// document graph, whose lookup takes a lock and hashes the schema's location, then read with one
/// atomic load (``SchemaValidation/OnceValue``). A failed compilation is not kept, so it throws
/// again (the graph remembers it).
final class SchemaSlot: Sendable {
    private let slot = OnceValue<Schema>()

    init() {}

    /// The kept schema, if any.
    @inline(__always)
    var schema: Schema? { slot.value }

    /// The kept schema, or the one `make` returns (kept from then on; when two threads race, both
    /// get the one stored first).
    func schema(_ make: () throws(ContractError) -> Schema) throws(ContractError) -> Schema {
        try slot.value(make)
    }
}
