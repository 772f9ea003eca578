import ContractCorpus
import Foundation
import SchemaValidation
import SpecSource

/// Large JSON array instances validated one element at a time, so that memory holds one element
/// and the errors instead of the whole tree (about five times the file).
enum StreamedInstance {
    /// Files at least this large are streamed when they can be (16 MiB).
    static let threshold = 16 << 20

    /// The schema and plan large arrays are streamed with, when the target's schema allows it
    /// (``Schema/itemsPlan``). Worked out once per run: the plan follows the schema's `$ref`s.
    static func plan(for target: ValidationTarget) -> (schema: Schema, plan: ArrayItemsPlan)? {
        guard let schema = target.schema, let plan = schema.itemsPlan else { return nil }
        return (schema, plan)
    }

    /// The outcome of a large `.json` file whose top level is an array, validated element by
    /// element with `streaming` (``plan(for:)``); `nil` when the target has no such plan, or the
    /// file is smaller or not such an array (the caller loads the file whole). The verdict and
    /// errors are those of validating the whole array; a syntax error anywhere makes the file
    /// unreadable, as it would whole.
    static func check(
        _ path: String, limits: LoadLimits, streaming: (schema: Schema, plan: ArrayItemsPlan)?, format: OutputFormat
    ) -> Outcome? {
        var info = stat()
        guard let (schema, plan) = streaming, path.hasSuffix(caseInsensitive: ".json"), stat(path, &info) == 0,
            Int(info.st_size) >= threshold
        else { return nil }
        var errors: [SchemaViolation] = []
        var valid = true
        do {
            let count = try SourceLoader.forEachArrayElement(contentsOf: path, limits: limits) { index, element in
                if format == .flag {
                    if valid && !schema.isValid(element: element, at: index, plan: plan) { valid = false }
                } else {
                    errors += schema.validate(element: element, at: index, plan: plan)
                }
            }
            guard count != nil else { return nil }
        } catch {
            return .unreadable(name: path, error: error)
        }
        return format == .flag ? .flagged(name: path, valid: valid) : .validated(name: path, result: ValidationResult(errors: errors))
    }
}
