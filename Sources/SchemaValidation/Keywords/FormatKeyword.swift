import SpecSource

/// `format`: the instance is a well-formed value of the named format.
///
/// Formats are asserted by default (users of OpenAPI contracts expect `format: uri` to be checked);
/// ``SchemaOptions/FormatMode/annotate`` turns them into annotations as the 2020-12 default does.
/// Unknown formats always pass. The checker is looked up once, at compile time.
final class FormatKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "format", .all, vocabulary: .format, compile: compile,
        errors: [
            ErrorCode(
                "format", "the string is not a valid value of its `format`",
                "JSON Schema 2020-12 validation §7 (date-time: RFC 3339, email: RFC 5321, uri: RFC 3986, ...; int32/int64/float/double: OpenAPI). Formats are asserted by default; --formats annotate (SchemaOptions.formats) makes them annotations, as 2020-12 does by default. Unknown formats pass."
            )
        ])

    let name: String
    let checker: FormatChecker
    let site: KeywordSite

    init(name: String, checker: FormatChecker, site: KeywordSite) {
        self.name = name
        self.checker = checker
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard let name = value.stringValue else {
            c.invalid("format", value, "a string")
            return nil
        }
        guard c.options.formats == .assert || c.dialect.assertsFormat else { return nil }
        guard let checker = c.options.customFormats[name] ?? FormatChecker.builtin(name) else { return nil }
        return FormatKeyword(name: name, checker: checker, site: c.site("format"))
    }

    override var streamRole: StreamRole { checker.checkString != nil ? .scalarOnly : .unsupported }

    override var isContextFree: Bool { true }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        if let checkString = checker.checkString {
            if instance.pointee.withBorrowedString(checkString) ?? true { return true }
        } else if checker.check(instance.pointee) {
            return true
        }
        if context.collectsErrors {
            let reason = checker.isBuiltin ? FormatReason.reason(format: name, value: instance.pointee).map { ": " + $0 } ?? "" : ""
            context.report(site, "\(describeValue(instance.pointee)) is not a valid \(JSONWriter.quoted(name))\(reason)")
        }
        return false
    }
}

/// A check for one `format` value. Register your own through ``SchemaOptions/customFormats``.
public struct FormatChecker: Sendable {
    /// Returns whether the instance is well-formed; instances of types the format does not apply to
    /// must return `true`.
    public let check: @Sendable (JSONValue) -> Bool
    /// Whether this is a built-in checker, whose failures ``FormatReason`` can explain.
    var isBuiltin = false
    /// For a checker of strings only: the check of the string itself, which the validator calls
    /// on the instance's string in place (``check`` takes a copy of the value).
    var checkString: (@Sendable (String) -> Bool)?

    /// A checker over any instance.
    public init(_ check: @escaping @Sendable (JSONValue) -> Bool) { self.check = check }

    /// A checker for string instances (other types pass).
    public static func string(_ check: @escaping @Sendable (String) -> Bool) -> FormatChecker {
        var checker = FormatChecker { value in
            guard case .string(let s) = value.kind else { return true }
            return check(s)
        }
        checker.checkString = check
        return checker
    }

    /// A checker for number instances (other types pass).
    public static func number(_ check: @escaping @Sendable (JSONNumber) -> Bool) -> FormatChecker {
        FormatChecker { value in
            guard case .number(let n) = value.kind else { return true }
            return check(n)
        }
    }

    /// The built-in checker for `name`, if there is one.
    public static func builtin(_ name: String) -> FormatChecker? {
        var checker = numericFormats[name] ?? FormatCheckers.builtin[name].map { FormatChecker.string($0) }
        checker?.isBuiltin = true
        return checker
    }

    private static let int32Range = (JSONNumber(Int64(Int32.min)), JSONNumber(Int64(Int32.max)))
    private static let floatLimit = JSONNumber(Double(Float.greatestFiniteMagnitude))!
    private static let doubleLimit = JSONNumber(Double.greatestFiniteMagnitude)!

    /// OpenAPI's numeric formats: the value fits the named machine type.
    static let numericFormats: [String: FormatChecker] = [
        "int32": .number { n in n.isInteger && n >= int32Range.0 && n <= int32Range.1 },
        "int64": .number { n in n.int64Value != nil },
        "float": .number { n in n >= JSONNumber(0) ? n <= floatLimit : n >= -floatLimit },
        "double": .number { n in n >= JSONNumber(0) ? n <= doubleLimit : n >= -doubleLimit },
    ]
}
