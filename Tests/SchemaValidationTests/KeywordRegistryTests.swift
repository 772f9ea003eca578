import SpecSource
import Testing

@testable import SchemaValidation

/// The keyword registry (`KeywordTable.definitions`) against the embedded meta-schemas: every
/// keyword of every dialect is declared exactly once, and the tables, vocabularies and subschema
/// lists derived from the declarations are the ones the specifications define.
@Suite("keyword registry")
struct KeywordRegistryTests {
    /// The names `dialect` registers.
    static func registered(_ dialect: DialectSet) -> Set<String> {
        Set(KeywordTable.definitions.filter { $0.dialects.contains(dialect) }.map(\.name))
    }

    /// The member names of a meta-schema's `properties`.
    static func metaSchemaProperties(_ uri: String) throws -> Set<String> {
        let document = try #require(MetaSchemas.document(for: uri), "no embedded meta-schema \(uri)")
        return Set(try #require(document["properties"]?.objectValue, "\(uri) has no properties").keys)
    }

    @Test(arguments: DialectSet.members.map(\.dialect))
    func everyKeywordIsRegisteredOncePerDialect(_ dialect: Dialect) {
        var seen: [String: Int] = [:]
        for definition in KeywordTable.definitions where definition.isDefined(in: dialect) { seen[definition.name, default: 0] += 1 }
        #expect(!seen.isEmpty)
        #expect(
            seen.filter { $0.value > 1 }.isEmpty, "registered more than once in \(dialect): \(seen.filter { $0.value > 1 }.keys.sorted())")
    }

    @Test func everyDefinitionBelongsToADialect() {
        for definition in KeywordTable.definitions {
            #expect(!definition.dialects.isEmpty, "\(definition.name) belongs to no dialect")
            #expect(DialectSet.all.isSuperset(of: definition.dialects))
        }
    }

    /// Drafts 4, 6 and 7 list every keyword in their meta-schema's `properties`.
    @Test(arguments: [
        // Draft 4's meta-schema leaves `$ref` out (JSON Reference defined it).
        (Dialect.draft4, "http://json-schema.org/draft-04/schema", Set(["$ref"])),
        (Dialect.draft6, "http://json-schema.org/draft-06/schema", Set<String>()),
        // Draft 7's validation spec (§10.3) defines `writeOnly`; its meta-schema leaves it out.
        (Dialect.draft7, "http://json-schema.org/draft-07/schema", Set(["writeOnly"])),
    ])
    func draftMatchesItsMetaSchema(_ dialect: Dialect, _ uri: String, _ beyondMetaSchema: Set<String>) throws {
        let expected = try Self.metaSchemaProperties(uri).union(beyondMetaSchema)
        let registered = Self.registered(dialect.membership)
        #expect(registered.subtracting(expected).sorted() == [], "registered for \(dialect) but not in its meta-schema")
        #expect(expected.subtracting(registered).sorted() == [], "in the \(dialect) meta-schema but not registered")
    }

    /// 2019-09 and 2020-12: each vocabulary URI carries exactly the keywords of its vocabulary
    /// meta-schema, and the dialect registers those plus what the dialect meta-schema itself lists
    /// for compatibility.
    @Test(arguments: [
        (Dialect.draft2019_09, "https://json-schema.org/draft/2019-09/", Set<String>()),
        // 2020-12's meta-schema still lists `$recursiveAnchor`/`$recursiveRef` (deprecated);
        // 2020-12 replaced them with `$dynamicAnchor`/`$dynamicRef`, which is what is implemented.
        (Dialect.draft2020_12, "https://json-schema.org/draft/2020-12/", Set(["$recursiveAnchor", "$recursiveRef"])),
    ])
    func vocabulariesMatchTheirMetaSchemas(_ dialect: Dialect, _ prefix: String, _ notImplemented: Set<String>) throws {
        let vocabularies = KeywordTable.vocabularyKeywords(in: dialect.membership)
        let dialectMeta = try #require(MetaSchemas.document(for: prefix + "schema"))
        let declared = try #require(dialectMeta["$vocabulary"]?.objectValue).keys
        var union = Set<String>()
        for uri in declared {
            let name = try #require(uri.split(separator: "/").last.map(String.init))
            let keywords = try Self.metaSchemaProperties(prefix + "meta/" + name)
            #expect(vocabularies[uri] == keywords, "\(uri)")
            union.formUnion(keywords)
        }
        if dialect == .draft2020_12 {
            // format-assertion is not in the default meta-schema but is a vocabulary of 2020-12.
            let assertion = prefix + "vocab/format-assertion"
            #expect(vocabularies[assertion] == (try Self.metaSchemaProperties(prefix + "meta/format-assertion")))
        }
        #expect(Set(vocabularies.keys).subtracting(declared + [prefix + "vocab/format-assertion"]).sorted() == [])
        let compatibility = try Self.metaSchemaProperties(prefix + "schema").subtracting(notImplemented)
        #expect(Self.registered(dialect.membership) == union.union(compatibility))
    }

    /// OpenAPI 3.0 Schema Objects: draft 4's keywords (real documents use all of them) plus the
    /// OpenAPI fields (3.0.4 §4.8.24.1).
    @Test func openAPI30() {
        let openAPIFields: Set<String> = [
            "nullable", "discriminator", "readOnly", "writeOnly", "xml", "externalDocs", "example", "deprecated",
        ]
        #expect(Self.registered(.openAPI30) == Self.registered(.draft4).union(openAPIFields))
        let specifiedFields: Set<String> = [
            "title", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength",
            "pattern", "maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties", "required", "enum", "type",
            "allOf", "oneOf", "anyOf", "not", "items", "properties", "additionalProperties", "description", "format", "default",
        ]
        #expect(specifiedFields.isSubset(of: Self.registered(.openAPI30)))
        #expect(KeywordTable.vocabularyKeywords(in: .openAPI30).isEmpty)
    }

