/// How much a finding matters: an error fails `spec-check lint` (exit status 1), a warning does not.
public enum LintSeverity: String, Sendable, Hashable, Comparable, CaseIterable {
    /// Something a reader of the description, or spec-check, gets wrong because of it.
    case warning
    /// A mistake: the description contradicts itself or the OpenAPI specification.
    case error

    /// Warnings order before errors.
    public static func < (lhs: LintSeverity, rhs: LintSeverity) -> Bool { lhs == .warning && rhs == .error }
}

/// One check `spec-check lint` makes, with its stable identifier.
///
/// Identifiers never change meaning; they name the rule on the command line (`--rule ID=off`), in
/// `.spec-check.yaml`, in JSON output and as SARIF `ruleId`s. ``all`` is the one table of rules.
public struct LintRule: Sendable, Hashable, Identifiable {
    /// The stable identifier, e.g. `example-invalid`.
    public let id: String
    /// The severity when no configuration changes it.
    public let defaultSeverity: LintSeverity
    /// What the rule finds, in one sentence.
    public let summary: String
    /// The specification text the rule rests on.
    public let reference: String

    init(_ id: String, _ severity: LintSeverity, _ summary: String, _ reference: String) {
        self.id = id
        defaultSeverity = severity
        self.summary = summary
        self.reference = reference
    }

    /// The rule with identifier `id`, if there is one.
    public static func named(_ id: String) -> LintRule? { byID[id] }

    private static let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    /// Every rule, in the order reports list them.
    public static let all: [LintRule] = [
        oasSchema, referenceUnresolved, schemaCompile,
        exampleInvalid, defaultInvalid, exampleReference,
        discriminatorMappingMissing, discriminatorMappingUnlisted, discriminatorMappingExtension,
        discriminatorPropertyMissing, discriminatorValueUnreachable, discriminatorNoChildren,
        requiredUndeclared, operationIdDuplicate, pathParameterUndeclared, pathParameterUnused,
        componentUnused, refSiblings, propertiesReference, pathKeyQuery, operationReference,
        oas30Nullable, oas30ExclusiveBoolean, oas30SchemaExample, keywordEarlierDraft, nullableWithoutType, streamSchemaUnapplied,
        formatUnknown, patternInvalid, patternBacktracking,
    ]

    // MARK: The document as a whole

    /// The document, or an object a `$ref` designates in another file, is not valid against the
    /// official OpenAPI 3.0 / 3.1 / 3.2 JSON Schema.
    public static let oasSchema = LintRule(
        "oas-schema", .error,
        "The document is valid against the official JSON Schema of its OpenAPI version, and so is each object a $ref designates "
            + "in another file, against the schema's definition of the kind the $ref stands for (a Parameter, a Path Item, a Schema, ...).",
        "OpenAPI 3.0.4 / 3.1.1 / 3.2.0 (the schemas published at spec.openapis.org/oas/3.x/schema)")
    /// A `$ref` that designates nothing (the document does not load).
    public static let referenceUnresolved = LintRule(
        "reference-unresolved", .error,
        "Every $ref designates an existing object.",
        "OpenAPI 3.1.1 §4.8.23 Reference Object; RFC 3986 §5.2")
    /// A Schema Object that does not compile (an invalid keyword value, a `$ref` cycle).
    public static let schemaCompile = LintRule(
        "schema-compile", .error,
        "Every Schema Object compiles: keyword values have the types JSON Schema requires.",
        "JSON Schema Validation 2020-12 / draft 4 (OpenAPI 3.0 Schema Object)")

    // MARK: Examples and defaults

    /// An `example`, an Example Object's `value` or a schema's `example`/`examples` that its own
    /// schema rejects.
    public static let exampleInvalid = LintRule(
        "example-invalid", .error,
        "Every example is valid against the schema it illustrates, in the direction its message travels (readOnly/writeOnly).",
        "OpenAPI 3.1.1 §4.8.14 Media Type Object (\"the example SHOULD match the specified schema\"), §4.8.24.3 readOnly/writeOnly")
    /// A `default` that its own schema rejects.
    public static let defaultInvalid = LintRule(
        "default-invalid", .error,
        "Every default value is valid against the schema it belongs to.",
        "OpenAPI 3.0.4 Schema Object (default: \"the value MUST conform to the defined type for the Schema Object defined at the same level\"); JSON Schema Validation 2020-12 §9.2"
    )
    /// `example: {$ref: …}`: a literal value, not a reference.
    public static let exampleReference = LintRule(
        "example-ref", .warning,
        "An example written as {$ref: …} is read as that literal object, not as a reference.",
        "OpenAPI 3.1.1 §4.8.14 (example is \"any\"), §4.8.19 Example Object")

    // MARK: Discriminators

