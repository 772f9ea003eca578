import SpecSource

/// `prefixItems` (2020-12) and the array form of `items` (earlier drafts, OpenAPI 3.0): the first
/// elements are valid against the schema at the same position.
final class PrefixItemsKeyword: Keyword {
    let schemas: [(SchemaNode, String)]

    init(schemas: [(SchemaNode, String)]) {
        self.schemas = schemas
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        guard let list = c.schemaList("prefixItems", value) else { return nil }
        return PrefixItemsKeyword(schemas: list.enumerated().map { ($1, KeywordCompilationContext.fragment("prefixItems", String($0))) })
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        guard case .array(let items) = instance.kind else { return true }
        context.noteEvaluated(itemsUpTo: min(items.count, schemas.count))
        var valid = true
        for (i, item) in items.prefix(schemas.count).enumerated() {
            if !context.descend(schemas[i].0, item, via: schemas[i].1, at: .index(i)) {
                valid = false
                if !context.collectsErrors { return false }
            }
        }
        return valid
    }
}

/// `items` (schema form): elements after those covered by `prefixItems` (2020-12) or by the array
/// form of `items` (through `additionalItems`, earlier drafts) are valid against the schema.
final class ItemsKeyword: Keyword {
    unowned(unsafe) let schema: SchemaNode
    let skip: Int
    let fragment: String
    let site: KeywordSite

    init(schema: SchemaNode, skip: Int, fragment: String, site: KeywordSite) {
        self.schema = schema
        self.skip = skip
        self.fragment = fragment
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        if case .array = value.kind {
            guard c.dialect.base != .draft2020_12 else {
                c.invalid("items", value, "a schema (use prefixItems for per-position schemas)")
                return nil
            }
            guard let list = c.schemaList("items", value) else { return nil }
            return TupleItemsKeyword(schemas: list.enumerated().map { ($1, KeywordCompilationContext.fragment("items", String($0))) })
        }
        let skip = c.dialect.base == .draft2020_12 ? (c.sibling("prefixItems")?.arrayValue?.count ?? 0) : 0
        return ItemsKeyword(schema: c.subschema(["items"]), skip: skip, fragment: "/items", site: c.site("items"))
    }

    /// `additionalItems` (before 2020-12): elements past the array form of `items`.
    static func additionalItems(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        guard c.dialect.base != .draft2020_12, let tuple = c.sibling("items")?.arrayValue else { return nil }
        return ItemsKeyword(schema: c.subschema(["additionalItems"]), skip: tuple.count, fragment: "/additionalItems", site: c.site("additionalItems"))
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        guard case .array(let items) = instance.kind, items.count > skip else { return true }
        context.noteAllItemsEvaluated()
        if schema.constant == false {
            if context.collectsErrors {
                context.report(site, "array has \(items.count) items; at most \(skip) are allowed")
            }
            return false
        }
        var valid = true
        for i in skip..<items.count {
            if !context.descend(schema, items[i], via: fragment, at: .index(i)) {
                valid = false
                if !context.collectsErrors { return false }
            }
        }
        return valid
    }
}

/// The array form of `items` (draft 4–2019-09, OpenAPI 3.0).
final class TupleItemsKeyword: Keyword {
    let prefix: PrefixItemsKeyword

    init(schemas: [(SchemaNode, String)]) {
        prefix = PrefixItemsKeyword(schemas: schemas)
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        prefix.validate(instance, &context)
    }
}

/// `contains` with `minContains`/`maxContains`: how many elements are valid against the schema.
final class ContainsKeyword: Keyword {
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

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        var minimum = 1
        var maximum: Int?
        if c.dialect.base == .draft2020_12 || c.dialect.base == .draft2019_09 {
            if let v = c.sibling("minContains") { minimum = c.nonNegativeInteger("minContains", v) ?? 1 }
            if let v = c.sibling("maxContains") { maximum = c.nonNegativeInteger("maxContains", v) }
        }
        return ContainsKeyword(schema: c.subschema(["contains"]), minimum: minimum, maximum: maximum, site: c.site("contains"))
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
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
                context.report(site, minimum == 1 ? "no item is valid against the contains schema" : "\(matched) items are valid against the contains schema; at least \(minimum) are required")
            } else {
                context.report(site, "\(matched) items are valid against the contains schema; at most \(maximum!) are allowed")
            }
        }
        return false
    }
}

/// `uniqueItems: true`: no two elements are equal (hash-based, linear time).
final class UniqueItemsKeyword: Keyword {
    let site: KeywordSite

    init(site: KeywordSite) {
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        guard let flag = value.boolValue else {
            c.invalid("uniqueItems", value, "a boolean")
            return nil
        }
        return flag ? UniqueItemsKeyword(site: c.site("uniqueItems")) : nil
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
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
