#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The storage of a ``JSONParser``'s three stacks, kept by each thread between the parses of
/// single documents, so that parsing one request body after another allocates no stacks.
///
/// Allocating the three stacks and freeing them again cost about 400 instructions a document, a
/// twentieth of parsing a 400-byte request body. A thread keeps at most one set, in a slot found
/// through a `pthread` key (two lookups a parse) and freed with the thread; stacks that grew past
/// ``maxKeptCapacity`` elements for a large document are freed rather than kept.
struct JSONParserStorage {
    /// The values stack's storage.
    var values: (base: UnsafeMutablePointer<JSONValue>, capacity: Int)
    /// The keys stack's storage.
    var keys: (base: UnsafeMutablePointer<JSONPendingKey>, capacity: Int)
    /// The open-containers stack's storage.
    var open: (base: UnsafeMutablePointer<JSONOpenContainer>, capacity: Int)

    /// Largest stack kept for the next parse, in elements.
    static let maxKeptCapacity = 256

    /// This thread's kept storage, which the thread no longer keeps; `nil` when it keeps none.
    static func take() -> JSONParserStorage? {
        guard let key = jsonParserStorageKey, let raw = pthread_getspecific(key) else { return nil }
        let slot = raw.assumingMemoryBound(to: JSONParserStorageSlot.self)
        guard slot.pointee.isFull else { return nil }
        slot.pointee.isFull = false
        return slot.pointee.storage
    }

    /// Keeps `storage` (its stacks empty) for this thread's next parse, or frees it when the
    /// thread already keeps a set or a stack is larger than ``maxKeptCapacity``.
    static func keep(_ storage: JSONParserStorage) {
        guard let key = jsonParserStorageKey, storage.values.capacity <= maxKeptCapacity, storage.keys.capacity <= maxKeptCapacity,
            storage.open.capacity <= maxKeptCapacity
        else {
            storage.free()
            return
        }
        let slot: UnsafeMutablePointer<JSONParserStorageSlot>
        if let raw = pthread_getspecific(key) {
            slot = raw.assumingMemoryBound(to: JSONParserStorageSlot.self)
            if slot.pointee.isFull {
                storage.free()
                return
            }
        } else {
            slot = MallocBuffer.allocate(capacity: 1)
            guard pthread_setspecific(key, slot) == 0 else {
                MallocBuffer.free(slot)
                storage.free()
                return
            }
        }
        slot.initialize(to: JSONParserStorageSlot(storage: storage, isFull: true))
    }

    /// Frees the three stacks' storage.
    func free() {
        MallocBuffer.free(values.base)
        MallocBuffer.free(keys.base)
        MallocBuffer.free(open.base)
    }
}

/// What a thread keeps: a set of storage when `isFull`.
struct JSONParserStorageSlot {
    var storage: JSONParserStorage
    var isFull: Bool
}

/// The `pthread` key of each thread's ``JSONParserStorageSlot``, freed (with what it keeps) when
/// the thread exits; `nil` when the process has no key left (every parse then allocates its own
/// stacks, as it did before storage was kept).
private let jsonParserStorageKey: pthread_key_t? = {
    var key = pthread_key_t()
    return pthread_key_create(&key) { raw in freeJSONParserStorageSlot(raw) } == 0 ? key : nil
}()

private func freeJSONParserStorageSlot(_ raw: UnsafeMutableRawPointer?) {
    guard let raw else { return }
    let slot = raw.assumingMemoryBound(to: JSONParserStorageSlot.self)
    if slot.pointee.isFull { slot.pointee.storage.free() }
    MallocBuffer.free(slot)
}
