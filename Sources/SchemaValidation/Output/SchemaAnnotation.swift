import SpecSource

/// One annotation collected while validating a valid instance (JSON Schema 2020-12 core §7.7,
/// output unit §12.3.4), from ``Schema/validate(_:collectingAnnotations:)``.
///
/// The locations are those of ``SchemaViolation``: ``keywordLocation`` is the keyword path as
/// evaluated (through every `$ref`), ending with the annotating keyword (`/properties/a/$ref/title`);
/// ``absoluteKeywordLocation`` where that keyword is written, as an absolute URI with a JSON pointer
/// fragment (§12.3.2); ``instanceLocation`` a JSON pointer to the value it describes (`""` for the
/// root).
///
/// ``value`` is the annotation result:
/// - meta-data and content keywords, `format` and OpenAPI's `example`, `xml`, `externalDocs` and
///   `discriminator`: the keyword's value as written (2020-12 core §7.7.1; validation §7.2, §8, §9);
/// - `properties`, `patternProperties`, `additionalProperties`, `unevaluatedProperties`: the names
///   of the instance's members the keyword applied its subschema to, in instance order
///   (§10.3.2.1–3, §11.3), `[]` on an object none of whose members it applied to;
/// - `prefixItems` (and the array form of `items` before 2020-12): the largest index it applied a
///   subschema to, or `true` when it applied one to every item (§10.3.1.1);
/// - `items` (schema form), `additionalItems`, `unevaluatedItems`: `true` when they applied their
///   subschema to at least one item (§10.3.1.2, §11.2);
/// - `contains` (2020-12 and OpenAPI 3.1): the indices of the items valid against its subschema,
///   ascending, `[]` on an empty array (§10.3.1.3).
public struct SchemaAnnotation: Sendable, Hashable, CustomStringConvertible {
    /// The keyword that produced the annotation (`title`, `properties`).
    public var keyword: String
    /// The keyword path as evaluated, a JSON pointer ending with ``keyword``.
    public var keywordLocation: String
    /// The keyword's absolute URI (schema resource URI + JSON pointer fragment).
    public var absoluteKeywordLocation: String
    /// A JSON pointer to the instance value the annotation is attached to.
    public var instanceLocation: String
    /// The annotation result (see the type's description for each keyword's shape).
    public var value: JSONValue

    /// Creates an annotation.
    public init(keyword: String, keywordLocation: String, absoluteKeywordLocation: String, instanceLocation: String, value: JSONValue) {
        self.keyword = keyword
        self.keywordLocation = keywordLocation
        self.absoluteKeywordLocation = absoluteKeywordLocation
        self.instanceLocation = instanceLocation
        self.value = value
    }

    /// `instanceLocation keywordLocation: value`, on one line.
    public var description: String {
        "\(instanceLocation.isEmpty ? "(root)" : instanceLocation) \(keywordLocation): \(JSONWriter.string(from: value))"
    }
}
