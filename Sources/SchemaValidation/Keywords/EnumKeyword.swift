import SpecSource

/// `enum`: the instance equals one of the listed values (JSON equality; numbers by exact value).
/// Large lists are hashed once at compile time; all-string lists use a string set.
struct EnumKeyword: Keyword {
    let values: [JSONValue]
    let hashed: Set<JSONValue>?
    let strings: Set<String>?
    let site: KeywordSite

    static func compile(_ c: inout KeywordCompiler, _ value: JSONValue) -> (any Keyword)? {
        guard let values = value.arrayValue else {
            c.invalid("enum", value, "an array")
            return nil
        }
        let allStrings = values.allSatisfy { $0.stringValue != nil }
        return EnumKeyword(
            values: values,
            hashed: !allStrings && values.count > 4 ? Set(values) : nil,
            strings: allStrings ? Set(values.compactMap(\.stringValue)) : nil,
            site: c.site("enum"))
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        let found: Bool
        if let strings {
            if let s = instance.stringValue { found = strings.contains(s) } else { found = false }
        } else if let hashed {
            found = hashed.contains(instance)
        } else {
            found = values.contains(instance)
        }
        if found { return true }
        if context.collectsErrors {
            context.report(site, "\(describeValue(instance)) is not one of \(describeList(values))")
        }
        return false
    }
}

/// `const`: the instance equals the value.
struct ConstKeyword: Keyword {
    let value: JSONValue
    let site: KeywordSite

    static func compile(_ c: inout KeywordCompiler, _ value: JSONValue) -> (any Keyword)? {
        ConstKeyword(value: value, site: c.site("const"))
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        if instance == value { return true }
        if context.collectsErrors {
            context.report(site, "expected \(describeValue(value)), found \(describeValue(instance))")
        }
        return false
    }
}
