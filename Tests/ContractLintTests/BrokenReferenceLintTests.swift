import ContractLint
import Foundation
import SpecSource
import Testing

/// Lint of a description some of whose references do not resolve: each is a
/// `reference-unresolved` finding, the rules still check what the references do not lead to,
/// and what would rest on the unreachable parts is skipped and said so in one note.
@Suite("lint with unresolved references")
struct BrokenReferenceLintTests {
    /// Three broken references (a response schema, a path parameter, a discriminator child's
    /// `allOf`), beside findings of other rules that do not depend on them.
    static let broken = """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        paths:
          /pets/{id}:
            get:
              operationId: getPet
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pett'}
          /owners/{ownerId}:
            get:
              operationId: getPet
              parameters:
                - {name: ownerId, in: path, required: true, schema: {type: string}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Owner'}
                      example: {name: 42}
          /toys/{toyId}:
            get:
              operationId: getToy
              parameters:
                - $ref: '#/components/parameters/ToyID'
              responses:
                '204': {description: none}
        components:
          parameters:
            ToyId: {name: toyId, in: path, required: true, schema: {type: string}}
          schemas:
            Pet: {type: object}
            Owner:
              type: object
              properties:
                name: {type: string, format: colour}
            Unused: {type: string}
            Animal:
              discriminator: {propertyName: kind}
              type: object
              properties: {kind: {type: string}}
            Dog:
              allOf: [{$ref: '#/components/schemas/Animall'}]

        """

    /// The same description with the three references fixed.
    static var fixed: String {
        broken.replacingOccurrences(of: "schemas/Pett'", with: "schemas/Pet'")
            .replacingOccurrences(of: "parameters/ToyID'", with: "parameters/ToyId'")
            .replacingOccurrences(of: "schemas/Animall'", with: "schemas/Animal'")
    }

    static func summary(_ report: LintReport) -> [String] {
        report.findings.map { "\($0.location.line) \($0.rule)" }
    }

    @Test func theRulesCheckWhatTheBrokenReferencesDoNotReach() throws {
        let report = try LintTestKit.lint(yaml: Self.broken, file: "broken.yaml")
        #expect(
            Self.summary(report) == [
                "4 path-parameter-undeclared",  // /pets/{id} declares no parameter at all: reported
                "12 reference-unresolved",
                "15 operation-id-duplicate",
                "24 example-invalid",
                "29 reference-unresolved",  // its parameter may be {toyId}: /toys/{toyId} is skipped
                "40 format-unknown",
                "47 reference-unresolved",  // Dog may be Animal's child: no discriminator-no-children
            ], "\(report.findings.map(\.description).joined(separator: "\n"))")
        #expect(report.findings[1].message.hasSuffix(#"#/components/schemas has no member "Pett"; did you mean "Pet"?"#))
        // Unused would be reported as unused, but a broken reference may be what uses it.
        #expect(report.skippedRules == ["component-unused"])
        #expect(report.notes.count == 1, "\(report.notes)")
        let note = try #require(report.notes.first)
        #expect(
            note.hasPrefix(
                "3 references do not resolve: 1 rule did not run (component-unused: a component may be used only from what they designate); "
            ), "\(note)")
        #expect(note.contains("discriminator-no-children skipped 1 discriminator whose allOf children cannot all be read"), "\(note)")
        #expect(note.contains("path-parameter-undeclared skipped 1 operation whose parameters cannot all be read"), "\(note)")
    }

    @Test func theSkippedChecksReportOnceTheReferencesResolve() throws {
        let report = try LintTestKit.lint(yaml: Self.fixed, file: "fixed.yaml")
        #expect(
            Self.summary(report) == [
                "4 path-parameter-undeclared", "15 operation-id-duplicate", "24 example-invalid", "40 format-unknown",
                "41 component-unused",
            ], "\(report.findings.map(\.description).joined(separator: "\n"))")
        #expect(report.skippedRules.isEmpty && report.notes.isEmpty, "\(report.notes)")
    }

    @Test func aRuleThatIsOffIsNotCountedAsSkipped() throws {
        let configuration = LintConfiguration(levels: ["component-unused": .off, "path-parameter-undeclared": .off])
        let report = try LintTestKit.lint(yaml: Self.broken, file: "broken.yaml", configuration: configuration)
        #expect(report.skippedRules.isEmpty)
        #expect(
            report.notes == [
                "3 references do not resolve: discriminator-no-children skipped 1 discriminator whose allOf children cannot all be read; what they designate is not checked, nor are examples and defaults whose schema reaches them; the other rules ran on the rest of the document"
            ], "\(report.notes)")
    }

    @Test func aMissingFileLeavesTheRestOfTheDescriptionChecked() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spec-check-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths:
              /a:
                $ref: 'paths/a.yaml'
              /b:
                get:
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {type: integer}
                          example: x

            """
        try spec.write(to: dir.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("paths"), withIntermediateDirectories: true)
        try "get: {responses: {'204': {description: none}}}\n".write(
            to: dir.appendingPathComponent("paths/A.yaml"), atomically: true, encoding: .utf8)
        let report = try LintTestKit.lint(dir.appendingPathComponent("spec.yaml").path)
        #expect(Self.summary(report) == ["5 reference-unresolved", "14 example-invalid"], "\(report.findings)")
        #expect(report.findings.first?.message.contains(#"file not found: "#) == true, "\(report.findings)")
        #expect(report.findings.first?.message.hasSuffix(#"paths/a.yaml; did you mean "A.yaml"?"#) == true, "\(report.findings)")
    }

    /// An example whose schema reaches a broken `$ref` (two references away) is left unjudged,
    /// with no `schema-compile` repeating the load's error; one beside it is judged.
    @Test func examplesWhoseSchemaReachesABrokenReferenceAreLeftUnjudged() throws {
        let yaml = """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths: {}
            components:
              schemas:
                Order:
                  allOf: [{$ref: '#/components/schemas/Line'}]
                  example: {line: 1}
                Line:
                  type: object
                  properties:
                    item: {$ref: '#/components/schemas/Itme'}
                  example: {item: 2}
                Item:
                  type: string
                  example: 3

            """
        let report = try LintTestKit.lint(yaml: yaml, file: "orders.yaml")
        #expect(Self.summary(report) == ["12 reference-unresolved", "16 example-invalid"], "\(report.findings)")
    }

    /// `properties: {$ref: …}` that does not resolve may declare every required name: no
    /// `required-undeclared`, and the reference is reported (not hidden by the `properties-ref`
    /// warning at the same place).
    @Test func requiredNamesOfAPropertiesMapThatCannotBeReadAreNotReported() throws {
        let yaml = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths: {}
            components:
              schemas:
                Pet:
                  type: object
                  additionalProperties: false
                  required: [name]
                  properties: {$ref: '#/components/schemas/Fields'}
                Field:
                  type: object
                  additionalProperties: false
                  required: [name]
                  properties: {$ref: '#/components/schemas/Feilds'}
                Feilds:
                  id: {type: string}

            """
        let report = try LintTestKit.lint(yaml: yaml, file: "pets.yaml")
        #expect(
            Self.summary(report) == [
                "10 properties-ref", "10 reference-unresolved", "14 required-undeclared", "15 properties-ref",
            ], "\(report.findings)")
        // Found by the schema walk, not the load: the checks that rest on every reference skip too.
        #expect(report.skippedRules == ["component-unused"])
        #expect(
            report.notes.first?.hasPrefix("1 reference does not resolve: 1 rule did not run (component-unused") == true, "\(report.notes)")
    }
}
