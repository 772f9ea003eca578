import SpecSource

/// `prefixItems` (2020-12) and the array form of `items` (earlier drafts, OpenAPI 3.0): the first
/// elements are valid against the schema at the same position.
final class PrefixItemsKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition("prefixItems", .draft2020, vocabulary: .applicator, subschemas: .array, compile: compile)

    let schemas: [(SchemaNode, String)]

    init(schemas: [(SchemaNode, String)]) {
        self.schemas = schemas
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard let list = c.schemaList("prefixItems", value) else { return nil }
        return PrefixItemsKeyword(schemas: list.enumerated().map { ($1, KeywordCompilationContext.fragment("prefixItems", String($0))) })
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard let items = instance.borrowedElements else { return true }
        context.noteEvaluated(itemsUpTo: min(items.count, schemas.count))
        var valid = true
        for i in 0..<min(items.count, schemas.count) {
            if !context.descend(schemas[i].0, items.element(at: i), via: schemas[i].1, at: .index(i)) {
                valid = false
                if !context.collectsErrors { return false }
            }
        }
        return valid
    }
}
