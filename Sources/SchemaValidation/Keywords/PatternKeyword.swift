import SpecSource

/// `pattern`: a string instance matches the ECMA-262 regular expression (unanchored search).
final class PatternKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "pattern", .all, vocabulary: .validation, compile: compile,
        errors: [
            ErrorCode(
                "pattern", "the string does not match `pattern`",
                "JSON Schema 2020-12 validation §6.3.3: an ECMA-262 regular expression, searched anywhere in the string (anchor it with ^ and $ to match the whole string)."
            ),
            ErrorCode(
                "pattern.gave-up", "the regex engine gave up before deciding whether the string matches",
                "Patterns with back-references, lookaround or (?i:...) run on a backtracking engine with a step budget; this string exhausted it. The value is reported, never passed or failed silently. Simplify the pattern or shorten the value."
            ),
        ])

    /// The dialects whose patterns are read leniently: real OpenAPI documents use PCRE-isms
    /// (`\-`, `[\w-.]`) that ECMA-262's Unicode mode rejects.
    static let lenientDialects: DialectSet = .openAPI

    let regex: ECMARegex
    let site: KeywordSite

    init(regex: ECMARegex, site: KeywordSite) {
        self.regex = regex
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard let pattern = value.stringValue else {
            c.invalid("pattern", value, "a string")
            return nil
        }
        guard let regex = compileRegex(pattern, at: value.location, in: c) else { return nil }
        return PatternKeyword(regex: regex, site: c.site("pattern"))
    }

    override var streamRole: StreamRole { .scalarOnly }

    override var isContextFree: Bool { true }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard case .string(let s) = instance.kind else { return true }
        switch regex.search(s) {
        case .match:
            return true
        case .noMatch:
            if context.collectsErrors {
                context.report(site, "\(describeValue(instance.pointee)) does not match the pattern \(JSONWriter.quoted(regex.pattern))")
            }
        case .gaveUp(let reason):
            // Unknown is not "does not match": report it as what it is.
            context.reportUndecided(site, code: "pattern.gave-up", regexGaveUpMessage(regex, reason))
        }
        return false
    }
}

/// The message for a search the regex engine abandoned, e.g. `pattern /^(a+)+$/ could not be
/// evaluated on this value: the regex engine gave up after 5000000 steps`.
func regexGaveUpMessage(_ regex: ECMARegex, _ reason: ECMARegex.GaveUp, on what: String = "value") -> String {
    "pattern /\(regex.pattern)/ could not be evaluated on this \(what): \(reason)"
}

/// Compiles a pattern, reporting a located diagnostic when it is not a valid ECMA-262 regex.
func compileRegex(_ pattern: String, at location: SourceLocation, in c: KeywordCompilationContext) -> ECMARegex? {
    do {
        return try ECMARegex(pattern, lenient: PatternKeyword.lenientDialects.contains(c.dialect.membership))
    } catch {
        c.compiler.diagnose(
            SourceError(
                code: "schema.invalid-pattern", message: "invalid regular expression \(JSONWriter.quoted(pattern)): \(error)",
                location: location))
        return nil
    }
}
