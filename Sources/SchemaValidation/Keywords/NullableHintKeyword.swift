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
    /// Why `nullable: true` does not let null through here, which decides the note.
    enum Case {
        /// Beside a `$ref` that hides its siblings (OpenAPI 3.0), where adding `type` changes nothing.
        case besideReference
        /// Without `type`; `composed` when `allOf`/`anyOf`/`oneOf` sit beside it and `enumOmitsNull`
        /// when an `enum` leaves null out (adding `type` is then not enough either).
        case withoutType(composed: Bool, enumOmitsNull: Bool)
        /// With `type`, beside keywords that apply to null regardless (`enum` without null,
        /// `allOf`, …), named in the note.
        case besideConstraints([String])
    }
    let reason: Case

    init(node: SchemaNode, site: KeywordSite, reason: Case) {
        self.node = node
        self.site = site
        self.reason = reason
    }

    /// Keywords that may reject null although `nullable: true` and `type` allow it (OpenAPI
    /// 3.0.4: "Other Schema Object constraints retain their defined behavior, and therefore may
    /// disallow the use of null as a value"). Plaid writes `type: string, nullable: true` beside
    /// an `enum` without null, and `type: object, nullable: true` beside `allOf: [$ref]`.
    private static let constrainingKeywords = ["enum", "const", "allOf", "anyOf", "oneOf", "not", "$ref"]

    /// Appends the note to `node` when its schema object calls for it.
    static func attach(to node: SchemaNode, object: JSONObject, dialect: Dialect, site: KeywordSite) {
        guard dialect.isOpenAPI, object["nullable"]?.boolValue == true, !node.keywords.isEmpty else { return }
        let reason: Case
        if dialect.refOverridesSiblings && object["$ref"] != nil {
            reason = .besideReference
        } else if object["type"] == nil {
            let composed = object["allOf"] != nil || object["anyOf"] != nil || object["oneOf"] != nil
            reason = .withoutType(composed: composed, enumOmitsNull: Dialect.enumOmitsNull(object))
        } else {
            let constraining = constrainingKeywords.filter { name in
                guard let value = object[name] else { return false }
                if name == "enum" { return Dialect.enumOmitsNull(object) }
                if name == "const" { return !value.isNull }
                return true
            }
            guard !constraining.isEmpty else { return }
            reason = .besideConstraints(constraining)
        }
        node.keywords.append(NullableHintKeyword(node: node, site: site, reason: reason))
    }

    override var streamRole: StreamRole { .scalarOnly }

    override var isContextFree: Bool { true }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard context.collectsErrors, instance.isNull, !context.errors.isEmpty else { return true }
        let othersPass = context.quietly { quiet in
            node.keywords.allSatisfy { $0 === self || $0.validate(instance, &quiet) }
        }
        guard !othersPass else { return true }
        let note: String
        switch reason {
        case .besideConstraints(let constraining):
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
            note =
                "; note: nullable: true (\(site.source)) adds null to type only: \(names) beside it still \(one ? "applies" : "apply")"
                + " to null (OpenAPI 3.0.4: other constraints \"retain their defined behavior\"), \(remedy)"
        case .besideReference:
            // OpenAPI 3.0.4 Reference Object: "any properties added SHALL be ignored".
            note =
                "; note: nullable: true (\(site.source)) sits beside $ref, whose siblings OpenAPI 3.0 ignores (adding type"
                + " there changes nothing), so null is not allowed here"
        case .withoutType(let composed, let enumOmitsNull):
            note =
                "; note: nullable: true (\(site.source)) has no effect without type beside it, so null is not allowed here"
                + (composed
                    ? " (type alone would not do: the allOf/anyOf/oneOf beside it still applies to null; OpenAPI 3.0: anyOf: [the schema,"
                        + " {type: object, nullable: true, enum: [null]}]; 3.1: anyOf with {type: \"null\"})"
                    : enumOmitsNull
                        ? " (OpenAPI 3.0: add type, and null to the enum; 3.1: type: [T, \"null\"], and null to the enum)"
                        : " (OpenAPI 3.0: add type; 3.1: type: [T, \"null\"], or oneOf with {type: \"null\"})")
        }
        context.errors[context.errors.count - 1].message += note
        return true
    }
}
