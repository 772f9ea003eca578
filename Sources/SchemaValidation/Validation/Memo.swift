import SpecSource

/// Which evaluation a memo entry holds: a node, at one instance location, with errors collected
/// (everywhere or at the location only) or not.
struct MemoKey: Hashable {
    let node: ObjectIdentifier
    let location: Int
    let collectsErrors: Bool
    /// Whether only the errors at the location were collected (``ValidationContext/trialHere(_:)``).
    let hereOnly: Bool

    /// The fields folded into one word before hashing: a lookup is made at every memoised step,
    /// and `Hasher` costs a round per value combined (four, two of them single bytes) before its
    /// finalization. Equality still compares every field.
    func hash(into hasher: inout Hasher) {
        let flags: UInt = (collectsErrors ? 1 : 0) | (hereOnly ? 2 : 0)
        hasher.combine(UInt(bitPattern: node) ^ (UInt(bitPattern: location) &* 0x9E37_79B9_7F4A_7C15) ^ flags)
    }
}

/// A remembered evaluation: its verdict and (when errors were collected) its distinct errors.
struct MemoEntry {
    let valid: Bool
    let errors: [SchemaViolation]
}

extension ValidationContext {
    /// Whether a memoised node's result here may be reused, and stored for reuse: no annotations
    /// are being collected at this location (a reused result would not record them) and no
    /// `readOnly`/`writeOnly` names are in force here and no strict `allOf`-form discriminator is
    /// being dispatched (both depend on the path taken). Nodes are
    /// memoised only in graphs without `$dynamicRef`/`$recursiveRef`, so the dynamic scope never
    /// matters.
    @inline(__always)
    var canMemoize: Bool {
        !isTracking && (direction == nil || directionalScope.count == directionalBase) && inheritanceScope.isEmpty
    }

    /// ``descendInPlace(_:_:via:)`` evaluated once per (node, instance location, collecting or
    /// not): a schema that exponentially many in-place paths lead to (`A_i: allOf: [A_{i-1},
    /// A_{i-1}]`) costs work linear in the distinct pairs. The errors of the first evaluation are
    /// kept without repeats and added again on each reuse (``Schema/validate(_:)`` reports each
    /// once).
    mutating func memoized(_ schema: SchemaNode, _ instance: Instance, via fragment: @autoclosure () -> String) -> Bool {
        let key = MemoKey(
            node: ObjectIdentifier(schema), location: locationSerial, collectsErrors: collectsErrors,
            hereOnly: collectsErrors && collectsHereOnly)
        if let known = memo[key] {
            if collectsErrors { errors.append(contentsOf: known.errors) }
            return known.valid
        }
        let before = errors.count
        let valid = descendInPlace(schema, instance, via: fragment())
        var distinct: [SchemaViolation] = []
        if collectsErrors && errors.count > before {
            distinct = ErrorIdentity.distinct(errors[before...])
            errors.removeSubrange(before...)
            errors.append(contentsOf: distinct)
        }
        memo[key] = MemoEntry(valid: valid, errors: distinct)
        return valid
    }
}

/// What makes two errors the same for reporting: the keyword (where it is written), the instance
/// location and the message; the evaluation path is not part of it.
struct ErrorIdentity: Hashable {
    let instanceLocation: String
    let absoluteKeywordLocation: String
    let source: SourceLocation
    let message: String

    init(_ error: SchemaViolation) {
        instanceLocation = error.instanceLocation
        absoluteKeywordLocation = error.absoluteKeywordLocation
        source = error.source
        message = error.message
    }

    /// `errors` with each error once, the first of each kept, in order.
    ///
    /// A few errors (the usual case) are compared pairwise, which settles most pairs at their
    /// first differing bytes; hashing all four strings of every error costs more below about a
    /// dozen. More go through a set.
    static func distinct(_ errors: some Collection<SchemaViolation>) -> [SchemaViolation] {
        guard errors.count > 1 else { return Array(errors) }
        guard errors.count > 12 else {
            var kept: [SchemaViolation] = []
            kept.reserveCapacity(errors.count)
            for error in errors where !kept.contains(where: { same($0, error) }) { kept.append(error) }
            return kept
        }
        var seen = Set<ErrorIdentity>()
        return errors.filter { seen.insert(ErrorIdentity($0)).inserted }
    }

    private static func same(_ a: SchemaViolation, _ b: SchemaViolation) -> Bool {
        a.instanceLocation == b.instanceLocation && a.message == b.message && a.absoluteKeywordLocation == b.absoluteKeywordLocation
            && a.source == b.source
    }
}
