/// Every keyword spec-check knows, one row each, and what is derived from them: the per-dialect
/// tables the compiler looks keywords up in, the keywords whose values hold subschemas (walked by
/// `SchemaRegistry` to index `$id`/`$anchor`), and the keywords of each vocabulary URI.
///
/// Adding a keyword means writing its file (its ``KeywordDefinition`` beside its ``Keyword``) and
/// adding one row here; `KeywordRegistryTests` checks that every keyword of every dialect is
/// registered exactly once and that the derived lists match the embedded meta-schemas.
enum KeywordTable {
    /// One row per keyword, grouped as the vocabularies group them.
    static let definitions: [KeywordDefinition] = [
        // Core: identifiers, references, dialect and vocabulary declarations, reusable schemas.
        CoreKeywords.id, CoreKeywords.draft4Id, CoreKeywords.schema, CoreKeywords.anchor,
        CoreKeywords.dynamicAnchor, CoreKeywords.recursiveAnchor, CoreKeywords.vocabulary,
        CoreKeywords.comment, CoreKeywords.defs, CoreKeywords.definitions,
        ReferenceKeyword.definition, DynamicReferenceKeyword.dynamicRef, DynamicReferenceKeyword.recursiveRef,
        // Applicators.
        AllOfKeyword.definition, ChoiceKeyword.anyOf, ChoiceKeyword.oneOf, NotKeyword.definition,
        ConditionalKeyword.if, ConditionalKeyword.then, ConditionalKeyword.else,
        PropertiesKeyword.definition, PatternPropertiesKeyword.definition,
        AdditionalPropertiesKeyword.definition, PropertyNamesKeyword.definition,
        DependentSchemasKeyword.definition, DependenciesKeyword.definition,
        PrefixItemsKeyword.definition, ItemsKeyword.items, ItemsKeyword.additionalItems,
        ContainsKeyword.contains,
        UnevaluatedPropertiesKeyword.definition, UnevaluatedItemsKeyword.definition,
        // Assertions.
        TypeKeyword.definition, EnumKeyword.definition, ConstKeyword.definition,
        BoundKeyword.minimum, BoundKeyword.maximum, BoundKeyword.exclusiveMinimum, BoundKeyword.exclusiveMaximum,
        MultipleOfKeyword.definition,
        SizeKeyword.minLength, SizeKeyword.maxLength, PatternKeyword.definition,
        SizeKeyword.minItems, SizeKeyword.maxItems, UniqueItemsKeyword.definition,
        ContainsKeyword.minContains, ContainsKeyword.maxContains,
        SizeKeyword.minProperties, SizeKeyword.maxProperties,
        RequiredKeyword.definition, DependentRequiredKeyword.definition,
        // Formats and content.
        FormatKeyword.definition,
        ContentKeyword.contentEncoding, ContentKeyword.contentMediaType, ContentKeyword.contentSchema,
        // Meta-data.
        MetaDataKeywords.title, MetaDataKeywords.description, MetaDataKeywords.default,
        MetaDataKeywords.examples, MetaDataKeywords.deprecated,
        DirectionalKeywords.readOnly, DirectionalKeywords.writeOnly,
        // OpenAPI.
        DiscriminatorKeyword.definition, OpenAPIKeywords.nullable, OpenAPIKeywords.xml,
        OpenAPIKeywords.externalDocs, OpenAPIKeywords.example,
    ]

    static let draft4 = factories(.draft4)
    static let draft6 = factories(.draft6)
    static let draft7 = factories(.draft7)
    static let draft2019 = factories(.draft2019_09)
    static let draft2020 = factories(.draft2020_12)
    static let openAPI30 = factories(.openAPI30)
    static let openAPI31 = factories(.openAPI31)

    /// The compiled keywords of `dialect`: name → factory.
    static func table(for dialect: Dialect) -> [String: KeywordFactory] {
        switch dialect.membership {
        case .draft4: return draft4
        case .draft6: return draft6
        case .draft7: return draft7
        case .draft2019_09: return draft2019
        case .openAPI30: return openAPI30
        case .openAPI31: return openAPI31
        default: return draft2020
        }
    }

    /// The definitions of `dialect` (a single dialect), by name.
    static func definitions(in dialect: DialectSet) -> [String: KeywordDefinition] {
        var result: [String: KeywordDefinition] = [:]
        for definition in definitions where definition.dialects.contains(dialect) { result[definition.name] = definition }
        return result
    }

    private static func factories(_ dialect: DialectSet) -> [String: KeywordFactory] {
        var table: [String: KeywordFactory] = [:]
        for definition in definitions {
            if let factory = definition.factory(in: dialect) { table[definition.name] = factory }
        }
        return table
    }

    // MARK: Subschemas, for indexing identifiers

    // The sets are unions over every dialect: the registry indexes documents before it knows
    // which dialect each subschema uses, and an `$id` inside, say, `definitions` of a 2020-12
    // schema is still worth finding.

    /// Keywords whose value is a schema or an array of schemas. Values of other keywords (`enum`,
    /// `const`, `default`, unknown keywords) are data: an `$id` inside them declares nothing.
    static let subschemaKeywords: Set<String> = names { [.single, .array, .singleOrArray].contains($0.subschemas) }
    /// Keywords whose value may be an array of subschemas.
    static let subschemaArrayKeywords: Set<String> = names { [.array, .singleOrArray].contains($0.subschemas) }
    /// Keywords whose value is a map of subschemas.
    static let subschemaMapKeywords: Set<String> = names { $0.subschemas == .map }

    private static func names(where include: (KeywordDefinition) -> Bool) -> Set<String> {
        Set(definitions.filter(include).map(\.name))
    }

    // MARK: Vocabularies

    /// The keywords each vocabulary URI of `dialect` (a single dialect) carries.
    static func vocabularyKeywords(in dialect: DialectSet) -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for definition in definitions where definition.dialects.contains(dialect) {
            for uri in definition.vocabulary?.uris(in: dialect) ?? [] { result[uri, default: []].insert(definition.name) }
        }
        return result
    }
}
