import SpecSource

/// `enum`: the instance equals one of the listed values (JSON equality; numbers by exact value).
/// Large lists are hashed once at compile time; all-string lists use a string set.
final class EnumKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "enum", .all, vocabulary: .validation, compile: compile,
        errors: [
            ErrorCode(
                "enum", "the value equals none of the values `enum` lists",
                "JSON Schema 2020-12 validation §6.1.2. Values compare as JSON: numbers by value (1 equals 1.0), objects whatever their member order, strings exactly (no case folding)."
            )
        ])

    let values: [JSONValue]
    let hashed: Set<JSONValue>?
    let strings: NameTable?
    let site: KeywordSite
    /// The values as error messages list them (built on the first error).
    private let listed = LazyText()

    init(values: [JSONValue], hashed: Set<JSONValue>?, strings: NameTable?, site: KeywordSite) {
        self.values = values
        self.hashed = hashed
        self.strings = strings
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard let values = value.arrayValue else {
            c.invalid("enum", value, "an array")
            return nil
        }
        // All-string lists (most of them) are looked up by exact bytes in a name table.
        let allStrings = values.allSatisfy { $0.stringValue != nil }
        return EnumKeyword(
            values: values,
            hashed: !allStrings && values.count > 2 ? Set(values) : nil,
            strings: allStrings ? NameTable(values.compactMap(\.stringValue)) : nil,
            site: c.site("enum"))
    }

    override var isContextFree: Bool { true }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        let found: Bool
        if let strings {
            found = instance.pointee.withBorrowedString { strings.contains($0) } ?? false
        } else if let hashed {
            found = hashed.contains(instance.pointee)
        } else {
            found = values.contains(instance.pointee)
        }
        if found { return true }
        if context.collectsErrors {
            // A one-value enum reads as a constant: `"done" must be "queued"`.
            var message =
                values.count == 1
                ? "\(describeValue(instance.pointee)) must be \(listed.get { describeList(values) })"
                : "\(describeValue(instance.pointee)) is not one of \(listed.get { describeList(values) })"
            if values.count > 1, let s = instance.stringValue,
                let near = NameSuggestion.nearest(to: s, among: values.lazy.compactMap(\.stringValue))
            {
                message += "; did you mean \(ValuePreview.quoted(near))?"
            }
            context.report(site, message)
        }
        return false
    }
}
