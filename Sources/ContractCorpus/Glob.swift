/// Shell-style path globs for corpus manifests: `*` and `?` match within one path segment,
/// `**` matches any number of segments (including none).
///
/// ```swift
/// Glob("requests/valid/*.json").matches("requests/valid/minimal.json")   // true
/// Glob("**/*.har").matches("traffic/2026/videos.har")                     // true
/// ```
///
/// Paths are relative and `/`-separated; matching compares Unicode scalars, so it is case
/// sensitive.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    let segments: [Substring]

    /// Creates a glob from its pattern (empty segments, as in `a//b`, are ignored).
    public init(_ pattern: String) {
        self.pattern = pattern
        segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// Whether the relative path `path` matches.
    public func matches(_ path: String) -> Bool {
        Glob.match(segments[...], path.split(separator: "/")[...])
    }

    /// Whether the pattern has wildcards.
    public var isPattern: Bool { segments.contains { $0.contains("*") || $0.contains("?") } }

    /// The pattern.
    public var description: String { pattern }

    /// Wildcard matching with backtracking to the last star only (the classic two-pointer
    /// algorithm): O(pattern × path) at worst, so no pattern makes matching exponential. `**`
    /// is the star over segments; within a segment, `*` is the star over scalars.
    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        wildcard(
            Array(pattern), Array(path), isStar: { $0 == "**" },
            matchesOne: { p, s in matchSegment(Array(p.unicodeScalars), Array(s.unicodeScalars)) })
    }

    private static func matchSegment(_ p: [Unicode.Scalar], _ s: [Unicode.Scalar]) -> Bool {
        wildcard(p, s, isStar: { $0 == "*" }, matchesOne: { p, c in p == "?" || p == c })
    }

    private static func wildcard<P, S>(_ p: [P], _ s: [S], isStar: (P) -> Bool, matchesOne: (P, S) -> Bool) -> Bool {
        var i = 0
        var j = 0
        var star: Int? = nil
        var resume = 0
        while j < s.count {
            if i < p.count, isStar(p[i]) {
                star = i
                resume = j
                i += 1
            } else if i < p.count, matchesOne(p[i], s[j]) {
                i += 1
                j += 1
            } else if let star {
                i = star + 1
                resume += 1
                j = resume
            } else {
                return false
            }
        }
        while i < p.count, isStar(p[i]) { i += 1 }
        return i == p.count
    }
}
