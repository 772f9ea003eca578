import OpenAPIContract
import SchemaValidation
import SpecSource

/// The rules that read one Schema Object at a time: dialect slips (`oas30-*`,
/// `keyword-earlier-draft`, `nullable-without-type`), `format-unknown`, `pattern-*`, `required-undeclared`, `ref-siblings`
/// (3.0 schemas), `properties-ref` and `example-ref` (a schema's `example`).
enum SchemaKeywordRules {
    static func check(_ nodes: [Located], _ context: LintContext) {
        var patterns = PatternVerdicts()
        for node in nodes {
            guard let object = node.value.objectValue else { continue }
            // In 3.0 a Reference Object replaces the whole Schema Object: what sits beside `$ref`
            // is ignored (reported once, by ref-siblings) and checked no further.
            if context.isOpenAPI30, object["$ref"] != nil {
                refSiblings(node, object, context)
                continue
            }
            if context.isOpenAPI30 {
                nullableWithoutType(node, object, context)
            } else {
                dialectSlips(node, object, context)
            }
            if let format = object["format"]?.stringValue, FormatChecker.builtin(format) == nil,
                !context.configuration.knownFormats.contains(format)
            {
                context.report(
                    .formatUnknown,
                    "format \(JSONWriter.quoted(format)) is not one spec-check checks: any value passes it (add it to lint.formats in .spec-check.yaml when your own checker knows it)",
                    at: LintContext.keyLocation(node, "format"), pointer: node.pointer.appending("format"))
            }
            if let pattern = object["pattern"]?.stringValue {
                patterns.check(
                    pattern, keyword: "pattern", node: node, at: object.member("pattern")!.value.location,
                    pointer: node.pointer.appending("pattern"), context)
            }
            for member in object["patternProperties"]?.objectValue ?? JSONObject() {
                patterns.check(
                    member.key, keyword: "patternProperties", node: node, at: member.keyLocation,
                    pointer: node.pointer.appending("patternProperties").appending(member.key), context)
            }
            requiredUndeclared(node, object, context)
            if let ref = object["properties"]?["$ref"], ref.stringValue != nil {
                context.report(
                    .propertiesReference,
                    "properties is written as {$ref: …}: spec-check reads it as the map of property schemas the reference designates; JSON Schema would read a property named \"$ref\" whose schema is a string, which is not a schema (list the properties, or $ref the whole schema)",
                    at: ref.location, pointer: node.pointer.appending("properties").appending("$ref"))
            }
            if let example = object["example"], ExampleRules.isReferenceObject(example) {
                ExampleRules.reportReference(example, pointer: node.pointer.appending("example"), context)
            }
        }
    }

    /// A 3.0 Schema Object with members beside `$ref` (extensions aside).
    static func refSiblings(_ node: Located, _ object: JSONObject, _ context: LintContext) {
        let siblings = object.members.filter { $0.key != "$ref" && !$0.key.hasPrefix("x-") }
        guard let first = siblings.first else { return }
        let names = siblings.map { "`\($0.key)`" }.joined(separator: ", ")
        var message =
            "\(names) beside $ref \(siblings.count == 1 ? "is" : "are") ignored: in OpenAPI 3.0 a Reference Object replaces the whole Schema Object, and spec-check ignores \(siblings.count == 1 ? "it" : "them") too"
        if object["nullable"]?.boolValue == true { message += " (null is not accepted here)" }
        if object["readOnly"] != nil || object["writeOnly"] != nil { message += " (readOnly/writeOnly do not apply here)" }
        message += "; to combine, put the reference in allOf beside them"
        context.report(.refSiblings, message, at: first.keyLocation, pointer: node.pointer.appending(first.key))
    }

    /// 3.0: `nullable: true` without `type` in the same Schema Object.
    private static func nullableWithoutType(_ node: Located, _ object: JSONObject, _ context: LintContext) {
        guard let nullable = object.member("nullable"), nullable.value.boolValue == true, object["type"] == nil else { return }
        // Beside allOf (Plaid's `nullable: true, allOf: [$ref]`), type would not be enough: the
        // subschemas still apply to null. 3.0 has no null type; nullable with enum: [null] is the
        // one schema that accepts null alone.
        let composed = ["allOf", "anyOf", "oneOf"].filter { object[$0] != nil }
        let enumLacksNull = Dialect.enumOmitsNull(object)
        let remedy =
            !composed.isEmpty
            ? "adding type is not enough while \(composed.joined(separator: "/")) still applies to null: write anyOf: [{…this schema without nullable…}, {type: object, nullable: true, enum: [null]}]"
            : enumLacksNull ? "add type beside it, and null to the enum" : "add type beside it"
        context.report(
            .nullableWithoutType,
            "nullable: true has no effect here: OpenAPI 3.0 applies it only beside type in the same Schema Object, so spec-check does not accept null because of it (\(remedy))",
            at: nullable.keyLocation, pointer: node.pointer.appending("nullable"))
    }

