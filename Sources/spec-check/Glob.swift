/// Shell-style path globs for corpus manifests: `*` and `?` match within one path segment,
/// `**` matches any number of segments (including none).
struct Glob {
    let segments: [Substring]

    init(_ pattern: String) {
        segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// Whether the relative path `path` matches.
    ///
    /// Both levels (`**` over segments, `*` within a segment) use the greedy wildcard match that
    /// only ever returns to the latest star: at most (pattern length × text length) steps, never
    /// the exponential backtracking of a recursive match (`*a*a*a*a*b` against `aaaa…`).
    func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return Glob.wildcardMatch(pattern: segments.count, text: parts.count, isStar: { segments[$0] == "**" }) { p, t in
            Glob.matchSegment(Array(segments[p].unicodeScalars), Array(parts[t].unicodeScalars))
        }
    }

    /// The greedy wildcard match over abstract sequences: `isStar(p)` marks pattern positions that
    /// match any run of text units (none included); any other position matches one unit when
    /// `unitMatches(p, t)`.
    private static func wildcardMatch(pattern: Int, text: Int, isStar: (Int) -> Bool, unitMatches: (Int, Int) -> Bool) -> Bool {
        var p = 0, t = 0
        var star = -1, resume = 0
        while t < text {
            if p < pattern && !isStar(p) && unitMatches(p, t) {
                p += 1
                t += 1
            } else if p < pattern && isStar(p) {
                star = p
                resume = t
                p += 1
            } else if star >= 0 {
                // The latest star takes one more unit; earlier stars never need to change.
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern && isStar(p) { p += 1 }
        return p == pattern
    }

    private static func matchSegment(_ p: [Unicode.Scalar], _ s: [Unicode.Scalar]) -> Bool {
        wildcardMatch(pattern: p.count, text: s.count, isStar: { p[$0] == "*" }) { i, j in p[i] == "?" || p[i] == s[j] }
    }

    /// Whether the pattern has wildcards.
    var isPattern: Bool { segments.contains { $0.contains("*") || $0.contains("?") } }
}
