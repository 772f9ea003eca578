import SpecSource
import Testing

@testable import SchemaValidation

/// `anyOf`/`oneOf` branches ruled out by a tag property are not tried (`TagDispatch`): the
/// verdicts, errors and annotations are those of trying every branch.
@Suite("tag dispatch")
struct TagDispatchTests {
    /// Three tagged branches (one requiring the tag, one not, one requiring another member), one
    /// untagged, and `unevaluatedProperties`, which reads the annotations of the branches that pass.
    static func schema(_ choice: String) -> String {
        #"""
        {"$schema":"https://json-schema.org/draft/2020-12/schema",
         "\#(choice)":[
          {"properties":{"kind":{"const":"a"},"x":{"type":"integer"}},"required":["kind"]},
          {"properties":{"kind":{"enum":["b","c"]},"y":{"type":"string"}}},
          {"$ref":"#/$defs/c"},
          {"properties":{"other":{"const":1}},"required":["other"]}
         ],
         "unevaluatedProperties":false,
         "$defs":{"c":{"properties":{"kind":{"const":"c"},"z":{"type":"boolean"}},"required":["kind","z"]}}}
        """#
    }

    static let instances = [
        #"{"kind":"a","x":1}"#, #"{"kind":"a","x":"1"}"#, #"{"kind":"a","y":"s"}"#, #"{"kind":"b","y":"s"}"#,
        #"{"kind":"c","z":true}"#, #"{"kind":"c"}"#, #"{"kind":"c","z":true,"y":"s"}"#, #"{"kind":"d"}"#, #"{"kind":5}"#,
        "{}", #"{"y":"s"}"#, #"{"other":1}"#, #"{"other":1,"kind":"a"}"#, #"{"other":2,"kind":"a","x":1}"#,
        #"{"kind":"b","q":1}"#, "5", "[]", "null", #""a""#,
    ]

    /// The root's choice keyword.
    static func choice(_ schema: Schema) -> ChoiceKeyword? {
        schema.root.keywords.lazy.compactMap { $0 as? ChoiceKeyword }.first
    }

    /// `schema` compiled twice: as compiled, and with the root's choice rebuilt without its dispatch.
    static func pair(_ text: String) throws -> (dispatched: Schema, plain: Schema) {
        let dispatched = try SchemaTestKit.compile(text)
        let plain = try SchemaTestKit.compile(text)
        let root = plain.root
        let i = try #require(root.keywords.firstIndex { $0 is ChoiceKeyword })
        let k = root.keywords[i] as! ChoiceKeyword
        root.keywords[i] = ChoiceKeyword(branches: k.branches, exactlyOne: k.exactlyOne, site: k.site)
        return (dispatched, plain)
    }

    @Test func theTagPropertyIsFoundAndBranchesAreSelected() throws {
        let schema = try SchemaTestKit.compile(Self.schema("oneOf"))
        let dispatch = try #require(Self.choice(schema)?.dispatch)
        #expect(dispatch.propertyName == "kind")
        func candidates(_ text: String) throws -> [Int]? {
            let value = try SchemaTestKit.json(text)
            return withUnsafePointer(to: value) { dispatch.candidates(for: $0) }
        }
        #expect(try candidates(#"{"kind":"a"}"#) == [0, 3])
        #expect(try candidates(#"{"kind":"c"}"#) == [1, 2, 3])
        #expect(try candidates(#"{"kind":"zzz"}"#) == [3])
        // Absent: the branches that do not require `kind`.
        #expect(try candidates(#"{"x":1}"#) == [1, 3])
        // Not a string, not an object: every branch.
        #expect(try candidates(#"{"kind":1}"#) == nil)
        #expect(try candidates("[]") == nil)
    }

    @Test(arguments: [
        // Two branches: not worth a lookup.
        #"{"oneOf":[{"properties":{"k":{"const":"a"}}},{"properties":{"k":{"const":"b"}}}]}"#,
        // No tags.
        #"{"anyOf":[{"type":"string"},{"type":"integer"},{"type":"object"}]}"#,
        // Only one branch tags the property.
        #"{"oneOf":[{"properties":{"k":{"const":"a"}}},{"type":"object"},{"minProperties":2}]}"#,
        // A tag hidden from the analysis (`not`): nothing is known.
        #"{"oneOf":[{"properties":{"k":{"not":{"not":{"const":"a"}}}}},{"properties":{"k":{"not":{"const":"a"}}}},{}]}"#,
    ])
    func noDispatchWhereNothingWouldBeSkipped(_ text: String) throws {
        #expect(Self.choice(try SchemaTestKit.compile(text))?.dispatch == nil)
    }

    /// `isValid`, the errors (codes, locations, messages) and the annotation-driven
    /// `unevaluatedProperties` agree with trying every branch.
    @Test(arguments: ["oneOf", "anyOf"], instances)
    func dispatchAgreesWithTryingEveryBranch(_ choice: String, _ instance: String) throws {
        let (dispatched, plain) = try Self.pair(Self.schema(choice))
        #expect(Self.choice(dispatched)?.dispatch != nil && Self.choice(plain)?.dispatch == nil)
        SchemaTestKit.expectSameOutcome(dispatched, as: plain, on: try SchemaTestKit.json(instance))
    }

    @Test func verdicts() throws {
        let schema = try SchemaTestKit.compile(Self.schema("oneOf"))
        #expect(schema.isValid(try SchemaTestKit.json(#"{"kind":"a","x":1}"#)))
        #expect(schema.isValid(try SchemaTestKit.json(#"{"kind":"b","y":"s"}"#)))
        // `c` matches branch 1 (enum b, c) and branch 2: not exactly one.
        #expect(!schema.isValid(try SchemaTestKit.json(#"{"kind":"c","z":true}"#)))
        #expect(!schema.isValid(try SchemaTestKit.json(#"{"kind":"a","x":"1"}"#)))
        // Only the untagged branch is left, and it fails; `unevaluatedProperties` then sees `kind`.
        #expect(!schema.isValid(try SchemaTestKit.json(#"{"kind":"d"}"#)))
        #expect(SchemaTestKit.validate(try SchemaTestKit.compile(Self.schema("anyOf")), try SchemaTestKit.json(#"{"other":1}"#)).isValid)
    }
}
