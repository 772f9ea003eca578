import SpecSource

/// Prints the errors that stop a spec, schema, overlay or manifest from loading (standard error).
///
/// A broken multi-file document can hold thousands of errors of one kind (every `$ref` into a file
/// that is not there). Each distinct error (same code, message and location) is printed once per
/// run; a cause (``SpecSource/SourceError/code``) that repeats more than ``examples`` times is
/// summarised as
///
/// ```
/// error: 3,731 unresolved references (ref.unresolved) in 412 files; first: a.yaml:21:11: cannot resolve …
/// error: a.yaml:24:11: cannot resolve … [ref.unresolved]        (the next examples, 10 in all)
/// error: … and 3,721 more unresolved references (--verbose prints every one)
/// ```
///
/// Causes are printed in the order of their first error; with `verbose`, every error is printed.
struct LoadErrorReport {
    /// Errors printed per cause before the rest are counted only.
    static let examples = 10

    let verbose: Bool
    private var printed = Set<Key>()

    private struct Key: Hashable {
        let code: String
        let message: String
        let location: SourceLocation
    }

    init(verbose: Bool) { self.verbose = verbose }

    /// Prints the errors not printed before in this run.
    /// - Returns: How many were new.
    @discardableResult
    mutating func print(_ errors: [SourceError]) -> Int {
        let (lines, new) = render(errors)
        for line in lines { printError(line) }
        return new
    }

    /// The lines for `errors` (each starting `error: `), and how many errors were new.
    mutating func render(_ errors: [SourceError]) -> (lines: [String], new: Int) {
        var causes: [String] = []
        var byCause: [String: [SourceError]] = [:]
        for error in errors where printed.insert(Key(code: error.code, message: error.message, location: error.location)).inserted {
            if byCause[error.code] == nil { causes.append(error.code) }
            byCause[error.code, default: []].append(error)
        }
        var lines: [String] = []
        var new = 0
        for code in causes {
            let group = byCause[code]!
            new += group.count
            guard !verbose, group.count > Self.examples else {
                lines += group.map(Self.line)
                continue
            }
            let noun = Self.noun(for: code)
            let files = Set(group.map(\.location.file)).count
            lines.append(
                "error: \(Self.grouped(group.count)) \(noun) (\(code)) in \(Self.grouped(files)) file\(files == 1 ? "" : "s"); first: \(group[0])"
            )
            lines += group[1..<Self.examples].map(Self.line)
            lines.append("error: … and \(Self.grouped(group.count - Self.examples)) more \(noun) (--verbose prints every one)")
        }
        return (lines, new)
    }

    /// One error's line: `error: FILE:LINE:COL: message [code]`; `spec-check explain CODE`
    /// says what the code means.
    static func line(_ error: SourceError) -> String { "error: \(error) [\(error.code)]" }

    /// What errors with `code` are, in the plural.
    static func noun(for code: String) -> String {
        switch code {
        case "ref.unresolved": return "unresolved references"
        case "ref.cycle": return "$ref cycles"
        case "schema.invalid-keyword": return "invalid keyword values"
        case "schema.invalid-pattern": return "invalid regular expressions"
        case "schema.invalid": return "invalid schemas"
        case "json.duplicate-key", "yaml.duplicate-key": return "duplicate keys"
        default: return "errors"
        }
    }

    /// `n` with thousands separated by commas (`3,731`), whatever the locale.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
