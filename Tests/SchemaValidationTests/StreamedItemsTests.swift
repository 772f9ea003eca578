import Foundation
import SchemaValidation
import SpecSource
import Testing

/// Large array instances are validated element by element (`SourceLoader.forEachArrayElement`,
/// `Schema.itemsPlan`), with exactly the verdict and errors of validating them whole.
@Suite("Streamed array instances")
struct StreamedItemsTests {
    static func withFile(_ text: String, _ body: (String) throws -> Void) throws {
        let dir = try ReferenceTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("instance.json").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try body(path)
    }

    /// The elements streamed, or the error, next to what loading the file whole gives.
    static func streamed(_ path: String) -> (elements: [JSONValue]?, error: SourceError?) {
        var elements: [JSONValue] = []
        do {
            let count = try SourceLoader.forEachArrayElement(contentsOf: path) { index, element in
                #expect(index == elements.count)
                elements.append(element)
            }
            return (count.map { _ in elements }, nil)
        } catch {
            return (nil, error)
        }
    }

    @Test(arguments: ["[]", " [1, \"two\", {\"3\": [4]}, null]\n", "\u{FEFF}[{\"a\":1}]", "[[[[1]]]]"])
    func elementsAreThoseOfTheWholeDocument(text: String) throws {
        try Self.withFile(text) { path in
            let whole = try SourceLoader.load(contentsOf: path)
            let (elements, error) = Self.streamed(path)
            #expect(error == nil)
            #expect(elements == whole.arrayValue, "\(text)")
            #expect(elements?.map(\.location) == whole.arrayValue?.map(\.location))
        }
    }

    @Test(arguments: ["[1,]", "[1 2]", "[1] x", "[{\"a\":1,\"a\":2}]", "[", "[\"\\ud800\"]", "[1]\n]"])
    func errorsAreThoseOfTheWholeDocument(text: String) throws {
        try Self.withFile(text) { path in
            var wholeError: SourceError?
            do throws(SourceError) { _ = try SourceLoader.load(contentsOf: path) } catch { wholeError = error }
            #expect(wholeError != nil)
            #expect(Self.streamed(path).error == wholeError, "\(text)")
        }
    }

    @Test(arguments: ["{\"a\": [1]}", "1", "\"[\"", "  null"])
    func otherDocumentsAreLeftToTheWholeLoader(text: String) throws {
        try Self.withFile(text) { path in
            let (elements, error) = Self.streamed(path)
            #expect(elements == nil && error == nil)
        }
    }

    @Test func depthCountsTheArrayItself() throws {
        let deep = String(repeating: "[", count: 1_001) + String(repeating: "]", count: 1_001)
        try Self.withFile(deep) { path in
            var wholeError: SourceError?
            do throws(SourceError) { _ = try SourceLoader.load(contentsOf: path) } catch { wholeError = error }
            #expect(wholeError?.code == "json.too-deep")
            #expect(Self.streamed(path).error == wholeError)
        }
    }

    @Test(arguments: [
        #"{"type":"array","items":{"type":"object","required":["n"],"properties":{"n":{"type":"integer","maximum":2}}}}"#,
        ##"{"$defs":{"list":{"items":{"$ref":"#/$defs/item"}},"item":{"properties":{"n":{"maximum":2}}}},"$ref":"#/$defs/list"}"##,
        #"{"type":["array","null"],"items":{"anyOf":[{"type":"string"},{"properties":{"n":{"minimum":3}}}]}}"#,
    ])
    func elementErrorsAreThoseOfTheWholeArray(schema text: String) throws {
        let schema = try SchemaTestKit.compile(text)
        let plan = try #require(schema.itemsPlan)
        let instance = try SchemaTestKit.json(#"[{"n":1},{"n":3},"s",{},{"n":"x"},{"n":2.5}]"#)
        let whole = schema.validate(instance)
        let elements = instance.arrayValue!.enumerated().flatMap { schema.validate(element: $1, at: $0, plan: plan) }
        #expect(elements == whole.errors)
        #expect(instance.arrayValue!.enumerated().allSatisfy { schema.isValid(element: $1, at: $0, plan: plan) } == whole.isValid)
    }

    @Test(arguments: [
        #"{"items":{"type":"string"},"minItems":1}"#, #"{"items":true,"uniqueItems":true}"#,
        #"{"prefixItems":[{"type":"string"}],"items":{"type":"integer"}}"#, #"{"items":false}"#,
        #"{"type":"object","items":{}}"#, #"{"items":{},"unevaluatedItems":false}"#, #"{"type":"array"}"#,
        #"{"items":{"type":"string"},"contains":{"const":"x"}}"#,
    ])
    func schemasThatLookAtTheWholeArrayAreNotStreamed(schema text: String) throws {
        #expect(try SchemaTestKit.compile(text).itemsPlan == nil)
    }
}
