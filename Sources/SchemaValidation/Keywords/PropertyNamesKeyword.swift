import SpecSource

/// `propertyNames`: every member name, as a string instance, is valid against the schema.
final class PropertyNamesKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "propertyNames", .draft6AndLater, vocabulary: .applicator, subschemas: .single, compile: compile)

    let schema: SchemaNode

    init(schema: SchemaNode) {
        self.schema = schema
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        if case .bool(true) = value.kind { return nil }
        return PropertyNamesKeyword(schema: c.subschema(["propertyNames"]))
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard case .object(let object) = instance.kind else { return true }
        var valid = true
        for member in object.members {
            let before = context.errors.count
            if !context.descend(schema, JSONValue(.string(member.key)), via: "/propertyNames", at: .key(member.key)) {
                valid = false
                if !context.collectsErrors { return false }
                // The name failed, not the value: its errors are located at the name.
                for i in before..<context.errors.count { context.errors[i].instanceIsMemberName = true }
            }
        }
        return valid
    }
}
