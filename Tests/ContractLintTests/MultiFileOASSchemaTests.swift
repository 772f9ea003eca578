import ContractLint
import Foundation
import Testing

/// `oas-schema` across files: each object a reference designates in another file than the root
/// is validated against the official schema's definition of the kind its reference position
/// expects, and reported where it is written. Fixtures: `Resources/multifile/broken` (one
/// structural error per file) and `Resources/multifile/clean`, each with a 3.0, a 3.1 (and for
/// `clean` a 3.2) root document sharing the same referenced files.
@Suite("lint: the official OpenAPI schemas across files")
struct MultiFileOASSchemaTests {
    static let fixtures = LintTestKit.resources.appendingPathComponent("multifile")

    /// `file:line:column pointer message` of each finding of `rule`, with the fixture folder
    /// removed from file names and messages (files below the current directory are named
    /// relative to it, the root document as it was given).
    static func lines(_ report: LintReport, rule: String = "oas-schema", in folder: URL) -> [String] {
        let prefix = folder.path + "/"
        let current = FileManager.default.currentDirectoryPath + "/"
        let relative = prefix.hasPrefix(current) ? String(prefix.dropFirst(current.count)) : prefix
        func strip(_ text: String) -> String {
            text.replacingOccurrences(of: prefix, with: "").replacingOccurrences(of: relative, with: "")
        }
        return report.findings.filter { $0.rule == rule }.map { finding in
            let place = "\(strip(finding.location.file.path)):\(finding.location.line):\(finding.location.column)"
            return "\(place) \(finding.pointer) \(strip(finding.message))"
        }
    }

    static let broken = fixtures.appendingPathComponent("broken")

    /// The expected ``lines(_:rule:in:)`` entry of an `oas-schema` finding: where, the pointer in
    /// that file, and the message, which names the file and pointer and the official schema's rule.
    static func line(_ place: String, _ pointer: String, _ message: String, _ rule: String) -> String {
        let file = place.prefix(while: { $0 != ":" })
        return "\(place) \(pointer) \(file)\(pointer): \(message) (official schema \(rule))"
    }

