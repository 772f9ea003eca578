import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Helpers shared by the exchange suites.
enum ExchangeTestKit {
    /// Parses an inline YAML OpenAPI document.
    static func document(_ yaml: String, file: String = "exchange.yaml") throws -> OpenAPIDocument {
        try ContractTestKit.document(yaml, file: file)
    }

    /// The instance locations of a result's errors, sorted.
    static func locations(_ result: ExchangeResult) -> [String] {
        result.errors.map(\.instanceLocation).sorted()
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
}

extension ExchangeResult {
    /// The first error at `location`, if any.
    func error(at location: String) -> SchemaViolation? {
        errors.first { $0.instanceLocation == location }
    }

    /// Every message of errors, warnings and unchecked items, joined (for "never printed" checks).
    var allText: String {
        (errors + warnings + unchecked).map { "\($0.instanceLocation) \($0.message) \($0.keywordLocation)" }.joined(separator: "\n") + "\n"
            + description
    }
}
