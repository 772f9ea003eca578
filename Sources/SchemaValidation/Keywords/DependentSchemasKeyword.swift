import SpecSource

/// `dependentSchemas`: when an object has member `k`, the whole object is valid against `k`'s schema.
final class DependentSchemasKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "dependentSchemas", .draft2019AndLater, vocabulary: .applicator, subschemas: .map, compile: compile)

    let dependencies: [(String, SchemaNode, String)]

    init(dependencies: [(String, SchemaNode, String)]) {
        self.dependencies = dependencies
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard let object = value.objectValue else {
            c.invalid("dependentSchemas", value, "an object of schemas")
            return nil
        }
        let deps = object.members.map {
            ($0.key, c.subschema(["dependentSchemas", $0.key]), KeywordCompilationContext.fragment("dependentSchemas", $0.key))
        }
        return deps.isEmpty ? nil : DependentSchemasKeyword(dependencies: deps)
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard case .object(let object) = instance.kind else { return true }
        var valid = true
        for (trigger, schema, fragment) in dependencies where object.indexOf(trigger) != nil {
            if !context.descend(schema, instance, via: fragment) {
                valid = false
                if !context.collectsErrors { return false }
            }
        }
        return valid
    }
}
