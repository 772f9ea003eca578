import SpecSource

/// What a compiled schema declares that instances can exercise: a flat, read-only view of the
/// graph, one ``Node`` per schema object reachable from the root, keyed by its display location
/// (`#/components/schemas/Pet`, `other.yaml#/Pet`).
///
/// Built for coverage reports (``Schema/outline()``); validation never reads it. A schema reached
/// through several paths (`$ref`s, cycles) is one node.
public struct SchemaOutline: Sendable {
    /// One schema object.
    public struct Node: Sendable, Equatable {
        /// Its display location (`#/components/schemas/Pet`).
        public var location: String
        /// `properties` entries in declaration order, then names `required` lists that
        /// `properties` of the same schema object does not declare.
        public var properties: [Property] = []
        /// The `enum` values, in declaration order (empty without `enum`).
        public var enumValues: [JSONValue] = []
        /// `oneOf`/`anyOf` keywords (at most one of each).
        public var choices: [Choice] = []
        /// The `discriminator` beside `oneOf`/`anyOf`, when there is one.
        public var discriminator: Discriminator?
        /// Schemas applied to the same instance: `$ref` targets and `allOf` branches.
        public var inPlace: [String] = []
        /// Schemas applied to elements and other members: `items`, `prefixItems`,
        /// `additionalProperties`, labelled by keyword (`items`, `prefixItems/0`).
        public var children: [(keyword: String, location: String)] = []

        /// Equal when every field is.
        public static func == (a: Node, b: Node) -> Bool {
            a.location == b.location && a.properties == b.properties && a.enumValues == b.enumValues && a.choices == b.choices
                && a.discriminator == b.discriminator && a.inPlace == b.inPlace
                && a.children.map(\.keyword) == b.children.map(\.keyword) && a.children.map(\.location) == b.children.map(\.location)
        }
    }

    /// A property of an object schema.
    public struct Property: Sendable, Equatable {
        /// The member name.
        public var name: String
        /// Whether the same schema object's `required` lists it.
        public var required: Bool
        /// Its schema's location; `nil` for a name only `required` lists.
        public var schema: String?
    }

    /// A `oneOf` or `anyOf`.
    public struct Choice: Sendable, Equatable {
        /// `oneOf` or `anyOf`.
        public var keyword: String
        /// The branch schemas' locations, in order.
        public var branches: [String]
    }

    /// An OpenAPI `discriminator` (Discriminator Object, OpenAPI 3.1.1 §4.8.25).
    public struct Discriminator: Sendable, Equatable {
        /// `propertyName`.
        public var propertyName: String
        /// The values that select a branch: mapping keys, branches' own `const`/`enum` values, and
        /// the component names of branches that have neither (not the implicit component names of
        /// branches a mapping already names), each with the branch indices it selects.
        public var values: [(value: String, branches: [Int])]

        /// Equal when every field is.
        public static func == (a: Discriminator, b: Discriminator) -> Bool {
            a.propertyName == b.propertyName && a.values.map(\.value) == b.values.map(\.value)
                && a.values.map(\.branches) == b.values.map(\.branches)
        }
    }

    /// The root schema's location.
    public let root: String
    /// Every node reachable from the root, by location.
    public let nodes: [String: Node]
}

/// One thing an instance exercised at one schema object (see ``Schema/coverageFacts(of:)``).
public enum SchemaCoverageFact: Sendable, Hashable {
    /// A declared property (`properties` or `required`) of the schema at `schema` was present or
    /// absent in an object the schema was applied to.
    case property(schema: String, name: String, present: Bool)
    /// The instance at the schema was this value of its `enum`.
    case enumValue(schema: String, value: JSONValue)
    /// The instance matched branch `branch` (from 0) of the schema's `keyword` (`oneOf`/`anyOf`).
    case branch(schema: String, keyword: String, branch: Int)
    /// The instance carried this discriminator value (a string under `propertyName`).
    case discriminatorValue(schema: String, value: String)
}

