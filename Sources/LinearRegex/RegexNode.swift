/// A regular expression as a tree, in the terms a linear-time matcher needs: sets of scalars,
/// sequences, alternatives, counted repetition and zero-width assertions.
///
/// There are no captures, back-references or lookaround: a ``LinearMatcher`` answers only
/// "is there a match", for which greedy and lazy quantifiers are the same.
public indirect enum RegexNode: Sendable, Hashable {
    /// Matches the empty string.
    case empty
    /// Matches one scalar from the set.
    case scalars(ScalarSet)
    /// Matches the items one after another.
    case sequence([RegexNode])
    /// Matches any one of the alternatives.
    case alternation([RegexNode])
    /// Matches the node `minimum` to `maximum` times (`nil`: unbounded).
    case repetition(RegexNode, minimum: Int, maximum: Int?)
    /// A zero-width assertion.
    case assertion(RegexAssertion)

    /// Whether every match must start at the beginning of the input (the node begins with
    /// ``RegexAssertion/inputStart`` on every path), so a search need not try later positions.
    var isAnchoredAtStart: Bool {
        switch self {
        case .assertion(.inputStart): return true
        case .sequence(let items):
            for item in items {
                if item.isAnchoredAtStart { return true }
                // Zero-width items before `^` do not move the start.
                guard case .assertion = item else { return false }
            }
            return false
        case .alternation(let alternatives): return !alternatives.isEmpty && alternatives.allSatisfy(\.isAnchoredAtStart)
        case .repetition(let node, let minimum, _): return minimum > 0 && node.isAnchoredAtStart
        case .empty, .scalars, .assertion: return false
        }
    }
}

/// Zero-width assertions, with ECMA-262 meanings.
public enum RegexAssertion: UInt8, Sendable, Hashable {
    /// At the start of the input (`^` without the `m` flag; `\A`).
    case inputStart
    /// At the end of the input (`$` without the `m` flag; `\z`).
    case inputEnd
    /// At the start of the input or after a line terminator (`^` with `m`).
    case lineStart
    /// At the end of the input or before a line terminator (`$` with `m`).
    case lineEnd
    /// Between an ASCII word character (`[A-Za-z0-9_]`) and a non-word character or an end (`\b`).
    case wordBoundary
    /// Not at a word boundary (`\B`).
    case notWordBoundary
}
