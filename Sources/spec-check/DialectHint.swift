import SchemaValidation
import SpecSource

/// The warning `validate --schema-file` prints when a standalone schema read as plain JSON Schema
/// writes OpenAPI 3.0's `nullable: true`, which no JSON Schema draft defines: the keyword is then
/// ignored (an unknown keyword is an annotation, JSON Schema 2020-12 Core §6.5), so `null` stays
/// invalid wherever `type` leaves it out. The verdict is not changed; the warning says how to
/// read the file as OpenAPI 3.0 does.
enum DialectHint {
    /// Keywords whose value is one schema.
    private static let schemaKeywords: Set<String> = [
        "additionalProperties", "items", "additionalItems", "contains", "propertyNames", "not", "if", "then", "else",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema",
    ]
    /// Keywords whose value is an array of schemas (`items` too, in its draft 4 tuple form).
    private static let schemaArrayKeywords: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems", "items"]
    /// Keywords whose value maps names to schemas.
    private static let schemaMapKeywords: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies",
    ]

    /// `warning: FILE:LINE:COL: …` for the first `nullable: true` (in document order) of the
    /// schema `root` when it is read in `dialect`, a dialect that does not define `nullable`;
    /// `nil` otherwise. Only schema positions are searched: a property named `nullable`, or
    /// `nullable` inside `enum`, `const`, `default` or examples, is not the keyword.
    static func nullableWarning(_ root: JSONValue, dialect: Dialect) -> String? {
        guard dialect.name != Dialect.openAPI30.name && dialect.name != Dialect.openAPI31.name,
            let location = firstNullable(root)
        else { return nil }
        return
            "warning: \(location): nullable is an OpenAPI 3.0 keyword that JSON Schema \(dialect.name) does not define, so it is ignored (null is accepted only where type allows it); to read the file as an OpenAPI 3.0 Schema Object, pass --dialect oas3.0"
    }

    /// Where the first `nullable: true` of a schema position is written (its key), if any. The
    /// walk is iterative, so nesting depth cannot overflow the stack.
    static func firstNullable(_ root: JSONValue) -> SourceLocation? {
        var first: SourceLocation?
        var stack: [JSONValue] = [root]
        while let node = stack.popLast() {
            guard case .object(let object) = node.kind else { continue }
            for member in object {
                let key = member.key
                if key == "nullable", member.value.boolValue == true {
                    let at = member.keyLocation
                    if first.map({ (at.line, at.column) < ($0.line, $0.column) }) ?? true { first = at }
                }
                if schemaKeywords.contains(key) { stack.append(member.value) }
                if schemaArrayKeywords.contains(key), let items = member.value.arrayValue { stack.append(contentsOf: items) }
                if schemaMapKeywords.contains(key), let map = member.value.objectValue {
                    stack.append(contentsOf: map.members.map(\.value))
                }
            }
        }
        return first
    }
}
