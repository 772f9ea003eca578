import SpecSource

/// Compiles one keyword's value into a ``Keyword`` (or `nil` when it only annotates, is handled by
/// a sibling, or its value is invalid — in which case it has reported a diagnostic).
typealias KeywordFactory = @Sendable (inout KeywordCompilationContext, JSONValue) -> (any Keyword)?

/// One table per dialect: keyword name → factory. Adding a keyword means writing its file and
/// adding one row here; `KeywordTableTests` checks that every keyword the issue lists is present.
enum KeywordTable {
    static let reference: KeywordFactory = ReferenceKeyword.compile

    /// Keywords shared by every dialect.
    private static let core: [String: KeywordFactory] = [
        "$ref": ReferenceKeyword.compile,
        "type": TypeKeyword.compile,
        "enum": EnumKeyword.compile,
        "required": RequiredKeyword.compile,
        "properties": PropertiesKeyword.compile,
        "patternProperties": PatternPropertiesKeyword.compile,
        "additionalProperties": AdditionalPropertiesKeyword.compile,
        "minProperties": SizeKeyword.factory("minProperties", .properties, isMinimum: true),
        "maxProperties": SizeKeyword.factory("maxProperties", .properties, isMinimum: false),
        "items": ItemsKeyword.compile,
        "additionalItems": ItemsKeyword.additionalItems,
        "minItems": SizeKeyword.factory("minItems", .items, isMinimum: true),
        "maxItems": SizeKeyword.factory("maxItems", .items, isMinimum: false),
        "uniqueItems": UniqueItemsKeyword.compile,
        "minLength": SizeKeyword.factory("minLength", .length, isMinimum: true),
        "maxLength": SizeKeyword.factory("maxLength", .length, isMinimum: false),
        "pattern": PatternKeyword.compile,
        "minimum": BoundKeyword.minimum,
        "maximum": BoundKeyword.maximum,
        "exclusiveMinimum": BoundKeyword.exclusiveMinimum,
        "exclusiveMaximum": BoundKeyword.exclusiveMaximum,
        "multipleOf": MultipleOfKeyword.compile,
        "allOf": AllOfKeyword.compile,
        "anyOf": ChoiceKeyword.anyOf,
        "oneOf": ChoiceKeyword.oneOf,
        "not": NotKeyword.compile,
        "format": FormatKeyword.compile,
        "dependencies": DependenciesKeyword.compile,
        // OpenAPI only; beside `oneOf`/`anyOf` those compile it. Alone (the `allOf` inheritance
        // form) it is an annotation unless SchemaOptions.discriminator is strict.
        "discriminator": InheritanceDiscriminatorKeyword.compile,
    ]

    /// Draft 6 and 7 additions.
    private static let draft6Additions: [String: KeywordFactory] = [
        "const": ConstKeyword.compile,
        "contains": ContainsKeyword.compile,
        "propertyNames": PropertyNamesKeyword.compile,
    ]

    /// 2019-09 and 2020-12 additions.
    private static let modernAdditions: [String: KeywordFactory] = [
        "if": ConditionalKeyword.compile,
        "dependentRequired": DependentRequiredKeyword.compile,
        "dependentSchemas": DependentSchemasKeyword.compile,
        "prefixItems": PrefixItemsKeyword.compile,
        "unevaluatedProperties": UnevaluatedPropertiesKeyword.compile,
        "unevaluatedItems": UnevaluatedItemsKeyword.compile,
    ]

    static let draft4 = core
    static let draft6 = core.merging(draft6Additions) { $1 }
    static let draft7 = draft6.merging([
        "if": ConditionalKeyword.compile,
        "contentMediaType": ContentKeyword.compile,
        "contentEncoding": ContentKeyword.compile,
    ]) { $1 }
    // `dependencies` stays in the modern tables as a compatibility alias (the suite's optional
    // dependencies-compatibility tests, and documents migrated from draft 7).
    static let draft2020 = draft6.merging(modernAdditions) { $1 }
        .merging(["$dynamicRef": DynamicReferenceKeyword.compile]) { $1 }
        .filter { $0.key != "additionalItems" }
    static let draft2019 = draft6.merging(modernAdditions) { $1 }
        .merging(["$recursiveRef": DynamicReferenceKeyword.recursive]) { $1 }
        .filter { $0.key != "prefixItems" }

    /// The table for `dialect`.
    static func table(for dialect: Dialect) -> [String: KeywordFactory] {
        switch dialect.base {
        case .draft4: return draft4
        case .draft6: return draft6
        case .draft7: return draft7
        case .draft2019_09: return draft2019
        case .draft2020_12: return draft2020
        }
    }
}

/// `dependencies` (draft 4–7): an array value works as `dependentRequired`, a schema value as
/// `dependentSchemas`, per member.
final class DependenciesKeyword: Keyword {
    let required: DependentRequiredKeyword?
    let schemas: DependentSchemasKeyword?

    init(required: DependentRequiredKeyword?, schemas: DependentSchemasKeyword?) {
        self.required = required
        self.schemas = schemas
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        guard let object = value.objectValue else {
            c.invalid("dependencies", value, "an object")
            return nil
        }
        var names: [(String, [String])] = []
        var schemas: [(String, SchemaNode, String)] = []
        for member in object {
            if let list = member.value.arrayValue {
                names.append((member.key, list.compactMap(\.stringValue)))
            } else {
                schemas.append((member.key, c.subschema(["dependencies", member.key]), KeywordCompilationContext.fragment("dependencies", member.key)))
            }
        }
        return DependenciesKeyword(
            required: names.isEmpty ? nil : DependentRequiredKeyword(dependencies: names, site: c.site("dependencies")),
            schemas: schemas.isEmpty ? nil : DependentSchemasKeyword(dependencies: schemas))
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        var valid = required?.validate(instance, &context) ?? true
        if !valid && !context.collectsErrors { return false }
        if let schemas, !schemas.validate(instance, &context) { valid = false }
        return valid
    }
}
