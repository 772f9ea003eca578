/// The core vocabulary's keywords that the compiler and the registry read themselves: identifiers,
/// the dialect, vocabularies, comments and the places reusable schemas live (2020-12 core §8;
/// draft 4's `id`). `$ref`, `$dynamicRef` and `$recursiveRef` compile to keywords of their own
/// (`ReferenceKeyword.swift`, `DynamicReferenceKeyword.swift`).
enum CoreKeywords {
    /// `$id` (draft 6 and later): the schema's base URI; in drafts 6 and 7 a fragment-only `$id`
    /// declares an anchor.
    static let id = KeywordDefinition("$id", .draft6AndLater, vocabulary: .core, role: .structural)
    /// `id` (draft 4; OpenAPI 3.0 ignores it).
    static let draft4Id = KeywordDefinition("id", .draft4Family, vocabulary: nil, role: .structural)
    /// `$schema`: the dialect of this schema and its subschemas.
    static let schema = KeywordDefinition("$schema", .all, vocabulary: .core, role: .structural)
    /// `$anchor` (2019-09 and later): a plain-name fragment for this schema.
    static let anchor = KeywordDefinition("$anchor", .draft2019AndLater, vocabulary: .core, role: .structural)
    /// `$dynamicAnchor` (2020-12): an anchor `$dynamicRef` can resolve through the dynamic scope.
    static let dynamicAnchor = KeywordDefinition("$dynamicAnchor", .draft2020, vocabulary: .core, role: .structural)
    /// `$recursiveAnchor` (2019-09): marks a resource `$recursiveRef` can resolve to.
    static let recursiveAnchor = KeywordDefinition("$recursiveAnchor", .draft2019_09, vocabulary: .core, role: .structural)
    /// `$vocabulary` (2019-09 and later, in meta-schemas): the vocabularies a dialect uses.
    static let vocabulary = KeywordDefinition("$vocabulary", .draft2019AndLater, vocabulary: .core, role: .structural)
    /// `$comment` (draft 7 and later): for schema authors only.
    static let comment = KeywordDefinition("$comment", .draft7AndLater, vocabulary: .core, role: .annotation)
    /// `$defs` (2019-09 and later): reusable schemas.
    static let defs = KeywordDefinition("$defs", .draft2019AndLater, vocabulary: .core, subschemas: .map, role: .structural)
    /// `definitions` (draft 4 to 7; kept by the 2019-09 and 2020-12 meta-schemas for compatibility).
    static let definitions = KeywordDefinition("definitions", .all, vocabulary: nil, subschemas: .map, role: .structural)
}
