import SpecSource

/// `properties`: each listed member of an object instance is valid against its schema.
final class PropertiesKeyword: Keyword {
    struct Entry {
        unowned(unsafe) let schema: SchemaNode
        let name: String
        let fragment: String
    }
    let names: NameTable
    let entries: [Entry]
    /// Per entry, where its schema declares `readOnly`/`writeOnly` (`nil` when none does); set by
    /// ``DirectionalAnalysis`` before the graph is published.
    nonisolated(unsafe) var directional: [DirectionalSites]?

    init(names: NameTable, entries: [Entry]) {
        self.names = names
        self.entries = entries
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        guard value.objectValue != nil else {
            c.invalid("properties", value, "an object of schemas")
            return nil
        }
        guard let map = c.schemaMap("properties") else { return nil }
        let entries = map.map {
            Entry(schema: $0.node, name: $0.member.key, fragment: KeywordCompilationContext.fragment("properties", $0.member.key))
        }
        return entries.isEmpty ? nil : PropertiesKeyword(names: NameTable(map.map(\.member.key)), entries: entries)
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        guard case .object(let object) = instance.kind else { return true }
        return object.members.withUnsafeBufferPointer { members in
            var valid = true
            for i in members.indices {
                guard let index = names.index(of: members[i].key) else { continue }
                context.noteEvaluated(property: members[i].key)
                if let direction = context.direction, let directional, let site = directional[index].forbidding(direction) {
                    valid = false
                    guard context.collectsErrors else { return false }
                    let message = direction == .request
                        ? "readOnly property \(JSONWriter.quoted(members[i].key)) must not be sent in a request"
                        : "writeOnly property \(JSONWriter.quoted(members[i].key)) must not be sent in a response"
                    context.report(site, child: .key(members[i].key), via: entries[index].fragment, message)
                }
                if !context.descend(entries[index].schema, members[i].value, via: entries[index].fragment, at: .key(members[i].key)) {
                    valid = false
                    if !context.collectsErrors { return false }
                }
            }
            return valid
        }
    }
}

/// `patternProperties`: members whose names match a pattern are valid against its schema.
final class PatternPropertiesKeyword: Keyword {
    let patterns: [(ECMARegex, SchemaNode, String)]
    let site: KeywordSite

    init(patterns: [(ECMARegex, SchemaNode, String)], site: KeywordSite) {
        self.patterns = patterns
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
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

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        guard case .object(let object) = instance.kind else { return true }
        var valid = true
        for member in object.members {
            for (regex, schema, fragment) in patterns {
                switch regex.search(member.key) {
                case .noMatch: continue
                case .match: break
                case .gaveUp(let reason):
                    // Whether the member's schema applies is unknown: an error, never a silent skip.
                    valid = false
                    context.reportUndecided(site, child: .key(member.key), regexGaveUpMessage(regex, reason, on: "property name"))
                    guard context.collectsErrors else { return false }
                    continue
                }
                context.noteEvaluated(property: member.key)
                if !context.descend(schema, member.value, via: fragment, at: .key(member.key)) {
                    valid = false
                    if !context.collectsErrors { return false }
                }
            }
        }
        return valid
    }
}

/// `additionalProperties`: members not named by sibling `properties` nor matched by sibling
/// `patternProperties` are valid against this schema (`false` forbids them).
final class AdditionalPropertiesKeyword: Keyword {
    unowned(unsafe) let schema: SchemaNode
    let known: NameTable
    let patterns: [ECMARegex]
    let site: KeywordSite

    init(schema: SchemaNode, known: NameTable, patterns: [ECMARegex], site: KeywordSite) {
        self.schema = schema
        self.known = known
        self.patterns = patterns
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        let schema = c.subschema(["additionalProperties"])
        let known = NameTable(c.declaredPropertyNames)
        let patterns = (c.sibling("patternProperties")?.objectValue?.members ?? []).compactMap {
            try? ECMARegex($0.key, lenient: c.dialect.isOpenAPI)
        }
        return AdditionalPropertiesKeyword(schema: schema, known: known, patterns: patterns, site: c.site("additionalProperties"))
    }

