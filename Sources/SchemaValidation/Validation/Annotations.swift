import SpecSource

/// What the keywords applied at one instance location have evaluated, for `unevaluatedProperties`
/// and `unevaluatedItems` (JSON Schema 2020-12 core §11).
///
/// Frames exist only while some schema on the current path has an `unevaluated*` keyword, so
/// schemas without them pay nothing. A frame collects the annotations of the keywords of one
/// schema object and of the in-place subschemas (`allOf`, `$ref`, …) that validated successfully.
struct Annotations {
    /// Evaluated member names, compared by code points as JSON compares names.
    var properties: Set<MemberName> = []
    var allProperties = false
    /// Items `0..<itemPrefix` are evaluated.
    var itemPrefix = 0
    var allItems = false
    /// Individually evaluated items (`contains`).
    var items: Set<Int> = []

    mutating func merge(_ other: Annotations) {
        if other.allProperties { allProperties = true } else if !other.properties.isEmpty { properties.formUnion(other.properties) }
        if other.allItems { allItems = true }
        itemPrefix = max(itemPrefix, other.itemPrefix)
        if !other.items.isEmpty { items.formUnion(other.items) }
    }

    func isEvaluated(property: String) -> Bool { allProperties || properties.contains(MemberName(property)) }
    func isEvaluated(item: Int) -> Bool { allItems || item < itemPrefix || items.contains(item) }
}

extension ValidationContext {
    /// Whether annotations are being collected at the current instance location.
    @inline(__always) var isTracking: Bool { frames.count > frameBase }

    /// Records that `name` was evaluated at the current location.
    @inline(__always) mutating func noteEvaluated(property name: String) {
        if isTracking { frames[frames.count - 1].properties.insert(MemberName(name)) }
    }

    /// Records that every property at the current location was evaluated.
    @inline(__always) mutating func noteAllPropertiesEvaluated() {
        if isTracking { frames[frames.count - 1].allProperties = true }
    }

    /// Records that items `0..<count` were evaluated.
    @inline(__always) mutating func noteEvaluated(itemsUpTo count: Int) {
        if isTracking { frames[frames.count - 1].itemPrefix = max(frames[frames.count - 1].itemPrefix, count) }
    }

    /// Records that every item was evaluated.
    @inline(__always) mutating func noteAllItemsEvaluated() {
        if isTracking { frames[frames.count - 1].allItems = true }
    }

    /// Records that item `index` was evaluated.
    @inline(__always) mutating func noteEvaluated(item index: Int) {
        if isTracking { frames[frames.count - 1].items.insert(index) }
    }

    /// The annotations collected so far at the current location (inside a tracking frame).
    var currentAnnotations: Annotations { isTracking ? frames[frames.count - 1] : Annotations() }
}
