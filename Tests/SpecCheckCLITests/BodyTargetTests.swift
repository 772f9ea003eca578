import Foundation
import Testing

/// `validate --request`/`--response` and the body they are given: a `--content-type` the
/// operation does not document, and bodies where none is documented.
@Suite("validate: content types and bodies")
struct BodyTargetTests {
    /// `createItem` takes and returns JSON or YAML items; `deleteItem` takes no body and answers 204
    /// without one.
    static let spec = """
        openapi: 3.1.0
        info: {title: items, version: '1'}
        paths:
          /items:
            post:
              operationId: createItem
              requestBody:
                required: true
                content:
                  application/json: {schema: {$ref: '#/components/schemas/Item'}}
                  application/yaml: {schema: {$ref: '#/components/schemas/Item'}}
              responses:
                '201':
                  description: created
                  content:
                    application/json: {schema: {$ref: '#/components/schemas/Item'}}
                    application/yaml: {schema: {$ref: '#/components/schemas/Item'}}
          /items/{id}:
            delete:
              operationId: deleteItem
              parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
              responses:
                '204': {description: deleted}
        components:
          schemas:
            Item: {type: object, required: [name], properties: {name: {type: string}}}

        """

    static func validate(_ args: [String], in dir: URL) throws -> CLI.Outcome {
        try CLI.run(["validate", "--spec", "spec.yaml"] + args, in: dir)
    }

