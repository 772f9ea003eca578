import SchemaValidation
import SpecSource
import Testing

/// Building a message is bounded: a 5 MB value is never serialized beyond what the message shows,
/// and the suggestions that compare names give up on long ones. Asserted by counting, never by
/// timing.
@Suite("Messages: bounded work for huge values")
struct MessageBoundTests {
    static let fiveMB = 5 << 20
    static let huge = String(repeating: "a", count: fiveMB)

    @Test func thePreviewStopsSerializingAtItsLimit() {
        var preview = ValuePreview(limit: 80)
        preview.write(.string(Self.huge))
        #expect(preview.isTruncated)
        #expect(preview.scalarsWritten == 80)
        #expect(preview.text.unicodeScalars.count == 80)
        #expect(preview.finished.unicodeScalars.count == 80 && preview.finished.hasSuffix("…"))

        // A 5 MB array of numbers: stops after the first few elements.
        var array = ValuePreview(limit: 40)
        array.write(.array(Array(repeating: .number(JSONNumber(123_456)), count: Self.fiveMB / 6)))
        #expect(array.isTruncated && array.scalarsWritten == 40)
        #expect(array.text == String(("[" + Array(repeating: "123456", count: 10).joined(separator: ",")).prefix(40)))

        // An object whose member name is 5 MB.
        var object = ValuePreview(limit: 30)
        object.write(JSONValue(.object(JSONObject([.init(key: Self.huge, value: .null)]))))
        #expect(object.isTruncated && object.scalarsWritten == 30)
    }

    /// Every limit gives the compact JSON text cut to that many scalars, the last one replaced by
    /// `…` when cut: the whole-token and whole-prefix shortcuts write what scalar-by-scalar would.
    @Test func everyLimitCutsTheJSONTextAtThatManyScalars() {
        let values: [JSONValue] = [
            .string(""), .string("abc"), .string("héllo wörld ✓ 😀 and more text"), .null, .bool(false),
            .object(["name": .string("vidéo ✓"), "n": .array([.bool(true), .null, .string(""), .string("ab\"c")])]),
            .array([.array([]), .object([:]), .string("x")]),
        ]
        for value in values {
            let full = Array(JSONWriter.string(from: value).unicodeScalars)
            for limit in 1...(full.count + 2) {
                var expected = String(String.UnicodeScalarView(full.prefix(limit)))
                if full.count > limit { expected = String(String.UnicodeScalarView(full.prefix(limit - 1))) + "…" }
                #expect(ValuePreview.text(of: value, limit: limit) == expected, "\(JSONWriter.string(from: value)) at \(limit)")
            }
        }
    }

    @Test func shortValuesAreWrittenWholeAndEscapedAsJSONWriterDoes() {
        let value = JSONValue.object(["a": .string("line\nbreak \"q\" \u{1B} \u{2028}"), "b": .array([.bool(true), .null])])
        #expect(ValuePreview.text(of: value, limit: 200) == JSONWriter.string(from: value))
        var exact = ValuePreview(limit: 5)
        exact.write(.string("abc"))
        #expect(!exact.isTruncated && exact.finished == "\"abc\"")
        #expect(ValuePreview.text(of: .string("abcdef"), limit: 5) == "\"abc…")
        // Limits count scalars, not bytes, on either side of the whole-string fast path.
        #expect(ValuePreview.text(of: .string("éé"), limit: 4) == "\"éé\"")
        #expect(ValuePreview.text(of: .string("éééé"), limit: 6) == "\"éééé\"")
        #expect(ValuePreview.text(of: .string("éééé"), limit: 5) == "\"ééé…")
        #expect(ValuePreview.text(of: .string("abcd"), limit: 6) == "\"abcd\"")
        #expect(ValuePreview.text(of: .string("a\"c"), limit: 6) == "\"a\\\"c\"")
    }

    /// Every keyword that quotes the instance in its message, against a 5 MB string (or a 5 MB
    /// member name): each message stays short, so nothing near the value's size was built.
    @Test(arguments: [
        #"{"type": "integer"}"#,
        #"{"enum": ["aaaa", "b"]}"#,
        #"{"const": "aaab"}"#,
        #"{"format": "date-time"}"#,
        #"{"format": "uri"}"#,
        #"{"maxLength": 3}"#,
        #"{"not": {"type": "string"}}"#,
        #"{"anyOf": [{"type": "integer"}, {"type": "boolean"}]}"#,
        #"{"pattern": "^b"}"#,
    ])
    func aHugeFailingValueMakesAShortMessage(_ schemaText: String) throws {
        let schema = try Schema.compile(SourceLoader.parse(schemaText, format: .json))
        let result = schema.validate(.string(Self.huge))
        #expect(!result.isValid)
        for error in result.errors {
            #expect(error.message.utf8.count < 600, "\(schemaText): \(error.message.utf8.count) bytes")
        }
    }

    @Test(arguments: [
        #"{"additionalProperties": false, "properties": {"aaaa": {}}}"#,
        #"{"unevaluatedProperties": false, "properties": {"aaaa": {}}}"#,
        #"{"required": ["aaaa"]}"#,
        #"{"propertyNames": {"maxLength": 3}}"#,
    ])
    func aHugeMemberNameMakesAShortMessage(_ schemaText: String) throws {
        let schema = try Schema.compile(SourceLoader.parse(schemaText, format: .json))
        let instance = JSONValue(.object(JSONObject([.init(key: Self.huge, value: .number(JSONNumber(1)))])))
        let result = schema.validate(instance)
        #expect(!result.isValid)
        for error in result.errors {
            #expect(error.message.utf8.count < 600, "\(schemaText): \(error.message.utf8.count) bytes")
            #expect(error.instanceLocation.utf8.count <= Self.fiveMB + 1)
        }
    }

    @Test func suggestionsSkipLongNames() {
        #expect(NameSuggestion.nearest(to: Self.huge, among: [String(Self.huge.dropLast())]) == nil)
        #expect(NameSuggestion.nearest(to: "aspectRatio", among: ["prompt", "aspect_ratio"]) == "aspect_ratio")
        #expect(NameSuggestion.nearest(to: "promt", among: ["prompt", "model"]) == "prompt")
        #expect(NameSuggestion.nearest(to: "recieve", among: ["receive"]) == "receive")  // transposition
        #expect(NameSuggestion.nearest(to: "colour", among: ["prompt", "model"]) == nil)
        #expect(NameSuggestion.nearest(to: "ab", among: ["ac"]) == nil)  // too short to guess
        #expect(NameSuggestion.nearest(to: "A-B", among: ["a_b"]) == "a_b")
    }
}
