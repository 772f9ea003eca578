/// Suite cases the validator is known to fail, each with the reason.
///
/// An entry matches a case whose name (`draft2020-12/ref.json: <group> / <test>`) equals it or starts
/// with it, so `"draft4/optional/format/"` or `"draft7/ref.json: refs with quote"` exclude a whole
/// folder, file or group. An excluded case that fails is a known issue, not a failure; one that
/// passes is reported as "unexpectedly passing: remove from the exclusion list", and an entry that
/// matches no case at all is reported as stale, so the list stays honest.
///
/// The goal is an empty list: add an entry only for a deliberate, documented deviation.
enum ExpectedFailures {
    static let entries: [(pattern: String, reason: String)] = [
        (
            "draft4/optional/zeroTerminatedFloats.json: some languages do not distinguish between different types of numeric value / a float is not an integer even without fractional part",
            "Numbers are kept by exact value (1.0 == 1), as draft 6+ and OpenAPI require; only draft 4 calls 1.0 a non-integer, and keeping the written form would cost every number a flag."
        )
    ]

    /// The first entry matching `caseName`.
    static func entry(for caseName: String) -> (pattern: String, reason: String)? {
        entries.first { caseName == $0.pattern || caseName.hasPrefix($0.pattern) }
    }
}
