/// The nearest of a set of names to a misspelled one, for "did you mean" hints.
///
/// Two names match when they are equal ignoring ASCII case, `_`, `-` and spaces (`aspectRatio` and
/// `aspect_ratio`); otherwise the nearest candidate by Damerau–Levenshtein distance (optimal string
/// alignment: insertions, deletions, substitutions and transpositions of neighbours each cost 1) is
/// chosen, if the distance is at most 1 for names of 3–7 characters (after normalisation) and at
/// most 2 for longer ones (`final_frame` is not taken for `first_frame`). Names shorter than 3
/// characters match only when equal after normalisation.
///
/// Work is bounded: names longer than ``maxLength`` scalars are never compared (a 5 MB property
/// name costs nothing), and at most ``maxCandidates`` candidates are read.
public enum NameSuggestion {
    /// Names longer than this (in Unicode scalars) get no suggestion.
    public static let maxLength = 64
    /// Candidates beyond this many are not considered.
    public static let maxCandidates = 2_000

    /// The candidate nearest to `name` within the threshold, or `nil`. A candidate equal to `name`
    /// itself is never suggested. Ties go to the earlier candidate.
    @inlinable
    public static func nearest<S: Sequence<String>>(to name: String, among candidates: S) -> String? {
        // The (often lazy) sequence is copied into an array in the caller's module, where it is
        // specialised; walking it from here, through protocol witnesses per element, cost five
        // times the search itself.
        nearest(to: name, amongNames: Array(candidates.prefix(maxCandidates)))
    }

    @usableFromInline
    static func nearest(to name: String, amongNames candidates: [String]) -> String? {
        guard let probe = normalized(name) else { return nil }
        var best: (name: String, distance: Int)?
        var target: [UInt32] = []
        target.reserveCapacity(maxLength)
        for candidate in candidates where candidate != name {
            guard normalize(candidate, into: &target) else { continue }
            let shorter = min(probe.count, target.count)
            let allowed = shorter < 3 ? 0 : shorter < 8 ? 1 : 2
            guard abs(probe.count - target.count) <= allowed else { continue }
            let d = distance(probe, target, atMost: allowed)
            guard d <= allowed, best.map({ d < $0.distance }) ?? true else { continue }
            best = (candidate, d)
            if d == 0 { break }
        }
        return best?.name
    }

    /// `name` lowercased (ASCII) without `_`, `-` and spaces, as scalars; `nil` when longer than
    /// ``maxLength``.
    static func normalized(_ name: String) -> [UInt32]? {
        var out: [UInt32] = []
        return normalize(name, into: &out) ? out : nil
    }

    /// ``normalized(_:)`` into `out` (replacing its contents, keeping its storage); `false` when
    /// `name` is too long.
    static func normalize(_ name: String, into out: inout [UInt32]) -> Bool {
        out.removeAll(keepingCapacity: true)
        var count = 0
        for scalar in name.unicodeScalars {
            count += 1
            if count > maxLength { return false }
            switch scalar {
            case "_", "-", " ": continue
            case "A"..."Z": out.append(scalar.value + 32)
            default: out.append(scalar.value)
            }
        }
        return true
    }

    /// The optimal-string-alignment distance between `a` and `b`, or a value above `limit` as
    /// soon as every cell of a row exceeds it.
    package static func distance(_ a: [UInt32], _ b: [UInt32], atMost limit: Int) -> Int {
        if a == b { return 0 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        // Three rows in one stack buffer (names are at most `maxLength` scalars): a suggestion is
        // computed per failing `enum` value or unknown member, and allocating rows per candidate
        // cost more than comparing.
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows in
            var before = rows.baseAddress!
            var previous = before + width
            var current = previous + width
            before.initialize(repeating: 0, count: width)
            for j in 0..<width { previous[j] = j }
            current.initialize(repeating: 0, count: width)
            for i in 1...a.count {
                current[0] = i
                var rowMinimum = i
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        value = min(value, before[j - 2] + 1)
                    }
                    current[j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                if rowMinimum > limit { return limit + 1 }
                (before, previous, current) = (previous, current, before)
            }
            return previous[b.count]
        }
    }
}
