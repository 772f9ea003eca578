/// OpenAPI's own Schema Object fields besides `discriminator` (`DiscriminatorKeyword.swift`):
/// OpenAPI 3.1's base vocabulary (`xml`, `externalDocs`, `example`) and 3.0's `nullable`, which
/// the 3.1 dialect accepts too because real documents mix the spellings.
enum OpenAPIKeywords {
    /// `nullable: true` (OpenAPI 3.0) adds `null` to the sibling `type`; `TypeKeyword` reads it.
    static let nullable = KeywordDefinition("nullable", .openAPI, vocabulary: nil, role: .readBy("type"))
    static let xml = KeywordDefinition("xml", .openAPI, vocabulary: .openAPIBase, role: .annotation)
    static let externalDocs = KeywordDefinition("externalDocs", .openAPI, vocabulary: .openAPIBase, role: .annotation)
    static let example = KeywordDefinition("example", .openAPI, vocabulary: .openAPIBase, role: .annotation)
}
