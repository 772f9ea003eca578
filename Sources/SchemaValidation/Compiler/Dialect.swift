import SpecSource

/// A JSON Schema dialect: which keywords exist and what they mean.
///
/// OpenAPI 3.1 schemas are JSON Schema 2020-12 plus the OpenAPI vocabulary (`discriminator`, `xml`,
/// `externalDocs`, `example`). OpenAPI 3.0 schemas are an extended subset of draft 4 with
/// `nullable` and boolean `exclusiveMinimum`/`exclusiveMaximum`. Real 3.1 documents still use the
/// 3.0 spellings, so the 3.1 dialect reads `nullable: true` as "null is allowed too" and a boolean
/// `exclusiveMinimum` as the 3.0 modifier of `minimum` (the lint layer is where to object).
public struct Dialect: Hashable, Sendable, CustomStringConvertible {
    enum Base: Sendable, Hashable {
        case draft4, draft6, draft7, draft2019_09, draft2020_12
    }

    let base: Base
    /// Whether this is an OpenAPI dialect (adds `discriminator`, `nullable` and the 3.0 spellings).
    let isOpenAPI: Bool
    /// The name users pass on the command line.
    public let name: String
    /// Keywords switched off because a custom meta-schema's `$vocabulary` leaves their vocabulary out.
    var excludedKeywords: Set<String> = []
    /// Whether the meta-schema declares the format-assertion vocabulary (formats then always assert).
    var assertsFormat = false

    /// JSON Schema 2020-12.
    public static let draft2020_12 = Dialect(base: .draft2020_12, isOpenAPI: false, name: "2020-12")
    /// JSON Schema 2019-09.
    public static let draft2019_09 = Dialect(base: .draft2019_09, isOpenAPI: false, name: "2019-09")
    /// JSON Schema draft 7.
    public static let draft7 = Dialect(base: .draft7, isOpenAPI: false, name: "draft7")
    /// JSON Schema draft 6.
    public static let draft6 = Dialect(base: .draft6, isOpenAPI: false, name: "draft6")
    /// JSON Schema draft 4.
    public static let draft4 = Dialect(base: .draft4, isOpenAPI: false, name: "draft4")
    /// OpenAPI 3.0 Schema Objects.
    public static let openAPI30 = Dialect(base: .draft4, isOpenAPI: true, name: "oas3.0")
    /// OpenAPI 3.1 Schema Objects (the OAS base vocabulary over 2020-12).
    public static let openAPI31 = Dialect(base: .draft2020_12, isOpenAPI: true, name: "oas3.1")

    /// Keywords of earlier drafts that JSON Schema 2020-12 dropped and ignores like any unknown
    /// keyword (Core 2020-12 §6.5); the lint rule `keyword-earlier-draft` and the `oneOf` error
    /// name them. (`dependencies` is not among them: spec-check applies it in every dialect.)
    package static let keywordsIgnoredBy2020_12 = ["$recursiveRef", "$recursiveAnchor", "additionalItems"]

    /// Whether `object` has an `enum` that does not list null, which `nullable: true` does not
    /// lift (OpenAPI 3.0.4: other constraints "retain their defined behavior").
    package static func enumOmitsNull(_ object: JSONObject) -> Bool {
        object["enum"]?.arrayValue.map { !$0.contains { $0.isNull } } ?? false
    }

    /// Every dialect, for command-line parsing.
    public static let all: [Dialect] = [.draft2020_12, .draft2019_09, .draft7, .draft6, .draft4, .openAPI30, .openAPI31]

    /// The dialect with this command-line name.
    public init?(name: String) {
        guard let d = Dialect.all.first(where: { $0.name == name }) else { return nil }
        self = d
    }

    init(base: Base, isOpenAPI: Bool, name: String) {
        self.base = base
        self.isOpenAPI = isOpenAPI
        self.name = name
    }