extension Schema {
    /// The schema objects reachable from the root and what each declares (see ``SchemaOutline``).
    /// Reads the compiled graph only; nothing is validated.
    public func outline() -> SchemaOutline {
        var nodes: [String: SchemaOutline.Node] = [:]
        var queue = [root]
        var seen: Set<ObjectIdentifier> = [ObjectIdentifier(root)]
        func enqueue(_ node: SchemaNode) -> String {
            if seen.insert(ObjectIdentifier(node)).inserted { queue.append(node) }
            return node.displayLocation
        }
        while let node = queue.popLast() {
            var out = SchemaOutline.Node(location: node.displayLocation)
            var required: [String] = []
            for keyword in node.keywords {
                switch keyword {
                case let k as PropertiesKeyword:
                    for entry in k.entries {
                        out.properties.append(.init(name: entry.name, required: false, schema: enqueue(entry.schema)))
                    }
                case let k as RequiredKeyword:
                    required += k.names
                case let k as EnumKeyword:
                    out.enumValues = k.values
                case let k as ReferenceKeyword:
                    out.inPlace.append(enqueue(k.target))
                case let k as AllOfKeyword:
                    for (branch, _) in k.branches { out.inPlace.append(enqueue(branch)) }
                case let k as DiscriminatorKeyword:
                    out.choices.append(.init(keyword: k.choice.exactlyOne ? "oneOf" : "anyOf", branches: k.branches.map { enqueue($0.0) }))
                    // The values messages list (mapping keys, branches' own `const`/`enum`, the
                    // component names of branches with neither), not every implicit name.
                    out.discriminator = .init(
                        propertyName: k.propertyName,
                        values: k.table.allowed.map { value in
                            (value, k.table.keys.index(of: value).map { k.table.entries[$0].selected } ?? [])
                        })
                case let k as ChoiceKeyword:
                    out.choices.append(.init(keyword: k.exactlyOne ? "oneOf" : "anyOf", branches: k.branches.map { enqueue($0.0) }))
                case let k as ItemsKeyword:
                    out.children.append(("items", enqueue(k.schema)))
                case let k as PrefixItemsKeyword:
                    for (i, item) in k.schemas.enumerated() { out.children.append(("prefixItems/\(i)", enqueue(item.0))) }
                case let k as TupleItemsKeyword:
                    for (i, item) in k.prefix.schemas.enumerated() { out.children.append(("items/\(i)", enqueue(item.0))) }
                case let k as AdditionalPropertiesKeyword:
                    if k.schema.constant != false { out.children.append(("additionalProperties", enqueue(k.schema))) }
                default:
                    break
                }
            }
            for name in required {
                if let i = out.properties.firstIndex(where: { $0.name == name }) {
                    out.properties[i].required = true
                } else if !out.properties.contains(where: { $0.name == name }) {
                    out.properties.append(.init(name: name, required: true, schema: nil))
                }
            }
            nodes[out.location] = out
        }
        return SchemaOutline(root: root.displayLocation, nodes: nodes)
    }

    /// What `instance` exercised in this schema: the declared properties present and absent in
    /// each object a schema object applied to, the `enum` values seen, the `oneOf`/`anyOf`
    /// branches the instance (or a part of it) matched, and the discriminator values it carried.
    ///
    /// A separate walk after validation, for coverage reports: it follows `$ref`, `allOf`,
    /// `properties`, `items`, `prefixItems` and `additionalProperties`, and into the
    /// `oneOf`/`anyOf` branches the value matches (each branch checked on its own, with this
    /// schema's direction); when none matches, into the branches its discriminator value selects.
    /// `if`/`then`/`else`, `not`, `patternProperties` and dependent schemas are not followed. A
    /// branch whose check is undecided (a regular expression that gave up) is not counted as
    /// matched. Each schema is walked once per value; nesting deeper than 256 values, or 1,000
    /// in-place steps (`$ref`, `allOf`, branches) at one value, is not walked.
    public func coverageFacts(of instance: JSONValue) -> Set<SchemaCoverageFact> {
        var walk = CoverageWalk(schema: self)
        var seen = Set<ObjectIdentifier>()
        walk.visit(root, instance, depth: 0, inPlace: 0, &seen)
        return walk.facts
    }
}

/// The walk behind ``Schema/coverageFacts(of:)``.
private struct CoverageWalk {
    let schema: Schema
    var facts = Set<SchemaCoverageFact>()

    init(schema: Schema) { self.schema = schema }

    func matches(_ node: SchemaNode, _ instance: JSONValue) -> Bool {
        var context = ValidationContext(collectsErrors: false, dynamicAnchors: schema.round.dynamicAnchors, direction: schema.direction)
        return withUnsafePointer(to: instance) { node.validate($0, &context) } && !context.isUndecided
    }

