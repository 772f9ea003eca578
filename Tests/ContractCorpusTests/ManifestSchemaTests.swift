import ContractCorpus
import Foundation
import SchemaValidation
import SpecSource
import Testing

/// The corpus manifest checked against its own JSON Schema: unknown and misspelt keys located with
/// the key they may mean, wrong shapes located, every key documented; `unparseable` expectations;
/// a manifest named directly; listed fixtures that do not exist named.
@Suite("Corpus manifest schema")
struct ManifestSchemaTests {
    /// The errors of reading `manifest` (as `spec-check.yaml` in a fresh folder), or `[]`.
    static func errors(_ manifest: String) throws -> [SourceError] {
        let dir = try corpusFolder(["spec-check.yaml": manifest])
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try CorpusManifest(contentsOf: dir.appendingPathComponent("spec-check.yaml").path)
            return []
        } catch {
            return error.errors
        }
    }

    /// `LINE:COLUMN: message` for each error.
    static func lines(_ manifest: String) throws -> [String] {
        try errors(manifest).map { "\($0.location.line):\($0.location.column): \($0.message)" }
    }

    @Test func misspeltKeysAreLocatedWithTheKeyTheyMayMean() throws {
        let found = try Self.lines(
            """
            spec: openapi.yaml
            overlay: [fix.yaml]
            groups:
              - name: bodies
                target: {request: createVideos, stauts: "202"}
                valdi: [ok/*.json]
                invalid:
                  a.json: [""]
              - target:
                  exchange: true
                  basepath: /api
                exchanges: [x/*.yaml]
                harr: {}
            """)
        #expect(
            found == [
                #"2:1: unknown key "overlay" at the top level; did you mean "overlays"?"#,
                #"5:37: unknown key "stauts" in the target of group 1; did you mean "status"?"#,
                #"6:5: unknown key "valdi" in group 1; did you mean "valid"?"#,
                #"11:7: unknown key "basepath" in the target of group 2; did you mean "base-path"?"#,
                #"13:5: unknown key "harr" in group 2; did you mean "har"?"#,
            ])
        #expect(try Self.errors("spec: a.yaml\ngroups: [{target: {request: x}}]\n").isEmpty)
    }

    @Test func aKeyNearNothingListsTheKeysAllowedThere() throws {
        let found = try Self.lines("spec: a.yaml\ngroups: [{target: {request: x}}]\nfixtures: [a]\n")
        #expect(found == [#"3:1: unknown key "fixtures" at the top level; expected one of "spec", "overlays", "groups""#])
    }

    @Test(arguments: [
        ("groups: []", "1:9: at groups: array has 0 items; expected at least 1 item"),
        (
            "groups: [{target: {exchange: 3}}]",
            #"1:30: in group 1 at target/exchange: expected true (find each request's operation) or an operationId or "METHOD /path", found integer 3"#
        ),
        (
            "groups: [{target: {response: x, status: [202]}}]",
            #"1:41: in group 1 at target/status: expected a status code ("201"), a range ("2XX") or default, found an array"#
        ),
        (
            "groups: [{target: {request: x}, invalid: {a.json: 5}}]",
            "1:51: in group 1 at invalid/a.json: expected a list of instance locations, invalid, or unparseable, found integer 5"
        ),
        (
            "groups: [{target: {exchange: true}, har: {a.har: {first: valid}}}]",
            #"1:51: in group 1 at har/a.har/first: expected an entry index (0, 1, …) or "*", found "first""#
        ),
        (
            "groups: [{target: {exchange: true}, har: {a.har: {0: fine}}}]",
            #"1:54: in group 1 at har/a.har/0: expected valid, invalid, unparseable, a list of instance locations, or a mapping with valid, errors, warnings, found string "fine""#
        ),
        (
            "groups: [{target: {request: x, strict: true}}]",
            #"1:19: in the target of group 1: property "exchange" is required when "strict" is present"#
        ),
        (
            "groups: [{target: {request: x}, invalid: {a.json: unparsable}}]",
            #"1:51: in group 1 at invalid/a.json: expected a list of instance locations, invalid, or unparseable, found string "unparsable"; did you mean "unparseable"?"#
        ),
        (
            "groups: [{target: {exchange: true}, har: {a.har: {0: vaild}}}]",
            #"1:54: in group 1 at har/a.har/0: expected valid, invalid, unparseable, a list of instance locations, or a mapping with valid, errors, warnings, found string "vaild"; did you mean "valid"?"#
        ),
        (
            // An empty list would be "errors at no location": refused, with the spelling for errors anywhere.
            "groups: [{target: {request: x}, invalid: {a.json: []}}]",
            "1:51: in group 1 at invalid/a.json: an empty list would expect errors at no location; list the expected locations, or write invalid for errors anywhere"
        ),
        (
            "groups: [{target: {exchange: true}, har: {a.har: {0: []}}}]",
            "1:54: in group 1 at har/a.har/0: an empty list would expect errors at no location; list the expected locations, or write invalid for errors anywhere"
        ),
        (
            "groups: [{target: {request: x}, valid: 3}]",
            "1:40: in group 1 at valid: expected a path (or glob) or a list of them, found integer 3"
        ),
    ])
    func wrongShapesAreLocated(_ body: String, _ expected: String) throws {
        // The body is line 2.
        #expect(try Self.lines("spec: a.yaml\n" + body + "\n") == ["2" + expected.dropFirst()])
    }

    @Test func aTargetNamesOneThing() throws {
        let found = try Self.lines("spec: a.yaml\ngroups: [{target: {request: x, schema: Y}}]\n")
        #expect(found == ["2:19: a target names one thing to check against, found schema and request"])
    }

    @Test func theShippedManifestMeetsTheSchema() throws {
        let manifest = try SourceLoader.load(contentsOf: repositoryRoot.appendingPathComponent("Corpus/spec-check.yaml").path)
        #expect(ManifestSchema.check(manifest).map(\.description) == [])
    }

    /// Every key the schema declares, at any depth (the names under `properties`).
    static func declaredKeys(_ schema: JSONValue) -> Set<String> {
        var keys = Set<String>()
        switch schema.kind {
        case .object(let object):
            for member in object {
                if member.key == "properties", let properties = member.value.objectValue {
                    keys.formUnion(properties.map(\.key))
                }
                keys.formUnion(declaredKeys(member.value))
            }
        case .array(let items):
            for item in items { keys.formUnion(declaredKeys(item)) }
        default: break
        }
        return keys
    }

    @Test func theReadmeDocumentsEveryKey() throws {
        let schema = try SourceLoader.parse(ManifestSchema.text, format: .yaml)
        let keys = Self.declaredKeys(schema)
        // The schema's own keys, and the expectation mapping's.
        #expect(
            keys.isSuperset(of: ["spec", "overlays", "groups", "target", "content-type", "har", "base-path", "valid", "errors", "warnings"])
        )
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("Corpus/README.md"), encoding: .utf8)
        let undocumented = keys.filter {
            !readme.contains("| `\($0)` |") && !readme.contains("`\($0):") && !readme.contains("`\($0)`:")
                && !readme.contains("with `\($0)`") && !readme.contains(", `\($0)`")
        }
        #expect(undocumented.sorted() == [], "keys the schema declares that Corpus/README.md does not document")
        #expect(readme.contains("`unparseable`"))
    }

    @Test func unparseableFixturesPassOnlyWhenTheyDoNotParse() throws {
        let dir = try corpusFolder([
            "spec-check.yaml": """
            spec: \(seedSpec)
            groups:
              - target: {request: createVideos}
                invalid:
                  broken.json: unparseable
                  broken.yaml: unparseable
                  fine.json: unparseable
            """,
            "broken.json": #"{"prompt": "p", "#,
            "broken.yaml": "a: [1, 2\n",
            "fine.json": #"{"model": "m"}"#,
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        var results: [String: String?] = [:]
        let summary = try CorpusRunner(path: dir.path).run { event in
            if case .fixture(let r) = event { results[r.name] = r.failure }
        }
        #expect(results.count == 3)
        #expect(results["broken.json"] == .some(nil))
        #expect(results["broken.yaml"] == .some(nil))
        #expect(results["fine.json"] == .some("expected unparseable, but it parses"))
        #expect(summary.passed == 2 && summary.failed == 1 && !summary.hadLoadError)
        #expect(CorpusExpectation.unparseable.description == "unparseable")
        #expect(try CorpusExpectation(SourceLoader.parse("unparseable", format: .yaml)) == .unparseable)
    }

    @Test func aFileErrorIsNotAParseError() {
        let missing = SourceError(code: "file.not-found", message: "no such file", location: .unknown)
        let syntax = SourceError(code: "json.syntax", message: "unexpected end", location: .unknown)
        #expect(CorpusExpectation.unparseable.check(unreadable: syntax) == nil)
        #expect(CorpusExpectation.unparseable.check(unreadable: missing) != nil)
        #expect(CorpusExpectation.valid.check(unreadable: syntax) != nil)
    }

    @Test func theManifestCanBeNamedDirectly() throws {
        let dir = try corpusFolder([
            "nightly.yaml": "spec: \(seedSpec)\ngroups:\n  - target: {request: createVideos}\n    valid: [ok/*.json]\n",
            "ok/fine.json": #"{"prompt":"p","model":"m"}"#,
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let runner = try CorpusRunner(path: dir.appendingPathComponent("nightly.yaml").path)
        // The manifest is not a fixture, whatever its name.
        #expect(runner.fixtures == ["ok/fine.json"])
        #expect(runner.run { _ in }.passed == 1)
        // The folder alone looks for spec-check.yaml, and says so.
        #expect(throws: SourceErrors.self) { try CorpusRunner(path: dir.path) }
        do { _ = try CorpusRunner(path: dir.path) } catch {
            #expect(error.errors.first?.location.file.path.hasSuffix("/spec-check.yaml") == true, "\(error)")
        }
    }

    @Test func aMissingListedFixtureIsNamedWithTheNearestOne() throws {
        let dir = try corpusFolder([
            "spec-check.yaml": """
            spec: \(seedSpec)
            groups:
              - target: {request: createVideos}
                invalid:
                  bad/missing-promt.json: [""]
                  bad/*.yaml: [""]
                  bad/missing-prompt.json: [""]
            """,
            "bad/missing-prompt.json": #"{"model":"m"}"#,
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        var missing: [String] = []
        _ = try CorpusRunner(path: dir.path).run { event in
            if case .missingFixture(let location, let fixture, let nearest) = event {
                missing.append("\(location.line):\(location.column) \(fixture) \(nearest ?? "-")")
            }
        }
        #expect(missing == ["5:7 bad/missing-promt.json bad/missing-prompt.json", "6:7 bad/*.yaml -"])
    }
}