    /// 3.1 and 3.2: `nullable`, boolean `exclusiveMinimum`/`exclusiveMaximum`, and `example`.
    private static func dialectSlips(_ node: Located, _ object: JSONObject, _ context: LintContext) {
        if let nullable = object.member("nullable") {
            let isTrue = nullable.value.boolValue == true
            let hasType = object["type"] != nil
            let reading: String
            if !isTrue {
                reading = "spec-check reads nullable: false as changing nothing"
            } else if hasType {
                reading = "spec-check reads nullable: true as OpenAPI 3.0 does, adding null to type"
            } else {
                reading = "spec-check reads it as OpenAPI 3.0 does, where without type beside it it has no effect"
            }
            // type: [T, "null"] alone still fails null against an enum that does not list it.
            let enumLacksNull = isTrue && Dialect.enumOmitsNull(object)
            context.report(
                .oas30Nullable,
                "nullable is an OpenAPI 3.0 keyword, not part of OpenAPI \(context.document.version)'s JSON Schema dialect; \(reading) (write type: [T, \"null\"]\(enumLacksNull ? ", and add null to the enum" : ""))",
                at: nullable.keyLocation, pointer: node.pointer.appending("nullable"))
        }
        for (keyword, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
            guard let member = object.member(keyword), let flag = member.value.boolValue else { continue }
            let reading: String
            if !flag {
                reading = "spec-check reads \(keyword): false as OpenAPI 3.0 does, changing nothing"
            } else if object[bound] != nil {
                reading =
                    "spec-check reads it as OpenAPI 3.0 does, making \(bound) exclusive (write \(keyword): <number> instead of \(bound))"
            } else {
                reading = "spec-check reads it as OpenAPI 3.0 does, where without \(bound) beside it it has no effect"
            }
            context.report(
                .oas30ExclusiveBoolean,
                "a boolean \(keyword) is the OpenAPI 3.0 spelling; in OpenAPI \(context.document.version) it is a number; \(reading)",
                at: member.keyLocation, pointer: node.pointer.appending(keyword))
        }
        earlierDraftKeywords(node, object, context)
        if let example = object.member("example") {
            context.report(
                .oas30SchemaExample,
                "example in a Schema Object is deprecated in OpenAPI \(context.document.version) in favour of examples (an array of values); spec-check still checks it against this schema as an example",
                at: example.keyLocation, pointer: node.pointer.appending("example"))
        }
    }

    /// Keywords 2020-12 dropped: the draft that had each and what replaces it. spec-check ignores
    /// those in ``SchemaValidation/Dialect/keywordsIgnoredBy2020_12``, as 2020-12 ignores any
    /// unknown keyword, and still applies `dependencies`, as draft 7 did.
    private static let earlierDraft: [(keyword: String, draft: String, replacement: String)] = [
        (
            "$recursiveRef", "2019-09",
            "a $ref to the schema meant, or $dynamicRef: \"#NAME\" with $dynamicAnchor: NAME on it; \"#\" alone is the document root"
        ),
        ("$recursiveAnchor", "2019-09", "$dynamicAnchor: NAME, a name rather than true, or drop it"),
        ("additionalItems", "draft 4 to 2019-09", "items beside prefixItems"),
        ("dependencies", "draft 4 to 7", "dependentRequired for name lists, dependentSchemas for schemas"),
    ]

    /// 3.1 and 3.2 (2020-12 dialect only): `$recursiveRef` and the other keywords of earlier drafts.
    /// OpenAI's `CompoundFilter` lists `{$recursiveRef: "#"}` as a `oneOf` branch: an empty schema
    /// in 2020-12, so every nested filter that matches the other branch matches both.
    private static func earlierDraftKeywords(_ node: Located, _ object: JSONObject, _ context: LintContext) {
        // A document that declares another jsonSchemaDialect, or a schema its own $schema, may
        // mean these keywords.
        guard context.document.dialect == .openAPI31, object["$schema"] == nil else { return }
        for entry in earlierDraft {
            guard let member = object.member(entry.keyword) else { continue }
            var message =
                "\(entry.keyword) is a JSON Schema \(entry.draft) keyword, not one of OpenAPI \(context.document.version)'s dialect (JSON Schema 2020-12)"
            if !Dialect.keywordsIgnoredBy2020_12.contains(entry.keyword) {
                message += "; spec-check applies it as draft 7 did, other 2020-12 tools may not"
            } else {
                // Members that are not keywords either (extensions, the other dropped ones) leave
                // the schema empty: it accepts every value.
                let ignored = Set(Dialect.keywordsIgnoredBy2020_12)
                let empty = object.keys.allSatisfy { ignored.contains($0) || $0.hasPrefix("x-") || Self.annotations.contains($0) }
                message +=
                    empty
                    ? "; it is ignored, as 2020-12 ignores unknown keywords, so this schema accepts any value"
                    : "; it is ignored, as 2020-12 ignores unknown keywords"
            }
            if entry.keyword == "$recursiveRef", let name = componentName(node.pointer) {
                message +=
                    " (write $ref: \(JSONWriter.quoted("#/components/schemas/" + name)) to recurse into \(name), or $dynamicRef: \"#NAME\""
                    + " with $dynamicAnchor: NAME on \(name); \"#\" alone is the document root)"
            } else {
                message += " (write \(entry.replacement))"
            }
            context.report(.keywordEarlierDraft, message, at: member.keyLocation, pointer: node.pointer.appending(entry.keyword))
        }
    }

