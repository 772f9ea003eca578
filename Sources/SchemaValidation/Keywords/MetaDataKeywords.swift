/// The meta-data vocabulary's annotations (2020-12 validation §9; draft 4 to 7 have the same
/// keywords without a vocabulary). They never change a verdict. `readOnly` and `writeOnly` are
/// meta-data too, but change what a request or response may hold (`DirectionalKeywords.swift`).
enum MetaDataKeywords {
    static let title = KeywordDefinition("title", .all, vocabulary: .metaData, role: .annotation)
    static let description = KeywordDefinition("description", .all, vocabulary: .metaData, role: .annotation)
    static let `default` = KeywordDefinition("default", .all, vocabulary: .metaData, role: .annotation)
    /// `examples` (draft 6 and later; OpenAPI 3.0 has `example` instead).
    static let examples = KeywordDefinition("examples", .draft6AndLater, vocabulary: .metaData, role: .annotation)
    /// `deprecated` (2019-09 and later, and OpenAPI 3.0).
    static let deprecated = KeywordDefinition("deprecated", [.draft2019AndLater, .openAPI30], vocabulary: .metaData, role: .annotation)
}
