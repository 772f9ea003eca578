import SpecSource

/// `minLength`/`maxLength` (Unicode code points), `minItems`/`maxItems`, `minProperties`/
/// `maxProperties`: one rule, "the instance's size is within a bound", over three kinds of size.
final class SizeKeyword: Keyword, @unchecked Sendable {
    static let minLength = KeywordDefinition(
        "minLength", .all, vocabulary: .validation, compile: factory("minLength", .length, isMinimum: true),
        errors: [
            ErrorCode(
                "minLength", "the string is shorter than `minLength`",
                "JSON Schema 2020-12 validation §6.3.2. Length counts Unicode code points, not bytes or UTF-16 units.")
        ])
    static let maxLength = KeywordDefinition(
        "maxLength", .all, vocabulary: .validation, compile: factory("maxLength", .length, isMinimum: false),
        errors: [
            ErrorCode(
                "maxLength", "the string is longer than `maxLength`",
                "JSON Schema 2020-12 validation §6.3.1. Length counts Unicode code points, not bytes or UTF-16 units.")
        ])
    static let minItems = KeywordDefinition(
        "minItems", .all, vocabulary: .validation, compile: factory("minItems", .items, isMinimum: true),
        errors: [
            ErrorCode(
                "minItems", "the array has fewer items than `minItems`",
                "JSON Schema 2020-12 validation §6.4.2.")
        ])
    static let maxItems = KeywordDefinition(
        "maxItems", .all, vocabulary: .validation, compile: factory("maxItems", .items, isMinimum: false),
        errors: [
            ErrorCode(
                "maxItems", "the array has more items than `maxItems`",
                "JSON Schema 2020-12 validation §6.4.1.")
        ])
    static let minProperties = KeywordDefinition(
        "minProperties", .all, vocabulary: .validation,
        compile: factory("minProperties", .properties, isMinimum: true),
        errors: [
            ErrorCode(
                "minProperties", "the object has fewer members than `minProperties`",
                "JSON Schema 2020-12 validation §6.5.2.")
        ])
    static let maxProperties = KeywordDefinition(
        "maxProperties", .all, vocabulary: .validation,
        compile: factory("maxProperties", .properties, isMinimum: false),
        errors: [
            ErrorCode(
                "maxProperties", "the object has more members than `maxProperties`",
                "JSON Schema 2020-12 validation §6.5.1.")
        ])

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

    override var streamRole: StreamRole { .size }

    override var isContextFree: Bool { true }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
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
            let bound = isMinimum ? "at least" : "at most"
            if measure == .length {
                context.report(
                    site,
                    "\(describeValue(instance.pointee, limit: 40)) is \(counted(size, "character")) long; expected \(bound) \(limit) \(unit)"
                )
            } else {
                context.report(
                    site,
                    "\(instance.typeName) has \(measure == .items ? counted(size, "item") : counted(size, "property", "properties")); expected \(bound) \(limit) \(unit)"
                )
            }
        }
        return false
    }
}
