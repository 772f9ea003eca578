import SpecSource

/// `; did you mean "x"?` (or a few ranked candidates, see ``suggestionHint(for:among:)``), or `""`
/// without candidates.
package func suggestion(for input: String, among candidates: [String]) -> String {
    suggestionHint(for: input, among: candidates).map { "; " + $0 } ?? ""
}

/// ``suggestion(for:among:)`` without its leading `; `, or nil without candidates:
/// - `did you mean "x"?` for one candidate that stands out: equal ignoring case, the only related
///   one, or nearer by edit distance (within the threshold) than every other;
/// - `did you mean one of "a", "b", …?` for up to ``NameRanking/shown`` related candidates, best
///   first (see ``NameRanking``), with how many more there are;
/// - when none is related, `available: …` for a few candidates (all, sorted), or for many the
///   nearest by spelling (never the first names of the alphabet of a large document).
func suggestionHint(for input: String, among candidates: [String]) -> String? {
    guard !candidates.isEmpty else { return nil }
    let ranking = NameRanking(input, among: candidates)
    if let single = ranking.single { return "did you mean \(JSONWriter.quoted(single))?" }
    let quoted = { (names: ArraySlice<String>) in names.map { JSONWriter.quoted($0) }.joined(separator: ", ") }
    if !ranking.related.isEmpty {
        let more = ranking.related.count - NameRanking.shown
        return "did you mean one of \(quoted(ranking.related.prefix(NameRanking.shown)))?"
            + (more > 0 ? " (and \(more) more)" : "")
    }
    if candidates.count <= 8 { return "available: \(quoted(candidates.sorted()[...]))" }
    return "none is close; the nearest by spelling: \(quoted(ranking.nearest.prefix(NameRanking.shown))), …"
}

/// The candidate ``suggestion(for:among:)`` proposes alone, if it proposes one.
package func nearest(_ input: String, among candidates: [String]) -> String? {
    NameRanking(input, among: candidates).single
}

/// Candidate names ranked against a name that is not among them, for "did you mean" hints over
/// anything from a handful of members to the ~1,400 schemas of a large document.
///
/// Comparisons ignore case. A candidate is related to the input when it equals it (tier 0), starts
/// with it or holds it from the start of one of its words (1, `Usage` in `CompletionUsage`, not
/// `nope` in `ActionOpenPage`), has the input's words among its own in the same order (3: an input
/// of two or more words; `ChatRequest` and `CreateChatCompletionRequest`, see ``words(_:)``; a
/// word of the input may be the start of the candidate's, `ChatReq`), or is near it by spelling
/// (4): within `max(2, n / 3)` edits of the whole input of `n` characters, or, from 8 characters
/// on, within `n / 4` edits of some part of the candidate (a misspelled part:
/// `ChatCompletionRequst` is one edit from a part of `CreateChatCompletionRequest`). Related
/// candidates are ordered by tier, then (tier 3) the fewest words besides the input's or (other
/// tiers) the edits to a part, then the edits to the whole (tier 1: the nearest first, whether it
/// starts with the input or holds it later), then name. Edits are insertions,
/// deletions, substitutions and swaps of neighbours. Inputs longer than ``maxLength`` and candidates longer than
/// ``maxCandidateLength`` are not compared (no work grows with a hostile input or document): they
/// are unrelated.
struct NameRanking {
    /// How many related candidates a hint shows.
    static let shown = 5
    /// Longer inputs (in Unicode scalars) are not compared.
    static let maxLength = 256
    /// Longer candidates (in UTF-8 bytes) are never related.
    static let maxCandidateLength = 1_024
    /// The steps of edit distance computed for one input, over all candidates (the ~1,400 names
    /// of a large document take about 2 million).
    static let budget = 20_000_000

    /// The related candidates, best first.
    private(set) var related: [String] = []
    /// Every candidate, nearest first by the same order (for a hint when none is related).
    private(set) var nearest: [String] = []
    /// The one candidate to propose alone, if one stands out.
    private(set) var single: String?

