import Foundation
import JSONPath
import SpecSource
import Testing

/// Queries over a large real-world document: the OpenAI OpenAPI description (about 2.9 MB of
/// YAML), shared between checkouts at `<repo>/../shared/testdata/specs/openai/openapi.yaml`.
@Suite("JSONPath on the OpenAI OpenAPI document")
struct OpenAISpecTests {
    static let specPath: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // JSONPathTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository
        .deletingLastPathComponent()
        .appendingPathComponent("shared/testdata/specs/openai/openapi.yaml").path

    @Test(
        "overlay-style filters select the expected nodes",
        .enabled(if: FileManager.default.fileExists(atPath: specPath), "../shared/testdata/specs/openai is absent on this machine"))
    func filters() throws {
        let document = try SourceLoader.load(contentsOf: Self.specPath)
        let clock = ContinuousClock()

        let limit = try JSONPath(#"$..parameters[?@.name == "limit"]"#)
        var matches: [JSONPathMatch] = []
        let elapsed = clock.measure { matches = limit.select(in: document) }
        print("$..parameters[?@.name == \"limit\"]: \(matches.count) matches in \(elapsed)")
        #expect(!matches.isEmpty)
        for match in matches {
            #expect(match.value["name"]?.stringValue == "limit")
            #expect(match.value.location.isKnown)
            #expect(match.normalizedPath.hasPrefix("$['paths']") || match.normalizedPath.hasPrefix("$['components']"))
            // The normalized path is itself a valid query that selects exactly this node.
            let again = try JSONPath(match.normalizedPath).select(in: document)
            #expect(again.count == 1 && again.first?.value == match.value)
        }
        // Speed is measured by the overlay benchmark (Benchmarks/), not asserted here.

        let getOperations = try JSONPath("$.paths[*].get")
        let operationIDs = try JSONPath("$.paths[*][*].operationId")
        let gets = getOperations.select(in: document)
        #expect(!gets.isEmpty)
        #expect(operationIDs.select(in: document).count >= gets.count)

        let listOperations = try JSONPath("$.paths[*][?search(@.operationId, '^list')]")
        for match in listOperations.select(in: document) {
            #expect(match.value["operationId"]?.stringValue?.hasPrefix("list") == true)
        }

        let everything = try JSONPath("$..*")
        var count = 0
        let walk = clock.measure { count = everything.values(in: document).count }
        print("$..*: \(count) nodes in \(walk)")
        #expect(count > 10_000)
    }
}
