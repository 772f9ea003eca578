import Foundation
import Testing

/// `validate --schema-file` with OpenAPI 3.0's `nullable: true` in a schema read as plain JSON
/// Schema: a warning on standard error at the first one, suggesting `--dialect oas3.0`; the
/// verdict and the exit status are those of the dialect in force.
@Suite("CLI: nullable in a plain JSON Schema file", .serialized)
struct DialectHintTests {
    static let schema = """
        type: object
        properties:
          name: {type: string}
          a:
            type: string
            nullable: true
          b: {type: integer, nullable: true}

        """
    static let warning =
        "warning: s.yaml:6:5: nullable is an OpenAPI 3.0 keyword that JSON Schema 2020-12 does not define, so it is ignored (null is accepted only where type allows it); to read the file as an OpenAPI 3.0 Schema Object, pass --dialect oas3.0"

    @Test func theFirstNullableIsNamedAndTheVerdictIsUnchanged() throws {
        try OverlayCommandTests.withFiles(["s.yaml": Self.schema, "null.json": #"{"a": null}"#, "ok.json": #"{"a": "x"}"#]) { dir in
            let invalid = try CLI.run(["validate", "--schema-file", "s.yaml", "null.json"], in: dir)
            #expect(invalid.status == 1, "\(invalid)")
            #expect(invalid.stderr.split(separator: "\n").map(String.init) == [Self.warning], "\(invalid)")
            #expect(invalid.stdout.contains("null.json: /a: expected string, found null"), "\(invalid)")
            let valid = try CLI.run(["validate", "--schema-file", "s.yaml", "ok.json"], in: dir)
            #expect(valid.status == 0 && valid.stderr.contains(Self.warning), "\(valid)")
            let explicit = try CLI.run(["validate", "--schema-file", "s.yaml", "--dialect", "draft7", "null.json"], in: dir)
            #expect(explicit.status == 1 && explicit.stderr.contains("JSON Schema draft7 does not define"), "\(explicit)")
        }
    }

    @Test(arguments: ["oas3.0", "oas3.1"])
    func anOpenAPIDialectReadsItWithoutAWarning(dialect: String) throws {
        try OverlayCommandTests.withFiles(["s.yaml": Self.schema, "null.json": #"{"a": null}"#]) { dir in
            let out = try CLI.run(["validate", "--schema-file", "s.yaml", "--dialect", dialect, "null.json"], in: dir)
            #expect(out.status == 0 && out.stderr.isEmpty, "\(out)")
        }
    }

    @Test func nullableAsAPropertyNameOrAsDataIsNotTheKeyword() throws {
        let schema = """
            type: object
            properties:
              nullable: true
              flags: {enum: [{nullable: true}], default: {nullable: true}}
              other: {type: object, properties: {nullable: {type: boolean}}}

            """
        try OverlayCommandTests.withFiles(["s.yaml": schema, "i.json": #"{"nullable": 1}"#]) { dir in
            let out = try CLI.run(["validate", "--schema-file", "s.yaml", "i.json"], in: dir)
            #expect(out.status == 0 && out.stderr.isEmpty, "\(out)")
        }
    }

    /// A mistyped `--dialect` is a usage error naming the nearest dialect, then all of them.
    @Test func aMistypedDialectNamesTheNearest() throws {
        try OverlayCommandTests.withFiles(["s.yaml": Self.schema, "i.json": "{}"]) { dir in
            let near = try CLI.run(["validate", "--schema-file", "s.yaml", "--dialect", "oas30", "i.json"], in: dir)
            #expect(near.status == 2 && near.stderr.contains("unknown --dialect oas30; did you mean oas3.0? expected one of"), "\(near)")
            let far = try CLI.run(["validate", "--schema-file", "s.yaml", "--dialect", "yaml", "i.json"], in: dir)
            #expect(far.status == 2 && far.stderr.contains("unknown --dialect yaml; expected one of 2020-12"), "\(far)")
            let empty = try CLI.run(["validate", "--spec", "s.yaml", "--schema", "", "i.json"], in: dir)
            #expect(empty.status == 2 && empty.stderr.contains("--schema takes a components/schemas name or a #/pointer"), "\(empty)")
            let root = try CLI.run(["validate", "--spec", "s.yaml", "--schema", "#", "i.json"], in: dir)
            #expect(root.status == 2 && root.stderr.contains("# is the document's root, not a Schema Object"), "\(root)")
            let noSpec = try CLI.run(["validate", "--spec", "", "--schema", "X", "i.json"], in: dir)
            #expect(noSpec.status == 2 && noSpec.stderr.contains("--spec takes a file, not an empty string"), "\(noSpec)")
        }
    }
}
