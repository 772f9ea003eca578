import SpecSource

/// `contains` with `minContains`/`maxContains`: how many elements are valid against the schema.
final class ContainsKeyword: Keyword, @unchecked Sendable {
    static let contains = KeywordDefinition(
        "contains", .draft6AndLater, vocabulary: .applicator, subschemas: .single, compile: compile,
        errors: [
            ErrorCode(
                "contains", "no item of the array is valid against `contains`",
                "JSON Schema 2020-12 core §10.3.1.3.")
        ])
    static let minContains = KeywordDefinition(
        "minContains", .draft2019AndLater, vocabulary: .validation, role: .readBy("contains"),
        errors: [
            ErrorCode(
                "minContains", "fewer items than `minContains` are valid against `contains`",
                "JSON Schema 2020-12 validation §6.4.5.")
        ])
    static let maxContains = KeywordDefinition(
        "maxContains", .draft2019AndLater, vocabulary: .validation, role: .readBy("contains"),
        errors: [
            ErrorCode(
                "maxContains", "more items than `maxContains` are valid against `contains`",
                "JSON Schema 2020-12 validation §6.4.4.")
        ])

    let schema: SchemaNode
    let minimum: Int
    let maximum: Int?
    let site: KeywordSite

    init(schema: SchemaNode, minimum: Int, maximum: Int?, site: KeywordSite) {
        self.schema = schema
        self.minimum = minimum
        self.maximum = maximum
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        var minimum = 1
        var maximum: Int?
        if minContains.isDefined(in: c.dialect) {
            if let v = c.sibling("minContains") { minimum = c.nonNegativeInteger("minContains", v) ?? 1 }
            if let v = c.sibling("maxContains") { maximum = c.nonNegativeInteger("maxContains", v) }
        }
        return ContainsKeyword(schema: c.subschema(["contains"]), minimum: minimum, maximum: maximum, site: c.site("contains"))
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard case .array(let items) = instance.kind else { return true }
        var matched = 0
        let tracking = context.isTracking
        for (i, item) in items.enumerated() where context.quietly({ $0.descend(schema, item, via: "/contains", at: .index(i)) }) {
            matched += 1
            if tracking {
                context.noteEvaluated(item: i)
            } else if maximum == nil && matched >= minimum {
                return true
            }
        }
        if matched >= minimum && matched <= (maximum ?? Int.max) { return true }
        if context.collectsErrors {
            if matched < minimum {
                context.report(
                    site, code: minimum == 1 ? "contains" : "minContains",
                    minimum == 1
                        ? "no item is valid against the contains schema"
                        : "\(counted(matched, "item")) \(matched == 1 ? "is" : "are") valid against the contains schema; at least \(minimum) are required"
                )
            } else {
                context.report(
                    site, code: "maxContains",
                    "\(counted(matched, "item")) \(matched == 1 ? "is" : "are") valid against the contains schema; at most \(maximum!) \(maximum == 1 ? "is" : "are") allowed"
                )
            }
        }
        return false
    }
}
