import SpecSource

/// Compiles one keyword's value into a ``Keyword`` (or `nil` when it only annotates, is handled by
/// a sibling, or its value is invalid — in which case it has reported a diagnostic).
typealias KeywordFactory = @Sendable (inout KeywordCompilationContext, JSONValue) -> Keyword?

/// Everything the compiler, the registry and the vocabulary rules need to know about one keyword,
/// declared next to its implementation (`Keywords/<Name>Keyword.swift`) and listed once in
/// ``KeywordTable/definitions``.
///
/// From these declarations ``KeywordTable`` derives the per-dialect keyword tables, the keywords
/// whose values hold subschemas (which `SchemaRegistry` walks to index `$id`/`$anchor`), and the
/// keywords of each `$vocabulary` URI (which a custom meta-schema switches on and off).
struct KeywordDefinition: Sendable {
    /// The keyword as written in a schema object (`minLength`, `$ref`).
    let name: String
    /// The dialects that define it.
    let dialects: DialectSet
    /// The 2019-09/2020-12 (or OpenAPI 3.1) vocabulary it belongs to; `nil` for keywords outside
    /// every vocabulary (compatibility keywords such as `definitions` and `dependencies`, and
    /// OpenAPI 3.0's fields), which a meta-schema's `$vocabulary` never switches off.
    let vocabulary: Vocabulary?
    /// Whether and how its value holds subschemas.
    let subschemas: Subschemas
    /// What the compiler does with it.
    let role: Role
    /// The codes of the errors it reports, for the ``SpecSource/ErrorCatalogue`` (a keyword that
    /// fails in one way reports its own name; others add a suffix: `pattern.gave-up`).
    let errors: [ErrorCode]

    /// Whether and how a keyword's value holds subschemas (JSON Schema 2020-12 core §10: in-place
    /// and child applicators, and `$defs`).
    enum Subschemas: Sendable, Equatable {
        /// The value is data (`enum`, `const`, `default`), or a string or a number.
        case none
        /// One schema (`not`, `additionalProperties`).
        case single
        /// An array of schemas (`allOf`, `prefixItems`).
        case array
        /// A schema or an array of schemas (`items` before 2020-12).
        case singleOrArray
        /// An object whose member values are schemas (`properties`, `$defs`); `dependencies` also
        /// allows string arrays there.
        case map
    }

    /// What the compiler does with a keyword.
    enum Role: Sendable {
        /// Compiled by the factory into a ``Keyword`` that validates, in the definition's dialects
        /// that `compiledIn` lists (elsewhere the keyword is an annotation).
        case compiled(KeywordFactory, compiledIn: DialectSet)
        /// Compiled together with the sibling keyword named, whose factory reads it (`then` and
        /// `else` by `if`, `minContains` by `contains`).
        case readBy(String)
        /// Read by the compiler or the registry themselves: identifiers, `$schema`, `$defs`,
        /// `readOnly`/`writeOnly`.
        case structural
        /// An annotation: no effect on validation (`title`, `examples`).
        case annotation
    }

    /// A keyword compiled by `compile` in all of `dialects`, or in those `compiledIn` lists.
    init(
        _ name: String, _ dialects: DialectSet, vocabulary: Vocabulary?, subschemas: Subschemas = .none,
        compile: @escaping KeywordFactory, compiledIn: DialectSet? = nil, errors: [ErrorCode] = []
    ) {
        self.name = name
        self.dialects = dialects
        self.vocabulary = vocabulary
        self.subschemas = subschemas
        role = .compiled(compile, compiledIn: compiledIn ?? dialects)
        self.errors = errors
    }

    /// A keyword that is read by a sibling, by the compiler, or is an annotation.
    init(
        _ name: String, _ dialects: DialectSet, vocabulary: Vocabulary?, subschemas: Subschemas = .none, role: Role,
        errors: [ErrorCode] = []
    ) {
        self.name = name
        self.dialects = dialects
        self.vocabulary = vocabulary
        self.subschemas = subschemas
        self.role = role
        self.errors = errors
    }

    /// Whether `dialect` defines this keyword (custom meta-schemas' vocabularies aside).
    func isDefined(in dialect: Dialect) -> Bool { dialects.contains(dialect.membership) }

    /// The factory that compiles this keyword in `dialect`, if it compiles there.
    func factory(in dialect: DialectSet) -> KeywordFactory? {
        guard dialects.contains(dialect), case .compiled(let factory, let compiledIn) = role, compiledIn.contains(dialect) else {
            return nil
        }
        return factory
    }
}

