import SpecSource

/// `unevaluatedItems`: array items that no adjacent keyword (`prefixItems`, `items`, `contains`)
/// and no successfully validated in-place subschema evaluated are valid against this schema.
final class UnevaluatedItemsKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "unevaluatedItems", .draft2019AndLater, vocabulary: .unevaluated, subschemas: .single, compile: compile,
        errors: [
            ErrorCode(
                "unevaluatedItems", "an item no other keyword evaluated is not allowed",
                "JSON Schema 2020-12 core §11.2: items that no prefixItems, items, contains or successfully validated subschema evaluated must be valid against unevaluatedItems."
            )
        ])

    let schema: SchemaNode
    let site: KeywordSite

    init(schema: SchemaNode, site: KeywordSite) {
        self.schema = schema
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        c.node.hasUnevaluated = true
        return UnevaluatedItemsKeyword(schema: c.subschema(["unevaluatedItems"]), site: c.site("unevaluatedItems"))
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard case .array(let items) = instance.kind else { return true }
        let evaluated = context.currentAnnotations
        var valid = true
        for (i, item) in items.enumerated() where !evaluated.isEvaluated(item: i) {
            if schema.constant == false {
                guard context.collectsErrors else { return false }
                valid = false
                context.report(site, child: .index(i), "item \(i) is not allowed (not evaluated by any other keyword)")
                continue
            }
            if !context.descend(schema, item, via: "/unevaluatedItems", at: .index(i)) {
                valid = false
                if !context.collectsErrors { return false }
            }
        }
        if valid { context.noteAllItemsEvaluated() }
        return valid
    }
}