    /// Whether `key` is additional, or the pattern that could not be evaluated on it.
    @inline(__always)
    private func isAdditional(_ key: String) -> Result<Bool, PatternGaveUp> {
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

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        guard case .object(let object) = instance.kind else { return true }
        var valid = true
        for member in object.members {
            switch isAdditional(member.key) {
            case .success(true): break
            case .success(false): continue
            case .failure(let gaveUp):
                // Whether the member is additional is unknown: an error, never a silent verdict.
                valid = false
                context.reportUndecided(
                    site, child: .key(member.key),
                    regexGaveUpMessage(gaveUp.regex, gaveUp.reason, on: "property name")
                        + "; whether the property is additional is unknown")
                guard context.collectsErrors else { return false }
                continue
            }
            context.noteEvaluated(property: member.key)
            if schema.constant == false {
                guard context.collectsErrors else { return false }
                valid = false
                context.report(site, child: .key(member.key), "property \(JSONWriter.quoted(member.key)) is not allowed (no additional properties)")
                continue
            }
            if !context.descend(schema, member.value, via: "/additionalProperties", at: .key(member.key)) {
                valid = false
                if !context.collectsErrors { return false }
            }
        }
        return valid
    }
}

/// `propertyNames`: every member name, as a string instance, is valid against the schema.
final class PropertyNamesKeyword: Keyword {
    let schema: SchemaNode

    init(schema: SchemaNode) {
        self.schema = schema
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        if case .bool(true) = value.kind { return nil }
        return PropertyNamesKeyword(schema: c.subschema(["propertyNames"]))
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        guard case .object(let object) = instance.kind else { return true }
        var valid = true
        for member in object.members {
            if !context.descend(schema, JSONValue(.string(member.key)), via: "/propertyNames", at: .key(member.key)) {
                valid = false
                if !context.collectsErrors { return false }
            }
        }
        return valid
    }
}

/// `dependentSchemas`: when an object has member `k`, the whole object is valid against `k`'s schema.
final class DependentSchemasKeyword: Keyword {
    let dependencies: [(String, SchemaNode, String)]

    init(dependencies: [(String, SchemaNode, String)]) {
        self.dependencies = dependencies
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        guard let object = value.objectValue else {
            c.invalid("dependentSchemas", value, "an object of schemas")
            return nil
        }
        let deps = object.members.map { ($0.key, c.subschema(["dependentSchemas", $0.key]), KeywordCompilationContext.fragment("dependentSchemas", $0.key)) }
        return deps.isEmpty ? nil : DependentSchemasKeyword(dependencies: deps)
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        guard case .object(let object) = instance.kind else { return true }
        var valid = true
        for (trigger, schema, fragment) in dependencies where object.indexOf(trigger) != nil {
            if !context.descend(schema, instance, via: fragment) {
                valid = false
                if !context.collectsErrors { return false }
            }
        }
        return valid
    }
}

/// The message for a search the regex engine abandoned, e.g. `pattern /^(a+)+$/ could not be
/// evaluated on this value: the regex engine gave up after 5000000 steps`.
func regexGaveUpMessage(_ regex: ECMARegex, _ reason: ECMARegex.GaveUp, on what: String = "value") -> String {
    "pattern /\(regex.pattern)/ could not be evaluated on this \(what): \(reason)"
}

/// Compiles a pattern, reporting a located diagnostic when it is not a valid ECMA-262 regex.
func compileRegex(_ pattern: String, at location: SourceLocation, in c: KeywordCompilationContext) -> ECMARegex? {
    do {
        // Real OpenAPI documents use PCRE-isms (`\-`, `[\w-.]`) that ECMA's Unicode mode rejects.
        return try ECMARegex(pattern, lenient: c.dialect.isOpenAPI)
    } catch {
        c.compiler.diagnose(SourceError(code: "schema.invalid-pattern", message: "invalid regular expression \(JSONWriter.quoted(pattern)): \(error)", location: location))
        return nil
    }
}
