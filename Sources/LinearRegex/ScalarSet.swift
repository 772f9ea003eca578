/// A set of Unicode scalar values: code point ranges and Unicode properties, optionally
/// complemented.
///
/// Membership of ASCII scalars is precomputed into a 128-bit mask, so the common case is one bit
/// test; other scalars are looked up by binary search in the ranges, then in the properties.
///
/// Sets are built once (by a regex translator) and then only read; they are `Sendable` values.
public struct ScalarSet: Sendable, Hashable {
    /// Sorted, disjoint, non-adjacent ranges as flat `[low, high, low, high, …]` pairs.
    private var bounds: [UInt32] = []
    /// Property terms; the set is the union of the ranges and these.
    private var properties: [PropertyTerm] = []
    /// Whether membership is inverted (only kept when there are properties; a set of ranges is
    /// complemented by complementing its ranges).
    private var isComplemented = false
    /// Membership of U+0000…U+003F and U+0040…U+007F.
    private var asciiLow: UInt64 = 0
    private var asciiHigh: UInt64 = 0

    private struct PropertyTerm: Sendable, Hashable {
        var property: ScalarProperty
        var negated: Bool
    }

    /// The largest Unicode scalar value.
    public static let maxScalar: UInt32 = 0x10FFFF

    /// The empty set (matches nothing).
    public init() {}

    /// The set of the scalars in `range` (values above U+10FFFF are ignored).
    public init(_ range: ClosedRange<UInt32>) {
        insert(range)
    }

    /// The set of one scalar.
    public init(_ scalar: Unicode.Scalar) {
        insert(scalar.value...scalar.value)
    }

    /// The set of the scalars that have (or, with `negated`, lack) `property`.
    public init(_ property: ScalarProperty, negated: Bool = false) {
        if let ranges = property.ranges {
            for range in ranges { insert(range) }
            if negated { self = complemented() }
        } else {
            properties = [PropertyTerm(property: property, negated: negated)]
            recomputeASCII()
        }
    }

    /// Every scalar.
    public static let all = ScalarSet(0...maxScalar)

    /// Whether the set is empty because it has no ranges and no properties.
    public var isTriviallyEmpty: Bool { bounds.isEmpty && properties.isEmpty && !isComplemented }

    /// Adds the scalars in `range`.
    /// - Precondition: the set is not a complemented set with properties.
    public mutating func insert(_ range: ClosedRange<UInt32>) {
        precondition(!isComplemented, "insert into a complemented property set")
        guard range.lowerBound <= Self.maxScalar else { return }
        var low = range.lowerBound
        var high = min(range.upperBound, Self.maxScalar)
        var merged: [UInt32] = []
        merged.reserveCapacity(bounds.count + 2)
        var index = 0
        // Ranges entirely before the new one (not adjacent).
        while index < bounds.count, bounds[index + 1] &+ 1 < low {
            merged.append(bounds[index])
            merged.append(bounds[index + 1])
            index += 2
        }
        // Ranges overlapping or adjacent: absorb.
        while index < bounds.count, bounds[index] <= high &+ 1 {
            low = min(low, bounds[index])
            high = max(high, bounds[index + 1])
            index += 2
        }
        merged.append(low)
        merged.append(high)
        merged.append(contentsOf: bounds[index...])
        bounds = merged
        recomputeASCII()
    }

    /// Adds every member of `other`.
    /// - Precondition: neither set is a complemented set with properties (a class union never
    ///   needs that: ECMA-262 and I-Regexp classes do not nest).
    public mutating func formUnion(_ other: ScalarSet) {
        precondition(!isComplemented && !other.isComplemented, "union with a complemented property set")
        var index = 0
        while index < other.bounds.count {
            insert(other.bounds[index]...other.bounds[index + 1])
            index += 2
        }
        for term in other.properties where !properties.contains(term) { properties.append(term) }
        recomputeASCII()
    }

    /// The scalars not in this set.
    public func complemented() -> ScalarSet {
        var result = ScalarSet()
        if properties.isEmpty {
            var next: UInt32 = 0
            var index = 0
            while index < bounds.count {
                if bounds[index] > next { result.bounds += [next, bounds[index] - 1] }
                next = bounds[index + 1] &+ 1
                index += 2
            }
            if next <= Self.maxScalar { result.bounds += [next, Self.maxScalar] }
        } else {
            result.bounds = bounds
            result.properties = properties
            result.isComplemented = !isComplemented
        }
        result.recomputeASCII()
        return result
    }

    /// Whether the scalar with value `value` is in the set.
    @inline(__always)
    public func contains(_ value: UInt32) -> Bool {
        if value < 64 { return asciiLow &>> UInt64(value) & 1 != 0 }
        if value < 128 { return asciiHigh &>> UInt64(value &- 64) & 1 != 0 }
        return containsNonASCII(value)
    }

    private func containsNonASCII(_ value: UInt32) -> Bool {
        var found = rangesContain(value)
        if !found && !properties.isEmpty {
            for term in properties where term.property.matches(value) != term.negated {
                found = true
                break
            }
        }
        return found != isComplemented
    }

    private func rangesContain(_ value: UInt32) -> Bool {
        var low = 0
        var high = bounds.count / 2
        while low < high {
            let middle = (low + high) / 2
            if bounds[2 * middle + 1] < value {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low < bounds.count / 2 && bounds[2 * low] <= value
    }

    private mutating func recomputeASCII() {
        asciiLow = 0
        asciiHigh = 0
        for value in UInt32(0)..<128 where containsNonASCII(value) {
            if value < 64 { asciiLow |= 1 << UInt64(value) } else { asciiHigh |= 1 << UInt64(value - 64) }
        }
    }
}
