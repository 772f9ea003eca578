import ContractLint
import Foundation
import SpecSource
import Testing

@Suite("lint: the seed contract")
struct SeedLintTests {
    static let spec = LintTestKit.repositoryRoot.appendingPathComponent("specs/openrouter-videos.yaml").path
    static let overlay = LintTestKit.repositoryRoot.appendingPathComponent("specs/openrouter-videos.overlay.yaml").path

    @Test func theFrameImageExampleLacksItsRequiredFrameType() throws {
        let report = try ContractLinter().lint(contentsOf: Self.spec, overlays: [Self.overlay])
        let errors = report.findings.filter { $0.severity == .error }
        let finding = try #require(errors.first { $0.pointer == "#/components/schemas/FrameImage/example" }, "\(errors)")
        #expect(finding.rule == "example-invalid")
        #expect(finding.message.contains("\"frame_type\""), "\(finding.message)")
        // At the example's own position in the file.
        let document = try SourceLoader.load(contentsOf: Self.spec)
        let example = try #require(JSONPointer(tokens: ["components", "schemas", "FrameImage", "example"]).resolve(in: document))
        #expect(finding.location == example.location)
        #expect(report.hasErrors)
    }
}

/// The real descriptions in `../shared/testdata/specs` (opt-in: skipped, with the reason shown, on
/// machines without that folder).
@Suite(
    "lint: real documents",
    .enabled(
        if: FileManager.default.fileExists(atPath: SeedRealDocuments.folder.path), "../shared/testdata/specs is absent on this machine"))
struct RealDocumentLintTests {
    static func lint(_ relative: String) throws -> LintReport {
        try ContractLinter().lint(contentsOf: SeedRealDocuments.folder.appendingPathComponent(relative).path)
    }

    static func wellFormed(_ report: LintReport) {
        for finding in report.findings {
            #expect(finding.location.isKnown, "\(finding)")
            #expect(finding.pointer.hasPrefix("#"), "\(finding)")
            #expect(LintRule.named(finding.rule) != nil)
        }
    }

    @Test func openAI() throws {
        let report = try Self.lint("openai/openapi.yaml")
        Self.wellFormed(report)
        let counts = report.countsByRule
        // The 112 `nullable` keywords of this 3.1 document, each reported once.
        #expect(counts["oas30-nullable"] == 112)
        // Its examples that miss required fields.
        #expect(report.findings.contains { $0.rule == "example-invalid" && $0.message.contains("missing required property \"logprobs\"") })
        // No parse-to-JSON example is reported: those the schema accepts once read are fine.
        #expect(!report.findings.contains { $0.rule == "example-invalid" && $0.message.contains("found string \"[1212") })
    }

    @Test func digitalOcean() throws {
        let report = try Self.lint("digitalocean/specification/DigitalOcean-public.v2.yaml")
        Self.wellFormed(report)
        // Whole operations behind $ref: one operation-ref warning each, no oas-schema error.
        #expect((report.countsByRule["operation-ref"] ?? 0) > 600)
        #expect(!report.findings.contains { $0.rule == "oas-schema" && $0.message.contains("\"responses\"") })
        // The objects in its ~2,900 other files are checked too: 8 oas-schema errors, each read by
        // hand. 2 in the root (tag `description: {$ref}`), 6 `properties: {$ref: …}` (a property
        // named "$ref" whose value is not a Schema Object). Its 2 patterns with `\:` (valid
        // ECMA-262 without the u flag, not with it) are pattern-invalid warnings, not errors.
        let structure = report.findings.filter { $0.rule == "oas-schema" }
        #expect(structure.count == 8, "\(structure.map(\.description).joined(separator: "\n"))")
        func has(_ file: String, _ line: Int, _ column: Int, _ pointer: String) -> Bool {
            structure.contains {
                $0.location.file.path.hasSuffix("/specification/" + file) && $0.location.line == line && $0.location.column == column
                    && $0.pointer == pointer
            }
        }
        #expect(
            has(
                "resources/load_balancers/loadBalancers_add_droplets.yml", 30, 11,
                "#/requestBody/content/application~1json/schema/properties/$ref"))
        #expect(!has("resources/tags/models/tags.yml", 22, 5, "#/properties/name/pattern"))
        #expect(
            report.findings.contains {
                $0.rule == "pattern-invalid" && $0.severity == .warning && $0.location.file.path.hasSuffix("resources/tags/models/tags.yml")
            })
        // `change_backup_policy` is mapped to a branch whose `type` enum lacks it.
        #expect(
            report.findings.contains { $0.rule == "discriminator-value-unreachable" && $0.message.contains("\"change_backup_policy\"") })
    }

    @Test func plaidAndOpenRouter() throws {
        let plaid = try Self.lint("plaid/2020-09-14.yml")
        Self.wellFormed(plaid)
        #expect(
            plaid.findings.contains {
                $0.rule == "nullable-without-type" && $0.pointer == "#/components/schemas/NumbersACHNullable/nullable"
            })
        let openRouter = try Self.lint("openrouter/speakeasy-out.openapi.yaml")
        Self.wellFormed(openRouter)
        #expect(openRouter.findings.contains { $0.rule == "discriminator-mapping-extension" })
        // A `type: 'null'` branch of a discriminated oneOf is not asked for the property.
        #expect(
            !openRouter.findings.contains {
                $0.rule == "discriminator-property-missing" && $0.pointer.hasSuffix("ORAnthropicNullableCaller/oneOf/3")
            })
    }

    @Test func theOAIExamplesAreClean() throws {
        for name in ["petstore.yaml", "petstore-expanded.yaml", "callback-example.yaml", "link-example.yaml", "api-with-examples.yaml"] {
            let report = try Self.lint("oai-examples-3.0/" + name)
            #expect(report.findings.isEmpty, "\(name): \(report.findings.map(\.description))")
        }
    }
}

enum SeedRealDocuments {
    static let folder = LintTestKit.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/testdata/specs")
}
