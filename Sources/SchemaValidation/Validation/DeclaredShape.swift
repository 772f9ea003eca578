import SpecSource

/// A set of JSON Schema instance types (`type` keyword values).
///
/// `number` includes `integer`: a set built from `type: number` contains both, so intersecting it
/// with `type: integer` leaves `integer`.
public struct JSONTypeSet: OptionSet, Sendable, Hashable, CustomStringConvertible {
    /// The bits of the set.
    public let rawValue: UInt8
    /// Creates a set from its bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `null`.
    public static let null = JSONTypeSet(rawValue: 1)
    /// `true` and `false`.
    public static let boolean = JSONTypeSet(rawValue: 2)
    /// Numbers with a zero fractional part (`8` and `8.0`).
    public static let integer = JSONTypeSet(rawValue: 4)
    /// Any number; inserting it also inserts ``integer``.
    public static let number = JSONTypeSet(rawValue: 8 | 4)
    /// Strings.
    public static let string = JSONTypeSet(rawValue: 16)
    /// Arrays.
    public static let array = JSONTypeSet(rawValue: 32)
    /// Objects.
    public static let object = JSONTypeSet(rawValue: 64)
    /// Every type: what a schema without `type` admits.
    public static let all: JSONTypeSet = [.null, .boolean, .number, .string, .array, .object]

    /// Whether the set holds every number, not only integers.
    public var containsNonInteger: Bool { rawValue & 8 != 0 }

    /// `integer or string`, in the order of the `type` keyword's names.
    public var description: String {
        var names: [String] = []
        if contains(.null) { names.append("null") }
        if contains(.boolean) { names.append("boolean") }
        if containsNonInteger { names.append("number") } else if contains(.integer) { names.append("integer") }
        if contains(.string) { names.append("string") }
        if contains(.array) { names.append("array") }
        if contains(.object) { names.append("object") }
        return names.isEmpty ? "nothing" : names.joined(separator: " or ")
    }

    init(_ types: TypeKeyword.Types) {
        var set: JSONTypeSet = []
        if types.contains(.null) { set.insert(.null) }
        if types.contains(.boolean) { set.insert(.boolean) }
        if types.contains(.integer) { set.insert(.integer) }
        if types.contains(.number) { set.insert(.number) }
        if types.contains(.string) { set.insert(.string) }
        if types.contains(.array) { set.insert(.array) }
        if types.contains(.object) { set.insert(.object) }
        self = set
    }
}

extension Schema {
    /// One step from an instance into a member or an element.
    public enum InstanceStep: Sendable, Hashable {
        /// The object member with this name.
        case property(String)
        /// The array element at this position (from 0).
        case item(Int)
    }

    /// The instance types the schema's `type` keywords admit for the value at `path` below the
    /// root: `type` of the schema itself, intersected through `$ref` and `allOf`, united over the
    /// branches of `anyOf`/`oneOf`, and for members and elements read through `properties`,
    /// `patternProperties`, `additionalProperties`, `prefixItems` and `items`.
    ///
    /// It reads declarations only (no instance is validated); keywords it does not read (`not`,
    /// `if`, `discriminator`, `enum`) leave the set as is. Useful to convert text (a query
    /// parameter, a form field) to the type a schema expects before validating it.
    /// - Parameter path: Steps from the root instance; empty for the root.
    /// - Returns: The admitted types; ``JSONTypeSet/all`` when nothing constrains them.
    public func declaredTypes(at path: [InstanceStep] = []) -> JSONTypeSet {
        DeclaredShape.types(root, path[...], depth: 0)
    }

