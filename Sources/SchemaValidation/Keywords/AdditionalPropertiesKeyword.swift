import SpecSource

/// `additionalProperties`: members not named by sibling `properties` nor matched by sibling
/// `patternProperties` are valid against this schema (`false` forbids them).
final class AdditionalPropertiesKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "additionalProperties", .all, vocabulary: .applicator, subschemas: .single, compile: compile,
        errors: [
            ErrorCode(
                "additionalProperties", "a member that `properties` and `patternProperties` do not cover is not allowed",
                "JSON Schema 2020-12 core §10.3.2.3: with `additionalProperties: false` every member must be named by `properties` or match a `patternProperties` pattern of the same schema object (not of an allOf sibling: use unevaluatedProperties for that)."
            ),
            ErrorCode(
                "additionalProperties.gave-up", "the regex engine gave up on a member name, so whether it is additional is unknown",
                "A patternProperties pattern could not be evaluated on the name (see pattern.gave-up); the member is reported, never silently accepted or rejected."
            ),
        ])

    let schemaRef: NodeRef
    var schema: SchemaNode { schemaRef.node }
    let known: NameTable
    let patterns: [ECMARegex]
    let site: KeywordSite
    /// For messages: the names `properties` declares (did-you-mean candidates), and the names
    /// declared inside a sibling `allOf` (`nil` without one), which this keyword does not see.
    let declared: [String]
    let declaredInAllOf: [String]?

    init(schema: SchemaNode, known: NameTable, patterns: [ECMARegex], site: KeywordSite, declared: [String], declaredInAllOf: [String]?) {
        self.schemaRef = NodeRef(schema)
        self.known = known
        self.patterns = patterns
        self.site = site
        self.declared = declared
        self.declaredInAllOf = declaredInAllOf
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        let schema = c.subschema(["additionalProperties"])
        let declared = c.declaredPropertyNames
        let patterns = (c.sibling("patternProperties")?.objectValue?.members ?? []).compactMap {
            try? ECMARegex($0.key, lenient: PatternKeyword.lenientDialects.contains(c.dialect.membership))
        }
        let inAllOf = value.boolValue == false && c.sibling("allOf") != nil ? c.inPlaceDeclaredNames(through: ["allOf"]) : nil
        return AdditionalPropertiesKeyword(
            schema: schema, known: NameTable(declared), patterns: patterns, site: c.site("additionalProperties"),
            declared: declared, declaredInAllOf: inAllOf)
    }

    /// `property "x" is not allowed (no additional properties)`, with the nearest declared name,
    /// or why a name declared inside a sibling `allOf` does not count.
    func notAllowedMessage(_ key: String) -> String {
        let quoted = ValuePreview.quoted(key)
        guard let inAllOf = declaredInAllOf else {
            return "property \(quoted) is not allowed (no additional properties)" + didYouMean(key, among: declared)
        }
        let hint =
            "additionalProperties sees only the properties beside it, not those declared inside allOf; "
            + "to close a schema composed with allOf, use unevaluatedProperties: false (JSON Schema 2019-09/2020-12, OpenAPI 3.1)"
        if inAllOf.contains(key) {
            return "property \(quoted) is not allowed (no additional properties): it is declared inside allOf, but \(hint)"
        }
        let suggestion = didYouMean(key, among: declared + inAllOf)
        return "property \(quoted) is not allowed (no additional properties)" + suggestion
            + (suggestion.isEmpty ? ". Note: " : " Note: ") + hint
    }

    /// Whether `key` is additional, or the pattern that could not be evaluated on it.
    @inline(__always)
    func isAdditional(_ key: String) -> Result<Bool, PatternGaveUp> {
        if known.contains(key) { return .success(false) }
        for p in patterns {
            switch p.search(key) {
            case .match: return .success(false)
            case .noMatch: continue
            case .gaveUp(let reason): return .failure(PatternGaveUp(regex: p, reason: reason))
            }
        }
        return .success(true)
    }

    /// A `patternProperties` pattern whose search was abandoned, so the answer is unknown.
    struct PatternGaveUp: Error {
        let regex: ECMARegex
        let reason: ECMARegex.GaveUp
    }

    override var streamRole: StreamRole { .additionalProperties }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard let members = instance.borrowedMembers else { return true }
        var valid = true
        for i in members.indices {
            let key = members[i].key  // the name only: copying the member would retain its value
            switch isAdditional(key) {
            case .success(true): break
            case .success(false): continue
            case .failure(let gaveUp):
                // Whether the member is additional is unknown: an error, never a silent verdict.
                valid = false
                context.reportUndecided(
                    site, code: "additionalProperties.gave-up", child: .key(key),
                    regexGaveUpMessage(gaveUp.regex, gaveUp.reason, on: "property name")
                        + "; whether the property is additional is unknown")
                guard context.collectsErrors else { return false }
                continue
            }
            context.noteEvaluated(property: key)
            if schema.constant == false {
                guard context.collectsErrors else { return false }
                valid = false
                context.report(site, child: .key(key), notAllowedMessage(key))
                continue
            }
            if !context.descend(schemaRef, members.value(at: i), via: "/additionalProperties", at: .key(key)) {
                valid = false
                if !context.collectsErrors { return false }
            }
        }
        return valid
    }
}