    init(_ input: String, among candidates: [String]) {
        guard input.unicodeScalars.count <= Self.maxLength else {
            nearest = candidates.sorted()
            return
        }
        let probe = input.lowercased().unicodeScalars.map(\.value)
        let wholeLimit = max(2, probe.count / 3)
        let partLimit = probe.count < 8 ? 0 : probe.count / 4
        let loweredInput = input.lowercased()
        let inputWords = Self.words(input)
        /// Tier 3's measure for `candidate`: how many of its words are not the input's, when the
        /// input's words are among them in order.
        func extraWords(_ candidate: String) -> Int? {
            guard inputWords.count >= 2 else { return nil }
            let words = Self.words(candidate)
            var next = inputWords.startIndex
            for word in words where next < inputWords.endIndex && word.hasPrefix(inputWords[next]) { next += 1 }
            return next == inputWords.endIndex ? words.count - inputWords.count : nil
        }
        /// Whether `candidate` holds the input from the start of one of its words (`Usage` in
        /// `CompletionUsage`; not `nope` in `ActionOpenPage`).
        func containsAtWordStart(_ candidate: String) -> Bool {
            let scalars = Array(candidate.unicodeScalars)
            for start in Self.wordRanges(scalars).map(\.lowerBound) {
                var rest = String.UnicodeScalarView()
                rest.append(contentsOf: scalars[start...])
                if String(rest).lowercased().hasPrefix(loweredInput) { return true }
            }
            return false
        }
        var scored: [(tier: Int, part: Int, whole: Int, name: String)] = []
        scored.reserveCapacity(candidates.count)
        // Edit distances cost input × candidate steps; past the budget only equality, prefix and
        // containment are looked at (a hostile document with many long names cannot make it slow).
        var budget = Self.budget
        for candidate in candidates {
            // A hostile document's huge name costs nothing: it is never near.
            guard candidate.utf8.count <= Self.maxCandidateLength else {
                scored.append((5, Int.max / 2, Int.max / 2, candidate))
                continue
            }
            let lowered = candidate.lowercased()
            let target = lowered.unicodeScalars.map(\.value)
            let cost = 2 * max(1, probe.count) * max(1, target.count)
            guard cost <= budget else {
                var tier =
                    lowered == loweredInput ? 0 : lowered.hasPrefix(loweredInput) || containsAtWordStart(candidate) ? 1 : 6
                var part = tier < 6 ? 0 : Int.max / 2
                if tier == 6, let extra = extraWords(candidate) { (tier, part) = (3, extra) }
                scored.append((tier, part, tier == 0 ? 0 : Int.max / 2, candidate))
                continue
            }
            budget -= cost
            let whole = NameSuggestion.distance(probe, target, atMost: Int.max - 1)
            let part = Self.partDistance(probe, in: target)
            if whole == 0 {
                scored.append((0, part, whole, candidate))
            } else if lowered.hasPrefix(loweredInput) || containsAtWordStart(candidate) {
                // Starting with the input and holding it from one of its words on rank together,
                // nearest first: `CreateChatCompletionRequest` before the 30 longer names that
                // start with `ChatCompletionRequest`.
                scored.append((1, 0, whole, candidate))
            } else if let extra = extraWords(candidate) {
                scored.append((3, extra, whole, candidate))
            } else {
                scored.append((whole <= wholeLimit || probe.count >= 8 && part <= partLimit ? 4 : 5, part, whole, candidate))
            }
        }
        scored.sort { ($0.tier, $0.part, $0.whole, $0.name) < ($1.tier, $1.part, $1.whole, $1.name) }
        nearest = scored.sorted { ($0.part + $0.whole, $0.name) < ($1.part + $1.whole, $1.name) }.map(\.name)
        let kept = scored.filter { $0.tier < 5 }
        related = kept.map(\.name)
        guard let best = kept.first else { return }
        if best.tier == 0 || kept.count == 1 || best.whole <= wholeLimit && kept.dropFirst().allSatisfy({ best.whole < $0.whole }) {
            single = best.name
        }
    }

    /// The words of a name, lowercased: split at `_`, `-`, `.`, `/`, spaces and other
    /// non-alphanumerics, before an upper-case letter that follows a lower-case letter or a digit,
    /// before the last capital of a run followed by a lower-case letter (`HTTPRequest`: `http`,
    /// `request`), and between letters and digits.
    static func words(_ name: String) -> [String] {
        let scalars = Array(name.unicodeScalars)
        return wordRanges(scalars).map { range in
            var word = String.UnicodeScalarView()
            word.append(contentsOf: scalars[range])
            return String(word).lowercased()
        }
    }

    /// Where the words of ``words(_:)`` are in `scalars`.
    static func wordRanges(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int?
        func isUpper(_ s: Unicode.Scalar) -> Bool { s.properties.isUppercase }
        func isLower(_ s: Unicode.Scalar) -> Bool { s.properties.isLowercase }
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.properties.numericType != nil }
        for (i, scalar) in scalars.enumerated() {
            guard scalar.properties.isAlphabetic || isDigit(scalar) else {
                if let s = start { ranges.append(s..<i) }
                start = nil
                continue
            }
            if let s = start {
                let before = scalars[i - 1]
                let after = i + 1 < scalars.count ? scalars[i + 1] : nil
                let splits =
                    (isUpper(scalar) && (isLower(before) || isDigit(before)))
                    || (isUpper(scalar) && isUpper(before) && after.map(isLower) == true)
                    || (isDigit(scalar) != isDigit(before))
                if splits {
                    ranges.append(s..<i)
                    start = i
                }
            } else {
                start = i
            }
        }
        if let s = start { ranges.append(s..<scalars.count) }
        return ranges
    }

    /// The fewest edits that turn `input` into some contiguous part of `candidate` (0 when it
    /// contains `input`; at most `input.count`).
    static func partDistance(_ input: [UInt32], in candidate: [UInt32]) -> Int {
        let n = input.count
        guard n > 0 else { return 0 }
        // Columns: prefixes of `input`; one row per scalar of `candidate`, the row before it and
        // the one before that (for swaps). A part may start anywhere: row 0 costs nothing.
        var previous2 = [Int](0...n)
        var previous = [Int](0...n)
        var current = [Int](repeating: 0, count: n + 1)
        var best = n
        for j in candidate.indices {
            current[0] = 0
            for i in 1...n {
                var d = min(previous[i] + 1, current[i - 1] + 1, previous[i - 1] + (input[i - 1] == candidate[j] ? 0 : 1))
                if i > 1, j > 0, input[i - 1] == candidate[j - 1], input[i - 2] == candidate[j] { d = min(d, previous2[i - 2] + 1) }
                current[i] = d
            }
            best = min(best, current[n])
            swap(&previous2, &previous)
            swap(&previous, &current)
        }
        return best
    }
}

/// The edit distance of `a` and `b` (insertions, deletions, substitutions and swaps of neighbours),
/// the one ``SpecSource/NameSuggestion`` uses, over Unicode scalars and without a limit.
func editDistance(_ a: String, _ b: String) -> Int {
    NameSuggestion.distance(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value), atMost: Int.max - 1)
}
