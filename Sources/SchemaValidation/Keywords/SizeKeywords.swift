import SpecSource

/// `minLength`/`maxLength` (Unicode code points), `minItems`/`maxItems`, `minProperties`/
/// `maxProperties`: one rule, "the instance's size is within a bound", over three kinds of size.
final class SizeKeyword: Keyword {
    enum Measure: Sendable { case length, items, properties }
    let measure: Measure
    let limit: Int
    let isMinimum: Bool
    let site: KeywordSite

    init(measure: Measure, limit: Int, isMinimum: Bool, site: KeywordSite) {
        self.measure = measure
        self.limit = limit
        self.isMinimum = isMinimum
        self.site = site
    }

    static func factory(_ name: String, _ measure: Measure, isMinimum: Bool) -> KeywordFactory {
        { c, value in
            guard let limit = c.nonNegativeInteger(name, value) else { return nil }
            if isMinimum && limit == 0 { return nil }
            return SizeKeyword(measure: measure, limit: limit, isMinimum: isMinimum, site: c.site(name))
        }
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        let size: Int
        switch (measure, instance.kind) {
        case (.length, .string(let s)):
            let bytes = s.utf8.count
            // Code points lie between bytes/4 and bytes: decide without counting when possible.
            if isMinimum ? bytes / 4 >= limit : bytes <= limit { return true }
            size = s.unicodeScalars.count
        case (.items, .array(let a)): size = a.count
        case (.properties, .object(let o)): size = o.count
        default: return true
        }
        if isMinimum ? size >= limit : size <= limit { return true }
        if context.collectsErrors {
            let unit: String
            switch measure {
            case .length: unit = limit == 1 ? "character" : "characters"
            case .items: unit = limit == 1 ? "item" : "items"
            case .properties: unit = limit == 1 ? "property" : "properties"
            }
            let what = measure == .length ? describeValue(instance, limit: 40) + " is" : "has \(size)"
            let bound = isMinimum ? "at least" : "at most"
            if measure == .length {
                context.report(site, "\(what) \(size) characters long; expected \(bound) \(limit) \(unit)")
            } else {
                context.report(site, "\(instance.typeName) \(what) \(measure == .items ? "items" : "properties"); expected \(bound) \(limit) \(unit)")
            }
        }
        return false
    }
}

/// `pattern`: a string instance matches the ECMA-262 regular expression (unanchored search).
final class PatternKeyword: Keyword {
    let regex: ECMARegex
    let site: KeywordSite

    init(regex: ECMARegex, site: KeywordSite) {
        self.regex = regex
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> (any Keyword)? {
        guard let pattern = value.stringValue else {
            c.invalid("pattern", value, "a string")
            return nil
        }
        guard let regex = compileRegex(pattern, at: value.location, in: c) else { return nil }
        return PatternKeyword(regex: regex, site: c.site("pattern"))
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        guard case .string(let s) = instance.kind else { return true }
        switch regex.search(s) {
        case .match:
            return true
        case .noMatch:
            if context.collectsErrors {
                context.report(site, "\(describeValue(instance)) does not match the pattern \(JSONWriter.quoted(regex.pattern))")
            }
        case .gaveUp(let reason):
            // Unknown is not "does not match": report it as what it is.
            context.reportUndecided(site, regexGaveUpMessage(regex, reason))
        }
        return false
    }
}