    /// Both sides name what the operation documents and the option that picks it, once, before any
    /// instance is read (exit 2, as for an undocumented `--status`).
    @Test(arguments: [
        (
            ["--request", "createItem"],
            "content type text/plain is not documented for the request of createItem (documented: application/json, application/yaml)"
        ),
        (
            ["--response", "createItem", "--status", "201"],
            "content type text/plain is not documented for response 201 of createItem (documented: application/json, application/yaml)"
        ),
    ])
    func anUndocumentedContentTypeNamesTheDocumentedOnes(_ target: [String], _ message: String) throws {
        try OverlayCommandTests.withFiles(["spec.yaml": Self.spec, "item.json": #"{"name": "a"}"#]) { dir in
            let outcome = try Self.validate(target + ["--content-type", "text/plain", "item.json"], in: dir)
            #expect(outcome.status == 2, "\(outcome)")
            #expect(outcome.stdout.isEmpty, "\(outcome)")
            #expect(outcome.stderr == "error: \(message); choose one with --content-type\n", "\(outcome)")
            // A documented one is checked.
            let documented = try Self.validate(target + ["--content-type", "application/yaml; charset=utf-8", "item.json"], in: dir)
            #expect(documented.status == 0, "\(documented)")
        }
    }

    /// Files are body values (JSON or YAML) whatever `--content-type` says; a non-JSON type gets a
    /// note saying so (a raw form or event stream would otherwise read as one YAML string).
    @Test func aNonJSONContentTypeNotesThatFilesAreValues() throws {
        try OverlayCommandTests.withFiles(["spec.yaml": Self.spec, "item.json": #"{"name": "a"}"#]) { dir in
            let yaml = try Self.validate(["--request", "createItem", "--content-type", "application/yaml", "item.json"], in: dir)
            #expect(yaml.status == 0, "\(yaml)")
            #expect(yaml.stderr.hasPrefix("note: --content-type application/yaml: each file is read as the body's value"), "\(yaml)")
            let json = try Self.validate(
                ["--request", "createItem", "--content-type", "Application/JSON; charset=utf-8", "item.json"], in: dir)
            #expect(json.status == 0, "\(json)")
            #expect(json.stderr.isEmpty, "\(json)")
        }
    }

    /// A 3.2 stream documented only by `itemSchema`: a file is the array of its items, each checked
    /// (it passed unchecked before).
    @Test func anItemSchemaStreamChecksEachItem() throws {
        let spec = """
            openapi: 3.2.0
            info: {title: s, version: '1'}
            paths:
              /s:
                get:
                  responses:
                    '200':
                      description: stream
                      content:
                        application/jsonl:
                          itemSchema: {type: object, required: [id], properties: {id: {type: string}}}
            """
        try OverlayCommandTests.withFiles(["spec.yaml": spec, "items.json": #"[{"id": "a"}, {"id": 1}]"#, "one.json": #"{"id": 1}"#]) {
            dir in
            let items = try Self.validate(
                ["--response", "GET /s", "--status", "200", "--content-type", "application/jsonl", "items.json"], in: dir)
            #expect(items.status == 1, "\(items)")
            #expect(items.stdout.contains("items.json: /1/id:"), "\(items)")
            let one = try Self.validate(
                ["--response", "GET /s", "--status", "200", "--content-type", "application/jsonl", "one.json"], in: dir)
            #expect(one.status == 1, "\(one)")
            #expect(one.stdout.contains("its value is the array of its items"), "\(one)")
        }
    }

    /// A body where the operation documents none is a verdict on that instance (exit 1), on both
    /// sides, not a target that does not exist.
    @Test(arguments: [
        (["--request", "deleteItem"], "item.json: (root): deleteItem documents no request body (spec.yaml:20:7)"),
        (
            ["--response", "deleteItem", "--status", "204"],
            "item.json: (root): response 204 of deleteItem documents no body (spec.yaml:23:9)"
        ),
    ])
    func aBodyWhereNoneIsDocumentedIsInvalid(_ target: [String], _ line: String) throws {
        try OverlayCommandTests.withFiles(["spec.yaml": Self.spec, "item.json": #"{"name": "a"}"#]) { dir in
            let outcome = try Self.validate(target + ["item.json"], in: dir)
            #expect(outcome.status == 1, "\(outcome)")
            #expect(outcome.lines == [line, "1 instance: 0 valid, 1 invalid"], "\(outcome)")
            #expect(outcome.stderr.isEmpty, "\(outcome)")
        }
    }

    /// A `--content-type` where the operation documents no body has nothing to select: a usage
    /// error before any instance is read (exit 2), on both sides; without the option, no body is valid.
    @Test(arguments: [
        (["--request", "deleteItem"], "the request of deleteItem"),
        (["--response", "deleteItem", "--status", "204"], "the 204 response of deleteItem"),
    ])
    func aContentTypeWhereNoBodyIsDocumentedIsAUsageError(_ target: [String], _ what: String) throws {
        try OverlayCommandTests.withFiles(["spec.yaml": Self.spec, "empty.json": ""]) { dir in
            let outcome = try Self.validate(target + ["--content-type", "text/plain", "empty.json"], in: dir)
            #expect(outcome.status == 2 && outcome.stdout.isEmpty, "\(outcome)")
            #expect(
                outcome.stderr
                    == "error: \(what) documents no body, so content type text/plain has nothing to select; leave out --content-type\n",
                "\(outcome)")
            #expect(try Self.validate(target + ["empty.json"], in: dir).status == 0)
            // The default written out, as a script passing it for every operation does, is the default.
            #expect(try Self.validate(target + ["--content-type", "application/json", "empty.json"], in: dir).status == 0)
        }
    }

    /// An empty file (or one of whitespace, or empty standard input) is no body: valid where none
    /// is documented or none is required, `body.required` (exit 1) where the request body is
    /// `required`; something that does not parse is still unreadable (exit 2), and so is an empty
    /// instance of a schema (nothing is no instance).
    @Test(arguments: [
        (["--request", "deleteItem"], 0, ["2 instances: 2 valid, 0 invalid"]),
        (["--response", "deleteItem", "--status", "204"], 0, ["2 instances: 2 valid, 0 invalid"]),
        // A response's content lists the bodies it may have: none at all is one of them.
        (["--response", "createItem", "--status", "201"], 0, ["2 instances: 2 valid, 0 invalid"]),
        (
            ["--request", "createItem"], 1,
            [
                "empty.json: (root): a request body is required by createItem (spec.yaml:8:9)",
                "space.json: (root): a request body is required by createItem (spec.yaml:8:9)", "2 instances: 0 valid, 2 invalid",
            ]
        ),
        (
            ["--schema", "Item"], 2,
            [
                "empty.json: cannot be parsed: empty.json:1:1: empty document: expected a JSON value, found end of input",
                "space.json: cannot be parsed: space.json:2:1: empty document: expected a JSON value, found end of input",
                "2 instances: 0 valid, 0 invalid, 2 unreadable",
            ]
        ),
    ])
    func anEmptyFileIsNoBody(_ target: [String], _ status: Int, _ lines: [String]) throws {
        try OverlayCommandTests.withFiles(["spec.yaml": Self.spec, "empty.json": "", "space.json": " \n", "broken.json": "{"]) { dir in
            let outcome = try Self.validate(target + ["empty.json", "space.json"], in: dir)
            #expect(outcome.status == Int32(status), "\(outcome)")
            #expect(outcome.lines == lines, "\(outcome)")
            // Bytes that do not parse are no verdict.
            let broken = try Self.validate(target + ["broken.json"], in: dir)
            #expect(broken.status == 2 && broken.lines.first?.hasPrefix("broken.json: cannot be parsed:") == true, "\(broken)")
        }
    }

    @Test func emptyStandardInputIsNoBody() throws {
        try OverlayCommandTests.withFiles(["spec.yaml": Self.spec]) { dir in
            let none = try Self.validate(["--response", "deleteItem", "--status", "204", "--format", "flag", "-"], in: dir)
            #expect(none.status == 0 && none.lines == [#"{"file":"<stdin>","valid":true}"#], "\(none)")
            let required = try Self.validate(["--request", "createItem", "--format", "json", "-"], in: dir)
            #expect(required.status == 1 && required.stdout.contains(#""code":"body.required""#), "\(required)")
        }
    }
}
