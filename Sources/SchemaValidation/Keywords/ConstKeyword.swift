import SpecSource

/// `const`: the instance equals the value.
final class ConstKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "const", .draft6AndLater, vocabulary: .validation, compile: compile,
        errors: [
            ErrorCode(
                "const", "the value is not equal to `const`",
                "JSON Schema 2020-12 validation §6.1.3, with JSON equality as for `enum`.")
        ])

    let value: JSONValue
    let site: KeywordSite

    init(value: JSONValue, site: KeywordSite) {
        self.value = value
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        ConstKeyword(value: value, site: c.site("const"))
    }

    override var isContextFree: Bool { true }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        if instance.pointee == value { return true }
        if context.collectsErrors {
            context.report(site, "expected \(describeValue(value)), found \(describeValue(instance.pointee))")
        }
        return false
    }
}
