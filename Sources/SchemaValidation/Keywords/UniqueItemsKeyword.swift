import SpecSource

/// `uniqueItems: true`: no two elements are equal (pair by pair up to 16 items, through a hash
/// table beyond: linear time).
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

    override var isContextFree: Bool { true }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard let items = instance.borrowedElements, items.count > 1 else { return true }
        guard let (first, i) = items.count <= Self.pairwiseLimit ? Self.firstRepeatComparing(items) : Self.firstRepeatHashing(items)
        else { return true }
        if context.collectsErrors {
            context.report(site, "items \(first) and \(i) are equal (\(describeValue(items[i], limit: 40))); items must be unique")
        }
        return false
    }

    /// Arrays up to this long are checked pair by pair: two different items usually differ at
    /// their first member or character, so comparing is cheaper than hashing every item whole
    /// (a Swagger `parameters` list of objects hashed each object's every member).
    static let pairwiseLimit = 16

    /// The first item equal to an earlier one, and the earliest such earlier item: `(earlier,
    /// later)`; `nil` when the items are unique.
    private static func firstRepeatComparing(_ items: UnsafeBufferPointer<JSONValue>) -> (Int, Int)? {
        for j in 1..<items.count {
            for i in 0..<j where items[i] == items[j] { return (i, j) }
        }
        return nil
    }

    /// ``firstRepeatComparing(_:)`` through a hash table, for long arrays.
    private static func firstRepeatHashing(_ items: UnsafeBufferPointer<JSONValue>) -> (Int, Int)? {
        var seen = [JSONValue: Int](minimumCapacity: items.count)
        for (i, item) in items.enumerated() {
            if let first = seen.updateValue(i, forKey: item) { return (first, i) }
        }
        return nil
    }
}