    /// A Parameter file without `in` (referenced twice: reported once), a Parameter misspelling
    /// `required` inside an Operation file, a bad `style` at the end of a chain of two references,
    /// a Path Item file with an unknown method, a Response file without `description`, and (3.0)
    /// a Schema file with a `type` typo. The operations written as `{$ref}` (in the root and in
    /// the Path Item file) are left to `operation-ref`; a reference that does not resolve is
    /// `reference-unresolved` and nothing else.
    @Test func eachStructuralErrorOfA30DescriptionIsFoundInItsFile() throws {
        let report = try LintTestKit.lint(Self.broken.appendingPathComponent("api-3.0.yaml").path)
        #expect(
            Self.lines(report, in: Self.broken) == [
                Self.line(
                    "operations/listOwners.yaml:5:5", "#/parameters/0/requried",
                    #"property "requried" is not allowed (no additional properties); did you mean "required"? Note: "#
                        + "additionalProperties sees only the properties beside it, not those declared inside allOf; to close a schema "
                        + "composed with allOf, use unevaluatedProperties: false (JSON Schema 2019-09/2020-12, OpenAPI 3.1)",
                    "#/definitions/Parameter/additionalProperties"),
                // Only this: the official 3.0 schema's `oneOf` of the four `in` values, three of
                // which match without `in`, is that error's consequence.
                Self.line("parameters/limit.yaml:1:1", "#", #"missing required property "in""#, "#/definitions/Parameter/required"),
                Self.line(
                    "parameters/offset.yaml:3:1", "#/style",
                    #""diagonal" is not one of "form", "spaceDelimited", "pipeDelimited", "deepObject""#,
                    "#/definitions/QueryParameter/properties/style/enum"),
                Self.line(
                    "paths/pets.yaml:9:1", "#/fetch", #"property "fetch" is not allowed (no additional properties)"#,
                    "#/definitions/PathItem/additionalProperties"),
                Self.line(
                    "responses/list.yaml:1:1", "#", #"missing required property "description""#, "#/definitions/Response/required"),
                Self.line(
                    "schemas/pet.yaml:3:10", "#/properties/name/type",
                    #""strng" is not one of "array", "boolean", "integer", "number", "object", "string"; did you mean "string"?"#,
                    "#/definitions/Schema/properties/type/enum"),
            ], "\(report.findings.map(\.description).joined(separator: "\n"))")
        #expect(report.findings.allSatisfy { $0.rule != "oas-schema" || $0.severity == .error })
        // The typo is one finding: not also a schema-compile error at the same place.
        #expect(Self.lines(report, rule: "schema-compile", in: Self.broken).isEmpty, "\(report.findings)")
        #expect(
            Self.lines(report, rule: "operation-ref", in: Self.broken).map { $0.prefix(while: { $0 != " " }) }.sorted() == [
                "api-3.0.yaml:8:13", "paths/pets.yaml:13:9",
            ])
        #expect(
            Self.lines(report, rule: "reference-unresolved", in: Self.broken).map { $0.prefix(while: { $0 != " " }) } == [
                "operations/listOwners.yaml:8:11"
            ])
    }

    /// The same files under a 3.1 root: the 3.1 schema's own messages, and Schema Objects only
    /// checked as objects or booleans (the typo is the schema compiler's).
    @Test func eachStructuralErrorOfA31DescriptionIsFoundInItsFile() throws {
        let report = try LintTestKit.lint(Self.broken.appendingPathComponent("api-3.1.yaml").path)
        #expect(
            Self.lines(report, in: Self.broken) == [
                Self.line(
                    "operations/listOwners.yaml:5:5", "#/parameters/0/requried",
                    #"property "requried" is not allowed (not evaluated by any other keyword); did you mean "required"?"#,
                    "#/$defs/parameter/unevaluatedProperties"),
                Self.line("parameters/limit.yaml:1:1", "#", #"missing required property "in""#, "#/$defs/parameter/required"),
                // The 3.1 schema's `if: {properties: {in: {const: path}}}` holds when `in` is absent.
                Self.line(
                    "parameters/limit.yaml:1:1", "#", #"missing required property "required""#,
                    "#/$defs/parameter/dependentSchemas/schema/$defs/styles-for-path/then/required"),
                Self.line(
                    "parameters/offset.yaml:3:1", "#/style",
                    #""diagonal" is not one of "form", "spaceDelimited", "pipeDelimited", "deepObject""#,
                    "#/$defs/parameter/dependentSchemas/schema/$defs/styles-for-query/then/properties/style/enum"),
                Self.line(
                    "parameters/offset.yaml:3:1", "#/style", #"property "style" is not allowed (not evaluated by any other keyword)"#,
                    "#/$defs/parameter/unevaluatedProperties"),
                Self.line(
                    "paths/pets.yaml:9:1", "#/fetch", #"property "fetch" is not allowed (not evaluated by any other keyword)"#,
                    "#/$defs/path-item/unevaluatedProperties"),
                Self.line("responses/list.yaml:1:1", "#", #"missing required property "description""#, "#/$defs/response/required"),
            ], "\(report.findings.map(\.description).joined(separator: "\n"))")
        #expect(
            Self.lines(report, rule: "schema-compile", in: Self.broken).map { $0.prefix(while: { $0 != " " }) } == ["schemas/pet.yaml:3:16"]
        )
    }

    static let clean = fixtures.appendingPathComponent("clean")

    /// Every kind behind a reference in other files (Path Items, an Operation, a chain of two
    /// references to a Parameter, a Request Body, a Response, a Header, an Example, a Link, a
    /// Callback, a Security Scheme, Schemas; 3.2 a Media Type): no `oas-schema` finding.
    @Test(arguments: ["3.0", "3.1", "3.2"])
    func aCleanDescriptionHasNoFinding(_ version: String) throws {
        let report = try LintTestKit.lint(Self.clean.appendingPathComponent("api-\(version).yaml").path)
        #expect(!report.hasErrors, "\(report.findings.map(\.description).joined(separator: "\n"))")
        #expect(Self.lines(report, in: Self.clean).isEmpty)
    }

    /// The files of the clean description with the object a reference designates in each, and
    /// whether the official schema of each version checks what is inside it.
    static let targets: [(file: String, indent: String, checkedIn: Set<String>)] = [
        ("paths/pets.yaml", "", ["3.0", "3.1", "3.2"]),
        ("paths/event.yaml", "", ["3.0", "3.1", "3.2"]),
        ("operations/createPet.yaml", "", ["3.0", "3.1", "3.2"]),
        ("parameters/limit.yaml", "", ["3.0", "3.1", "3.2"]),
        ("responses/list.yaml", "", ["3.0", "3.1", "3.2"]),
        ("components/bodies.yaml", "  ", ["3.0", "3.1", "3.2"]),
        ("components/examples.yaml", "  ", ["3.0", "3.1", "3.2"]),
        ("components/headers.yaml", "  ", ["3.0", "3.1", "3.2"]),
        ("components/links.yaml", "  ", ["3.0", "3.1", "3.2"]),
        ("components/callbacks.yaml", "  ", ["3.0", "3.1", "3.2"]),
        ("components/security.yaml", "  ", ["3.0", "3.1", "3.2"]),
        // Referenced from the 3.2 root's components/mediaTypes only.
        ("components/media-types.yaml", "  ", ["3.2"]),
        // 3.1 and 3.2 check a Schema Object only as an object or a boolean.
        ("schemas/pet.yaml", "", ["3.0"]),
        ("schemas/tag.yaml", "", ["3.0"]),
    ]

    /// A member no object kind allows, added to each referenced object in turn: reported in that
    /// file, at that member, wherever the official schema checks the object's content.
    @Test(arguments: ["3.0", "3.1", "3.2"])
    func everyReferencedKindIsChecked(_ version: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spec-check-lint-files-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for target in Self.targets {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.copyItem(at: Self.clean, to: folder)
            let file = folder.appendingPathComponent(target.file)
            let text = try String(contentsOf: file, encoding: .utf8)
            try (text + "\(target.indent)bogus: 1\n").write(to: file, atomically: true, encoding: .utf8)
            let report = try LintTestKit.lint(folder.appendingPathComponent("api-\(version).yaml").path)
            let found = Self.lines(report, in: folder).filter { $0.hasPrefix(target.file + ":") }
            if target.checkedIn.contains(version) {
                #expect(!found.isEmpty, "\(target.file) in \(version): \(report.findings)")
                let line = text.split(separator: "\n", omittingEmptySubsequences: false).count
                #expect(
                    found.allSatisfy { $0.hasPrefix("\(target.file):\(line):\(target.indent.count + 1) ") && $0.contains("/bogus") },
                    "\(target.file) in \(version): \(found)")
            } else {
                #expect(found.isEmpty, "\(target.file) in \(version): \(found)")
            }
        }
    }
}