/// A set of dialects, for declaring which dialects define a keyword.
///
/// OpenAPI 3.0 Schema Objects are read as draft 4 plus OpenAPI's fields, and OpenAPI 3.1 ones as
/// 2020-12 plus the OpenAPI base vocabulary (and 3.0's spellings, which real documents mix in).
struct DialectSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let draft4 = DialectSet(rawValue: 1 << 0)
    static let draft6 = DialectSet(rawValue: 1 << 1)
    static let draft7 = DialectSet(rawValue: 1 << 2)
    static let draft2019_09 = DialectSet(rawValue: 1 << 3)
    static let draft2020_12 = DialectSet(rawValue: 1 << 4)
    static let openAPI30 = DialectSet(rawValue: 1 << 5)
    static let openAPI31 = DialectSet(rawValue: 1 << 6)

    /// Every dialect.
    static let all: DialectSet = [.draft4, .draft6, .draft7, .draft2019_09, .draft2020_12, .openAPI30, .openAPI31]
    /// Draft 6 and every dialect built on a later draft (OpenAPI 3.1; OpenAPI 3.0 is draft 4's).
    static let draft6AndLater: DialectSet = [.draft6, .draft7, .draft2019_09, .draft2020_12, .openAPI31]
    /// Draft 7 and every dialect built on a later draft.
    static let draft7AndLater: DialectSet = [.draft7, .draft2019_09, .draft2020_12, .openAPI31]
    /// 2019-09, 2020-12 and OpenAPI 3.1.
    static let draft2019AndLater: DialectSet = [.draft2019_09, .draft2020_12, .openAPI31]
    /// 2020-12 and OpenAPI 3.1.
    static let draft2020: DialectSet = [.draft2020_12, .openAPI31]
    /// Draft 4 and OpenAPI 3.0.
    static let draft4Family: DialectSet = [.draft4, .openAPI30]
    /// OpenAPI 3.0 and 3.1.
    static let openAPI: DialectSet = [.openAPI30, .openAPI31]

    /// Each single dialect with its ``Dialect``.
    static let members: [(set: DialectSet, dialect: Dialect)] = [
        (.draft4, .draft4), (.draft6, .draft6), (.draft7, .draft7), (.draft2019_09, .draft2019_09),
        (.draft2020_12, .draft2020_12), (.openAPI30, .openAPI30), (.openAPI31, .openAPI31),
    ]
}

/// A vocabulary: a group of keywords a meta-schema's `$vocabulary` switches on or off (JSON Schema
/// 2019-09 and 2020-12 core §8.1.2; OpenAPI 3.1's base vocabulary). Drafts 4 to 7 and OpenAPI 3.0
/// have none.
enum Vocabulary: Sendable, CaseIterable {
    case core, applicator, unevaluated, validation, metaData, format, content, openAPIBase

    /// The vocabulary URIs that carry this vocabulary's keywords in `dialect` (a single dialect):
    /// 2019-09 keeps `unevaluated*` in its applicator vocabulary and has one format vocabulary,
    /// 2020-12 splits format into annotation and assertion.
    func uris(in dialect: DialectSet) -> [String] {
        let prefix: String
        if dialect == .draft2019_09 {
            prefix = "https://json-schema.org/draft/2019-09/vocab/"
        } else if dialect == .draft2020_12 || dialect == .openAPI31 {
            prefix = "https://json-schema.org/draft/2020-12/vocab/"
        } else {
            return []
        }
        let is2019 = dialect == .draft2019_09
        switch self {
        case .core: return [prefix + "core"]
        case .applicator: return [prefix + "applicator"]
        case .unevaluated: return [prefix + (is2019 ? "applicator" : "unevaluated")]
        case .validation: return [prefix + "validation"]
        case .metaData: return [prefix + "meta-data"]
        case .format: return is2019 ? [prefix + "format"] : [prefix + "format-annotation", prefix + "format-assertion"]
        case .content: return [prefix + "content"]
        case .openAPIBase: return dialect == .openAPI31 ? ["https://spec.openapis.org/oas/3.1/vocab/base"] : []
        }
    }

    /// The URI of 2020-12's format-assertion vocabulary, which makes `format` assert.
    static let formatAssertionURI = "https://json-schema.org/draft/2020-12/vocab/format-assertion"
}
