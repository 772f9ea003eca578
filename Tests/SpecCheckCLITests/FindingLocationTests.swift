import Foundation
import Testing

/// Where findings are located in every report format: a HAR finding at its own value in the HAR
/// file (as `--format json`'s `instancePosition` says), not at the start of its entry; and no
/// empty URI where a finding has no schema keyword (`absoluteKeywordLocation` left out).
@Suite("spec-check: finding locations")
struct FindingLocationTests {
    static let har = HarCommandTests.shippedHAR

    func har(_ args: [String]) throws -> CLI.Outcome {
        try CLI.run(["har", "--spec", CLI.spec, "--overlay", CLI.overlay] + args)
    }

    /// Every error's and warning's `instancePosition` in `--format json`, in output order, each
    /// with whether it is an error.
    func jsonPositions() throws -> [(position: String, isError: Bool)] {
        let outcome = try har(["--format", "json", Self.har])
        #expect(outcome.status == 1, "\(outcome)")
        var positions: [(position: String, isError: Bool)] = []
        for line in outcome.lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            for key in ["errors", "warnings"] {
                for e in try #require(object[key] as? [[String: Any]]) {
                    positions.append((try #require(e["instancePosition"] as? String, "\(e)"), key == "errors"))
                }
            }
        }
        return positions
    }

    @Test func harFindingsAreAtTheirOwnPositionInEveryFormat() throws {
        let findings = try jsonPositions()
        let expected = findings.map(\.position)
        // Findings at several places of one entry: not all at the entry's start.
        #expect(expected.count > 8, "\(expected)")
        #expect(Set(expected).count > 8, "findings have positions of their own: \(expected)")

        // GitHub: one ::error/::warning per finding, file=…,line=…,col=…
        let github = try har(["--format", "github", Self.har])
        let annotated = github.lines.compactMap { line -> String? in
            // ::error file=F,line=L,col=C,title=T::message
            guard let head = line.dropFirst(2).split(separator: "::").first, let space = head.firstIndex(of: " ") else { return nil }
            var properties: [String: String] = [:]
            for pair in head[head.index(after: space)...].split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { properties[parts[0]] = parts[1] }
            }
            guard let file = properties["file"], let l = properties["line"], let c = properties["col"] else { return nil }
            return "\(file):\(l):\(c)"
        }
        #expect(annotated == expected, "\(github)")

        // SARIF: each result's primary location.
        let sarif = try har(["--format", "sarif", Self.har])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let results = try #require(((log["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]])
        let located = try results.map { result -> String in
            let physical = try #require(((result["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
            let uri = try #require((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
            let region = try #require(physical["region"] as? [String: Any])
            return "\(uri):\(region["startLine"] as? Int ?? -1):\(region["startColumn"] as? Int ?? -1)"
        }
        #expect(located == expected, "\(sarif)")

        // JUnit: each failure line names its error's position (warnings are no failures).
        let junit = try har(["--format", "junit", Self.har])
        var rest = junit.stdout[...]
        for position in findings.filter(\.isError).map(\.position) {
            let found = try #require(rest.range(of: position + ": "), "\(position) in \(junit)")
            rest = rest[found.upperBound...]
        }
    }

    /// A response that documents no body: `body.undocumented`, a contract finding with no schema
    /// keyword, so no `absoluteKeywordLocation` in any format.
    static let spec = """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        paths:
          /jobs/{id}:
            delete:
              operationId: deleteJob
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses:
                '204': {description: deleted}
                '400': {description: bad, content: {application/json: {schema: {required: [error]}}}}

        """

    @Test func noEmptyAbsoluteKeywordLocation() throws {
        try OverlayCommandTests.withFiles(["spec.yaml": Self.spec, "body.json": "{}"]) { dir in
            func run(_ status: String, _ format: String) throws -> CLI.Outcome {
                try CLI.run(
                    ["validate", "--spec", "spec.yaml", "--response", "deleteJob", "--status", status, "--format", format, "body.json"],
                    in: dir)
            }
            // A contract finding: the key is absent, the others are there.
            let contract = try run("204", "json")
            #expect(contract.status == 1, "\(contract)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(contract.stdout.utf8)) as? [String: Any])
            let error = try #require((object["errors"] as? [[String: Any]])?.first, "\(contract)")
            #expect(error["code"] as? String == "body.undocumented", "\(contract)")
            #expect(error["absoluteKeywordLocation"] == nil, "\(contract)")
            #expect(Set(error.keys) == ["code", "instanceLocation", "keywordLocation", "error", "source", "keyword", "instancePosition"])
            // A schema error keeps its absolute URI.
            let schema = try run("400", "json")
            #expect(schema.status == 1, "\(schema)")
            let schemaObject = try #require(try JSONSerialization.jsonObject(with: Data(schema.stdout.utf8)) as? [String: Any])
            let schemaError = try #require((schemaObject["errors"] as? [[String: Any]])?.first, "\(schema)")
            #expect((schemaError["absoluteKeywordLocation"] as? String)?.hasPrefix("file://") == true, "\(schema)")
            for format in ["json", "basic", "detailed", "sarif"] {
                let out = try run("204", format)
                #expect(out.status == 1, "\(format): \(out)")
                let compact = out.stdout.filter { !$0.isWhitespace }
                #expect(!compact.contains(#""absoluteKeywordLocation":"""#), "\(format): \(out)")
                #expect(!compact.contains(#""uri":"""#), "\(format): \(out)")
                #expect(!compact.contains("()"), "\(format): \(out)")
            }
        }
    }
}
