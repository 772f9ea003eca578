import OpenAPIContract
import SpecSource

/// Every Schema Object of a description, each once: those the document lists (media types,
/// parameters, headers, `components/schemas`), the subschemas below them, and whatever their
/// `$ref`s, `properties: {$ref: …}` maps and discriminator mappings reach, in any file.
///
/// The walk is iterative (nesting depth cannot overflow the stack) and descends only through
/// keywords whose values are schemas, so `example`, `default`, `enum` and `const` values are never
/// read as schemas.
enum SchemaTraversal {
    /// Keywords whose value is one schema.
    static let schemaKeywords: Set<String> = [
        "additionalProperties", "items", "additionalItems", "contains", "propertyNames", "not", "if", "then", "else",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema",
    ]
    /// Keywords whose value is an array of schemas (`items` too, in its draft 4 tuple form).
    static let schemaArrayKeywords: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems", "items"]
    /// Keywords whose value maps names to schemas (`dependencies` values may also be name lists).
    static let schemaMapKeywords: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies",
    ]

    /// The schema nodes, in walk order.
    static func nodes(_ context: LintContext) -> [Located] {
        var visited = Set<PositionKey>()
        var order: [Located] = []
        var stack: [Located] = context.inventory.schemaRoots.reversed()
        while let node = stack.popLast() {
            guard visited.insert(PositionKey(node)).inserted else { continue }
            order.append(node)
            stack.append(contentsOf: children(of: node, context).reversed())
        }
        return order
    }

    /// The schemas directly below `node` (subschemas, `$ref` and `properties: {$ref}` targets,
    /// discriminator mapping targets), in document order.
    static func children(of node: Located, _ context: LintContext) -> [Located] {
        guard case .object(let object) = node.value.kind else { return [] }
        var children: [Located] = []
        for member in object {
            let key = member.key
            if schemaKeywords.contains(key), member.value.objectValue != nil || member.value.boolValue != nil {
                children.append(child(node, [key], member.value))
            }
            if schemaArrayKeywords.contains(key), let items = member.value.arrayValue {
                for (i, item) in items.enumerated() { children.append(child(node, [key, String(i)], item)) }
            }
            if schemaMapKeywords.contains(key), let map = member.value.objectValue {
                if key == "properties", let ref = map["$ref"]?.stringValue {
                    // `properties: {$ref: …}`: read as the map it designates.
                    guard let target = context.resolve(ref, from: node.documentURI) else {
                        context.noteUnresolvedReference(at: map["$ref"]!.location)
                        continue
                    }
                    for entry in target.value.objectValue ?? JSONObject() { children.append(child(target, [entry.key], entry.value)) }
                    continue
                }
                for entry in map where entry.value.objectValue != nil || entry.value.boolValue != nil {
                    children.append(child(node, [key, entry.key], entry.value))
                }
            }
        }
        if let ref = object["$ref"]?.stringValue, let target = context.resolve(ref, from: node.documentURI) {
            children.append(target)
        }
        for entry in object["discriminator"]?["mapping"]?.objectValue ?? JSONObject() {
            if let target = DiscriminatorRules.mappingTarget(entry.value, from: node, context) { children.append(target) }
        }
        return children
    }

    private static func child(_ parent: Located, _ tokens: [String], _ value: JSONValue) -> Located {
        Located(documentURI: parent.documentURI, pointer: JSONPointer(tokens: parent.pointer.tokens + tokens), value: value)
    }
}