    /// The member names `properties` declares for objects at `path` (through `$ref`, `allOf`,
    /// `anyOf` and `oneOf`), in declaration order without repeats, and whether the schema also
    /// describes other members (`patternProperties`, or `additionalProperties` other than `false`).
    /// - Parameter path: Steps from the root instance; empty for the root.
    public func declaredProperties(at path: [InstanceStep] = []) -> (names: [String], describesOthers: Bool) {
        var names: [String] = []
        var seen = Set<MemberName>()  // byte-exact, as `properties` matches names
        var others = false
        DeclaredShape.properties(root, path[...], depth: 0) { keyword in
            switch keyword {
            case let k as PropertiesKeyword:
                for entry in k.entries where seen.insert(MemberName(entry.name)).inserted { names.append(entry.name) }
            case is PatternPropertiesKeyword:
                others = true
            case let k as AdditionalPropertiesKeyword:
                if k.schema.constant != false { others = true }
            default:
                break
            }
        }
        return (names, others)
    }
}

/// Reads `type` declarations and member/element schemas out of a compiled graph.
enum DeclaredShape {
    /// Deep enough for any real nesting of `$ref`/`allOf`/`anyOf`; a cycle that never consumes the
    /// path ends here with "unconstrained".
    static let maxDepth = 48

    static func types(_ node: SchemaNode, _ path: ArraySlice<Schema.InstanceStep>, depth: Int) -> JSONTypeSet {
        guard depth < maxDepth else { return .all }
        if let constant = node.constant { return constant ? .all : [] }
        var result = JSONTypeSet.all
        for keyword in node.keywords {
            switch keyword {
            case let k as TypeKeyword:
                if path.isEmpty { result.formIntersection(JSONTypeSet(k.types)) }
            case let k as ReferenceKeyword:
                result.formIntersection(types(k.target, path, depth: depth + 1))
            case let k as AllOfKeyword:
                for (branch, _) in k.branches { result.formIntersection(types(branch, path, depth: depth + 1)) }
            case let k as ChoiceKeyword:
                var union: JSONTypeSet = []
                for (branch, _) in k.branches { union.formUnion(types(branch, path, depth: depth + 1)) }
                result.formIntersection(union)
            default:
                guard let step = path.first else { continue }
                for child in children(of: keyword, at: step) {
                    result.formIntersection(types(child, path.dropFirst(), depth: depth + 1))
                }
            }
        }
        return result
    }

    /// Calls `visit` with every keyword of the schemas that apply at `path`.
    static func properties(_ node: SchemaNode, _ path: ArraySlice<Schema.InstanceStep>, depth: Int, _ visit: (Keyword) -> Void) {
        guard depth < maxDepth, node.constant == nil else { return }
        for keyword in node.keywords {
            switch keyword {
            case let k as ReferenceKeyword:
                properties(k.target, path, depth: depth + 1, visit)
            case let k as AllOfKeyword:
                for (branch, _) in k.branches { properties(branch, path, depth: depth + 1, visit) }
            case let k as ChoiceKeyword:
                for (branch, _) in k.branches { properties(branch, path, depth: depth + 1, visit) }
            default:
                if let step = path.first {
                    for child in children(of: keyword, at: step) { properties(child, path.dropFirst(), depth: depth + 1, visit) }
                } else {
                    visit(keyword)
                }
            }
        }
    }

    /// The subschemas `keyword` applies to the member or element `step`.
    private static func children(of keyword: Keyword, at step: Schema.InstanceStep) -> [SchemaNode] {
        switch (keyword, step) {
        case (let k as PropertiesKeyword, .property(let name)):
            return k.names.index(of: name).map { [k.entries[$0].schema] } ?? []
        case (let k as PatternPropertiesKeyword, .property(let name)):
            // A pattern the engine gave up on may apply: keep its schema as a candidate.
            return k.patterns.filter { $0.0.search(name) != .noMatch }.map(\.1)
        case (let k as AdditionalPropertiesKeyword, .property(let name)):
            if k.known.contains(name) || k.patterns.contains(where: { $0.search(name) == .match }) { return [] }
            return [k.schema]
        case (let k as PrefixItemsKeyword, .item(let index)):
            return index < k.schemas.count ? [k.schemas[index].0] : []
        case (let k as TupleItemsKeyword, .item(let index)):
            return index < k.prefix.schemas.count ? [k.prefix.schemas[index].0] : []
        case (let k as ItemsKeyword, .item(let index)):
            return index >= k.skip ? [k.schema] : []
        default:
            return []
        }
    }
}
