import Foundation
import SchemaValidation
import SpecSource
import Testing

/// Golden error reports of invalid instances under nested `oneOf`/`anyOf` (tags, the furthest
/// branch, a nested discriminator, `unevaluatedProperties` after a choice), compared with
/// `Golden/choices/<case>.txt`. The files were written by the walk that tried every branch with
/// its errors; the walk that tries branches quietly first and builds the errors of the shown
/// branches only must report exactly the same.
///
/// `SPEC_CHECK_GOLDEN_UPDATE=1 swift test --filter ChoiceGoldenTests` rewrites the files from the
/// current output (review the diff before committing it).
@Suite("anyOf/oneOf error reports: golden files")
struct ChoiceGoldenTests {
    typealias Case = MessageGoldenTests.Case

    static let cases: [Case] = [
        Case(
            name: "nested-choice",
            schema: ##"""
                {"type": "array", "items": {"$ref": "#/$defs/shape"},
                 "$defs": {
                   "shape": {"oneOf": [
                     {"type": "object", "required": ["kind", "r"], "properties": {"kind": {"const": "circle"}, "r": {"$ref": "#/$defs/length"}}},
                     {"type": "object", "required": ["kind", "w", "h"],
                      "properties": {"kind": {"const": "rect"}, "w": {"$ref": "#/$defs/length"}, "h": {"$ref": "#/$defs/length"}}},
                     {"type": "object", "required": ["kind", "parts"],
                      "properties": {"kind": {"const": "group"}, "parts": {"type": "array", "items": {"$ref": "#/$defs/shape"}}}},
                     {"type": "string", "enum": ["dot"]}]},
                   "length": {"anyOf": [
                     {"type": "number", "minimum": 0},
                     {"type": "string", "pattern": "^[0-9]+(px|em)$"},
                     {"type": "object", "required": ["value", "unit"], "properties": {"value": {"type": "number"}, "unit": {"enum": ["px", "em"]}}}]}}}
                """##,
            instance: #"""
                [{"kind": "circle", "r": -1},
                 {"kind": "group", "parts": [{"kind": "rect", "w": "10pt", "h": {"value": "x", "unit": "cm"}}, "dot", "square",
                                             {"kind": "circle", "r": 3}, {"kind": "group", "parts": [{"kind": "circle"}, [1]]}]},
                 {"shape": "untagged", "w": 1},
                 7,
                 {"kind": "circle", "r": 1, "w": 1}]
                """#),
        Case(
            name: "nested-choice-discriminator",
            schema: ##"""
                {"type": "array", "items": {"$ref": "#/$defs/Pet"},
                 "$defs": {
                   "Pet": {"oneOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}, {"type": "object", "required": ["pet", "wild"]}],
                           "discriminator": {"propertyName": "pet", "mapping": {"cat": "#/$defs/Cat", "dog": "#/$defs/Dog"}}},
                   "Cat": {"type": "object", "required": ["pet", "lives"],
                           "properties": {"pet": {"const": "cat"}, "lives": {"anyOf": [{"type": "integer", "maximum": 9}, {"enum": ["nine"]}]}}},
                   "Dog": {"type": "object", "required": ["pet", "friends"],
                           "properties": {"pet": {"const": "dog"}, "friends": {"type": "array", "items": {"$ref": "#/$defs/Pet"}}}}}}
                """##,
            instance: #"""
                [{"pet": "cat", "lives": "ten"}, {"pet": "dog", "friends": [{"pet": "cat", "lives": 12}, {"pet": "fish"}, {"lives": 3}]},
                 {"pet": "dog"}, {"pet": "cat", "lives": 3}]
                """#,
            dialect: .openAPI31),
        Case(
            name: "choice-unevaluated",
            schema: ##"""
                {"type": "array", "items": {
                   "anyOf": [{"properties": {"a": {"type": "integer"}}}, {"properties": {"b": {"type": "string"}}}, {"required": ["c"]}],
                   "oneOf": [{"required": ["a"]}, {"required": ["z"], "properties": {"z": {"oneOf": [{"type": "integer"}, {"minimum": 3}]}}}],
                   "unevaluatedProperties": false}}
                """##,
            instance: #"[{"a": 1, "b": "x", "d": 1}, {"a": "no", "b": "x"}, {"a": 1, "z": 4}, {"z": 2, "b": 1}]"#),
    ]

    static let goldenSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/choices")

    /// `code instanceLocation keywordLocation: message`, one error per line.
    static func render(_ c: Case) throws -> String {
        let schema = try Schema.compile(SourceLoader.parse(c.schema, format: .json), dialect: c.dialect)
        let result = SchemaTestKit.validate(schema, try SourceLoader.parse(c.instance, format: .json))
        return result.errors.map {
            "\($0.code) \($0.instanceLocation.isEmpty ? "(root)" : $0.instanceLocation) \($0.keywordLocation): \($0.message)"
        }.joined(separator: "\n") + "\n"
    }

    @Test(arguments: cases)
    func reportMatchesTheGoldenFile(_ c: Case) throws {
        let rendered = try Self.render(c)
        let file = Self.goldenSource.appendingPathComponent(c.name + ".txt")
        if ProcessInfo.processInfo.environment["SPEC_CHECK_GOLDEN_UPDATE"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenSource, withIntermediateDirectories: true)
            try rendered.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(rendered == expected, "\(c.name):\n--- got\n\(rendered)--- expected\n\(expected)")
    }
}
