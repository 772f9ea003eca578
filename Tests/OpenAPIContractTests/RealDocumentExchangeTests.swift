import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Whole requests against the real descriptions in `../shared/testdata/specs`: every operation is
/// found again from a concrete URL built from its own path, and checking such a request (with
/// thousands of real parameter definitions, styles and security schemes) never throws.
@Suite("real documents: exchanges", .enabled(if: RealDocuments.present, "../shared/testdata/specs is absent on this machine"))
struct RealDocumentExchangeTests {
    static let documents = [
        "digitalocean/specification/DigitalOcean-public.v2.yaml",
        "openai/openapi.yaml",
        "plaid/2020-09-14.yml",
        "openrouter/openapi.yaml",
    ]

    /// `/v2/apps/{app_id}/deployments` → `/v2/apps/1/deployments`.
    static func concrete(_ template: String) -> String {
        var result = ""
        var inVariable = false
        for c in template {
            if c == "{" {
                inVariable = true
                result += "1"
                continue
            }
            if c == "}" {
                inVariable = false
                continue
            }
            if !inVariable { result.append(c) }
        }
        return result
    }

    @Test("every operation is found again from its own path", arguments: documents)
    func routeEveryOperation(relative: String) throws {
        let path = RealDocuments.folder.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path) else { return }
        let contract = try OpenAPIDocument.load(contentsOf: path, compilation: .onDemand)
        var misrouted: [String] = []
        var checked = 0
        for op in contract.operations where !op.isWebhook {
            let url = Self.concrete(op.path)
            let result = try contract.validateRequest(method: op.httpMethod, url: url)
            checked += 1
            guard let found = result.operation else {
                misrouted.append("\(op.displayName): \(result.errors.first?.message ?? "")")
                continue
            }
            // A more specific template may win (`/a/1` could be a literal path); it must be the same
            // method and a template the URL matches.
            if found.httpMethod != op.httpMethod
                || (found.path != op.path && (try? contract.operation("\(op.httpMethod) \(url)"))?.path != found.path)
            {
                misrouted.append("\(op.displayName) → \(found.displayName)")
            }
            #expect(result.errors.allSatisfy { !$0.instanceLocation.isEmpty })
        }
        print("\(relative): \(checked) operations routed, \(misrouted.count) misrouted")
        #expect(checked > 0)
        #expect(misrouted.isEmpty, "\(misrouted.prefix(10))")
    }
}
