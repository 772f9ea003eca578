import Foundation
import SchemaValidation
import SpecSource
import Testing

// The official output-tests of the JSON-Schema-Test-Suite (copied under `Suite/output-tests`, see
// `Suite/SOURCE.txt`): for each case, the output of `ValidationResult.output(_:)` in each format
// the case lists must be valid against the case's schema, which refers to the draft's
// `output-schema.json` (registered at its `$id`).
//
// Copied: draft2019-09 and draft2020-12 (4 content files each). Not copied: `v1/`, whose `list` and
// `hierarchical` formats (evaluationPath, schemaLocation, droppedAnnotations) and `$schema`
// `https://json-schema.org/v1` belong to a later specification than spec-check implements.
// Results are built with annotations (`Schema.validate(_:collectingAnnotations:)`): the readOnly
// cases expect the `readOnly` annotation in `annotations`, the general case none for an invalid
// instance. Nothing is excluded.
@Suite("JSON Schema output-tests")
struct OutputFormatSuiteTests {
    struct OutputCase: Sendable, CustomTestStringConvertible {
        let name: String
        let schema: JSONValue
        let data: JSONValue
        let formats: [(JSONSchemaOutputFormat, JSONValue)]
        let draft: String
        var testDescription: String { name }
    }

    /// Case-name prefixes that are expected to fail, with the reason.
    static let excluded: [(prefix: String, reason: String)] = []

    static let root = SuiteCatalog.root + "/output-tests"

    static let cases: [OutputCase] = {
        var cases: [OutputCase] = []
        for draft in ["draft2019-09", "draft2020-12"] {
            let folder = root + "/" + draft + "/content"
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter({ $0.hasSuffix(".json") }).sorted() {
                guard let groups = try? SourceLoader.load(contentsOf: folder + "/" + file).arrayValue else { continue }
                for group in groups {
                    for test in group["tests"]?.arrayValue ?? [] {
                        let formats = (test["output"]?.objectValue?.members ?? []).compactMap { member in
                            JSONSchemaOutputFormat(rawValue: member.key).map { ($0, member.value) }
                        }
                        cases.append(
                            OutputCase(
                                name:
                                    "\(draft)/content/\(file): \(group["description"]?.stringValue ?? "?") / \(test["description"]?.stringValue ?? "?")",
                                schema: group["schema"] ?? .null, data: test["data"] ?? .null, formats: formats, draft: draft))
                    }
                }
            }
        }
        return cases
    }()

    static func options(_ draft: String) throws -> SchemaOptions {
        var options = SchemaOptions()
        let outputSchema = try SourceLoader.load(contentsOf: root + "/" + draft + "/output-schema.json")
        options.resolver.register(outputSchema, at: try #require(outputSchema["$id"]?.stringValue))
        return options
    }

    @Test("output-tests case", arguments: cases)
    func outputCase(_ testCase: OutputCase) throws {
        let options = try Self.options(testCase.draft)
        let result = try Schema.compile(testCase.schema, options: options).validate(testCase.data, collectingAnnotations: true)
        var failures: [String] = []
        for (format, expectation) in testCase.formats {
            let output = result.output(format)
            let check = try Schema.compile(expectation, options: options).validate(output)
            if !check.isValid { failures.append("\(format.rawValue) output \(output) fails: \(check)") }
        }
        if let exclusion = Self.excluded.first(where: { testCase.name.hasPrefix($0.prefix) }) {
            if failures.isEmpty {
                Issue.record("\(testCase.name) passes: remove its exclusion")
            } else {
                withKnownIssue("excluded: \(exclusion.reason)") { Issue.record(Comment(rawValue: failures.joined(separator: "\n"))) }
            }
        } else {
            #expect(failures.isEmpty, Comment(rawValue: failures.joined(separator: "\n")))
        }
    }

    @Test("every copied output-tests file is run")
    func casesLoad() {
        #expect(Self.cases.count == 8, "expected the 4 content files of each of 2 drafts, one case each")
        #expect(Self.cases.allSatisfy { !$0.formats.isEmpty })
        for exclusion in Self.excluded {
            #expect(Self.cases.contains { $0.name.hasPrefix(exclusion.prefix) }, "stale exclusion \(exclusion.prefix)")
        }
    }

    // Beyond the output-tests: the basic and detailed output, annotations collected, of every
    // draft 2020-12 and 2019-09 case of the validation suite is valid against the draft's output
    // schema, and detailed nests every error (or annotation) exactly once.
    @Test("outputs of the validation suite match the output schema")
    func suiteOutputsMatchOutputSchema() throws {
        for draft in ["draft2020-12", "draft2019-09"] {
            let options = try Self.options(draft)
            let outputSchema = try Schema.compile(
                try SourceLoader.load(contentsOf: Self.root + "/" + draft + "/output-schema.json"), options: options)
            var checked = 0
            for testCase in SuiteCatalog.shared.cases where testCase.draft == draft {
                guard case .success(let schema) = testCase.group.schema else { continue }
                let result = schema.validate(testCase.data, collectingAnnotations: true)
                #expect(result.isValid == schema.isValid(testCase.data), "\(testCase.name): the annotation walk changed the verdict")
                for format in JSONSchemaOutputFormat.allCases {
                    let output = result.output(format)
                    let check = outputSchema.validate(output)
                    #expect(check.isValid, "\(testCase.name) \(format.rawValue): \(output) — \(check)")
                    #expect(output["valid"]?.boolValue == result.isValid)
                }
                #expect(
                    Self.leaves(result.detailedOutput).sorted()
                        == result.errors.map { $0.keywordLocation + " " + $0.instanceLocation }.sorted(),
                    "\(testCase.name): detailed output does not hold each error once")
                #expect(
                    Self.annotationLeaves(result.detailedOutput).sorted()
                        == result.annotations.map { $0.keywordLocation + " " + $0.instanceLocation }.sorted(),
                    "\(testCase.name): detailed output does not hold each annotation once")
                #expect(result.isValid || result.annotations.isEmpty, "\(testCase.name): an invalid result has annotations")
                checked += 1
            }
            #expect(checked > 1000, "\(draft): only \(checked) cases")
        }
    }

    static func leaves(_ unit: OutputUnit) -> [String] {
        unit.error != nil ? [unit.keywordLocation + " " + unit.instanceLocation] : unit.errors.flatMap(leaves)
    }

    static func annotationLeaves(_ unit: OutputUnit) -> [String] {
        unit.annotation != nil ? [unit.keywordLocation + " " + unit.instanceLocation] : unit.annotations.flatMap(annotationLeaves)
    }
}
