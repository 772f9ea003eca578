import SpecSource

/// `allOf`: the instance is valid against every subschema; every failing branch reports its errors.
final class AllOfKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition("allOf", .all, vocabulary: .applicator, subschemas: .array, compile: compile)

    let branches: [(SchemaNode, String)]

    /// ``branches``' nodes as the walk reads them (see ``NodeRef``).
    let walked: [NodeRef]

    init(branches: [(SchemaNode, String)]) {
        self.branches = branches
        walked = branches.map { NodeRef($0.0) }
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard let list = c.schemaList("allOf", value) else { return nil }
        return AllOfKeyword(branches: list.enumerated().map { ($1, KeywordCompilationContext.fragment("allOf", String($0))) })
    }

    override var streamRole: StreamRole { .allOf }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        var valid = true
        for i in walked.indices where !context.descend(walked[i], instance, via: branches[i].1) {
            valid = false
            if !context.collectsErrors { return false }
        }
        return valid
    }
}
