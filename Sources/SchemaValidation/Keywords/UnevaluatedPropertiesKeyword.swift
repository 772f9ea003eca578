import SpecSource

/// `unevaluatedProperties`: members that no adjacent keyword and no successfully validated in-place
/// subschema (`allOf`, `anyOf`, `oneOf`, `if`/`then`/`else`, `dependentSchemas`, `$ref`,
/// `$dynamicRef`) evaluated are valid against this schema. Runs last in its schema object.
final class UnevaluatedPropertiesKeyword: Keyword {
    static let definition = KeywordDefinition("unevaluatedProperties", .draft2019AndLater, vocabulary: .unevaluated, subschemas: .single, compile: compile, errors: [
        ErrorCode("unevaluatedProperties", "a member no other keyword evaluated is not allowed",
                  "JSON Schema 2020-12 core §11.3: members that no properties, patternProperties, additionalProperties or successfully validated subschema (allOf, anyOf, oneOf, if/then/else, $ref, dependentSchemas) evaluated must be valid against unevaluatedProperties."),
    ])

    let schema: SchemaNode
    let site: KeywordSite

    init(schema: SchemaNode, site: KeywordSite) {
        self.schema = schema
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (Keyword)? {
        c.node.hasUnevaluated = true
        return UnevaluatedPropertiesKeyword(schema: c.subschema(["unevaluatedProperties"]), site: c.site("unevaluatedProperties"))
    }

    override func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        guard case .object(let object) = instance.kind else { return true }
        let evaluated = context.currentAnnotations
        var valid = true
        for member in object.members where !evaluated.isEvaluated(property: member.key) {
            if schema.constant == false {
                guard context.collectsErrors else { return false }
                valid = false
                context.report(site, child: .key(member.key), "property \(JSONWriter.quoted(member.key)) is not allowed (not evaluated by any other keyword)")
                continue
            }
            if !context.descend(schema, member.value, via: "/unevaluatedProperties", at: .key(member.key)) {
                valid = false
                if !context.collectsErrors { return false }
            }
        }
        if valid { context.noteAllPropertiesEvaluated() }
        return valid
    }
}
