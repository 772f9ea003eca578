import SpecSource

extension ErrorCatalogue {
    /// What compiling and validating schemas reports: compile diagnostics, then each keyword's
    /// codes (declared with the keyword, in `KeywordTable` order), then the codes of evaluation
    /// itself.
    public static let schema: [ErrorCode] = schemaCompile + KeywordTable.definitions.flatMap(\.errors) + schemaEvaluation

    /// Problems found while compiling schemas (load errors).
    static let schemaCompile: [ErrorCode] = [
        ErrorCode(
            "schema.invalid", "a schema is neither an object nor a boolean",
            "JSON Schema 2020-12 core §4.3: a schema is a JSON object or a boolean. A string, number, array or null where a schema belongs is an error."
        ),
        ErrorCode(
            "schema.invalid-keyword", "a keyword's value has the wrong type or form",
            "Each keyword's value must have the form its specification gives (minLength: a non-negative integer; required: an array of strings; allOf: a non-empty array of schemas). The message names the expected form."
        ),
        ErrorCode(
            "schema.invalid-pattern", "a pattern is not a valid ECMA-262 regular expression",
            "JSON Schema 2020-12 validation §6.3.3 and core §6.4: patterns are ECMA-262 regular expressions with the u flag. OpenAPI documents are read leniently (PCRE-isms such as \\- outside classes are accepted)."
        ),
        ErrorCode(
            "ref.unresolved", "a $ref cannot be resolved",
            "The reference names a file that does not exist (the message gives its path and the nearest name in its folder), a remote document that is not available (nothing is fetched from the network: register the document or map its URL prefix to a folder with --map-url), a JSON pointer to nothing (the message names the token where it fails and the nearest member), or an anchor no schema declares. References resolve against the base URI of the document (and $id) they are written in (RFC 3986 §5.2)."
        ),
        ErrorCode(
            "ref.cycle", "a chain of $refs loops without reaching a schema",
            "A $ref that leads back to itself through $refs only has no meaning (JSON Schema 2020-12 core §9.4.1: such a schema cannot be validated); recursion through properties, items or other keywords is fine."
        ),
    ]

    /// What the evaluation itself (not one keyword) reports.
    static let schemaEvaluation: [ErrorCode] = [
        ErrorCode(
            "false-schema", "no value is allowed here: the schema is `false`",
            "JSON Schema 2020-12 core §4.3.2: the schema `false` (like {\"not\": {}}) fails every instance. It usually appears as additionalProperties: false or items: false, which report their own codes; this one is a `false` elsewhere."
        ),
        ErrorCode(
            "depth.exceeded", "evaluation is nested deeper than the limit",
            "More than 600 schemas applied at one instance location (a schema that recurses without consuming the instance, such as {\"allOf\": [{\"$ref\": \"#\"}]}) or 5,000 in all. The instance is reported invalid rather than overflowing the stack."
        ),
    ]
}
