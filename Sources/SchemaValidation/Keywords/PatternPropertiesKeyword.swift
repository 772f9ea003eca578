import SpecSource

/// `patternProperties`: members whose names match a pattern are valid against its schema.
final class PatternPropertiesKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "patternProperties", .all, vocabulary: .applicator, subschemas: .map, compile: compile,
        errors: [
            ErrorCode(
                "patternProperties.gave-up", "the regex engine gave up on a member name, so whether its schema applies is unknown",
                "JSON Schema 2020-12 core §10.3.2.2. As for pattern.gave-up: the member is reported, never silently skipped.")
        ])

    let patterns: [(ECMARegex, SchemaNode, String)]
    let site: KeywordSite
    /// ``patterns``' schemas as the walk reads them (see ``NodeRef``).
    let walked: [NodeRef]

    init(patterns: [(ECMARegex, SchemaNode, String)], site: KeywordSite) {
        self.patterns = patterns
        self.site = site
        walked = patterns.map { NodeRef($0.1) }
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard value.objectValue != nil else {
            c.invalid("patternProperties", value, "an object of schemas")
            return nil
        }
        var patterns: [(ECMARegex, SchemaNode, String)] = []
        for (member, node) in c.schemaMap("patternProperties") ?? [] {
            guard let regex = compileRegex(member.key, at: member.keyLocation, in: c) else { continue }
            patterns.append((regex, node, KeywordCompilationContext.fragment("patternProperties", member.key)))
        }
        return patterns.isEmpty ? nil : PatternPropertiesKeyword(patterns: patterns, site: c.site("patternProperties"))
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard let members = instance.borrowedMembers else { return true }
        var valid = true
        for i in members.indices {
            // The key is read in place for the search (inlined): bound to a local, it is retained
            // and released once per member even when no pattern matches.
            for p in patterns.indices {
                switch patterns[p].0.search(members[i].key) {
                case .noMatch: continue
                case .match: break
                case .gaveUp(let reason):
                    // Whether the member's schema applies is unknown: an error, never a silent skip.
                    valid = false
                    context.reportUndecided(
                        site, code: "patternProperties.gave-up", child: .key(members[i].key),
                        regexGaveUpMessage(patterns[p].0, reason, on: "property name"))
                    guard context.collectsErrors else { return false }
                    continue
                }
                context.noteEvaluated(property: members[i].key)
                if !context.descend(walked[p], members.value(at: i), via: patterns[p].2, at: .key(members[i].key)) {
                    valid = false
                    if !context.collectsErrors { return false }
                }
            }
        }
        return valid
    }
}
