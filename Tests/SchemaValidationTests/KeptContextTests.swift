import Foundation
import SpecSource
import Testing

@testable import SchemaValidation

/// `isValid` walks with a context its thread keeps from one call to the next (`KeptContext`):
/// nothing one call leaves in it changes the next call's verdict, a call made from inside a walk
/// gets a context of its own, and every thread keeps its own.
@Suite("kept yes/no context")
struct KeptContextTests {
    /// A memoised node's results are keyed by instance location numbers, which restart at every
    /// call: results remembered by one call must not answer the next.
    @Test func memoisedResultsDoNotOutliveTheirCall() throws {
        let schema = try SchemaTestKit.compile(FanOutTests.fanOut(levels: 8, leaf: #"{"type":"object","required":["a"]}"#))
        let valid = try SchemaTestKit.json(#"{"a":1}"#)
        let invalid = try SchemaTestKit.json("{}")
        for _ in 0..<3 {
            #expect(!schema.isValid(invalid))
            #expect(schema.isValid(valid))
        }
        // Another graph of the same shape (its nodes may reuse freed addresses) after the first.
        let other = try SchemaTestKit.compile(FanOutTests.fanOut(levels: 8, leaf: #"{"type":"string"}"#))
        #expect(other.isValid(try SchemaTestKit.json(#""s""#)))
        #expect(!other.isValid(valid))
    }

    /// The memo's table is kept for the next call while it is small, and let go once a call made
    /// it large, so that a thread does not hold on to the table of its deepest instance.
    @Test func aLargeMemoTableIsNotKept() throws {
        // Every item is a location the memoised `$defs` are applied at.
        let schema = try SchemaTestKit.compile(
            FanOutTests.fanOut(levels: 4, leaf: #"{"type":"integer"}"#, root: ##""items":{"$ref":"#/$defs/A4"}"##))
        func memoAfterwards(items: Int) throws -> (count: Int, capacity: Int) {
            let instance = try SchemaTestKit.json("[" + Array(repeating: "1", count: items).joined(separator: ",") + "]")
            #expect(schema.isValid(instance))
            return KeptContext.yesNo(dynamicAnchors: nil, direction: nil) { ($0.memo.count, $0.memo.capacity) }
        }
        let small = try memoAfterwards(items: 3)
        #expect(small.count == 0 && small.capacity > 0)
        let large = try memoAfterwards(items: 5_000)
        #expect(large.count == 0 && large.capacity <= ValidationContext.keptMemoCapacity)
    }

    /// An undecided walk (a regex that gave up) fails its own call only.
    @Test func anUndecidedCallLeavesTheNextOneDecided() throws {
        let schema = try SchemaTestKit.compile(#"{"properties":{"name":{"pattern":"^(?=a)(a+)+$"}}}"#)
        let undecided = try SchemaTestKit.json(#"{"name": "\#(String(repeating: "a", count: 40))!"}"#)
        let valid = try SchemaTestKit.json(#"{"name": "aaa"}"#)
        #expect(!schema.isValid(undecided))
        #expect(schema.isValid(valid))
        #expect(SchemaTestKit.validate(schema, undecided).errors.contains { $0.code == "pattern.gave-up" })
        #expect(schema.isValid(valid))
    }

    /// A custom format that validates against another schema runs a walk inside a walk; both
    /// verdicts, and the outer walk's remaining keywords, are as with separate contexts.
    @Test func aWalkInsideAWalkHasItsOwnContext() throws {
        let inner = try SchemaTestKit.compile(#"{"type":"object","properties":{"n":{"minimum":10}},"required":["n"]}"#)
        let options = SchemaOptions(customFormats: [
            "inner-json": .string { text in (try? SourceLoader.parse(text, format: .json)).map { inner.isValid($0) } ?? false }
        ])
        let outer = try SchemaTestKit.compile(
            #"{"properties":{"payload":{"type":"string","format":"inner-json"},"count":{"maximum":3}},"required":["payload"]}"#,
            options: options)
        #expect(outer.isValid(try SchemaTestKit.json(#"{"payload":"{\"n\":12}","count":2}"#)))
        #expect(!outer.isValid(try SchemaTestKit.json(#"{"payload":"{\"n\":2}","count":2}"#)))
        #expect(!outer.isValid(try SchemaTestKit.json(#"{"payload":"{\"n\":12}","count":7}"#)))
        #expect(!outer.isValid(try SchemaTestKit.json(#"{"count":2}"#)))
        #expect(inner.isValid(try SchemaTestKit.json(#"{"n":10}"#)))
    }

    /// Calls alternate between schemas that need a direction, dynamic anchors or neither; each is
    /// answered with its own.
    @Test func perCallSettingsAreThoseOfTheCall() throws {
        let directional = try SchemaTestKit.compile(
            #"{"properties":{"id":{"readOnly":true},"name":{"type":"string"}},"required":["id","name"]}"#)
        let dynamic = try SchemaTestKit.compile(
            ##"{"$id":"https://example.com/tree","$dynamicAnchor":"node","type":"object","properties":{"children":{"type":"array","items":{"$dynamicRef":"#node"}}},"required":["v"]}"##
        )
        let withID = try SchemaTestKit.json(#"{"id":1,"name":"x"}"#)
        let tree = try SchemaTestKit.json(#"{"v":1,"children":[{"v":2,"children":[]}]}"#)
        let badTree = try SchemaTestKit.json(#"{"v":1,"children":[{"children":[]}]}"#)
        for _ in 0..<2 {
            #expect(!directional.directed(.request).isValid(withID))
            #expect(directional.isValid(withID))
            #expect(dynamic.isValid(tree))
            #expect(!dynamic.isValid(badTree))
            #expect(directional.directed(.response).isValid(withID))
            #expect(directional.directed(.request).isValid(try SchemaTestKit.json(#"{"name":"x"}"#)))
        }
    }

    /// Threads validating at once each keep their own context.
    @Test func threadsKeepTheirOwn() throws {
        let schema = try SchemaTestKit.compile(FanOutTests.fanOut(levels: 6, leaf: #"{"type":"object","required":["a"]}"#))
        let instances = try ["{}", #"{"a":1}"#, "1", #"{"a":null,"b":2}"#].map(SchemaTestKit.json)
        let expected = [false, true, false, true]
        let wrong = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for round in 0..<500 {
                let i = round % instances.count
                if schema.isValid(instances[i]) != expected[i] { wrong.add() }
            }
        }
        #expect(wrong.value == 0)
    }
}

/// A count shared between threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
