import SchemaValidation
import SpecSource
import Testing

/// Schemas that many in-place paths lead to are evaluated once per instance location.
@Suite("In-place fan-out")
struct FanOutTests {
    /// `A0` is `leaf`; `A<i>: allOf: [A<i-1>, A<i-1>]`: 2^levels paths from the root to `A0`.
    static func fanOut(levels: Int, leaf: String, root: String? = nil) -> String {
        var defs = ["\"A0\":" + leaf]
        for i in 1...levels {
            defs.append("\"A\(i)\":{\"allOf\":[{\"$ref\":\"#/$defs/A\(i - 1)\"},{\"$ref\":\"#/$defs/A\(i - 1)\"}]}")
        }
        let rootMembers = root ?? "\"$ref\":\"#/$defs/A\(levels)\""
        return "{\"$defs\":{" + defs.joined(separator: ",") + "}," + rootMembers + "}"
    }

    @Test func exponentialFanOutValidatesInLinearWork() throws {
        // 2^60 paths: only memoisation makes this finish.
        let schema = try SchemaTestKit.compile(Self.fanOut(levels: 60, leaf: #"{"type":"object","required":["a"]}"#))
        #expect(try SchemaTestKit.validate(schema, #"{"a":1}"#).isValid)
        #expect(schema.isValid(try SchemaTestKit.json("1")) == false)
        let result = try SchemaTestKit.validate(schema, "1")
        #expect(result.errors.map(\.keyword) == ["type"], "\(result)")
        let missing = try SchemaTestKit.validate(schema, "{}")
        #expect(missing.errors.map(\.message) == [#"missing required property "a""#], "\(missing)")
        #expect(missing.errors.first?.keywordLocation == "/$ref" + String(repeating: "/allOf/0/$ref", count: 60) + "/required")
    }

    @Test func errorsOfAMemoisedNodeSurviveAFailedAnyOfBranch() throws {
        // A5 is first evaluated inside anyOf (whose failing branches' errors are set aside), then
        // reached again through allOf: its errors must still be reported there.
        let schema = try SchemaTestKit.compile(
            Self.fanOut(
                levels: 5, leaf: #"{"type":"object"}"#,
                root: ##""anyOf":[{"$ref":"#/$defs/A5"},{"type":"string"}],"allOf":[{"$ref":"#/$defs/A5"}]"##))
        let result = try SchemaTestKit.validate(schema, "1")
        #expect(result.errors.contains { $0.keyword == "type" && $0.absoluteKeywordLocation.hasSuffix("#/$defs/A0/type") }, "\(result)")
        #expect(result.errors.contains { $0.keyword == "anyOf" }, "\(result)")
        #expect(try SchemaTestKit.validate(schema, "{}").isValid)
        #expect(!schema.isValid(try SchemaTestKit.json(#""s""#)))
    }

    @Test func fanOutUnderUnevaluatedPropertiesStillCollectsAnnotations() throws {
        // Annotations are collected at the root (unevaluatedProperties), so nothing is reused there;
        // the verdicts stay those of plain evaluation.
        let schema = try SchemaTestKit.compile(
            Self.fanOut(
                levels: 12, leaf: #"{"properties":{"a":true}}"#,
                root: ##""$ref":"#/$defs/A12","unevaluatedProperties":false"##))
        #expect(try SchemaTestKit.validate(schema, #"{"a":1}"#).isValid)
        #expect(try SchemaTestKit.validate(schema, #"{"a":1,"b":2}"#).errors.map(\.instanceLocation) == ["/b"])
    }
}
