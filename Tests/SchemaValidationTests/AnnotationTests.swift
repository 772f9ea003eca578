import SchemaValidation
import SpecSource
import Testing

/// Annotations of valid instances (2020-12 core §7.7, §10, §11), from
/// `Schema.validate(_:collectingAnnotations:)`.
@Suite("JSON Schema annotations")
struct AnnotationTests {
    func result(_ schema: String, _ instance: String) throws -> ValidationResult {
        try Schema.compile(try SchemaTestKit.json(schema)).validate(try SchemaTestKit.json(instance), collectingAnnotations: true)
    }

    /// Each annotation as `instanceLocation keywordLocation = value`, in evaluation order.
    func annotations(_ schema: String, _ instance: String) throws -> [String] {
        let result = try result(schema, instance)
        #expect(result.isValid, "\(result)")
        return result.annotations.map { "\($0.instanceLocation) \($0.keywordLocation) = \(JSONWriter.string(from: $0.value))" }
    }

    @Test func throughReferences() throws {
        let schema =
            ##"{"$defs": {"a": {"title": "A", "$ref": "#/$defs/b"}, "b": {"description": "B"}}, "$ref": "#/$defs/a", "default": 0}"##
        #expect(try annotations(schema, "1") == [#" /default = 0"#, #" /$ref/title = "A""#, #" /$ref/$ref/description = "B""#])
        let titles = try result(schema, "1").annotations.map(\.absoluteKeywordLocation)
        #expect(
            titles == [
                "urn:spec-check:schema#/default", "urn:spec-check:schema#/$defs/a/title", "urn:spec-check:schema#/$defs/b/description",
            ])
    }

    @Test func everyBranchOfAllOf() throws {
        let schema = #"{"allOf": [{"title": "one"}, {"type": "integer", "title": "two"}]}"#
        #expect(try annotations(schema, "1") == [#" /allOf/0/title = "one""#, #" /allOf/1/title = "two""#])
    }

    @Test func onlyThePassingBranchesOfAnyOf() throws {
        let schema = #"{"anyOf": [{"type": "string", "title": "S"}, {"type": "number", "title": "N"}, {"minimum": 0, "title": "P"}]}"#
        #expect(try annotations(schema, "5") == [#" /anyOf/1/title = "N""#, #" /anyOf/2/title = "P""#])
        #expect(try annotations(schema, "-5") == [#" /anyOf/1/title = "N""#])
        #expect(try annotations(schema, #""x""#) == [#" /anyOf/0/title = "S""#, #" /anyOf/2/title = "P""#])
    }

    @Test func theOneBranchOfOneOf() throws {
        let schema = #"{"oneOf": [{"type": "string", "title": "S"}, {"type": "number", "title": "N"}]}"#
        #expect(try annotations(schema, "5") == [#" /oneOf/1/title = "N""#])
        #expect(try annotations(schema, #""x""#) == [#" /oneOf/0/title = "S""#])
    }

    @Test func ifWithThenOrElse() throws {
        let schema = #"{"if": {"type": "number", "title": "I"}, "then": {"title": "T"}, "else": {"title": "E"}}"#
        #expect(try annotations(schema, "1") == [#" /if/title = "I""#, #" /then/title = "T""#])
        #expect(try annotations(schema, #""x""#) == [#" /else/title = "E""#])
    }

    @Test func notKeepsNone() throws {
        #expect(try annotations(#"{"not": {"type": "string", "title": "X"}, "title": "root"}"#, "1") == [#" /title = "root""#])
    }

    @Test func propertyApplicatorsNameTheMembersTheyApplied() throws {
        let schema = """
            {"properties": {"a": {"title": "A"}, "b": true}, "patternProperties": {"^x": {"title": "X"}},
             "additionalProperties": {"title": "More"}}
            """
        #expect(
            try annotations(schema, #"{"a": 1, "x1": 2, "z": 3}"#) == [
                #" /properties = ["a"]"#, #"/a /properties/a/title = "A""#,
                #" /patternProperties = ["x1"]"#, #"/x1 /patternProperties/^x/title = "X""#,
                #" /additionalProperties = ["z"]"#, #"/z /additionalProperties/title = "More""#,
            ])
        // An object none of whose members a keyword applied to: the empty set; other types: nothing.
        #expect(try annotations(#"{"properties": {"a": true}}"#, "{}") == [#" /properties = []"#])
        #expect(try annotations(#"{"properties": {"a": true}}"#, "1") == [])
    }

    @Test func unevaluatedPropertiesNameWhatTheRestLeft() throws {
        let schema = """
            {"properties": {"a": true}, "allOf": [{"properties": {"b": true}}],
             "anyOf": [{"properties": {"c": {"type": "string"}}}, true], "unevaluatedProperties": {"title": "U"}}
            """
        // `c` is evaluated only by the anyOf branch that fails on it, so unevaluatedProperties takes it.
        #expect(
            try annotations(schema, #"{"a": 1, "b": 2, "c": 3}"#) == [
                #" /properties = ["a"]"#, #" /allOf/0/properties = ["b"]"#, #" /unevaluatedProperties = ["c"]"#,
                #"/c /unevaluatedProperties/title = "U""#,
            ])
        #expect(
            try annotations(schema, #"{"a": 1, "c": "s"}"#) == [
                #" /properties = ["a"]"#, #" /allOf/0/properties = []"#, #" /anyOf/0/properties = ["c"]"#,
                #" /unevaluatedProperties = []"#,
            ])
    }

    @Test func itemApplicators() throws {
        let schema = #"{"prefixItems": [{"title": "first"}], "items": {"title": "rest"}, "contains": {"type": "string"}}"#
        #expect(
            try annotations(schema, #"[1, "a", "b"]"#) == [
                " /prefixItems = 0", #"/0 /prefixItems/0/title = "first""#, " /items = true", #"/1 /items/title = "rest""#,
                #"/2 /items/title = "rest""#, " /contains = [1,2]",
            ])
        // prefixItems over every item: true; items applied to none: no annotation.
        #expect(try annotations(#"{"prefixItems": [true, true], "items": false}"#, "[1, 2]") == [" /prefixItems = true"])
        // contains annotates the items it accepts (none for an empty array, with minContains 0).
        #expect(try annotations(#"{"contains": {"title": "c", "type": "string"}, "minContains": 0}"#, "[]") == [" /contains = []"])
        #expect(
            try annotations(#"{"contains": {"title": "c", "type": "string"}}"#, #"[1, "x"]"#) == [
                " /contains = [1]", #"/1 /contains/title = "c""#,
            ])
        #expect(
            try annotations(#"{"prefixItems": [true], "unevaluatedItems": {"title": "u"}}"#, "[1, 2]") == [
                " /prefixItems = 0", " /unevaluatedItems = true", #"/1 /unevaluatedItems/title = "u""#,
            ])
    }

    @Test func failedValidationKeepsNoAnnotations() throws {
        let invalid = try result(#"{"type": "string", "readOnly": true, "properties": {"a": {"title": "A"}}}"#, #"{"a": 1}"#)
        #expect(!invalid.isValid && invalid.annotations.isEmpty)
        // A failing subschema's annotations go, from its own keywords and its subschemas alike.
        let schema = #"{"anyOf": [{"properties": {"a": {"title": "A"}}, "required": ["b"]}, {"title": "fallback"}]}"#
        #expect(try annotations(schema, #"{"a": 1}"#) == [#" /anyOf/1/title = "fallback""#])
    }

    @Test func withoutAskingThereAreNone() throws {
        let schema = try Schema.compile(try SchemaTestKit.json(#"{"title": "t", "properties": {"a": {"title": "A"}}}"#))
        let instance = try SchemaTestKit.json(#"{"a": 1}"#)
        #expect(schema.validate(instance).annotations.isEmpty)
        #expect(schema.validate(instance, collectingAnnotations: false).annotations.isEmpty)
        #expect(schema.validate(instance, collectingAnnotations: true).annotations.count == 3)
    }

    @Test func dynamicReferencesFollowTheDynamicScope() throws {
        let schema = """
            {"$id": "https://example.com/strict", "$dynamicAnchor": "node", "$ref": "tree", "title": "strict",
             "unevaluatedProperties": false,
             "$defs": {"tree": {"$id": "https://example.com/tree", "$dynamicAnchor": "node", "type": "object",
                                "properties": {"children": {"type": "array", "items": {"$dynamicRef": "#node"}}}}}}
            """
        let found = try annotations(schema, #"{"children": [{}]}"#)
        #expect(found.contains(#"/children/0 /$ref/properties/children/items/$dynamicRef/title = "strict""#), "\(found)")
        #expect(found.contains(#" /unevaluatedProperties = []"#), "\(found)")
    }

    @Test func deepDataUnderARecursiveSchema() throws {
        let schema = try Schema.compile(
            try SchemaTestKit.json(##"{"$defs":{"a":{"title":"a","type":"array","items":{"$ref":"#/$defs/a"}}},"$ref":"#/$defs/a"}"##))
        // As deep as the reader nests by default: the walk recurses no deeper than the validator.
        let deep = try SchemaTestKit.json(String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000))
        let result = schema.validate(deep, collectingAnnotations: true)
        #expect(result.isValid && !result.annotationsAreIncomplete)
        // Every level but the innermost (an empty array, which `items` applies to nothing) has
        // `title` and `items`; the innermost has its `title`.
        #expect(result.annotations.count == 999 * 2 + 1)
        #expect(result.annotations.last?.instanceLocation == "/" + Array(repeating: "0", count: 999).joined(separator: "/"))
    }

    @Test func branchVerdictsSeeTheDirectionalNamesInForce() throws {
        // In a request, the readOnly `id` declared by the parent is not required of the anyOf branch.
        let schema = try Schema.compile(
            try SchemaTestKit.json(
                #"{"properties": {"id": {"readOnly": true}}, "anyOf": [{"required": ["id"], "title": "A"}, {"title": "B"}]}"#))
        let instance = try SchemaTestKit.json("{}")
        let request = schema.directed(.request).validate(instance, collectingAnnotations: true)
        #expect(request.annotations.map(\.keywordLocation) == ["/properties", "/anyOf/0/title", "/anyOf/1/title"])
        let plain = schema.validate(instance, collectingAnnotations: true)
        #expect(plain.annotations.map(\.keywordLocation) == ["/properties", "/anyOf/1/title"])
    }

    @Test func dialectRules() throws {
        // 2019-09's contains produces no annotation; its subschema's annotations stay.
        let contains2019 = #"{"$schema": "https://json-schema.org/draft/2019-09/schema", "contains": {"title": "c"}}"#
        #expect(try annotations(contains2019, "[1]") == [#"/0 /contains/title = "c""#])
        // Draft 7 ignores $ref's siblings; $comment is never an annotation.
        let draft7 = """
            {"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"a": {"title": "A", "$comment": "c"}},
             "$ref": "#/definitions/a", "title": "ignored"}
            """
        #expect(try annotations(draft7, "1") == [#" /$ref/title = "A""#])
    }

    @Test func theBranchADiscriminatorSelects() throws {
        let schema = try Schema.compile(
            try SchemaTestKit.json(
                """
                {"oneOf": [{"$ref": "#/$defs/Cat"}, {"$ref": "#/$defs/Dog"}],
                 "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/$defs/Cat", "dog": "#/$defs/Dog"}},
                 "$defs": {"Cat": {"title": "Cat", "properties": {"kind": {"const": "cat"}}},
                           "Dog": {"title": "Dog", "properties": {"kind": {"const": "dog"}}}}}
                """), dialect: .openAPI31)
        let result = schema.validate(try SchemaTestKit.json(#"{"kind": "dog"}"#), collectingAnnotations: true)
        #expect(result.annotations.map(\.keywordLocation) == ["/discriminator", "/oneOf/1/$ref/title", "/oneOf/1/$ref/properties"])
        #expect(result.annotations[0].value["propertyName"] == .string("kind"))
    }

    @Test func manyPathsStopAtTheBudgetAndSaySo() throws {
        // a25 reaches a0 along 2^25 paths: the walk stops and marks the annotations incomplete.
        var defs = ["\"a0\": {\"title\": \"leaf\"}"]
        for i in 1...25 {
            let previous = "{\"$ref\": \"#/$defs/a\(i - 1)\"}"
            defs.append("\"a\(i)\": {\"allOf\": [\(previous), \(previous)]}")
        }
        func compiled(_ top: Int) throws -> Schema {
            let text = "{\"$ref\": \"#/$defs/a\(top)\", \"$defs\": {" + defs.prefix(top + 1).joined(separator: ", ") + "}}"
            return try Schema.compile(try SchemaTestKit.json(text))
        }
        let schema = try compiled(25)
        let result = schema.validate(.number(JSONNumber(1)), collectingAnnotations: true)
        #expect(result.isValid && result.annotationsAreIncomplete)
        #expect(result.annotations.count > 1000 && result.annotations.count <= Schema.maxAnnotatedApplications)
        let complete = try compiled(3).validate(.number(JSONNumber(1)), collectingAnnotations: true)
        #expect(!complete.annotationsAreIncomplete && complete.annotations.count == 8)
    }
}
