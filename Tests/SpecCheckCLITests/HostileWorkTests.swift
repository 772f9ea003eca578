import Foundation
import Testing

/// Hostile input, class "bounded work": schema graphs, globs, overlays and JSONPath queries built
/// to take exponential or quadratic work are handled in linear work or refused with a located
/// error. The inputs are generated small here; `Benchmarks/hostile-timings.sh` times the same
/// shapes at full size. See docs/SECURITY.md.
@Suite("Hostile input: bounded work", .serialized)
struct HostileWorkTests {
    static let header = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"

    /// `A0 → A1 → … → A<hops>` through `$ref`, ending in `{type: string}`; `A<i>` is on line 6 + i.
    static func chain(_ hops: Int) -> String {
        var text = header
        for i in 0..<hops { text += "    A\(i): {$ref: '#/components/schemas/A\(i + 1)'}\n" }
        return text + "    A\(hops): {type: string}\n"
    }

    @Test func aLongReferenceChainCompilesAndValidates() throws {
        try OverlayCommandTests.withFiles(["spec.yaml": Self.chain(500), "s.json": "\"x\"", "n.json": "1"]) { dir in
            let out = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "A0", "s.json", "n.json"], in: dir)
            #expect(out.status == 1, "\(out)")
            #expect(
                out.lines.first == "n.json: (root): expected string, found integer 1 (spec.yaml:506:12) [instance n.json:1:1]", "\(out)")
        }
    }

    @Test func aChainLongerThanTheDepthLimitIsALoadErrorWhereItCrossesIt() throws {
        // 10,000 hops: compiled in linear time; the node 601 applications above the end is named.
        try OverlayCommandTests.withFiles(["spec.yaml": Self.chain(10_000), "s.json": "\"x\""]) { dir in
            let out = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "A0", "s.json"], in: dir)
            #expect(out.status == 2, "\(out)")
            #expect(
                out.stderr
                    == "error: spec.yaml:9406:12: $ref/allOf/anyOf/oneOf chain from #/components/schemas/A9400 applies 601 schemas to one instance location; at most 600 are allowed [schema.too-deep]\n",
                "\(out)")
            #expect(out.stdout.isEmpty)
        }
    }

    @Test func inPlaceCyclesAreLoadErrorsAtTheSpec() throws {
        let spec =
            Self.header
            + "    A: {allOf: [{$ref: '#/components/schemas/B'}]}\n    B: {type: object, anyOf: [{$ref: '#/components/schemas/A'}]}\n"
        try OverlayCommandTests.withFiles(["spec.yaml": spec, "n.json": "1"]) { dir in
            let out = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "A", "n.json"], in: dir)
            #expect(out.status == 2, "\(out)")
            #expect(
                out.stderr.hasPrefix(
                    "error: spec.yaml:7:32: schema applies itself to the same instance location without consuming it: #/components/schemas/A → "
                ), "\(out)")
            #expect(out.stderr.split(separator: "\n").count == 1, "\(out)")
            let inspect = try CLI.run(["inspect", "--spec", "spec.yaml"], in: dir)
            #expect(inspect.status == 2 && inspect.stderr.hasPrefix("error: spec.yaml:7:32: schema applies itself"), "\(inspect)")
            #expect(inspect.stderr.split(separator: "\n").count == 1, "\(inspect)")
        }
    }
}

extension HostileWorkTests {
    @Test func manifestGlobsDoNotBacktrackExponentially() throws {
        let name = String(repeating: "a", count: 60) + ".json"
        let failing = String(repeating: "*a", count: 30) + "*b.json"
        let manifest = "groups:\n  - target: {schema-file: schema.json}\n    valid: ['\(failing)', '**/*a*a*a*a*a*a*.json']\n"
        try OverlayCommandTests.withFiles([
            "corpus/spec-check.yaml": manifest, "corpus/schema.json": "{\"type\": \"object\"}", "corpus/\(name)": "{}",
        ]) { dir in
            let out = try CLI.run(["corpus", "corpus"], in: dir)
            #expect(out.status == 0, "\(out)")
            #expect(out.stderr.contains("warning: corpus/spec-check.yaml:3:12: valid pattern matches no fixture"), "\(out)")
            #expect(out.lines.last == "corpus: 1 passed, 0 failed", "\(out)")
        }
    }
}

extension HostileWorkTests {
    static func overlay(_ target: String, _ action: String) -> String {
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: \(target)\n    \(action)\n"
    }

    /// `{"a":{"a":…{"a":1}…}}`, `depth` objects deep.
    static func deep(_ depth: Int) -> String {
        String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
    }

    @Test func overlayActionsOverEveryNodeAreOnePass() throws {
        // 20,000 members each selected with its children: quadratic when every path was rebuilt.
        let members = (0..<20_000).map { "\"k\($0)\":{\"x\":{\"y\":1}}" }.joined(separator: ",")
        try OverlayCommandTests.withFiles([
            "wide.json": "{\"root\":{\(members)}}",
            "update.yaml": Self.overlay("$..[?@.y]", "update: {z: 2}"),
            "remove.yaml": Self.overlay("$..*", "remove: true"),
        ]) { dir in
            let updated = try CLI.run(["overlay", "--spec", "wide.json", "--overlay", "update.yaml", "--format", "json"], in: dir)
            #expect(updated.status == 0, "\(updated)")
            #expect(updated.stdout.components(separatedBy: "\"z\": 2").count == 20_001)
            let removed = try CLI.run(["overlay", "--spec", "wide.json", "--overlay", "remove.yaml", "--format", "json"], in: dir)
            #expect(removed.status == 0 && removed.stdout == "{}\n", "\(removed)")
        }
    }

