import SpecSource

/// The JSON Schema meta-schemas, available to every ``ReferenceResolver`` without network access:
/// a `$ref` to `https://json-schema.org/draft/2020-12/schema` (or to draft 4, 6, 7, 2019-09 and
/// their vocabulary meta-schemas) resolves to the embedded copy.
enum MetaSchemas {
    /// The parsed meta-schema with this URI (without fragment), parsed on first use.
    static func document(for uri: String) -> JSONValue? {
        var key = uri
        if key.hasSuffix("#") { key.removeLast() }
        guard let text = documents[key] else { return nil }
        return try? SourceLoader.parse(text, format: .json)
    }
}
