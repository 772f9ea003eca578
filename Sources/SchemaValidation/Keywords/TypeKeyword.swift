import SpecSource

/// `type`: the instance's JSON type is one of the listed types (`integer` also accepts integral
/// numbers like `8.0`). In OpenAPI dialects a sibling `nullable: true` adds `null`.
final class TypeKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "type", .all, vocabulary: .validation, compile: compile,
        errors: [
            ErrorCode(
                "type", "the value's JSON type is not one that `type` lists",
                "JSON Schema 2020-12 validation §6.1.1. `integer` also accepts numbers with a zero fraction (8.0). In OpenAPI, `nullable: true` beside `type` adds null."
            )
        ])

    struct Types: OptionSet, Sendable {
        let rawValue: UInt8
        static let null = Types(rawValue: 1)
        static let boolean = Types(rawValue: 2)
        static let integer = Types(rawValue: 4)
        static let number = Types(rawValue: 8)
        static let string = Types(rawValue: 16)
        static let array = Types(rawValue: 32)
        static let object = Types(rawValue: 64)

        static let names: [(String, Types)] = [
            ("null", .null), ("boolean", .boolean), ("integer", .integer), ("number", .number),
            ("string", .string), ("array", .array), ("object", .object),
        ]
    }

    let types: Types
    let site: KeywordSite
    let expected: String

    init(types: Types, site: KeywordSite, expected: String) {
        self.types = types
        self.site = site
        self.expected = expected
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        // The usual `type: string`, without `nullable` adding `null`: no lists to build.
        if let name = value.stringValue, let t = Types.names.first(where: { $0.0 == name })?.1,
            t == .null || !OpenAPIKeywords.nullable.isDefined(in: c.dialect) || c.sibling("nullable")?.boolValue != true
        {
            return TypeKeyword(types: t, site: c.site("type"), expected: name)
        }
        var types: Types = []
        var names: [String] = []
        let listed: [JSONValue] = value.arrayValue ?? [value]
        for entry in listed {
            guard let name = entry.stringValue, let t = Types.names.first(where: { $0.0 == name })?.1 else {
                // OpenAPI 3.0 has no `null` type (`nullable` instead); `null` is still read, as real
                // 3.0 documents write it, but not offered.
                let offered = ["null", "boolean", "integer", "number", "string", "array", "object"].filter {
                    $0 != "null" || c.dialect != .openAPI30
                }
                let near = entry.stringValue.flatMap { NameSuggestion.nearest(to: $0, among: offered) }
                c.invalid("type", entry, "one of \(offered.joined(separator: ", "))" + (near.map { " (did you mean \"\($0)\"?)" } ?? ""))
                return nil
            }
            types.insert(t)
            names.append(name)
        }
        if OpenAPIKeywords.nullable.isDefined(in: c.dialect), c.sibling("nullable")?.boolValue == true, !types.contains(.null) {
            types.insert(.null)
            names.append("null")
        }
        return TypeKeyword(types: types, site: c.site("type"), expected: names.joined(separator: " or "))
    }

    @inline(__always)
    func matches(_ instance: Instance) -> Bool { Self.matches(types, instance) }

    /// Whether `instance` has one of `types` (a number with a zero fraction is an `integer`).
    @inline(__always)
    static func matches(_ types: Types, _ instance: Instance) -> Bool {
        switch instance.kind {
        case .null: return types.contains(.null)
        case .bool: return types.contains(.boolean)
        case .number(let n): return types.contains(.number) || (types.contains(.integer) && n.isInteger)
        case .string: return types.contains(.string)
        case .array: return types.contains(.array)
        case .object: return types.contains(.object)
        }
    }

    override var streamRole: StreamRole { .type }

    override var isContextFree: Bool { true }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        if matches(instance) { return true }
        if context.collectsErrors {
            context.report(
                site,
                instance.isNull
                    ? "expected \(expected), found null"
                    : "expected \(expected), found \(instance.typeName) \(describeValue(instance.pointee, limit: 40))")
        }
        return false
    }
}