    /// The dialect a `$schema` URI names, if known.
    public init?(metaSchemaURI: String) {
        var uri = metaSchemaURI
        if uri.hasSuffix("#") { uri.removeLast() }
        switch uri {
        case "https://json-schema.org/draft/2020-12/schema": self = .draft2020_12
        case "https://json-schema.org/draft/2019-09/schema": self = .draft2019_09
        case "http://json-schema.org/draft-07/schema", "https://json-schema.org/draft-07/schema": self = .draft7
        case "http://json-schema.org/draft-06/schema", "https://json-schema.org/draft-06/schema": self = .draft6
        case "http://json-schema.org/draft-04/schema", "https://json-schema.org/draft-04/schema": self = .draft4
        case "https://spec.openapis.org/oas/3.1/dialect/base", "https://spec.openapis.org/oas/3.1/dialect/2024-11-10":
            self = .openAPI31
        default:
            // OpenAPI 3.2's dialect is published as `…/oas/3.2/dialect/2025-09-17` (later schema
            // iterations change the date); it is the 3.1 dialect's vocabulary over 2020-12.
            guard Self.isOpenAPI32Dialect(uri) else { return nil }
            self = .openAPI31
        }
    }

    /// `https://spec.openapis.org/oas/3.2/dialect/YYYY-MM-DD`.
    static func isOpenAPI32Dialect(_ uri: String) -> Bool {
        let prefix = "https://spec.openapis.org/oas/3.2/dialect/"
        guard uri.hasPrefix(prefix) else { return false }
        let date = Array(uri.utf8.dropFirst(prefix.utf8.count))
        guard date.count == 10 else { return false }
        return date.indices.allSatisfy { i in
            i == 4 || i == 7 ? date[i] == UInt8(ascii: "-") : (date[i] >= UInt8(ascii: "0") && date[i] <= UInt8(ascii: "9"))
        }
    }

    /// Whether `$ref` hides its sibling keywords (drafts before 2019-09, and OpenAPI 3.0).
    var refOverridesSiblings: Bool { base == .draft4 || base == .draft6 || base == .draft7 }
    /// The keyword that sets a schema's base URI.
    var idKeyword: String { base == .draft4 ? "id" : "$id" }
    /// Whether a fragment-only `$id` (`#foo`) declares an anchor (drafts 6 and 7; `id` in draft 4).
    var idDeclaresAnchor: Bool { base == .draft4 || base == .draft6 || base == .draft7 }

    /// A short, human-readable form of the value.
    public var description: String { name }

    /// The single dialect this is (custom meta-schemas' restrictions aside), for the keyword
    /// definitions' dialect sets.
    var membership: DialectSet {
        switch base {
        case .draft4: return isOpenAPI ? .openAPI30 : .draft4
        case .draft6: return .draft6
        case .draft7: return .draft7
        case .draft2019_09: return .draft2019_09
        case .draft2020_12: return isOpenAPI ? .openAPI31 : .draft2020_12
        }
    }

    /// This dialect restricted to the vocabularies a meta-schema's `$vocabulary` lists (by URI,
    /// 2020-12 core §8.1.2): the keywords of this dialect's other vocabularies are switched off.
    /// Core keywords and those outside every vocabulary stay; dialects without vocabularies
    /// (draft 4 to 7, OpenAPI 3.0) are unchanged.
    func restricted(toVocabularies declared: [String]) -> Dialect {
        var copy = self
        let declared = Set(declared)
        var enabled = Set<String>()
        var all = Set<String>()
        let core = Vocabulary.core.uris(in: membership)
        for (uri, keywords) in KeywordTable.vocabularyKeywords(in: membership) where !core.contains(uri) {
            all.formUnion(keywords)
            if declared.contains(uri) { enabled.formUnion(keywords) }
        }
        copy.excludedKeywords = all.subtracting(enabled)
        copy.assertsFormat = declared.contains(Vocabulary.formatAssertionURI)
        return copy
    }
}
