import Foundation

/// ICU's backtracking engine (through `NSRegularExpression`), for the ECMA-262 patterns the linear
/// engine cannot run: back-references, lookaround, the `i` modifier, Script properties, very large
/// counted repetitions.
///
/// ICU abandons a match silently when its backtracking stack overflows, and never stops on its own
/// when backtracking explodes. Here both are observed: the search runs with progress reports (ICU
/// reports every 10,000 backtracking steps) and a completion report (which carries ICU's internal
/// error flag), and either outcome becomes ``ECMARegex/SearchResult/gaveUp(_:)``.
///
/// The pattern is compiled as `\A[\x{0}-\x{10FFFF}]*?(?:P)`: one match attempt whose lazy prefix
/// plays the role of the unanchored search's start positions. So every progress report is a
/// backtracking report (ICU would otherwise also report each new start position), and the budget is
/// a deterministic number of steps: ``baseStepUnits`` units of 10,000 steps plus one unit per 1,000
/// UTF-16 code units of input (the scan itself costs a step per position).
///
/// `@unchecked Sendable`: `NSRegularExpression` is immutable and documented as safe to use from many
/// threads (swift-corelibs-foundation checks out or clones the ICU matcher per search), but is not
/// declared `Sendable`.
final class BacktrackingRegex: @unchecked Sendable {
    private let regex: NSRegularExpression

    /// Progress reports (10,000 steps each) allowed on any input.
    static let baseStepUnits = 500
    /// ICU steps per progress report.
    static let stepsPerUnit = 10_000

    /// Compiles the ICU translation of an ECMA-262 pattern.
    /// - Throws: Foundation's error when ICU rejects the pattern.
    init(icuPattern: String) throws {
        regex = try NSRegularExpression(pattern: "\\A[\\x{0}-\\x{10FFFF}]*?(?:" + icuPattern + ")", options: [])
    }

    /// Searches `string`; gives up after the step budget or at an ICU internal error.
    func search(_ string: String) -> ECMARegex.SearchResult {
        let length = string.utf16.count
        let allowed = Self.baseStepUnits + length / 1_000
        var reports = 0
        var matched = false
        var exhausted = false
        var failed = false
        regex.enumerateMatches(
            in: string, options: [.reportProgress, .reportCompletion], range: NSRange(location: 0, length: length)
        ) { result, flags, stop in
            if result != nil {
                matched = true
                stop.pointee = true
            } else if flags.contains(.completed) {
                failed = flags.contains(.internalError)
            } else if flags.contains(.progress) {
                reports += 1
                if reports > allowed {
                    exhausted = true
                    stop.pointee = true
                }
            }
        }
        if matched { return .match }
        if exhausted { return .gaveUp(ECMARegex.GaveUp(reason: .stepLimit(steps: reports * Self.stepsPerUnit))) }
        if failed { return .gaveUp(ECMARegex.GaveUp(reason: .engineLimit)) }
        return .noMatch
    }
}
