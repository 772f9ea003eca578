import SpecSource

/// `multipleOf`: the instance divided by the value is an integer, computed exactly in decimal.
final class MultipleOfKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "multipleOf", .all, vocabulary: .validation, compile: compile,
        errors: [
            ErrorCode(
                "multipleOf", "the number is not a multiple of `multipleOf`",
                "JSON Schema 2020-12 validation §6.2.1. Computed exactly in decimal, so 0.07 is a multiple of 0.01 (binary floating point would say no)."
            )
        ])

    let divisor: JSONNumber
    let site: KeywordSite

    init(divisor: JSONNumber, site: KeywordSite) {
        self.divisor = divisor
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard let d = value.numberValue, d.signum > 0 else {
            c.invalid("multipleOf", value, "a number greater than 0")
            return nil
        }
        return MultipleOfKeyword(divisor: d, site: c.site("multipleOf"))
    }

    override var streamRole: StreamRole { .scalarOnly }

    override var isContextFree: Bool { true }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard case .number(let n) = instance.kind else { return true }
        if n.isMultiple(of: divisor) { return true }
        if context.collectsErrors { context.report(site, "\(n) is not a multiple of \(divisor)") }
        return false
    }
}
