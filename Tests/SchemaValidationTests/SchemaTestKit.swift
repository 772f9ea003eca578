import Foundation
import SchemaValidation
import SpecSource
import Testing

/// One schema/instance pair and whether the instance must be valid.
struct KeywordCase: Sendable, CustomTestStringConvertible {
    let schema: String
    let instance: String
    let valid: Bool
    let dialect: Dialect?
    /// The keyword that must be named by an error when `valid` is false.
    let keyword: String?

    init(_ schema: String, _ instance: String, _ valid: Bool, dialect: Dialect? = nil, keyword: String? = nil) {
        self.schema = schema
        self.instance = instance
        self.valid = valid
        self.dialect = dialect
        self.keyword = keyword
    }

    var testDescription: String {
        "\(dialect.map { "[\($0.name)] " } ?? "")\(schema) ← \(instance) (\(valid ? "valid" : "invalid"))"
    }
}

/// Helpers shared by the SchemaValidation suites (namespaced to avoid clashes with other files).
enum SchemaTestKit {
    static func json(_ text: String) throws -> JSONValue {
        try SourceLoader.parse(text, format: .json)
    }

    static func yaml(_ text: String, file: String) throws -> JSONValue {
        try SourceLoader.parse(text, format: .yaml, file: SourceFileID.intern(file))
    }

    static func compile(_ schema: String, dialect: Dialect? = nil, options: SchemaOptions = SchemaOptions()) throws -> Schema {
        try Schema.compile(json(schema), dialect: dialect, options: options)
    }

    /// The codes schemas report (`ErrorCatalogue.schema`).
    static let schemaCodes = Set(ErrorCatalogue.schema.map(\.code))

    /// Validates, checking that `isValid` agrees with `validate`, that no error is listed twice and
    /// that every error's code is in the catalogue.
    static func validate(_ schema: Schema, _ instance: JSONValue, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        -> ValidationResult
    {
        let result = schema.validate(instance)
        #expect(schema.isValid(instance) == result.isValid, "isValid disagrees with validate().isValid", sourceLocation: sourceLocation)
        #expect(Set(result.errors).count == result.errors.count, "duplicate errors: \(result.errors)", sourceLocation: sourceLocation)
        for error in result.errors where !schemaCodes.contains(error.code) {
            Issue.record("error code \(error.code) is not in ErrorCatalogue.schema: \(error)", sourceLocation: sourceLocation)
        }
        return result
    }

    /// Checks that `schema` gives `value` the outcome `reference` gives it: the same `isValid`
    /// verdict and the same errors (codes, instance and keyword locations, messages), for a
    /// faster path compared against the path it replaces.
    static func expectSameOutcome(
        _ schema: Schema, as reference: Schema, on value: JSONValue, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        #expect(schema.isValid(value) == reference.isValid(value), sourceLocation: sourceLocation)
        let expected = validate(reference, value, sourceLocation: sourceLocation).errors
        let result = validate(schema, value, sourceLocation: sourceLocation).errors
        #expect(result.map(\.code) == expected.map(\.code), sourceLocation: sourceLocation)
        #expect(result.map(\.instanceLocation) == expected.map(\.instanceLocation), sourceLocation: sourceLocation)
        #expect(result.map(\.keywordLocation) == expected.map(\.keywordLocation), sourceLocation: sourceLocation)
        #expect(result.map(\.message) == expected.map(\.message), sourceLocation: sourceLocation)
    }

    static func validate(_ schema: Schema, _ instance: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> ValidationResult
    {
        validate(schema, try json(instance), sourceLocation: sourceLocation)
    }

    /// Compiles and validates a case, checking validity, agreement and the reported keyword.
    static func run(_ c: KeywordCase, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let schema = try compile(c.schema, dialect: c.dialect)
        let result = try validate(schema, c.instance, sourceLocation: sourceLocation)
        #expect(result.isValid == c.valid, "\(c.testDescription): \(result)", sourceLocation: sourceLocation)
        if !c.valid, let keyword = c.keyword {
            #expect(
                result.errors.contains { $0.keyword == keyword }, "expected a \(keyword) error, got \(result.errors.map(\.keyword))",
                sourceLocation: sourceLocation)
        }
    }

    /// The errors thrown by compiling `schema`, or `nil` when it compiles.
    static func compileErrors(_ schema: String, dialect: Dialect? = nil, options: SchemaOptions = SchemaOptions()) throws -> [SourceError]?
    {
        let value = try json(schema)
        do {
            _ = try Schema.compile(value, dialect: dialect, options: options)
            return nil
        } catch {
            return error.errors
        }
    }

    /// The `isValid` verdicts of `fast` and `reference` on objects nested `levels` deep through
    /// `"next"` members, the innermost holding `key: innermost` (`{"next": {"next": … {key:
    /// innermost}}}`), for schemas whose `next` recurses to the root: with levels around 2,500
    /// the innermost value is reached around the walk's depth limit (two schema applications a
    /// level). Run on a thread with a large stack.
    static func verdictsNearTheDepthLimit(
        _ fast: Schema, _ reference: Schema, levels: ClosedRange<Int>, keys: [String], innermost: JSONValue
    ) -> [(fast: Bool, reference: Bool)] {
        final class Verdicts: @unchecked Sendable { var list: [(fast: Bool, reference: Bool)] = [] }
        let verdicts = Verdicts()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            for depth in levels {
                for key in keys {
                    var value = JSONValue(.object(JSONObject([.init(key: key, value: innermost)])))
                    for _ in 0..<depth { value = JSONValue(.object(JSONObject([.init(key: "next", value: value)]))) }
                    verdicts.list.append((fast.isValid(value), reference.isValid(value)))
                }
            }
            done.signal()
        }
        thread.stackSize = 1 << 29
        thread.start()
        done.wait()
        return verdicts.list
    }
}
