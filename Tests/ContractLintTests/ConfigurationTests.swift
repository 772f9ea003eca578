import ContractLint
import Foundation
import SpecSource
import Testing

@Suite("lint configuration")
struct ConfigurationTests {
    static func parse(_ yaml: String) throws(SourceError) -> LintConfiguration {
        try LintConfiguration(parsing: try SourceLoader.parse(yaml, format: .yaml, file: SourceFileID.intern(".spec-check.yaml")))
    }

    @Test func theFileSetsLevelsAndKnownFormats() throws {
        let configuration = try Self.parse(
            """
            corpus: {ignored: here}
            lint:
              rules:
                component-unused: off
                format-unknown: error
                oas30-schema-example: false
              formats: [phone, currency-code]
            """)
        #expect(configuration.severity(of: .componentUnused) == nil)
        #expect(configuration.severity(of: .formatUnknown) == .error)
        #expect(configuration.severity(of: .oas30SchemaExample) == nil)
        #expect(configuration.severity(of: .exampleInvalid) == .error)
        #expect(configuration.severity(of: .refSiblings) == .warning)
        #expect(configuration.knownFormats == ["phone", "currency-code"])
    }

    @Test func anEmptyFileOrNoLintSectionChangesNothing() throws {
        #expect(try Self.parse("") == LintConfiguration())
        #expect(try Self.parse("corpus: {}\n") == LintConfiguration())
    }

    @Test func mistakesAreLocated() throws {
        let unknown = try #require(#expect(throws: SourceError.self) { try Self.parse("lint:\n  rules:\n    component-unsed: off\n") })
        #expect(unknown.code == "config.unknown-rule" && unknown.location.line == 3 && unknown.location.column == 5)
        #expect(unknown.message.contains("component-unused"), "\(unknown.message)")
        let level = try #require(#expect(throws: SourceError.self) { try Self.parse("lint:\n  rules:\n    component-unused: silent\n") })
        #expect(level.code == "config.invalid" && level.location.line == 3 && level.message.contains("off, warning or error"))
        let key = try #require(#expect(throws: SourceError.self) { try Self.parse("lint:\n  rule: {}\n") })
        #expect(key.location.line == 2)
        let formats = try #require(#expect(throws: SourceError.self) { try Self.parse("lint:\n  formats: phone\n") })
        #expect(formats.location.line == 2)
    }

    @Test func ruleOptionsOverride() throws {
        var configuration = try Self.parse("lint:\n  rules:\n    format-unknown: off\n")
        try configuration.apply(option: "format-unknown=warning")
        try configuration.apply(option: "example-invalid=warning")
        #expect(configuration.severity(of: .formatUnknown) == .warning)
        #expect(configuration.severity(of: .exampleInvalid) == .warning)
        #expect(throws: LintConfigurationError.self) { try configuration.apply(option: "format-unknown") }
        #expect(throws: LintConfigurationError.self) { try configuration.apply(option: "no-such-rule=off") }
        #expect(throws: LintConfigurationError.self) { try configuration.apply(option: "format-unknown=fatal") }
    }

    @Test func levelsAndKnownFormatsChangeTheFindings() throws {
        let document = LintTestKit.golden.appendingPathComponent("format-unknown/positive.yaml").path
        #expect(try LintTestKit.lint(document).findings.map(\.severity) == [.warning, .warning])
        var configuration = LintConfiguration()
        try configuration.apply(option: "format-unknown=error")
        let raised = try LintTestKit.lint(document, configuration: configuration)
        #expect(raised.findings.map(\.severity) == [.error, .error] && raised.hasErrors)
        configuration.knownFormats = ["phone"]
        #expect(try LintTestKit.lint(document, configuration: configuration).findings.map(\.message).allSatisfy { $0.contains("uint64") })
        try configuration.apply(option: "format-unknown=off")
        #expect(try LintTestKit.lint(document, configuration: configuration).findings.isEmpty)
    }

    @Test func theFileIsFoundUpToTheRepositoryRoot() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lint-config-\(UUID().uuidString)")
        let repository = root.appendingPathComponent("repo")
        let nested = repository.appendingPathComponent("api/specs")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repository.appendingPathComponent(".git"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        // Above the repository root: never read.
        try "lint: {}\n".write(to: root.appendingPathComponent(".spec-check.yaml"), atomically: true, encoding: .utf8)
        #expect(LintConfiguration.findFile(from: nested.path) == nil)
        try "lint: {}\n".write(to: repository.appendingPathComponent(".spec-check.yaml"), atomically: true, encoding: .utf8)
        #expect(
            LintConfiguration.findFile(from: nested.path) == repository.appendingPathComponent(".spec-check.yaml").standardizedFileURL.path)
        try "lint: {}\n".write(to: nested.appendingPathComponent(".spec-check.yaml"), atomically: true, encoding: .utf8)
        #expect(LintConfiguration.findFile(from: nested.path) == nested.appendingPathComponent(".spec-check.yaml").standardizedFileURL.path)
    }
}
