import Foundation
import GoldenFiles
import SchemaValidation
import SpecSource
import Testing

/// Golden messages: every hint kind (did-you-mean for `additionalProperties`,
/// `unevaluatedProperties` and `required`, the nearest enum value, format reasons, the `allOf`
/// and `nullable` notes, long values shortened) rendered for a small schema and instance, and
/// compared with `Golden/messages/<case>.txt`.
///
/// `SPEC_CHECK_GOLDEN_UPDATE=1 swift test --filter MessageGoldenTests` rewrites the files from
/// the current output (review the diff before committing it).
@Suite("Messages: golden files")
struct MessageGoldenTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let schema: String
        let instance: String
        var dialect: Dialect? = nil
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "additional-properties-did-you-mean",
            schema:
                #"{"type": "object", "properties": {"aspect_ratio": {"type": "string"}, "prompt": {"type": "string"}}, "additionalProperties": false}"#,
            instance: #"{"prompt": "sunset", "aspectRatio": "16:9", "colour": "red"}"#),
        Case(
            // `café` precomposed in the schema, `e` + U+0301 in the instance: equal to Swift's `==`,
            // two names to JSON. The messages say so instead of "did you mean" the same-looking name.
            name: "names-in-another-normalization",
            schema: "{\"required\": [\"caf\u{E9}\"], \"properties\": {\"caf\u{E9}\": {\"type\": \"integer\"}}, "
                + "\"additionalProperties\": false}",
            instance: "{\"cafe\u{301}\": 1}"),
        Case(
            name: "unevaluated-properties-did-you-mean",
            schema:
                ##"{"allOf": [{"properties": {"frame_type": {"type": "string"}}}, {"$ref": "#/$defs/Image"}], "unevaluatedProperties": false, "$defs": {"Image": {"properties": {"image_url": {"type": "string"}}}}}"##,
            instance: #"{"frameType": "first", "imageUrl": "https://x", "unrelated": 1}"#),
        Case(
            name: "required-near-miss",
            schema:
                #"{"type": "object", "required": ["prompt", "model"], "properties": {"prompt": {"type": "string"}, "model": {"type": "string"}, "seed": {"type": "integer"}}}"#,
            instance: #"{"promt": "sunset", "seed": 1}"#),
        Case(
            name: "enum-nearest",
            schema:
                #"{"properties": {"resolution": {"enum": ["480p", "720p", "1080p"]}, "mode": {"enum": ["standard", "fast"]}, "size": {"enum": ["small", "large"]}}}"#,
            instance: #"{"resolution": "1080P", "mode": "standrad", "size": "medium"}"#),
        Case(
            name: "format-reasons",
            schema:
                #"{"type": "array", "items": {"type": "object", "properties": {"at": {"format": "date-time"}, "uri": {"format": "uri"}, "day": {"format": "date"}, "ip": {"format": "ipv4"}, "id": {"format": "uuid"}, "host": {"format": "hostname"}, "mail": {"format": "email"}, "n": {"format": "int32"}}}}"#,
            instance:
                #"[{"at": "2024-05-01T10:00:00", "uri": "/videos/1", "day": "2023-02-29", "ip": "10.0.0.256", "id": "1234", "host": "-bad.example", "mail": "someone.example.com", "n": 3000000000}, {"at": "2024-05-01", "uri": "https://example.com/a b", "at2": 1}]"#,
            dialect: .openAPI31),
        Case(
            name: "all-of-hint",
            schema:
                #"{"allOf": [{"properties": {"id": {"type": "string"}}}], "properties": {"name": {"type": "string"}}, "additionalProperties": false}"#,
            instance: #"{"id": "v1", "name": "x", "nmae": "y"}"#),
        Case(
            name: "nullable-without-type",
            schema:
                #"{"properties": {"parent": {"nullable": true, "allOf": [{"type": "object"}]}, "tier": {"nullable": true, "enum": ["a", "b"]}, "size": {"nullable": true, "minimum": 1}}}"#,
            instance: #"{"parent": null, "tier": null, "size": null}"#, dialect: .openAPI30),
        Case(
            name: "nullable-beside-ref",
            schema:
                ##"{"properties": {"parent": {"$ref": "#/$defs/Short", "nullable": true}, "typed": {"$ref": "#/$defs/Short", "type": "string", "nullable": true}}, "$defs": {"Short": {"type": "string"}}}"##,
            instance: #"{"parent": null, "typed": null}"#, dialect: .openAPI30),
        Case(
            // Plaid's shapes: nullable lifts type, not the enum or the allOf beside it. An enum
            // that lists null needs no note (and accepts null).
            name: "nullable-beside-constraints",
            schema:
                ##"{"properties": {"subtype": {"type": "string", "nullable": true, "enum": ["401a", "ira"]}, "account": {"type": "object", "nullable": true, "allOf": [{"type": "object"}]}, "listed": {"type": "string", "nullable": true, "enum": ["a", null]}}}"##,
            instance: #"{"subtype": null, "account": null, "listed": null}"#, dialect: .openAPI30),
        Case(
            name: "long-values-shortened",
            schema: #"{"properties": {"a": {"type": "integer"}, "b": {"const": "short"}, "c": {"maxLength": 3}, "d": {"enum": ["x"]}}}"#,
            instance:
                "{\"a\": \"\(String(repeating: "long text ", count: 30))\", \"b\": [\(Array(repeating: "{\"k\": \"v\"}", count: 40).joined(separator: ","))], \"c\": \"\(String(repeating: "é", count: 200))\", \"d\": \"\(String(repeating: "y", count: 500))\"}"
        ),
    ]

    static let goldenSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/messages")

    /// `code instanceLocation: message`, one error per line.
    static func render(_ c: Case) throws -> String {
        let schema = try Schema.compile(SourceLoader.parse(c.schema, format: .json), dialect: c.dialect)
        let result = SchemaTestKit.validate(schema, try SourceLoader.parse(c.instance, format: .json))
        return result.errors.map { "\($0.code) \($0.instanceLocation.isEmpty ? "(root)" : $0.instanceLocation): \($0.message)" }
            .joined(separator: "\n") + "\n"
    }

    @Test(arguments: cases)
    func messageMatchesTheGoldenFile(_ c: Case) throws {
        let rendered = try Self.render(c)
        let file = Self.goldenSource.appendingPathComponent(c.name + ".txt")
        let mismatch = GoldenFile.mismatch(rendered, file: file)
        #expect(mismatch == nil, "\(c.name): \(mismatch ?? "")")
    }

    /// Hints never change a verdict: the same instances are invalid without them and `isValid`
    /// agrees (checked by `SchemaTestKit.validate`), and a valid instance stays valid.
    @Test func hintsDoNotChangeVerdicts() throws {
        let nullable = try Schema.compile(
            SourceLoader.parse(#"{"nullable": true, "allOf": [{"type": "object"}]}"#, format: .json), dialect: .openAPI30)
        #expect(nullable.isValid(try SourceLoader.parse("{}", format: .json)))
        #expect(!nullable.isValid(.null))
        #expect(nullable.validate(.null).errors.count == 1)
        // With type beside it, nullable works and no note is added.
        let typed = try Schema.compile(SourceLoader.parse(#"{"nullable": true, "type": "object"}"#, format: .json), dialect: .openAPI30)
        #expect(typed.isValid(.null))
        // Outside OpenAPI dialects, nullable is unknown: no note.
        let plain = try Schema.compile(SourceLoader.parse(#"{"nullable": true, "type": "object"}"#, format: .json), dialect: .draft2020_12)
        #expect(plain.validate(.null).errors.allSatisfy { !$0.message.contains("nullable") })
    }
}
