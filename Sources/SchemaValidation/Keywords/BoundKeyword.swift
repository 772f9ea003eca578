import SpecSource

/// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, compared exactly.
///
/// In draft 4 and OpenAPI 3.0, `exclusiveMinimum: true` turns the sibling `minimum` exclusive; the
/// OpenAPI 3.1 dialect accepts that spelling too (real documents mix them).
final class BoundKeyword: Keyword, @unchecked Sendable {
    static let minimum = KeywordDefinition(
        "minimum", .all, vocabulary: .validation, compile: compileMinimum,
        errors: [
            ErrorCode(
                "minimum", "the number is less than `minimum`",
                "JSON Schema 2020-12 validation §6.2.4; numbers compare exactly, whatever their size.")
        ])
    static let maximum = KeywordDefinition(
        "maximum", .all, vocabulary: .validation, compile: compileMaximum,
        errors: [
            ErrorCode(
                "maximum", "the number is greater than `maximum`",
                "JSON Schema 2020-12 validation §6.2.2; numbers compare exactly, whatever their size.")
        ])
    static let exclusiveMinimum = KeywordDefinition(
        "exclusiveMinimum", .all, vocabulary: .validation, compile: compileExclusiveMinimum,
        errors: [
            ErrorCode(
                "exclusiveMinimum", "the number is not greater than the exclusive minimum",
                "JSON Schema 2020-12 validation §6.2.5. In draft 4 and OpenAPI 3.0, `exclusiveMinimum: true` makes the sibling `minimum` exclusive instead (OpenAPI 3.1 accepts that spelling too)."
            )
        ])
    static let exclusiveMaximum = KeywordDefinition(
        "exclusiveMaximum", .all, vocabulary: .validation, compile: compileExclusiveMaximum,
        errors: [
            ErrorCode(
                "exclusiveMaximum", "the number is not less than the exclusive maximum",
                "JSON Schema 2020-12 validation §6.2.3. In draft 4 and OpenAPI 3.0, `exclusiveMaximum: true` makes the sibling `maximum` exclusive instead (OpenAPI 3.1 accepts that spelling too)."
            )
        ])

    /// The dialects where a boolean `exclusiveMinimum`/`exclusiveMaximum` modifies the sibling
    /// `minimum`/`maximum`: draft 4 and OpenAPI 3.0, and OpenAPI 3.1, whose real documents still
    /// use that spelling.
    static let booleanModifierDialects: DialectSet = [.draft4, .openAPI30, .openAPI31]
    /// The dialects where only the boolean is allowed (a number is an invalid value).
    static let booleanOnlyDialects: DialectSet = .draft4Family

    let limit: JSONNumber
    let isLower: Bool
    let isExclusive: Bool
    let site: KeywordSite

    init(limit: JSONNumber, isLower: Bool, isExclusive: Bool, site: KeywordSite) {
        self.limit = limit
        self.isLower = isLower
        self.isExclusive = isExclusive
        self.site = site
    }

    static func compileMinimum(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        bound(&c, value, keyword: "minimum", modifier: "exclusiveMinimum", isLower: true)
    }

    static func compileMaximum(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        bound(&c, value, keyword: "maximum", modifier: "exclusiveMaximum", isLower: false)
    }

    private static func bound(_ c: inout KeywordCompilationContext, _ value: JSONValue, keyword: String, modifier: String, isLower: Bool)
        -> Keyword?
    {
        guard let limit = value.numberValue else {
            c.invalid(keyword, value, "a number")
            return nil
        }
        let exclusive = c.sibling(modifier)?.boolValue == true && allowsBooleanModifier(c.dialect)
        return BoundKeyword(limit: limit, isLower: isLower, isExclusive: exclusive, site: c.site(exclusive ? modifier : keyword))
    }

    static func compileExclusiveMinimum(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        exclusive(&c, value, keyword: "exclusiveMinimum", isLower: true)
    }

    static func compileExclusiveMaximum(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        exclusive(&c, value, keyword: "exclusiveMaximum", isLower: false)
    }

    private static func exclusive(_ c: inout KeywordCompilationContext, _ value: JSONValue, keyword: String, isLower: Bool) -> Keyword? {
        if case .bool = value.kind, allowsBooleanModifier(c.dialect) { return nil }  // modifies minimum/maximum
        let booleanOnly = booleanOnlyDialects.contains(c.dialect.membership)
        guard let limit = value.numberValue, !booleanOnly else {
            c.invalid(keyword, value, booleanOnly ? "a boolean" : "a number")
            return nil
        }
        return BoundKeyword(limit: limit, isLower: isLower, isExclusive: true, site: c.site(keyword))
    }

    private static func allowsBooleanModifier(_ dialect: Dialect) -> Bool {
        booleanModifierDialects.contains(dialect.membership)
    }

    override var streamRole: StreamRole { .scalarOnly }

    override var isContextFree: Bool { true }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard case .number(let n) = instance.kind else { return true }
        let order = JSONNumber.compare(n, limit)
        let ok = isLower ? (isExclusive ? order > 0 : order >= 0) : (isExclusive ? order < 0 : order <= 0)
        if ok { return true }
        if context.collectsErrors {
            let relation = isLower ? (isExclusive ? "greater than" : "at least") : (isExclusive ? "less than" : "at most")
            context.report(site, "\(n) is not \(relation) \(limit)")
        }
        return false
    }
}
