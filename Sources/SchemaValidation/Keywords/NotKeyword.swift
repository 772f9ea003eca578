import SpecSource

/// `not`: the instance is not valid against the subschema.
final class NotKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "not", .all, vocabulary: .applicator, subschemas: .single, compile: compile,
        errors: [
            ErrorCode(
                "not", "the value is valid against the schema in `not`",
                "JSON Schema 2020-12 core §10.2.1.4.")
        ])

    let schema: SchemaNode
    let site: KeywordSite

    init(schema: SchemaNode, site: KeywordSite) {
        self.schema = schema
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        NotKeyword(schema: c.subschema(["not"]), site: c.site("not"))
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        // `not` never contributes annotations: evaluate outside any frame.
        let savedBase = context.frameBase
        context.frameBase = context.frames.count
        let matched = context.quietly { $0.descend(schema, instance, via: "/not") }
        context.frameBase = savedBase
        guard matched else { return true }
        if context.collectsErrors {
            context.report(site, "\(describeValue(instance.pointee, limit: 60)) must not be valid against the schema in not")
        }
        return false
    }
}