    /// Walks `node` at one instance value. `seen` holds the nodes already walked at this value:
    /// walking one again adds no fact, and skipping it keeps shared subschemas (`allOf: [A, A]`
    /// chains) from multiplying the work.
    mutating func visit(_ node: SchemaNode, _ instance: JSONValue, depth: Int, inPlace: Int, _ seen: inout Set<ObjectIdentifier>) {
        guard depth < 256, inPlace < 1000, node.constant == nil, seen.insert(ObjectIdentifier(node)).inserted else { return }
        let location = node.displayLocation
        for keyword in node.keywords {
            switch keyword {
            case let k as ReferenceKeyword:
                visit(k.target, instance, depth: depth, inPlace: inPlace + 1, &seen)
            case let k as AllOfKeyword:
                for (branch, _) in k.branches { visit(branch, instance, depth: depth, inPlace: inPlace + 1, &seen) }
            case let k as DiscriminatorKeyword:
                var selected: [Int] = []
                if let value = instance.objectValue?[k.propertyName]?.stringValue {
                    facts.insert(.discriminatorValue(schema: location, value: value))
                    if let i = k.table.keys.index(of: value) { selected = k.table.entries[i].selected }
                }
                choose(k.choice, at: location, instance, depth: depth, inPlace: inPlace, otherwise: selected, &seen)
            case let k as ChoiceKeyword:
                choose(k, at: location, instance, depth: depth, inPlace: inPlace, otherwise: [], &seen)
            case let k as PropertiesKeyword:
                guard let object = instance.objectValue else { continue }
                for entry in k.entries {
                    let member = object[entry.name]
                    facts.insert(.property(schema: location, name: entry.name, present: member != nil))
                    if let member { fresh(entry.schema, member, depth: depth + 1) }
                }
            case let k as RequiredKeyword:
                guard let object = instance.objectValue else { continue }
                for name in k.names { facts.insert(.property(schema: location, name: name, present: object[name] != nil)) }
            case let k as EnumKeyword:
                if k.values.contains(instance) { facts.insert(.enumValue(schema: location, value: JSONValue(instance.kind))) }
            case let k as ItemsKeyword:
                guard let items = instance.arrayValue else { continue }
                for item in items.dropFirst(k.skip) { fresh(k.schema, item, depth: depth + 1) }
            case let k as PrefixItemsKeyword:
                guard let items = instance.arrayValue else { continue }
                for (item, (child, _)) in zip(items, k.schemas) { fresh(child, item, depth: depth + 1) }
            case let k as TupleItemsKeyword:
                guard let items = instance.arrayValue else { continue }
                for (item, (child, _)) in zip(items, k.prefix.schemas) { fresh(child, item, depth: depth + 1) }
            case let k as AdditionalPropertiesKeyword:
                guard let object = instance.objectValue, k.schema.constant != false else { continue }
                for member in object where !k.known.contains(member.key) && !k.patterns.contains(where: { $0.search(member.key) == .match })
                {
                    fresh(k.schema, member.value, depth: depth + 1)
                }
            default:
                break
            }
        }
    }

    /// Records and walks the branches `instance` matches; when none does, walks `otherwise` (the
    /// branches a discriminator value selects) without recording them as matched.
    /// Walks `node` at a member or element (a new instance value).
    mutating func fresh(_ node: SchemaNode, _ instance: JSONValue, depth: Int) {
        var seen = Set<ObjectIdentifier>()
        visit(node, instance, depth: depth, inPlace: 0, &seen)
    }

    mutating func choose(
        _ k: ChoiceKeyword, at location: String, _ instance: JSONValue, depth: Int, inPlace: Int, otherwise: [Int],
        _ seen: inout Set<ObjectIdentifier>
    ) {
        let keyword = k.exactlyOne ? "oneOf" : "anyOf"
        var matched: [Int] = []
        for (i, (branch, _)) in k.branches.enumerated() where matches(branch, instance) { matched.append(i) }
        for i in matched { facts.insert(.branch(schema: location, keyword: keyword, branch: i)) }
        for i in matched.isEmpty ? otherwise : matched { visit(k.branches[i].0, instance, depth: depth, inPlace: inPlace + 1, &seen) }
    }
}
