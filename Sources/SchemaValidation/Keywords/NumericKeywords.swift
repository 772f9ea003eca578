import SpecSource

/// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, compared exactly.
///
/// In draft 4 and OpenAPI 3.0, `exclusiveMinimum: true` turns the sibling `minimum` exclusive; the
/// OpenAPI 3.1 dialect accepts that spelling too (real documents mix them).
final class BoundKeyword: Keyword {
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

    static func minimum(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        bound(&c, value, keyword: "minimum", modifier: "exclusiveMinimum", isLower: true)
    }

    static func maximum(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        bound(&c, value, keyword: "maximum", modifier: "exclusiveMaximum", isLower: false)
    }

    private static func bound(_ c: inout KeywordCompilationContext, _ value: JSONValue, keyword: String, modifier: String, isLower: Bool) -> (any Keyword)? {
        guard let limit = value.numberValue else {
            c.invalid(keyword, value, "a number")
            return nil
        }
        let exclusive = c.sibling(modifier)?.boolValue == true && allowsBooleanModifier(c.dialect)
        return BoundKeyword(limit: limit, isLower: isLower, isExclusive: exclusive, site: c.site(exclusive ? modifier : keyword))
    }

    static func exclusiveMinimum(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        exclusive(&c, value, keyword: "exclusiveMinimum", isLower: true)
    }

    static func exclusiveMaximum(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        exclusive(&c, value, keyword: "exclusiveMaximum", isLower: false)
    }

    private static func exclusive(_ c: inout KeywordCompilationContext, _ value: JSONValue, keyword: String, isLower: Bool) -> (any Keyword)? {
        if case .bool = value.kind, allowsBooleanModifier(c.dialect) { return nil } // modifies minimum/maximum
        guard let limit = value.numberValue, c.dialect.base != .draft4 else {
            c.invalid(keyword, value, c.dialect.base == .draft4 ? "a boolean" : "a number")
            return nil
        }
        return BoundKeyword(limit: limit, isLower: isLower, isExclusive: true, site: c.site(keyword))
    }

    private static func allowsBooleanModifier(_ dialect: Dialect) -> Bool {
        dialect.base == .draft4 || dialect.isOpenAPI
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
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

/// `multipleOf`: the instance divided by the value is an integer, computed exactly in decimal.
final class MultipleOfKeyword: Keyword {
    let divisor: JSONNumber
    let site: KeywordSite

    init(divisor: JSONNumber, site: KeywordSite) {
        self.divisor = divisor
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        guard let d = value.numberValue, d.signum > 0 else {
            c.invalid("multipleOf", value, "a number greater than 0")
            return nil
        }
        return MultipleOfKeyword(divisor: d, site: c.site("multipleOf"))
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        guard case .number(let n) = instance.kind else { return true }
        if n.isMultiple(of: divisor) { return true }
        if context.collectsErrors { context.report(site, "\(n) is not a multiple of \(divisor)") }
        return false
    }
}
