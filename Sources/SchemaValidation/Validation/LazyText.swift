import Synchronization

/// A text computed on first use and kept, safe to read from any thread.
///
/// For texts only error reports need, which are the same every time and cost more to build than
/// the check that fails: a schema's absolute URI (its pointer escaped and percent-encoded) and an
/// `enum`'s list of values. Building them per error made reporting several times slower than
/// validating; building them for every schema at compile time would cost memory and compile time
/// for the many schemas that never fail.
struct LazyText: ~Copyable, Sendable {
    private let storage = Mutex<String?>(nil)

    init() {}

    /// The text, made by `make` the first time (two threads may both make it; the first kept wins).
    borrowing func get(_ make: () -> String) -> String {
        if let known = storage.withLock({ $0 }) { return known }
        let made = make()
        return storage.withLock { stored in
            if let stored { return stored }
            stored = made
            return made
        }
    }
}
