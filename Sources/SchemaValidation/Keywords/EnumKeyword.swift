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
        // The string-set fast path is exact only for ASCII (Swift's `String ==` is canonical
        // equivalence); other lists use the JSON-equality set.
        let allStrings = values.allSatisfy { $0.stringValue.map { $0.utf8.allSatisfy { $0 < 0x80 } } ?? false }
        return EnumKeyword(
            values: values,
            hashed: !allStrings && values.count > 2 ? Set(values) : nil,
            strings: allStrings ? Set(values.compactMap(\.stringValue)) : nil,
            site: c.site("enum"))
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        let found: Bool
        if let strings {
            if let s = instance.stringValue, let i = strings.firstIndex(of: s) {
                // The set matched by canonical equivalence; an ASCII value is equivalent to another
                // string of the same UTF-8 length only if they are identical (non-ASCII scalars that
                // decompose to ASCII are longer), so comparing lengths makes the match exact.
                found = strings[i].utf8.count == s.utf8.count
            } else {
                found = false
            }
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
