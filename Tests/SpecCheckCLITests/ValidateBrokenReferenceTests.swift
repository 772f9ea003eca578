import Foundation
import Testing

/// `validate` loads lazily: a broken Parameter, Response, Path Item or Example reference stops
/// only the targets that use it (exit 2, located as `inspect` locates it); other targets get their
/// verdicts. `inspect` still reports every one.
@Suite("validate with broken non-schema references", .serialized)
struct ValidateBrokenReferenceTests {
    /// The references that can be broken, with the text each is written as when broken.
    enum Break: String, CaseIterable, CustomTestStringConvertible {
        case parameter, response, pathItem, example
        var testDescription: String { rawValue }
    }

    /// One file: `createItem` (POST /items, body and 201 response) and `deleteItem` (DELETE
    /// /items/{id}, a parameter, a body and a 204 response without one), with the references of `breaks` broken.
    static func singleFile(_ breaks: Set<Break>) -> String {
        """
        openapi: 3.1.0
        info: {title: items, version: '1'}
        paths:
          /items:
            post:
              operationId: createItem
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Item'}
                    examples:
                      one:
                        $ref: '#/components/examples/\(breaks.contains(.example) ? "Nope" : "One")'
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Item'}
                      examples:
                        one:
                          $ref: '#/components/examples/\(breaks.contains(.example) ? "Nope" : "One")'
          /items/{id}:
            delete:
              operationId: deleteItem
              parameters:
                - $ref: '#/components/parameters/\(breaks.contains(.parameter) ? "Nope" : "Id")'
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Item'}
              responses:
                '204':
                  $ref: '#/components/responses/\(breaks.contains(.response) ? "Gone" : "Deleted")'
          /other:
            $ref: '\(breaks.contains(.pathItem) ? "missing.yaml#/other" : "#/components/pathItems/Other")'
        components:
          schemas:
            Item: {type: object, required: [name], properties: {name: {type: string}}}
          parameters:
            Id: {name: id, in: path, required: true, schema: {type: integer}}
          responses:
            Deleted: {description: deleted}
          examples:
            One: {value: {name: a}}
          pathItems:
            Other:
              get:
                operationId: getOther
                responses:
                  '200': {description: ok}

        """
    }

    /// The same operations over several files (Path Items, components and examples in files of
    /// their own), with every reference of ``Break`` broken.
    static let multiFile: [String: String] = [
        "root.yaml": """
        openapi: 3.1.0
        info: {title: items, version: '1'}
        paths:
          /items: {$ref: 'paths/items.yaml'}
          /items/{id}: {$ref: 'paths/item.yaml'}
          /other: {$ref: 'paths/missing.yaml'}

        """,
        "paths/items.yaml": """
        post:
          operationId: createItem
          requestBody:
            required: true
            content:
              application/json:
                schema: {$ref: '../common.yaml#/schemas/Item'}
                examples:
                  one: {$ref: '../common.yaml#/examples/Nope'}
          responses:
            '201':
              description: created
              content:
                application/json:
                  schema: {$ref: '../common.yaml#/schemas/Item'}
                  examples:
                    one: {$ref: '../examples.yaml#/one'}

        """,
        "paths/item.yaml": """
        delete:
          operationId: deleteItem
          parameters:
            - $ref: '../common.yaml#/parameters/Nope'
          requestBody:
            content:
              application/json:
                schema: {$ref: '../common.yaml#/schemas/Item'}
          responses:
            '204':
              $ref: '../common.yaml#/responses/Gone'

        """,
        "common.yaml": """
        schemas:
          Item: {type: object, required: [name], properties: {name: {type: string}}}
        parameters:
          Id: {name: id, in: path, required: true, schema: {type: integer}}
        responses:
          Deleted: {description: deleted}

        """,
    ]