    /// OpenAPI 3.1: 2020-12 plus the OAS base vocabulary (3.1.1 §4.8.24: `discriminator`, `xml`,
    /// `externalDocs`, `example`) and 3.0's `nullable`, which real 3.1 documents still use.
    @Test func openAPI31() {
        let base: Set<String> = ["discriminator", "xml", "externalDocs", "example"]
        #expect(Self.registered(.openAPI31) == Self.registered(.draft2020_12).union(base).union(["nullable"]))
        let vocabularies = KeywordTable.vocabularyKeywords(in: .openAPI31)
        #expect(vocabularies["https://spec.openapis.org/oas/3.1/vocab/base"] == base)
        #expect(vocabularies.filter { $0.key.hasPrefix("https://json-schema.org/") } == KeywordTable.vocabularyKeywords(in: .draft2020_12))
    }

    /// A keyword read by a sibling is compiled wherever it is defined: the sibling compiles there.
    @Test func keywordsReadBySiblingsHaveACompilingSibling() throws {
        for definition in KeywordTable.definitions {
            guard case .readBy(let reader) = definition.role else { continue }
            for member in DialectSet.members where definition.dialects.contains(member.set) {
                let table = KeywordTable.table(for: member.dialect)
                #expect(table[reader] != nil, "\(definition.name) is read by \(reader), which does not compile in \(member.dialect)")
            }
        }
    }

    /// The tables hold exactly the keywords that compile in each dialect.
    @Test(arguments: DialectSet.members.map(\.dialect))
    func tablesHoldTheCompiledKeywords(_ dialect: Dialect) {
        let compiled = KeywordTable.definitions.filter { $0.factory(in: dialect.membership) != nil }.map(\.name)
        #expect(Set(KeywordTable.table(for: dialect).keys) == Set(compiled))
        // Annotations never compile; content keywords compile in draft 7 only.
        #expect(KeywordTable.table(for: dialect)["title"] == nil)
        #expect((KeywordTable.table(for: dialect)["contentMediaType"] != nil) == (dialect == .draft7))
        #expect((KeywordTable.table(for: dialect)["discriminator"] != nil) == dialect.isOpenAPI)
    }

    /// The subschema walker (used to index `$id`/`$anchor` in documents) reads the declarations.
    @Test(arguments: [
        (["properties", "a", "items", "0", "not"], true),
        (["items", "additionalProperties"], true),
        (["$defs", "x", "then", "contentSchema"], true),
        (["definitions", "x", "dependencies", "y"], true),
        (["allOf", "1", "unevaluatedProperties", "patternProperties", "^x"], true),
        (["prefixItems", "2", "propertyNames"], true),
        (["properties"], false),  // the map itself is not a schema
        (["enum", "0"], false),
        (["default", "x"], false),
        (["const"], false),
        (["properties", "a", "examples", "0"], false),
        (["x-vendor", "items"], false),
    ])
    func subschemaPaths(_ tokens: [String], _ isSchema: Bool) {
        #expect(SchemaRegistry.isSchemaPath(tokens[...]) == isSchema)
    }

    @Test func derivedSubschemaKeywords() {
        #expect(
            KeywordTable.subschemaMapKeywords == [
                "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies",
            ])
        #expect(KeywordTable.subschemaArrayKeywords == ["items", "prefixItems", "allOf", "anyOf", "oneOf"])
        #expect(KeywordTable.subschemaKeywords.isSuperset(of: KeywordTable.subschemaArrayKeywords))
        #expect(KeywordTable.subschemaKeywords.isDisjoint(with: KeywordTable.subschemaMapKeywords))
    }

    /// A custom meta-schema's `$vocabulary` switches keyword groups off by URI, per draft.
    @Test func vocabularyRestriction() {
        let v2020 = "https://json-schema.org/draft/2020-12/vocab/"
        let applicatorOnly = Dialect.draft2020_12.restricted(toVocabularies: [v2020 + "core", v2020 + "applicator"])
        #expect(applicatorOnly.excludedKeywords.isSuperset(of: ["type", "minLength", "unevaluatedProperties", "format"]))
        #expect(applicatorOnly.excludedKeywords.isDisjoint(with: ["$ref", "$dynamicRef", "properties", "allOf", "dependencies"]))
        #expect(!applicatorOnly.assertsFormat)
        // 2019-09 keeps unevaluated* in its applicator vocabulary.
        let v2019 = "https://json-schema.org/draft/2019-09/vocab/"
        let applicator2019 = Dialect.draft2019_09.restricted(toVocabularies: [v2019 + "core", v2019 + "applicator"])
        #expect(!applicator2019.excludedKeywords.contains("unevaluatedItems"))
        #expect(applicator2019.excludedKeywords.contains("maxContains"))
        // A URI of another draft enables nothing.
        let foreign = Dialect.draft2019_09.restricted(toVocabularies: [v2020 + "validation"])
        #expect(foreign.excludedKeywords.contains("type"))
        // Format assertion.
        #expect(Dialect.draft2020_12.restricted(toVocabularies: [v2020 + "core", v2020 + "format-assertion"]).assertsFormat)
        // Dialects without vocabularies ignore `$vocabulary`.
        #expect(Dialect.draft7.restricted(toVocabularies: [v2020 + "core"]).excludedKeywords.isEmpty)
    }
}