    /// A `mapping` value that names no schema.
    public static let discriminatorMappingMissing = LintRule(
        "discriminator-mapping-missing", .error,
        "Every discriminator mapping value names an existing schema.",
        "OpenAPI 3.1.1 §4.8.25 Discriminator Object (mapping)")
    /// A `mapping` value that names a schema outside the `oneOf`/`anyOf` beside it.
    public static let discriminatorMappingUnlisted = LintRule(
        "discriminator-mapping-unlisted", .warning,
        "With oneOf/anyOf, every schema a mapping names is one of the listed branches.",
        "OpenAPI 3.1.1 §4.8.25.2 (\"all possible schemas MUST be listed explicitly\")")
    /// An `x-` key in a `mapping` that names no schema (skipped as an extension).
    public static let discriminatorMappingExtension = LintRule(
        "discriminator-mapping-extension", .warning,
        "A mapping holds discriminator values only; an x- key that names no schema is skipped.",
        "OpenAPI 3.1.1 §4.8.25 (mapping is a Map[string, string]; the Discriminator Object's extensions sit beside it)")
    /// A branch that does not declare the discriminating property.
    public static let discriminatorPropertyMissing = LintRule(
        "discriminator-property-missing", .error,
        "Every branch (or child) of a discriminator declares the discriminating property.",
        "OpenAPI 3.1.1 §4.8.25 (propertyName: \"the name of the property in the payload that will hold the discriminating value\")")
    /// A mapped value the branch's own `const`/`enum` never allows.
    public static let discriminatorValueUnreachable = LintRule(
        "discriminator-value-unreachable", .error,
        "Every mapped value is one the mapped schema's own const/enum for the property allows.",
        "OpenAPI 3.1.1 §4.8.25.3 Options for Mapping Values to Schemas (the mapped schema describes the payload that carries the value)")
    /// A discriminator without `oneOf`/`anyOf` that no schema inherits from.
    public static let discriminatorNoChildren = LintRule(
        "discriminator-no-children", .error,
        "An allOf-style discriminator (no oneOf/anyOf) has children: schemas whose allOf refers to it, or a mapping.",
        "OpenAPI 3.1.1 §4.8.25.2 (\"all schemas building on the parent schema via an allOf construct may be used as an alternate schema\")")

    // MARK: Objects and operations

    /// `required` names that `additionalProperties: false` forbids.
    public static let requiredUndeclared = LintRule(
        "required-undeclared", .error,
        "With additionalProperties: false, every required name is declared in properties (or matches patternProperties).",
        "JSON Schema Validation 2020-12 §6.5.3 required; Core §10.3.2.3 additionalProperties")
    /// Two operations with the same `operationId`.
    public static let operationIdDuplicate = LintRule(
        "operation-id-duplicate", .error,
        "Every operationId is unique among all operations (paths, webhooks, callbacks).",
        "OpenAPI 3.1.1 §4.8.10.1 (\"The id MUST be unique among all operations described in the API\")")
    /// A path template variable no `in: path` parameter declares.
    public static let pathParameterUndeclared = LintRule(
        "path-parameter-undeclared", .error,
        "Every template expression of a path has an in: path parameter.",
        "OpenAPI 3.1.1 / 3.0.4 Definitions, Path Templating (\"Each template expression in the path MUST correspond to a path parameter\")")
    /// An `in: path` parameter whose name is not in the path template.
    public static let pathParameterUnused = LintRule(
        "path-parameter-unused", .error,
        "Every in: path parameter names a template expression of its path.",
        "OpenAPI 3.1.1 §4.8.12.1 (name: \"MUST correspond to a template expression occurring within the path\")")

    // MARK: Structure

    /// A component nothing refers to.
    public static let componentUnused = LintRule(
        "component-unused", .warning,
        "Every component is referred to ($ref, a security requirement, a discriminator mapping or allOf child).",
        "OpenAPI 3.1.1 §4.8.7 Components Object (components \"will have no effect on the API unless they are explicitly referenced\")")
    /// Members beside `$ref` that the specification says to ignore.
    public static let refSiblings = LintRule(
        "ref-siblings", .warning,
        "No member sits beside $ref where OpenAPI ignores it (3.0 Schema and Reference Objects; 3.1 Reference Objects beyond summary/description).",
        "OpenAPI 3.0.4 §4.8.23 / 3.1.1 §4.8.23 Reference Object (\"any properties added SHALL be ignored\")")
    /// `properties: {$ref: …}`.
    public static let propertiesReference = LintRule(
        "properties-ref", .warning,
        "properties is a map of property schemas, not a Reference Object.",
        "JSON Schema Core 2020-12 §10.3.2.1 properties")

