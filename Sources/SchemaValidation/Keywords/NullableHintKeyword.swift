import SpecSource

/// Not a keyword of any dialect: the note that OpenAPI's `nullable: true` has no effect without a
/// `type` beside it (OpenAPI 3.0.4 Schema Object: nullable only extends `type`), attached by the
/// compiler, last, to a schema object that has `nullable: true`, other keywords, and no `type`
/// (or, in OpenAPI 3.0, a `$ref`, which hides `nullable` and `type` alike); or `type` and a keyword
/// that still applies to null (`enum` without null, `allOf`, …), which `nullable` does not lift.
///
/// It never changes a verdict (it always passes). When errors are collected and the instance is
/// `null`, it asks the schema's other keywords (quietly) whether they reject it; if so, the schema
/// just reported an error at this location, and that error gets the note, since the author
/// evidently meant null to be allowed. The valid path pays one call for such schemas only.
final class NullableHintKeyword: Keyword, @unchecked Sendable {
    unowned(unsafe) let node: SchemaNode
    let site: KeywordSite
    /// Whether `nullable` sits beside a `$ref` that hides its siblings (OpenAPI 3.0), where adding
    /// `type` would change nothing.
    let besideReference: Bool
    /// With `type` beside `nullable`: the keywords that apply to null regardless (`enum` without
    /// null, `allOf`, …), named in the note; empty in the two cases above.
    let constraining: [String]
    /// Without `type`: whether `allOf`/`anyOf`/`oneOf` sit beside `nullable`, so that adding
    /// `type` would not let null through either.
    let composed: Bool
    /// Without `type`: whether an `enum` beside `nullable` leaves null out (adding `type` is
    /// then not enough either).
    let enumLacksNull: Bool

    init(
        node: SchemaNode, site: KeywordSite, besideReference: Bool, constraining: [String] = [], composed: Bool = false,
        enumLacksNull: Bool = false
    ) {
        self.node = node
        self.site = site
        self.besideReference = besideReference
        self.constraining = constraining
        self.composed = composed
        self.enumLacksNull = enumLacksNull
    }

    /// Keywords that may reject null although `nullable: true` and `type` allow it (OpenAPI
    /// 3.0.4: "Other Schema Object constraints retain their defined behavior, and therefore may
    /// disallow the use of null as a value"). Plaid writes `type: string, nullable: true` beside
    /// an `enum` without null, and `type: object, nullable: true` beside `allOf: [$ref]`.
    private static let constrainingKeywords = ["enum", "const", "allOf", "anyOf", "oneOf", "not", "$ref"]

    /// Appends the note to `node` when its schema object calls for it.
    static func attach(to node: SchemaNode, object: JSONObject, dialect: Dialect, site: KeywordSite) {
        let besideReference = dialect.refOverridesSiblings && object["$ref"] != nil
        guard dialect.isOpenAPI, object["nullable"]?.boolValue == true, !node.keywords.isEmpty else { return }
        if object["type"] == nil || besideReference {
            let composed = object["allOf"] != nil || object["anyOf"] != nil || object["oneOf"] != nil
            let enumLacksNull = object["enum"]?.arrayValue.map { !$0.contains { $0.isNull } } ?? false
            let hint = NullableHintKeyword(
                node: node, site: site, besideReference: besideReference, composed: composed, enumLacksNull: enumLacksNull)
            node.keywords.append(hint)
            return
        }
        let constraining = constrainingKeywords.filter { name in
            guard let value = object[name] else { return false }
            if name == "enum" { return !(value.arrayValue ?? []).contains { $0.isNull } }
            if name == "const" { return !value.isNull }
            return true
        }
        guard !constraining.isEmpty else { return }
        node.keywords.append(NullableHintKeyword(node: node, site: site, besideReference: false, constraining: constraining))
    }

    override var streamRole: StreamRole { .scalarOnly }

    override var isContextFree: Bool { true }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard context.collectsErrors, instance.isNull, !context.errors.isEmpty else { return true }
        let othersPass = context.quietly { quiet in
            node.keywords.allSatisfy { $0 === self || $0.validate(instance, &quiet) }
        }
        guard !othersPass else { return true }
        if !constraining.isEmpty {
            let one = constraining.count == 1
            let names = one ? constraining[0] : constraining.dropLast().joined(separator: ", ") + " and " + constraining.last!
            let remedy: String
            if constraining.contains("enum") {
                remedy = "so the enum must list null"
            } else if constraining.contains("allOf") || constraining.contains("$ref") {
                // Making the allOf target nullable would let null in wherever else it is used.
                remedy =
                    "so to allow null here only, write anyOf: [{…this schema without nullable…}, {type: object, nullable: true, enum: [null]}]"
            } else {
                remedy = "so null must pass \(one ? "it" : "them") too"
            }
            context.errors[context.errors.count - 1].message +=
                "; note: nullable: true (\(site.source)) adds null to type only: \(names) beside it still \(one ? "applies" : "apply")"
                + " to null (OpenAPI 3.0.4: other constraints \"retain their defined behavior\"), \(remedy)"
        } else if besideReference {
            // OpenAPI 3.0.4 Reference Object: "any properties added SHALL be ignored".
            context.errors[context.errors.count - 1].message +=
                "; note: nullable: true (\(site.source)) sits beside $ref, whose siblings OpenAPI 3.0 ignores (adding type"
                + " there changes nothing), so null is not allowed here"
        } else {
            context.errors[context.errors.count - 1].message +=
                "; note: nullable: true (\(site.source)) has no effect without type beside it, so null is not allowed here"
                + (composed
                    ? " (type alone would not do: the allOf/anyOf/oneOf beside it still applies to null; OpenAPI 3.0: anyOf: [the schema,"
                        + " {type: object, nullable: true, enum: [null]}]; 3.1: anyOf with {type: \"null\"})"
                    : enumLacksNull
                        ? " (OpenAPI 3.0: add type, and null to the enum; 3.1: type: [T, \"null\"], and null to the enum)"
                        : " (OpenAPI 3.0: add type; 3.1: type: [T, \"null\"], or oneOf with {type: \"null\"})")
        }
        return true
    }
}
