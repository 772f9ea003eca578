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
            #expect(out.lines.first == "n.json: (root): expected string, found integer 1 (spec.yaml:506:12)", "\(out)")
        }
    }

    @Test func aChainLongerThanTheDepthLimitIsALoadErrorWhereItCrossesIt() throws {
        // 10,000 hops: compiled in linear time; the node 601 applications above the end is named.
        try OverlayCommandTests.withFiles(["spec.yaml": Self.chain(10_000), "s.json": "\"x\""]) { dir in
            let out = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "A0", "s.json"], in: dir)
            #expect(out.status == 2, "\(out)")
            #expect(out.stderr == "error: spec.yaml:9406:12: $ref/allOf/anyOf/oneOf chain from #/components/schemas/A9400 applies 601 schemas to one instance location; at most 600 are allowed\n", "\(out)")
            #expect(out.stdout.isEmpty)
        }
    }

    @Test func inPlaceCyclesAreLoadErrorsAtTheSpec() throws {
        let spec = Self.header + "    A: {allOf: [{$ref: '#/components/schemas/B'}]}\n    B: {type: object, anyOf: [{$ref: '#/components/schemas/A'}]}\n"
        try OverlayCommandTests.withFiles(["spec.yaml": spec, "n.json": "1"]) { dir in
            let out = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "A", "n.json"], in: dir)
            #expect(out.status == 2, "\(out)")
            #expect(out.stderr.hasPrefix("error: spec.yaml:7:32: schema applies itself to the same instance location without consuming it: #/components/schemas/A → "), "\(out)")
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
        try OverlayCommandTests.withFiles(["corpus/spec-check.yaml": manifest, "corpus/schema.json": "{\"type\": \"object\"}", "corpus/\(name)": "{}"]) { dir in
            let out = try CLI.run(["corpus", "corpus"], in: dir)
            #expect(out.status == 0, "\(out)")
            #expect(out.stderr.contains("warning: corpus/spec-check.yaml:3:12: valid pattern matches no fixture"), "\(out)")
            #expect(out.lines.last == "corpus: 1 passed, 0 failed", "\(out)")
        }
    }
}
