import SpecSource

/// `readOnly` and `writeOnly` (draft 7 and later, OpenAPI 3.0): annotations in plain JSON Schema.
/// Under a ``ValidationDirection`` (the contract layer's requests and responses) a `readOnly`
/// property must not be sent in a request and a `writeOnly` one not in a response, and neither is
/// then required there (OpenAPI 3.0.4 Schema Object). The compiler reads both for every schema
/// (`SchemaNode.readOnlySite`) and `DirectionalAnalysis` applies them; see `Direction.swift`.
enum DirectionalKeywords {
    static let readOnly = KeywordDefinition(
        "readOnly", [.draft7AndLater, .openAPI30], vocabulary: .metaData, role: .structural,
        errors: [
            ErrorCode(
                "readOnly.present", "a readOnly property is sent in a request",
                "OpenAPI 3.0.4 §4.7.24.1 (3.1 keeps the meaning through JSON Schema validation §9.4): a readOnly property SHOULD NOT be sent in a request; it is checked only in the request direction (contract requests, Schema.directed(.request))."
            )
        ])
    static let writeOnly = KeywordDefinition(
        "writeOnly", [.draft7AndLater, .openAPI30], vocabulary: .metaData, role: .structural,
        errors: [
            ErrorCode(
                "writeOnly.present", "a writeOnly property is sent in a response",
                "OpenAPI 3.0.4 §4.7.24.1 (3.1 keeps the meaning through JSON Schema validation §9.4): a writeOnly property SHOULD NOT be sent in a response; it is checked only in the response direction."
            )
        ])
}
