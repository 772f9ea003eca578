import SpecSource

/// `items` (schema form): elements after those covered by `prefixItems` (2020-12) or by the array
/// form of `items` (through `additionalItems`, earlier drafts) are valid against the schema.
final class ItemsKeyword: Keyword, @unchecked Sendable {
    static let items = KeywordDefinition(
        "items", .all, vocabulary: .applicator, subschemas: .singleOrArray, compile: compile,
        errors: [
            ErrorCode(
                "items", "the array has more items than the positions `prefixItems` lists, and `items` is false",
                "JSON Schema 2020-12 core §10.3.1.2: `items: false` after `prefixItems` forbids items past the listed positions.")
        ])
    /// `additionalItems` (before 2020-12, which replaced it with `items` after `prefixItems`).
    static let additionalItems = KeywordDefinition(
        "additionalItems", .all.subtracting(.draft2020), vocabulary: .applicator,
        subschemas: .single, compile: compileAdditionalItems,
        errors: [
            ErrorCode(
                "additionalItems", "the array has more items than the array form of `items` lists, and `additionalItems` is false",
                "Draft 2019-09 core §9.3.1.2 (and draft 4 to 7): `additionalItems: false` after an array-valued `items` forbids items past the listed positions."
            )
        ])

    let schemaRef: NodeRef
    var schema: SchemaNode { schemaRef.node }
    let skip: Int
    let fragment: String
    let site: KeywordSite
    /// The types, when the item schema is nothing but `type` (`items: {type: number}`): set by
    /// ``KeywordFusion`` while the round is compiled. The yes/no walk then tests each item's
    /// type in place instead of descending into the schema, which for a schema of one `type`
    /// sets up nothing the verdict depends on.
    @exclusivity(unchecked) var itemTypes: TypeKeyword.Types?

    init(schema: SchemaNode, skip: Int, fragment: String, site: KeywordSite) {
        self.schemaRef = NodeRef(schema)
        self.skip = skip
        self.fragment = fragment
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        // Where `prefixItems` exists (2020-12), `items` is one schema for the items after it.
        let hasPrefixItems = PrefixItemsKeyword.definition.isDefined(in: c.dialect)
        if case .array = value.kind {
            guard !hasPrefixItems else {
                c.invalid("items", value, "a schema (use prefixItems for per-position schemas)")
                return nil
            }
            guard let list = c.schemaList("items", value) else { return nil }
            return TupleItemsKeyword(schemas: list.enumerated().map { ($1, KeywordCompilationContext.fragment("items", String($0))) })
        }
        let skip = hasPrefixItems ? (c.sibling("prefixItems")?.arrayValue?.count ?? 0) : 0
        return ItemsKeyword(schema: c.subschema(["items"]), skip: skip, fragment: "/items", site: c.site("items"))
    }

    /// `additionalItems` (before 2020-12): elements past the array form of `items`.
    static func compileAdditionalItems(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard let tuple = c.sibling("items")?.arrayValue else { return nil }
        return ItemsKeyword(
            schema: c.subschema(["additionalItems"]), skip: tuple.count, fragment: "/additionalItems", site: c.site("additionalItems"))
    }

    override var streamRole: StreamRole { .items }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard let items = instance.borrowedElements, items.count > skip else { return true }
        context.noteAllItemsEvaluated()
        if schema.constant == false {
            if context.collectsErrors {
                context.report(site, "array has \(counted(items.count, "item")); at most \(skip) \(skip == 1 ? "is" : "are") allowed")
            }
            return false
        }
        if let itemTypes, !context.collectsErrors, context.mayEnterChild {
            for i in skip..<items.count where !TypeKeyword.matches(itemTypes, items.element(at: i)) { return false }
            return true
        }
        var valid = true
        for i in skip..<items.count {
            if !context.descend(schemaRef, items.element(at: i), via: fragment, at: .index(i)) {
                valid = false
                if !context.collectsErrors { return false }
            }
        }
        return valid
    }
}

/// The array form of `items` (draft 4–2019-09, OpenAPI 3.0).
final class TupleItemsKeyword: Keyword, @unchecked Sendable {
    let prefix: PrefixItemsKeyword

    init(schemas: [(SchemaNode, String)]) {
        prefix = PrefixItemsKeyword(schemas: schemas)
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        prefix.validate(instance, &context)
    }
}
