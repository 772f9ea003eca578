import ContractCorpus
import Foundation
import GoldenFiles
import SchemaValidation
import SpecSource
import Testing

/// The small corpus under `Resources/coverage-corpus`: two operations of `pets.yaml`, body
/// fixtures (valid and invalid), a response fixture, an exchange fixture and a HAR entry.
let coverageCorpus = repositoryRoot.appendingPathComponent("Tests/ContractCorpusTests/Resources/coverage-corpus").path
let coverageGolden = repositoryRoot.appendingPathComponent("Tests/ContractCorpusTests/Resources/coverage-expected.json").path

@Suite("Corpus coverage")
struct CoverageTests {
    func report(_ directory: String = coverageCorpus) throws -> CoverageReport {
        let runner = try CorpusRunner(directory: directory)
        let recorder = CoverageRecorder(root: directory)
        let summary = runner.run(coverage: recorder) { _ in }
        #expect(summary.succeeded, "the small corpus must pass before its coverage means anything")
        return recorder.report()
    }

    @Test func jsonOfTheSmallCorpusIsExact() throws {
        let mismatch = GoldenFile.mismatch(try report().json(), file: URL(fileURLWithPath: coverageGolden))
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test func totalsPerDimension() throws {
        let r = try report()
        func t(_ d: CoverageDimension) -> [Int] { [r.total(d).covered, r.total(d).total] }
        // createPet and getPet both reached.
        #expect(t(.operations) == [2, 2])
        // 201 (response fixture), getPet 200 (exchange fixture), createPet 400 (HAR entry).
        #expect(t(.statusCodes) == [3, 3])
        // request json, 201 json, getPet 200 json, the HAR entry's 400 problem+json.
        #expect(t(.mediaTypes) == [4, 4])
        // Cat.color black (body) and white (exchange), Dog.kind dog; tabby never.
        #expect(t(.enumValues) == [3, 4])
        #expect(t(.branches) == [2, 2])
        #expect(t(.discriminatorValues) == [2, 2])
        // Cat.color present; Dog.tag and Problem.detail never.
        #expect(t(.optionalProperties) == [1, 3])
        // Cat.name (cat-missing-name.json) and Dog.name (the HAR entry's request) are left out by
        // an invalid fixture; Cat.kind, Dog.kind and Problem.title never.
        #expect(t(.requiredMissing) == [2, 5])
        #expect(r.dimensions(below: 100).map(\.rawValue) == ["enum-values", "optional-properties", "required-missing"])
        #expect(r.dimensions(below: 20) == [])
        #expect(r.total(.optionalProperties).percentText == "33.3")
    }

    @Test func validAndInvalidFixturesAreCountedApart() throws {
        let r = try report()
        let contract = try #require(r.contracts.first)
        let createPet = try #require(contract.operations.first { $0.name == "createPet" })
        // cat-black.json and dog.json are valid, cat-missing-name.json and pets.har#0 invalid.
        #expect(createPet.counts == CoverageCounts(valid: 2, invalid: 2))
        let catName = try #require(contract.items.first { $0.schema == "#/components/schemas/Cat" && $0.label == "name" })
        #expect(catName.dimension == .requiredMissing && catName.counts == CoverageCounts(valid: 0, invalid: 1) && catName.covered)
        let tag = try #require(contract.items.first { $0.schema == "#/components/schemas/Dog" && $0.label == "tag" })
        #expect(!tag.covered && tag.counts == CoverageCounts())
    }

    @Test func htmlEscapesDocumentText() throws {
        let spec = """
            openapi: 3.1.0
            info: {title: t, version: "1"}
            paths:
              /x:
                post:
                  operationId: "<script>alert(1)</script>"
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            "a&b<c>": {enum: ["\\"><img src=x>"]}
                  responses:
                    "200": {description: ok}
            """
        let dir = try corpusFolder([
            "spec.yaml": spec,
            "spec-check.yaml": "spec: spec.yaml\ngroups:\n  - name: g\n    target: {request: \"POST /x\"}\n    valid: [ok.json]\n",
            "ok.json": #"{"a&b<c>": "\"><img src=x>"}"#,
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let html = try report(dir.path).html()
        #expect(!html.contains("<script>") && !html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("a&amp;b&lt;c&gt;"))
        #expect(html.contains("&quot;\\&quot;&gt;&lt;img src=x&gt;&quot;"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<link"))
    }

    @Test func schemaFileGroupsCountNothing() throws {
        // A standalone schema is no part of the contract: the spec beside it is not reported.
        let dir = try corpusFolder([
            "spec.yaml":
                "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      responses:\n        '200': {description: ok}\n",
            "s.json": #"{"type": "object"}"#,
            "spec-check.yaml": "spec: spec.yaml\ngroups:\n  - name: g\n    target: {schema-file: s.json}\n    valid: [ok/*.json]\n",
            "ok/a.json": "{}",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try report(dir.path)
        #expect(r.contracts.isEmpty)
        #expect(r.total(.operations).total == 0 && r.total(.operations).percentText == "n/a")
        #expect(r.dimensions(below: 100) == [])
    }

    @Test func noRecorderMeansNoCoverageWalk() throws {
        // The same run without a recorder gives the same verdicts (coverage never changes them).
        let runner = try CorpusRunner(directory: coverageCorpus)
        var plain: [String] = []
        var covered: [String] = []
        _ = runner.run { if case .fixture(let r) = $0 { plain.append("\(r.name) \(r.passed)") } }
        _ = runner.run(coverage: CoverageRecorder(root: coverageCorpus)) {
            if case .fixture(let r) = $0 { covered.append("\(r.name) \(r.passed)") }
        }
        #expect(plain == covered && plain.count == 5)
    }
}
