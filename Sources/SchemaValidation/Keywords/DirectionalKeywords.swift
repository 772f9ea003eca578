/// `readOnly` and `writeOnly` (draft 7 and later, OpenAPI 3.0): annotations in plain JSON Schema.
/// Under a ``ValidationDirection`` (the contract layer's requests and responses) a `readOnly`
/// property must not be sent in a request and a `writeOnly` one not in a response, and neither is
/// then required there (OpenAPI 3.0.4 Schema Object). The compiler reads both for every schema
/// (`SchemaNode.readOnlySite`) and `DirectionalAnalysis` applies them; see `Direction.swift`.
enum DirectionalKeywords {
    static let readOnly = KeywordDefinition("readOnly", [.draft7AndLater, .openAPI30], vocabulary: .metaData, role: .structural)
    static let writeOnly = KeywordDefinition("writeOnly", [.draft7AndLater, .openAPI30], vocabulary: .metaData, role: .structural)
}
