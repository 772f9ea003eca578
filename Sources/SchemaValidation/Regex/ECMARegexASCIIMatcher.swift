// A small matcher that lets ``ECMARegex`` skip NSRegularExpression for the most common shape of JSON
// Schema patterns: a top-level sequence of single-character atoms (literals, `.`, classes, `\d` `\w` `\s`
// and their complements), each with an optional quantifier, optionally anchored with `^` and `$`, e.g.
// `^[a-z]+-\d{3}$` or `^[A-Za-z0-9._~-]{1,64}$`.
//
// It runs on ASCII-only input (where each atom's set is a 128-bit mask and every byte is one code
// point); any other input, or a pathological backtracking case that exhausts the step budget, falls
// back to the regex engine. Whether a match exists does not depend on greedy vs lazy quantifiers, so
// laziness is ignored.

/// A set of ASCII code points as a 128-bit mask.
struct RegexASCIISet: Sendable, Equatable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    static let digits: RegexASCIISet = {
        var set = RegexASCIISet()
        set.insert(48...57)
        return set
    }()

    static let word: RegexASCIISet = {
        var set = RegexASCIISet()
        set.insert(48...57)
        set.insert(65...90)
        set.insert(97...122)
        set.insert(95...95)
        return set
    }()

    /// ECMA-262 WhiteSpace + LineTerminator, restricted to ASCII.
    static let space: RegexASCIISet = {
        var set = RegexASCIISet()
        set.insert(9...13)
        set.insert(32...32)
        return set
    }()

    /// `.` without the `s` flag: everything but `\n` and `\r` (U+2028/9 are not ASCII).
    static let dot: RegexASCIISet = {
        var set = RegexASCIISet.all
        set.remove(10)
        set.remove(13)
        return set
    }()

    static let all = RegexASCIISet(low: .max, high: .max)

    mutating func insert(_ range: ClosedRange<UInt32>) {
        guard range.lowerBound < 128 else { return }
        for value in range.lowerBound...min(range.upperBound, 127) {
            if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
        }
    }

    mutating func remove(_ value: UInt32) {
        if value < 64 { low &= ~(1 << UInt64(value)) } else if value < 128 { high &= ~(1 << UInt64(value - 64)) }
    }

    mutating func formUnion(_ other: RegexASCIISet) {
        low |= other.low
        high |= other.high
    }

    var inverted: RegexASCIISet { RegexASCIISet(low: ~low, high: ~high) }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : high & (1 << UInt64(byte &- 64)) != 0
    }
}

/// A compiled sequence of quantified single-character atoms.
struct RegexASCIIProgram: Sendable {
    struct Item: Sendable {
        var set: RegexASCIISet
        var minimum: Int
        var maximum: Int  // Int.max when unbounded
    }

    /// Longest program that is worth running here (deeper ones go to ICU).
    static let maximumItems = 48

    var items: [Item] = []
    var anchoredStart = false
    var anchoredEnd = false

    mutating func append(_ set: RegexASCIISet) {
        items.append(Item(set: set, minimum: 1, maximum: 1))
    }

    /// Applies a quantifier to the last item. Returns false if that is not possible.
    mutating func quantifyLast(minimum: Int, maximum: Int?) -> Bool {
        guard let last = items.indices.last, items[last].minimum == 1, items[last].maximum == 1 else { return false }
        items[last].minimum = minimum
        items[last].maximum = maximum ?? .max
        return true
    }

    /// Whether the ASCII `bytes` contain a match; nil if the step budget was exhausted.
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var budget = 4096 + 16 * bytes.count
        if anchoredStart { return matchHere(0, 0, bytes, &budget) }
        for start in 0...bytes.count {
            switch matchHere(0, start, bytes, &budget) {
            case true?: return true
            case nil: return nil
            case false?: continue
            }
        }
        return false
    }

    private func matchHere(_ index: Int, _ position: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ budget: inout Int)
        -> Bool?
    {
        if index == items.count { return !anchoredEnd || position == bytes.count }
        let item = items[index]
        let limit = min(item.maximum, bytes.count - position)
        var run = 0
        while run < limit && item.set.contains(bytes[position + run]) { run += 1 }
        if run < item.minimum { return false }
        budget -= run - item.minimum + 1
        if budget < 0 { return nil }
        if index == items.count - 1 {
            // Any count in minimum...run ends a match; with `$` it must reach the end exactly.
            return !anchoredEnd || position + run == bytes.count
        }
        var count = run
        while count >= item.minimum {
            switch matchHere(index + 1, position + count, bytes, &budget) {
            case true?: return true
            case nil: return nil
            case false?: count -= 1
            }
        }
        return false
    }
}
