import SpecSource

/// `unevaluatedProperties`: members that no adjacent keyword and no successfully validated in-place
/// subschema (`allOf`, `anyOf`, `oneOf`, `if`/`then`/`else`, `dependentSchemas`, `$ref`,
/// `$dynamicRef`) evaluated are valid against this schema. Runs last in its schema object.
final class UnevaluatedPropertiesKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "unevaluatedProperties", .draft2019AndLater, vocabulary: .unevaluated, subschemas: .single, compile: compile,
        errors: [
            ErrorCode(
                "unevaluatedProperties", "a member no other keyword evaluated is not allowed",
                "JSON Schema 2020-12 core §11.3: members that no properties, patternProperties, additionalProperties or successfully validated subschema (allOf, anyOf, oneOf, if/then/else, $ref, dependentSchemas) evaluated must be valid against unevaluatedProperties."
            )
        ])

    let schema: SchemaNode
    let site: KeywordSite
    /// For messages: the names declared by `properties` here and in the subschemas applied in
    /// place (did-you-mean candidates); empty unless the value is `false`.
    let declared: [String]

    init(schema: SchemaNode, site: KeywordSite, declared: [String]) {
        self.schema = schema
        self.site = site
        self.declared = declared
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        c.node.hasUnevaluated = true
        var declared: [String] = []
        if value.boolValue == false {
            declared = c.declaredPropertyNames
            for name in c.inPlaceDeclaredNames(through: ["allOf", "anyOf", "oneOf", "then", "else", "$ref", "dependentSchemas"])
            where !declared.contains(name) {
                declared.append(name)
            }
        }
        return UnevaluatedPropertiesKeyword(
            schema: c.subschema(["unevaluatedProperties"]), site: c.site("unevaluatedProperties"), declared: declared)
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard case .object(let object) = instance.kind else { return true }
        let evaluated = context.currentAnnotations
        var valid = true
        for member in object.members where !evaluated.isEvaluated(property: member.key) {
            if schema.constant == false {
                guard context.collectsErrors else { return false }
                valid = false
                context.report(
                    site, child: .key(member.key),
                    "property \(ValuePreview.quoted(member.key)) is not allowed (not evaluated by any other keyword)"
                        + didYouMean(member.key, among: declared))
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
