import SpecSource

/// `uniqueItems: true`: no two elements are equal (hash-based, linear time).
final class UniqueItemsKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "uniqueItems", .all, vocabulary: .validation, compile: compile,
        errors: [
            ErrorCode(
                "uniqueItems", "two items of the array are equal",
                "JSON Schema 2020-12 validation §6.4.3, with JSON equality as for `enum` (1 and 1.0 are equal).")
        ])

    let site: KeywordSite

    init(site: KeywordSite) {
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard let flag = value.boolValue else {
            c.invalid("uniqueItems", value, "a boolean")
            return nil
        }
        return flag ? UniqueItemsKeyword(site: c.site("uniqueItems")) : nil
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard case .array(let items) = instance.kind, items.count > 1 else { return true }
        var seen = [JSONValue: Int](minimumCapacity: items.count)
        for (i, item) in items.enumerated() {
            if let first = seen.updateValue(i, forKey: item) {
                if context.collectsErrors {
                    context.report(site, "items \(first) and \(i) are equal (\(describeValue(item, limit: 40))); items must be unique")
                }
                return false
            }
        }
        return true
    }
}