    /// A folder holding `files`, `valid.json` (an item) and `invalid.json` (one without `name`).
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = try CLI.temporaryDirectory()
        var all = files
        all["valid.json"] = #"{"name": "a"}"#
        all["invalid.json"] = #"{"nam": "a"}"#
        for (name, text) in all {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// `file:line:column` of the first occurrence of `needle` in `text`.
    static func position(of needle: String, in text: String, file: String) throws -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains(needle) }, "\(needle) is not in \(file)")
        let column = try #require(lines[line].range(of: needle)).lowerBound
        return "\(file):\(line + 1):\(lines[line].distance(from: lines[line].startIndex, to: column) + 1)"
    }

    static func validate(_ dir: URL, spec: String, _ args: [String]) throws -> CLI.Outcome {
        try CLI.run(["validate", "--spec", spec] + args, in: dir)
    }

    /// The targets that use no broken reference get their verdicts: valid (0) and invalid (1).
    static func expectVerdicts(_ dir: URL, spec: String) throws {
        for (target, file, status) in [
            (["--request", "createItem"], "valid.json", Int32(0)), (["--request", "createItem"], "invalid.json", 1),
            (["--response", "createItem", "--status", "201"], "valid.json", 0),
            (["--response", "createItem", "--status", "201"], "invalid.json", 1),
        ] {
            let outcome = try validate(dir, spec: spec, target + [file])
            #expect(outcome.status == status, "\(target) \(file): \(outcome)")
            #expect(outcome.stderr.isEmpty, "\(target) \(file): \(outcome)")
        }
    }

    /// Exit 2 with the load error `error: <position>: cannot resolve $ref "<reference>"…`.
    static func expectLoadError(_ outcome: CLI.Outcome, at position: String, reference: String, _ what: String) {
        #expect(outcome.status == 2, "\(what): \(outcome)")
        #expect(outcome.stdout.isEmpty, "\(what): \(outcome)")
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 1, "\(what): \(outcome)")
        #expect(lines.first?.hasPrefix("error: \(position): cannot resolve $ref \"\(reference)\"") == true, "\(what): \(outcome)")
    }

    @Test(arguments: Break.allCases)
    func aBrokenReferenceStopsOnlyTheTargetsThatUseIt(_ broken: Break) throws {
        let text = Self.singleFile([broken])
        let dir = try Self.folder(["spec.yaml": text])
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.expectVerdicts(dir, spec: "spec.yaml")
        let deleteRequest = try Self.validate(dir, spec: "spec.yaml", ["--request", "deleteItem", "valid.json"])
        let deleteResponse = try Self.validate(dir, spec: "spec.yaml", ["--response", "deleteItem", "--status", "204", "valid.json"])
        let other = try Self.validate(dir, spec: "spec.yaml", ["--response", "GET /other", "--status", "200", "valid.json"])
        switch broken {
        case .parameter:
            Self.expectLoadError(
                deleteRequest, at: try Self.position(of: "'#/components/parameters/Nope'", in: text, file: "spec.yaml"),
                reference: "#/components/parameters/Nope", "request of deleteItem")
            // The response does not read the parameters (a body where none is documented).
            #expect(deleteResponse.status == 1, "\(deleteResponse)")
        case .response:
            // The request does not read the responses.
            #expect(deleteRequest.status == 0, "\(deleteRequest)")
            Self.expectLoadError(
                deleteResponse, at: try Self.position(of: "'#/components/responses/Gone'", in: text, file: "spec.yaml"),
                reference: "#/components/responses/Gone", "204 response of deleteItem")
            // Another status is not the broken response's.
            let other = try Self.validate(dir, spec: "spec.yaml", ["--response", "deleteItem", "--status", "200", "valid.json"])
            #expect(other.status == 2 && other.stderr.contains("status 200 is not documented for deleteItem"), "\(other)")
        case .pathItem:
            #expect(deleteRequest.status == 0 && deleteResponse.status == 1, "\(deleteRequest)\n\(deleteResponse)")
            #expect(other.status == 2, "\(other)")
            let position = try Self.position(of: "'missing.yaml#/other'", in: text, file: "spec.yaml")
            #expect(other.stderr.contains("no operation matches GET /other"), "\(other)")
            #expect(other.stderr.contains("a path item that cannot be read may hold it:"), "\(other)")
            #expect(other.stderr.contains("\(position): cannot resolve $ref \"missing.yaml#/other\""), "\(other)")
        case .example:
            #expect(deleteRequest.status == 0 && deleteResponse.status == 1, "\(deleteRequest)\n\(deleteResponse)")
        }
        if broken != .pathItem { #expect(other.status == 1, "\(other)") }
    }

    @Test func aMultiFileDocumentStopsOnlyTheTargetsThatUseItsBrokenReferences() throws {
        let files = Self.multiFile
        let dir = try Self.folder(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.expectVerdicts(dir, spec: "root.yaml")
        let item = try #require(files["paths/item.yaml"])
        let deleteRequest = try Self.validate(dir, spec: "root.yaml", ["--request", "deleteItem", "valid.json"])
        Self.expectLoadError(
            deleteRequest, at: try Self.position(of: "'../common.yaml#/parameters/Nope'", in: item, file: "paths/item.yaml"),
            reference: "../common.yaml#/parameters/Nope", "request of deleteItem")
        let deleteResponse = try Self.validate(dir, spec: "root.yaml", ["--response", "deleteItem", "--status", "204", "valid.json"])
        Self.expectLoadError(
            deleteResponse, at: try Self.position(of: "'../common.yaml#/responses/Gone'", in: item, file: "paths/item.yaml"),
            reference: "../common.yaml#/responses/Gone", "204 response of deleteItem")
        for target in [["--request", "GET /other"], ["--response", "GET /other", "--status", "200"]] {
            let other = try Self.validate(dir, spec: "root.yaml", target + ["valid.json"])
            let position = try Self.position(of: "'paths/missing.yaml'", in: try #require(files["root.yaml"]), file: "root.yaml")
            #expect(other.status == 2, "\(other)")
            #expect(other.stderr.contains("no operation matches GET /other"), "\(other)")
            #expect(other.stderr.contains("\(position): cannot resolve $ref \"paths/missing.yaml\""), "\(other)")
        }
    }

    /// An operation not found in a document with a Path Item that cannot be read: the cause (that
    /// Path Item, located) comes first, on lines of their own, and the nearest operation that was
    /// read last; a line break the user typed stays escaped within its line.
    @Test func anOperationNotFoundNamesTheUnreadablePathItemFirstOnLinesOfTheirOwn() throws {
        let text = Self.singleFile([.pathItem])
        let dir = try Self.folder(["spec.yaml": text])
        defer { try? FileManager.default.removeItem(at: dir) }
        let position = try Self.position(of: "'missing.yaml#/other'", in: text, file: "spec.yaml")
        let byId = try Self.validate(dir, spec: "spec.yaml", ["--request", "deleteItm", "valid.json"])
        #expect(byId.status == 2 && byId.stdout.isEmpty, "\(byId)")
        let lines = byId.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(byId)")
        #expect(!byId.stderr.contains("\\n"), "\(byId)")
        #expect(
            lines.first == #"error: no operation with operationId "deleteItm": a path item that cannot be read may hold it:"#, "\(byId)")
        #expect(lines.dropFirst().first?.hasPrefix(#"  \#(position): cannot resolve $ref "missing.yaml#/other""#) == true, "\(byId)")
        #expect(lines.last == #"otherwise, did you mean "deleteItem"?"#, "\(byId)")

        let byPath = try Self.validate(dir, spec: "spec.yaml", ["--response", "GET /oth\ner", "--status", "200", "valid.json"])
        #expect(byPath.status == 2, "\(byPath)")
        let pathLines = byPath.stderr.split(separator: "\n").map(String.init)
        #expect(pathLines.count == 3, "\(byPath)")
        #expect(pathLines.first == #"error: no operation matches GET /oth\ner: a path item that cannot be read may hold it:"#, "\(byPath)")
        #expect(pathLines.last == #"otherwise, one of those read: "/items", "/items/{id}""#, "\(byPath)")
    }

    /// `inspect` checks the whole document: every broken reference is reported, located, and the
    /// summary line still follows.
    @Test func inspectReportsEveryBrokenReference() throws {
        let single = Self.singleFile(Set(Break.allCases))
        let files = Self.multiFile.merging(["spec.yaml": single]) { $1 }
        let dir = try Self.folder(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        let expected: [(spec: String, file: String, needles: [String])] = [
            (
                "spec.yaml", "spec.yaml",
                [
                    "'#/components/examples/Nope'", "'#/components/parameters/Nope'", "'#/components/responses/Gone'",
                    "'missing.yaml#/other'",
                ]
            ),
            ("root.yaml", "root.yaml", ["'paths/missing.yaml'"]),
            ("root.yaml", "paths/item.yaml", ["'../common.yaml#/parameters/Nope'", "'../common.yaml#/responses/Gone'"]),
            ("root.yaml", "paths/items.yaml", ["'../common.yaml#/examples/Nope'", "'../examples.yaml#/one'"]),
        ]
        for (spec, file, needles) in expected {
            let outcome = try CLI.run(["inspect", "--spec", spec], in: dir)
            #expect(outcome.status == 2, "\(spec): \(outcome)")
            // The summary line still comes, counting the problems (one line each on standard error)
            // and the operations that could be read (not getOther, behind the broken Path Item).
            let problems = outcome.stderr.split(separator: "\n").count
            let schemas = spec == "spec.yaml" ? "1 component schema" : "0 component schemas"
            let summary = "\(spec): OpenAPI 3.1.0 (oas3.1), 2 operations, \(schemas), \(problems) errors"
            #expect(outcome.lines == [summary], "\(spec): \(outcome)")
            for needle in needles {
                let position = try Self.position(of: needle, in: try #require(files[file]), file: file)
                #expect(outcome.stderr.contains("\(position): cannot resolve $ref"), "\(spec) \(needle): \(outcome)")
            }
        }
        // A document that does not parse has nothing to count but its error.
        try "openapi: [\n".write(to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let broken = try CLI.run(["inspect", "--spec", "broken.yaml"], in: dir)
        #expect(broken.status == 2 && broken.stderr.hasPrefix("error: broken.yaml:2:1:"), "\(broken)")
        #expect(broken.lines == ["broken.yaml: not loaded, 1 error"], "\(broken)")
    }
}