    /// A `paths` key that holds a query string (`/responses?beta=true`).
    public static let pathKeyQuery = LintRule(
        "path-key-query", .warning,
        "A path key is a path: query parameters are Parameter Objects (in: query), not part of the key.",
        "OpenAPI 3.1.1 §4.8.8.1 Paths Object (/{path}: \"A relative path to an individual endpoint\"), §4.8.12 Parameter Object")
    /// An Operation Object written as `{$ref: …}`.
    public static let operationReference = LintRule(
        "operation-ref", .warning,
        "An operation is an Operation Object; OpenAPI has no Reference Object in its place (refer to a whole Path Item instead).",
        "OpenAPI 3.1.1 §4.8.9.1 Path Item Object fields (get, put, …: Operation Object)")

    // MARK: Dialect slips

    /// `nullable` in an OpenAPI 3.1/3.2 document.
    public static let oas30Nullable = LintRule(
        "oas30-nullable", .warning,
        "OpenAPI 3.1 and 3.2 have no nullable keyword (write type: [T, \"null\"]).",
        "OpenAPI 3.1.1 §4.8.24 Schema Object (JSON Schema 2020-12 keywords); nullable is OpenAPI 3.0.4 only")
    /// A boolean `exclusiveMinimum`/`exclusiveMaximum` in an OpenAPI 3.1/3.2 document.
    public static let oas30ExclusiveBoolean = LintRule(
        "oas30-exclusive-boolean", .warning,
        "In OpenAPI 3.1 and 3.2, exclusiveMinimum/exclusiveMaximum are numbers, not modifiers of minimum/maximum.",
        "JSON Schema Validation 2020-12 §6.2.3, §6.2.5")
    /// `example` inside a Schema Object of an OpenAPI 3.1/3.2 document.
    public static let oas30SchemaExample = LintRule(
        "oas30-schema-example", .warning,
        "In OpenAPI 3.1 and 3.2 a Schema Object's example is deprecated in favour of examples (an array).",
        "OpenAPI 3.1.1 §4.8.24.2 (example: \"Deprecated: The example field has been deprecated in favor of the JSON Schema examples keyword\"); JSON Schema Validation 2020-12 §9.5"
    )
    /// A keyword of an earlier JSON Schema draft that 2020-12 dropped (`$recursiveRef`,
    /// `$recursiveAnchor`, `additionalItems`, `dependencies`) in an OpenAPI 3.1/3.2 Schema Object.
    public static let keywordEarlierDraft = LintRule(
        "keyword-earlier-draft", .warning,
        "In OpenAPI 3.1 and 3.2 (JSON Schema 2020-12), $recursiveRef, $recursiveAnchor, additionalItems and dependencies are not keywords.",
        "JSON Schema 2020-12 release notes ($recursiveRef/$recursiveAnchor replaced by $dynamicRef/$dynamicAnchor; items/additionalItems by prefixItems/items); Core 2020-12 §6.5 (unknown keywords are annotations); OpenAPI 3.1.1 §4.8.24"
    )
    /// `nullable: true` without `type` in an OpenAPI 3.0 document.
    public static let nullableWithoutType = LintRule(
        "nullable-without-type", .warning,
        "In OpenAPI 3.0, nullable: true has an effect only beside type in the same Schema Object.",
        "OpenAPI 3.0.4 Schema Object, Fixed Fields (nullable: \"This keyword only takes effect if type is explicitly defined within the same Schema Object\")"
    )

    /// A `schema` under a sequential media type in an OpenAPI 3.0/3.1 document.
    public static let streamSchemaUnapplied = LintRule(
        "stream-schema-unapplied", .warning,
        "In OpenAPI 3.0 and 3.1 a schema under a sequential media type (server-sent events, JSON Lines, JSON text sequences) has no defined meaning; spec-check reads such streams without applying it.",
        "OpenAPI 3.2.0 §4.8.14.2 Sequential Media Types (itemSchema; schema over the items as an array); 3.0.4 and 3.1.1 define no mapping of a stream to a Schema Object"
    )

    // MARK: Formats and patterns

    /// A `format` no checker knows.
    public static let formatUnknown = LintRule(
        "format-unknown", .warning,
        "Every format is one spec-check checks (or one the configuration lists).",
        "JSON Schema Validation 2020-12 §7.2 (unknown formats are annotations only)")
    /// A `pattern` that is not ECMA-262 (Unicode mode).
    public static let patternInvalid = LintRule(
        "pattern-invalid", .warning,
        "Every pattern is a valid ECMA-262 regular expression with the u flag.",
        "JSON Schema Validation 2020-12 §6.3.3 pattern; Core §6.4 Regular Expressions")
    /// A `pattern` that can backtrack catastrophically.
    public static let patternBacktracking = LintRule(
        "pattern-backtracking", .warning,
        "No pattern needs the backtracking engine (back-references, lookaround, (?i:)) and nests quantifiers.",
        "ECMA-262 §22.2 (backtracking semantics); spec-check docs/DESIGN.md, Regular expressions")
}
