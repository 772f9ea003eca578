import SpecSource

/// `allOf`: the instance is valid against every subschema; every failing branch reports its errors.
final class AllOfKeyword: Keyword {
    let branches: [(SchemaNode, String)]

    init(branches: [(SchemaNode, String)]) {
        self.branches = branches
    }

    static func compile(_ c: inout KeywordCompiler, _ value: JSONValue) -> (any Keyword)? {
        guard let list = c.schemaList("allOf", value) else { return nil }
        return AllOfKeyword(branches: list.enumerated().map { ($1, KeywordCompiler.fragment("allOf", String($0))) })
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        var valid = true
        for (schema, fragment) in branches where !context.descend(schema, instance, via: fragment) {
            valid = false
            if !context.collectsErrors { return false }
        }
        return valid
    }
}

/// `anyOf` and `oneOf`: the instance is valid against at least one (`anyOf`) or exactly one
/// (`oneOf`) subschema.
///
/// When no branch matches, the errors of the branch a person most likely meant are reported (the
/// only branch whose own `type`, `enum` or `const` accepts the instance); when that is ambiguous,
/// one error names the keyword.
final class ChoiceKeyword: Keyword {
    let branches: [(SchemaNode, String)]
    let exactlyOne: Bool
    let site: KeywordSite

    init(branches: [(SchemaNode, String)], exactlyOne: Bool, site: KeywordSite) {
        self.branches = branches
        self.exactlyOne = exactlyOne
        self.site = site
    }

    static func anyOf(_ c: inout KeywordCompiler, _ value: JSONValue) -> (any Keyword)? {
        choice(&c, value, name: "anyOf", exactlyOne: false)
    }

    static func oneOf(_ c: inout KeywordCompiler, _ value: JSONValue) -> (any Keyword)? {
        choice(&c, value, name: "oneOf", exactlyOne: true)
    }

    private static func choice(_ c: inout KeywordCompiler, _ value: JSONValue, name: String, exactlyOne: Bool) -> (any Keyword)? {
        guard let list = c.schemaList(name, value) else { return nil }
        let keyword = ChoiceKeyword(branches: list.enumerated().map { ($1, KeywordCompiler.fragment(name, String($0))) },
                                    exactlyOne: exactlyOne, site: c.site(name))
        if c.dialect.isOpenAPI, let discriminator = c.sibling("discriminator") {
            return DiscriminatorKeyword.compile(&c, discriminator, choice: keyword, branchValues: value)
        }
        return keyword
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        if !context.collectsErrors {
            // While annotations are collected every branch must run (each valid one contributes).
            let tracking = context.isTracking
            var matches = 0
            for (schema, fragment) in branches where context.descend(schema, instance, via: fragment) {
                matches += 1
                if !tracking && (!exactlyOne || matches > 1) { break }
            }
            return exactlyOne ? matches == 1 : matches >= 1
        }
        let tracking = context.isTracking
        var matched: [Int] = []
        var failures: [[ValidationError]] = []
        for (i, (schema, fragment)) in branches.enumerated() {
            let (ok, errors) = context.trial { $0.descend(schema, instance, via: fragment) }
            if ok {
                matched.append(i)
                if !exactlyOne && !tracking { return true }
            } else {
                failures.append(errors)
            }
        }
        if matched.count == 1 || (!exactlyOne && !matched.isEmpty) { return true }
        if matched.count > 1 {
            context.report(site, "valid against more than one schema in oneOf (branches \(matched.map(String.init).joined(separator: ", "))); exactly one must match")
            return false
        }
        let here = jsonPointer(context.instancePath[...])
        let plausible = failures.filter { errors in
            !errors.contains { $0.instanceLocation == here && ["type", "enum", "const", "discriminator"].contains($0.keyword) }
        }
        if plausible.count == 1 {
            context.errors.append(contentsOf: plausible[0])
        } else {
            context.report(site, "\(describeValue(instance, limit: 60)) is not valid against any schema in \(site.name)")
        }
        return false
    }
}

/// `not`: the instance is not valid against the subschema.
final class NotKeyword: Keyword {
    let schema: SchemaNode
    let site: KeywordSite

    init(schema: SchemaNode, site: KeywordSite) {
        self.schema = schema
        self.site = site
    }

    static func compile(_ c: inout KeywordCompiler, _ value: JSONValue) -> (any Keyword)? {
        NotKeyword(schema: c.subschema(["not"]), site: c.site("not"))
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        // `not` never contributes annotations: evaluate outside any frame.
        let savedBase = context.frameBase
        context.frameBase = context.frames.count
        let matched = context.quietly { $0.descend(schema, instance, via: "/not") }
        context.frameBase = savedBase
        guard matched else { return true }
        if context.collectsErrors {
            context.report(site, "\(describeValue(instance, limit: 60)) must not be valid against the schema in not")
        }
        return false
    }
}

/// `if`/`then`/`else`: when the instance is valid against `if`, it must be valid against `then`,
/// otherwise against `else`. `if`'s own errors are never reported.
final class ConditionalKeyword: Keyword {
    let condition: SchemaNode
    let then: SchemaNode?
    let otherwise: SchemaNode?

    init(condition: SchemaNode, then: SchemaNode?, otherwise: SchemaNode?) {
        self.condition = condition
        self.then = then
        self.otherwise = otherwise
    }

    static func compile(_ c: inout KeywordCompiler, _ value: JSONValue) -> (any Keyword)? {
        let then = c.sibling("then").map { _ in c.subschema(["then"]) }
        let otherwise = c.sibling("else").map { _ in c.subschema(["else"]) }
        // Without then/else, `if` matters only for the annotations it produces (2019-09 and later).
        let annotates = c.dialect.base == .draft2020_12 || c.dialect.base == .draft2019_09
        guard then != nil || otherwise != nil || annotates else { return nil }
        return ConditionalKeyword(condition: c.subschema(["if"]), then: then, otherwise: otherwise)
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        if context.quietly({ $0.descend(condition, instance, via: "/if") }) {
            guard let then else { return true }
            return context.descend(then, instance, via: "/then")
        }
        guard let otherwise else { return true }
        return context.descend(otherwise, instance, via: "/else")
    }
}
