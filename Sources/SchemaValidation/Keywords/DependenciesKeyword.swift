import SpecSource

/// `dependencies` (draft 4–7): an array value works as `dependentRequired`, a schema value as
/// `dependentSchemas`, per member.
final class DependenciesKeyword: Keyword, @unchecked Sendable {
    /// Draft 4 to 7; the 2019-09 and 2020-12 meta-schemas keep it for compatibility (and the
    /// suites' optional dependencies-compatibility tests, and documents migrated from draft 7).
    static let definition = KeywordDefinition(
        "dependencies", .all, vocabulary: nil, subschemas: .map, compile: compile,
        errors: [
            ErrorCode(
                "dependencies", "a member that another member requires is missing",
                "Draft 7 validation §6.5.7 (draft 4 to 7): an array value lists members required when the trigger member is present (a schema value applies a schema, whose own errors are reported). 2019-09 split it into dependentRequired and dependentSchemas."
            )
        ])

    let required: DependentRequiredKeyword?
    let schemas: DependentSchemasKeyword?

    init(required: DependentRequiredKeyword?, schemas: DependentSchemasKeyword?) {
        self.required = required
        self.schemas = schemas
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard let object = value.objectValue else {
            c.invalid("dependencies", value, "an object")
            return nil
        }
        var names: [(String, [String])] = []
        var schemas: [(String, SchemaNode, String)] = []
        for member in object {
            if let list = member.value.arrayValue {
                names.append((member.key, list.compactMap(\.stringValue)))
            } else {
                schemas.append(
                    (member.key, c.subschema(["dependencies", member.key]), KeywordCompilationContext.fragment("dependencies", member.key)))
            }
        }
        return DependenciesKeyword(
            required: names.isEmpty ? nil : DependentRequiredKeyword(dependencies: names, site: c.site("dependencies")),
            schemas: schemas.isEmpty ? nil : DependentSchemasKeyword(dependencies: schemas))
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        var valid = required?.validate(instance, &context) ?? true
        if !valid && !context.collectsErrors { return false }
        if let schemas, !schemas.validate(instance, &context) { valid = false }
        return valid
    }
}