    @Test func jsonPathOverADeepDocumentIsBoundedByTheNodeBudget() throws {
        try OverlayCommandTests.withFiles([
            "deep.json": Self.deep(999),
            "pairs.yaml": Self.overlay("$..*..*", "remove: true"),
            "triples.yaml": Self.overlay("$..*..*..*", "remove: true"),
        ]) { dir in
            // Half a million (node, descendant) pairs: one pass over shared paths, no paths copied.
            let pairs = try CLI.run(["overlay", "--spec", "deep.json", "--overlay", "pairs.yaml", "--format", "json"], in: dir)
            #expect(pairs.status == 0, "\(pairs)")
            #expect(pairs.stdout == "{\n  \"a\": {}\n}\n", "\(pairs)")
            // 166 million triples: over the budget, a located error instead of gigabytes.
            let triples = try CLI.run(["overlay", "--spec", "deep.json", "--overlay", "triples.yaml"], in: dir)
            #expect(triples.status == 2, "\(triples)")
            #expect(
                triples.stderr
                    == "error: triples.yaml:4:5: action 1 (target \"$..*..*..*\"): JSONPath $..*..*..* visits or selects more than 2000000 nodes (its node budget); narrow the query [overlay.jsonpath-budget]\n",
                "\(triples)")
        }
    }
}

extension HostileWorkTests {
    @Test func exponentialFanOutIsLinearAndReportsEachErrorOnce() throws {
        // A_i: allOf: [A_{i-1}, A_{i-1}], 40 levels: 2^40 evaluations and as many identical errors
        // without memoisation.
        var spec = Self.header + "    A0: {type: string}\n"
        for i in 1...40 {
            spec += "    A\(i): {allOf: [{$ref: '#/components/schemas/A\(i - 1)'}, {$ref: '#/components/schemas/A\(i - 1)'}]}\n"
        }
        try OverlayCommandTests.withFiles(["spec.yaml": spec, "n.json": "1", "s.json": "\"x\""]) { dir in
            let out = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "A40", "n.json", "s.json"], in: dir)
            #expect(out.status == 1, "\(out)")
            #expect(
                out.lines == [
                    "n.json: (root): expected string, found integer 1 (spec.yaml:6:10) [instance n.json:1:1]",
                    "2 instances: 1 valid, 1 invalid",
                ], "\(out)")
            let flag = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "A40", "--format", "flag", "n.json"], in: dir)
            #expect(flag.status == 1 && flag.stdout == "{\"file\":\"n.json\",\"valid\":false}\n", "\(flag)")
        }
    }
}

extension HostileWorkTests {
    /// `L<d>: oneOf: [pair, triple]`, both branches with `left`/`right` of `L<d-1>`, told apart by
    /// `kind`; `L0` an `anyOf` of a non-negative integer and a short string.
    static func nestedChoices(_ depth: Int) -> String {
        var spec = Self.header + "    L0: {anyOf: [{type: integer, minimum: 0}, {type: string, maxLength: 3}]}\n"
        for d in 1...depth {
            let child = "{$ref: '#/components/schemas/L\(d - 1)'}"
            spec +=
                "    L\(d): {oneOf: [{type: object, required: [kind, left, right], properties: {kind: {const: pair}, left: \(child), right: \(child)}},"
                + " {type: object, required: [kind, left, right, middle], properties: {kind: {const: triple}, left: \(child), right: \(child), middle: \(child)}}]}\n"
        }
        return spec
    }

    /// A full tree of `pair`s, `depth` levels deep; leaves numbered from 1, except `-1` at the leaf
    /// `left/…/left/right`.
    static func pairTree(_ depth: Int) -> String {
        var leaf = 0
        func tree(_ d: Int, onPath: Bool) -> String {
            if d == 0 {
                leaf += 1
                return onPath ? "-1" : String(leaf)
            }
            let left = tree(d - 1, onPath: onPath && d > 1)
            let right = tree(d - 1, onPath: onPath && d == 1)
            return "{\"kind\": \"pair\", \"left\": \(left), \"right\": \(right)}"
        }
        return tree(depth, onPath: true)
    }

    @Test func nestedChoicesReportTheTaggedBranchInLinearWork() throws {
        // 14 levels, 16,384 leaves. Trying both branches of every oneOf with their errors costs
        // 4^14 leaf evaluations (each branch walks left and right); trying them quietly first and
        // building errors only for the branch the `kind` tag shows is linear in the instance.
        let depth = 14
        try OverlayCommandTests.withFiles(["spec.yaml": Self.nestedChoices(depth), "tree.json": Self.pairTree(depth)]) { dir in
            let out = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "L\(depth)", "--format", "json", "tree.json"], in: dir)
            #expect(out.status == 1, "\(out.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any], "\(out)")
            let errors = try #require(report["errors"] as? [[String: Any]], "\(out)")
            let location = String(repeating: "/left", count: depth - 1) + "/right"
            #expect(errors.count == 1, "\(errors)")
            #expect(errors.first?["instanceLocation"] as? String == location, "\(errors)")
            #expect(errors.first?["keyword"] as? String == "minimum", "\(errors)")
        }
    }
}
