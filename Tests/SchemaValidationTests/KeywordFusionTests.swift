import Foundation
import SpecSource
import Testing

@testable import SchemaValidation

/// `properties` directly followed by `required` run as one keyword in the walk
/// (`KeywordFusion`): same verdicts, same reports, same undecided answers as the two keywords.
@Suite("keyword fusion")
struct KeywordFusionTests {
    /// The keywords the walk runs at the root of `schema`.
    static func walked(_ schema: Schema) -> [Keyword] {
        schema.root.walkedKeywords.map { $0.takeUnretainedValue() }
    }

    static func isFused(_ schema: Schema) -> Bool { walked(schema).contains { $0 is PropertiesAndRequired } }

    /// A schema with `properties`, then `required` listing `required`, then `type`.
    static func schema(properties: [String], required: [String]) -> String {
        let listed = properties.map { "\"\($0)\":{\"type\":\"integer\"}" }.joined(separator: ",")
        let names = required.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"properties":{\#(listed)},"required":[\#(names)],"type":"object"}"#
    }

    /// The same schema with a keyword that never fails between `properties` and `required`, which
    /// keeps them apart (the walk then runs them as written).
    static func unfused(_ fused: String) -> String {
        fused.replacingOccurrences(of: #","required":"#, with: #","maxProperties":1000000,"required":"#)
    }

    @Test func propertiesFollowedByRequiredAreFusedInTheWalkOnly() throws {
        let schema = try SchemaTestKit.compile(Self.schema(properties: ["a", "b"], required: ["a"]))
        #expect(schema.root.keywords.count == 3)
        let walked = Self.walked(schema)
        #expect(walked.count == 2)
        #expect(walked.first is PropertiesAndRequired)
        #expect(walked.last is TypeKeyword)
        #expect(!Self.isFused(try SchemaTestKit.compile(Self.unfused(Self.schema(properties: ["a"], required: ["a"])))))
    }

    @Test(arguments: [
        // `required` first: the written order fails a missing member before any property schema.
        #"{"required":["a"],"properties":{"a":{"type":"integer"}}}"#,
        // A required name `properties` does not list.
        #"{"properties":{"a":{"type":"integer"}},"required":["a","z"]}"#,
        // Not next to each other.
        #"{"properties":{"a":{"type":"integer"}},"type":"object","required":["a"]}"#,
    ])
    func otherShapesAreNotFused(_ text: String) throws {
        let schema = try SchemaTestKit.compile(text)
        #expect(!Self.isFused(schema))
        #expect(Self.walked(schema).count == schema.root.keywords.count)
    }

    static let fusedSchema = #"{"properties":{"a":{"type":"integer"},"b":{"type":"string"},"c":{}},"required":["a","b","a"]}"#

    static let instances = [
        #"{"a":1,"b":"x"}"#, #"{"a":1,"b":"x","c":null,"z":[]}"#, #"{"a":1}"#, #"{"b":"x","c":0}"#, "{}", #"{"a":"1","b":"x"}"#,
        #"{"a":"1"}"#, #"{"z":1}"#, "5", #""a""#, "[1]", "null",
    ]

    /// Verdicts and reports, fused and as written, agree, and `isValid` agrees with `validate`.
    @Test(arguments: instances)
    func fusedAndWrittenOrderAgree(_ instance: String) throws {
        let fused = try SchemaTestKit.compile(Self.fusedSchema)
        let written = try SchemaTestKit.compile(Self.unfused(Self.fusedSchema))
        #expect(Self.isFused(fused) && !Self.isFused(written))
        SchemaTestKit.expectSameOutcome(fused, as: written, on: try SchemaTestKit.json(instance))
    }

    @Test func verdicts() throws {
        let schema = try SchemaTestKit.compile(Self.fusedSchema)
        #expect(schema.isValid(try SchemaTestKit.json(#"{"a":1,"b":"x"}"#)))
        #expect(!schema.isValid(try SchemaTestKit.json(#"{"a":1,"c":2}"#)))
        #expect(!schema.isValid(try SchemaTestKit.json(#"{"a":"1","b":"x"}"#)))
        // Both fail: the report lists the property's error, then the missing member, as written.
        let result = SchemaTestKit.validate(schema, try SchemaTestKit.json(#"{"a":"1"}"#))
        #expect(result.errors.map(\.code) == ["type", "required"])
        #expect(result.errors.map(\.instanceLocation) == ["/a", ""])
    }

    /// One bit per required name: 64 are fused, the 64th checked like the first; 65 are not fused.
    @Test(arguments: [64, 65])
    func manyRequiredNames(_ count: Int) throws {
        let names = (0..<count).map { "p\($0)" }
        let schema = try SchemaTestKit.compile(Self.schema(properties: names + ["extra"], required: names))
        #expect(Self.isFused(schema) == (count <= 64))
        let all = "{" + names.map { "\"\($0)\":1" }.joined(separator: ",") + "}"
        #expect(schema.isValid(try SchemaTestKit.json(all)))
        for missing in [names.first!, names.last!] {
            let instance = "{" + names.filter { $0 != missing }.map { "\"\($0)\":1" }.joined(separator: ",") + "}"
            let result = SchemaTestKit.validate(schema, try SchemaTestKit.json(instance))
            #expect(result.errors.map(\.code) == ["required"])
        }
    }

    /// A required name that is `readOnly` is not required in a request (asked of `required` when
    /// the fused pass finds it missing) and must be absent there.
    @Test func directionKeepsItsRules() throws {
        let schema = try SchemaTestKit.compile(
            #"{"properties":{"id":{"readOnly":true,"type":"integer"},"name":{"type":"string"}},"required":["id","name"]}"#)
        #expect(Self.isFused(schema))
        let request = schema.directed(.request)
        #expect(request.isValid(try SchemaTestKit.json(#"{"name":"x"}"#)))
        #expect(!request.isValid(try SchemaTestKit.json(#"{"id":1,"name":"x"}"#)))
        #expect(!request.isValid(try SchemaTestKit.json(#"{"id":1}"#)))
        #expect(SchemaTestKit.validate(request, try SchemaTestKit.json(#"{"id":1,"name":"x"}"#)).errors.map(\.code) == ["readOnly.present"])
        let response = schema.directed(.response)
        #expect(!response.isValid(try SchemaTestKit.json(#"{"name":"x"}"#)))
        #expect(response.isValid(try SchemaTestKit.json(#"{"id":1,"name":"x"}"#)))
    }

    /// A property schema that cannot be decided still makes the verdict undecided inside `not`,
    /// whether or not the object lacks a required member (the written order applies `properties`
    /// first either way).
    @Test(arguments: [#"["name"]"#, #"["name","other"]"#])
    func undecidedPropertyUnderNot(_ required: String) throws {
        let text = #"{"not":{"properties":{"name":{"pattern":"^(?=a)(a+)+$"},"other":{}},"required":\#(required)}}"#
        let fused = try SchemaTestKit.compile(text)
        let written = try SchemaTestKit.compile(Self.unfused(text))
        let instance = try SchemaTestKit.json(#"{"name": "\#(String(repeating: "a", count: 40))!"}"#)
        #expect(!fused.isValid(instance))
        #expect(!written.isValid(instance))
        #expect(SchemaTestKit.validate(fused, instance).errors.contains { $0.code == "pattern.gave-up" })
    }

    @Test func aFusedGraphIsFreedWithItsLastSchema() throws {
        weak var root: SchemaNode?
        weak var graph: SchemaGraph?
        do {
            let schema = try SchemaTestKit.compile(Self.fusedSchema)
            #expect(Self.isFused(schema))
            root = schema.root
            graph = schema.graph
            _ = schema.validate(try SchemaTestKit.json(#"{"a":"1"}"#))
        }
        #expect(graph == nil)
        #expect(root == nil)
    }
}
