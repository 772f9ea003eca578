import SpecSource

/// How to validate an array instance one element at a time (see ``Schema/itemsPlan``).
package struct ArrayItemsPlan: Sendable {
    /// The `items` keyword every element is checked against.
    let items: ItemsKeyword
    /// The keyword path to it (`/$ref` per reference followed), and the evaluation depth there.
    let keywordPath: [String]
    let depth: Int
}

extension Schema {
    /// A plan for validating an array instance element by element, when that gives exactly the
    /// verdict and errors of validating it whole: the schema (through `$ref`s that are the whole
    /// schema) holds only `type` (allowing arrays) and `items` (a schema, without `prefixItems`),
    /// and uses neither annotations (`unevaluated*`) nor the dynamic scope. `nil` otherwise.
    package var itemsPlan: ArrayItemsPlan? {
        var node = root
        var path: [String] = []
        while let ref = node.pureReference, path.count < ValidationContext.maxDepth {
            path.append("/$ref")
            node = ref.target
        }
        guard node.pureReference == nil, node.constant == nil, !node.hasUnevaluated, round.dynamicAnchors == nil else { return nil }
        var items: ItemsKeyword?
        for keyword in node.keywords {
            if let type = keyword as? TypeKeyword, type.types.contains(.array) { continue }
            guard let found = keyword as? ItemsKeyword, found.skip == 0, found.schema.constant != false else { return nil }
            items = found
        }
        guard let items else { return nil }
        return ArrayItemsPlan(items: items, keywordPath: path, depth: path.count)
    }

    /// The errors of element `index` of an array instance (see ``itemsPlan``), as ``validate(_:)``
    /// reports them for the whole array.
    package func validate(element: JSONValue, at index: Int, plan: ArrayItemsPlan) -> [SchemaViolation] {
        var context = ValidationContext(collectsErrors: true, dynamicAnchors: nil, direction: direction)
        context.keywordPath = plan.keywordPath
        context.depth = plan.depth
        _ = context.descend(plan.items.schema, element, via: plan.items.fragment, at: .index(index))
        var errors = ErrorIdentity.distinct(context.errors)
        // Instance locations start with `/index`; the element is the tree below it.
        let prefix = "/\(index)"
        for i in errors.indices where errors[i].instanceLocation == prefix || errors[i].instanceLocation.hasPrefix(prefix + "/") {
            let inElement = String(errors[i].instanceLocation.dropFirst(prefix.count))
            errors[i].instancePosition = InstancePosition.location(of: inElement, in: element, memberName: errors[i].instanceIsMemberName)
        }
        return errors
    }

    /// Whether element `index` of an array instance is valid (see ``itemsPlan``).
    package func isValid(element: JSONValue, at index: Int, plan: ArrayItemsPlan) -> Bool {
        var context = ValidationContext(collectsErrors: false, dynamicAnchors: nil, direction: direction)
        context.depth = plan.depth
        return context.descend(plan.items.schema, element, via: plan.items.fragment, at: .index(index))
    }
}