    /// Members that annotate a schema without constraining it.
    private static let annotations: Set<String> = [
        "title", "description", "$comment", "examples", "example", "deprecated", "readOnly", "writeOnly", "default",
    ]

    /// `Name` when `pointer` lies inside `#/components/schemas/Name`.
    private static func componentName(_ pointer: JSONPointer) -> String? {
        let tokens = pointer.tokens
        guard tokens.count > 3, tokens[0] == "components", tokens[1] == "schemas" else { return nil }
        return tokens[2]
    }

    /// `required` names that `additionalProperties: false` forbids (nothing declares them in
    /// `properties` or matches them with `patternProperties` of the same Schema Object).
    private static func requiredUndeclared(_ node: Located, _ object: JSONObject, _ context: LintContext) {
        guard object["additionalProperties"]?.boolValue == false, let required = object["required"]?.arrayValue else { return }
        var declared = object["properties"]?.objectValue
        // `properties: {$ref: …}` declares what the map it designates holds; a map that cannot
        // be read may declare every required name, so nothing is reported.
        if let ref = declared?["$ref"]?.stringValue {
            guard let map = context.resolve(ref, from: node.documentURI)?.value.objectValue else { return }
            declared = map
        }
        let patterns = (object["patternProperties"]?.objectValue?.keys ?? []).compactMap { try? ECMARegex($0, lenient: true) }
        for (index, entry) in required.enumerated() {
            guard let name = entry.stringValue, declared?[name] == nil else { continue }
            if patterns.contains(where: { (try? $0.matches(name)) != false }) { continue }
            context.report(
                .requiredUndeclared,
                "\(JSONWriter.quoted(name)) is required, but additionalProperties: false forbids it: properties does not declare it\(patterns.isEmpty ? "" : " and no patternProperties pattern matches it"), so no object can be valid against this schema",
                at: entry.location, pointer: node.pointer.appending("required").appending(index))
        }
    }
}

/// `pattern-invalid` and `pattern-backtracking`, each pattern analysed once per run.
struct PatternVerdicts {
    private enum Verdict {
        case fine
        case lenientOnly(String)
        case backtracking(String)
        case unusable
    }

    private var verdicts: [String: Verdict] = [:]

    mutating func check(
        _ pattern: String, keyword: String, node: Located, at location: SourceLocation, pointer: JSONPointer, _ context: LintContext
    ) {
        guard context.isOn(.patternInvalid) || context.isOn(.patternBacktracking) else { return }
        let verdict =
            verdicts[pattern]
            ?? Self.analyse(pattern, lenient: context.document.dialect == .openAPI30 || context.document.dialect == .openAPI31)
        verdicts[pattern] = verdict
        switch verdict {
        case .fine, .unusable:
            // An unusable pattern does not compile: schema-compile reports it as an error.
            break
        case .lenientOnly(let reason):
            context.report(
                .patternInvalid,
                "\(keyword) /\(JSONWriter.singleLine(pattern))/ is not a valid ECMA-262 regular expression with the u flag (\(reason)); spec-check accepts it as browsers do without the u flag (an identity escape or a lone bracket is a literal)",
                at: location, pointer: pointer)
        case .backtracking(let why):
            context.report(
                .patternBacktracking,
                "\(keyword) /\(JSONWriter.singleLine(pattern))/ nests quantifiers and \(why), so it runs on the backtracking engine, where some inputs take exponential time; spec-check stops it after a step budget and reports the value as not evaluated",
                at: location, pointer: pointer)
        }
    }

    private static func analyse(_ pattern: String, lenient: Bool) -> Verdict {
        let regex: ECMARegex
        do {
            regex = try ECMARegex(pattern)
        } catch {
            guard lenient, let relaxed = try? ECMARegex(pattern, lenient: true) else { return .unusable }
            _ = relaxed
            return .lenientOnly(error.message + " at offset \(error.offset)")
        }
        guard !regex.usesLinearEngine, RegexShape.nestsQuantifiers(pattern) else { return .fine }
        return .backtracking(RegexShape.backtrackingReason(pattern))
    }
}
