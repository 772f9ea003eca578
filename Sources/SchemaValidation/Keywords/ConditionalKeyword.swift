import SpecSource

/// `if`/`then`/`else`: when the instance is valid against `if`, it must be valid against `then`,
/// otherwise against `else`. `if`'s own errors are never reported.
final class ConditionalKeyword: Keyword, @unchecked Sendable {
    static let `if` = KeywordDefinition("if", .draft7AndLater, vocabulary: .applicator, subschemas: .single, compile: compile)
    static let then = KeywordDefinition("then", .draft7AndLater, vocabulary: .applicator, subschemas: .single, role: .readBy("if"))
    static let `else` = KeywordDefinition("else", .draft7AndLater, vocabulary: .applicator, subschemas: .single, role: .readBy("if"))

    let condition: SchemaNode
    let then: SchemaNode?
    let otherwise: SchemaNode?

    init(condition: SchemaNode, then: SchemaNode?, otherwise: SchemaNode?) {
        self.condition = condition
        self.then = then
        self.otherwise = otherwise
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        let then = c.sibling("then").map { _ in c.subschema(["then"]) }
        let otherwise = c.sibling("else").map { _ in c.subschema(["else"]) }
        // Without then/else, `if` matters only for the annotations it produces, which only
        // `unevaluated*` read (2019-09 and later).
        let annotates = UnevaluatedPropertiesKeyword.definition.isDefined(in: c.dialect)
        guard then != nil || otherwise != nil || annotates else { return nil }
        return ConditionalKeyword(condition: c.subschema(["if"]), then: then, otherwise: otherwise)
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        if context.quietly({ $0.descend(condition, instance, via: "/if") }) {
            guard let then else { return true }
            return context.descend(then, instance, via: "/then")
        }
        guard let otherwise else { return true }
        return context.descend(otherwise, instance, via: "/else")
    }
}
