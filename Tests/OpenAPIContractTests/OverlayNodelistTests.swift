import OpenAPIContract
import SpecSource
import Testing

/// Targets whose nodelist names a node more than once, or a node and something inside it.
///
/// RFC 9535 nodelists may repeat a node (`$[1,1]`, `$[1,0:3]`, `$..[0,0]`); an Overlay action's
/// target is "a JSONPath query expression selecting nodes in the target document" (Overlay 1.0 and
/// 1.1, Action Object), `remove` means "each of the target objects or arrays MUST be removed from
/// the map or array it is contained in" and `update` merges "with each selected object" / appends
/// "to each selected array" (1.1). So each selected node is changed once, however often the
/// nodelist lists it, and the nodes are those of the document before the action.
@Suite("Overlay nodelists with repeated and nested nodes")
struct OverlayNodelistTests {
    static func apply(_ actions: String, to document: String, version: String = "1.1.0") throws -> JSONValue {
        let overlay = try OverlayKit.overlay("overlay: \(version)\ninfo: {title: t, version: '1'}\nactions:\n" + actions)
        let (result, warnings) = try overlay.apply(to: OverlayKit.yaml(document))
        #expect(warnings.isEmpty, "\(warnings)")
        return result
    }

    @Test(
        arguments: ["1.0.0", "1.1.0"],
        [
            // (target, expected remainder of [a, b, c, d, e])
            ("$[1,1]", "[a, c, d, e]"),
            ("$[1,0:3]", "[d, e]"),
            ("$[3,1,-1]", "[a, c]"),
            ("$[-1,4,*]", "[]"),
            ("$[0:2,1:3,::2]", "[d]"),
        ])
    func removeDeletesEachSelectedArrayElementOnceByItsOriginalIndex(_ version: String, _ example: (target: String, expected: String))
        throws
    {
        let (target, expected) = example
        let result = try Self.apply("  - target: \(JSONWriter.quoted(target))\n    remove: true\n", to: "[a, b, c, d, e]", version: version)
        #expect(result == (try OverlayKit.yaml(expected)), "\(target)")
    }

    @Test func removeOfRepeatedMembersAndNestedArrays() throws {
        let result = try Self.apply(
            """
              - target: $.servers[0,0,2]
                remove: true
              - target: "$['x-a','x-a']"
                remove: true
            """, to: "servers: [{url: a}, {url: b}, {url: c}, {url: d}]\nx-a: 1\nx-b: 2\n")
        #expect(result == (try OverlayKit.yaml("servers: [{url: b}, {url: d}]\nx-b: 2\n")))
    }

    @Test func removeOfNodesInsideOtherRemovedNodes() throws {
        // `$..a` selects $.a, $.a.a, $.a.a.a and $.b.a; the inner ones go with $.a.
        #expect(
            try Self.apply("  - target: $..a\n    remove: true\n", to: "{a: {a: {a: 1}}, b: {a: 2, c: 3}}")
                == (try OverlayKit.yaml("{b: {c: 3}}")))
        // `$..*` selects every node below the root, each inside another but for the root's children.
        #expect(try Self.apply("  - target: $..*\n    remove: true\n", to: "{x: [1, {y: [2, 3]}], z: 3}") == (try OverlayKit.yaml("{}")))
        // `$..[0]`: $[0], $[0][0] and $[1][0]; $[1] is the original second element, [3, 4].
        #expect(try Self.apply("  - target: $..[0]\n    remove: true\n", to: "[[1, 2], [3, 4], [5]]") == (try OverlayKit.yaml("[[4], []]")))
        // `$..[0,0]` lists each of those nodes twice.
        #expect(
            try Self.apply("  - target: $..[0,0]\n    remove: true\n", to: "[[1, 2], [3, 4], [5]]") == (try OverlayKit.yaml("[[4], []]")))
        // The root and anything else: the document is gone.
        #expect(try Self.apply("  - target: $..*\n    remove: true\n  - target: $\n    remove: true\n", to: "{a: 1}") == .null)
    }

    @Test func updateMergesOncePerDistinctNode() throws {
        // An entry appended to each selected array, once per array.
        #expect(
            try Self.apply("  - target: $['tags','tags']\n    update: b\n", to: "tags: [a]\n") == (try OverlayKit.yaml("tags: [a, b]\n")))
        #expect(
            try Self.apply("  - target: $[*,0]\n    update: {l: [9]}\n", to: "[{l: [1]}, {l: [2]}]")
                == (try OverlayKit.yaml("[{l: [1, 9]}, {l: [2, 9]}]")))
        // Slices overlapping an index: $[0] is selected three times, $[1] twice.
        #expect(
            try Self.apply("  - target: $.lists[0,0:2,:1]\n    update: [x]\n", to: "lists: [[a], [b], [c]]\n")
                == (try OverlayKit.yaml("lists: [[a, x], [b, x], [c]]\n")))
    }

    @Test func updateOfNestedNodesReachesEachNodeOnce() throws {
        // $.a and $.a.a are distinct nodes: each gets the entry once, in nodelist order (the outer
        // node first, which adds `n` to it; then the inner one, whose own `n` is extended).
        let result = try Self.apply("  - target: $..a\n    update: {n: [2]}\n", to: "a: {a: {n: [1]}}\n")
        #expect(result == (try OverlayKit.yaml("a: {a: {n: [1, 2]}, n: [2]}\n")))
        // `$..[0,0]` lists $[0] and $[0][0] twice each.
        #expect(try Self.apply("  - target: $..[0,0]\n    update: z\n", to: "[[[]]]") == (try OverlayKit.yaml("[[[z], z]]")))
    }

    @Test func copyMergesOncePerDistinctTargetAndARepeatedSourceIsOneNode() throws {
        let result = try Self.apply(
            """
              - target: $['dst','dst']
                copy: $['src','src']
            """, to: "src: [x]\ndst: [y]\n")
        #expect(result == (try OverlayKit.yaml("src: [x]\ndst: [y, x]\n")))
        // Two distinct source nodes are still an error, counted once each.
        let error = try #require(
            OverlayKit.error(
                OverlaySemanticsTests.header + "  - target: $.dst\n    copy: $['a','b','a']\n",
                applyingTo: OverlayKit.yaml("{a: [1], b: [2], dst: []}")))
        #expect(error.code == "overlay.invalid-copy")
        #expect(error.message.hasSuffix("it selects 2"), "\(error)")
    }
}
