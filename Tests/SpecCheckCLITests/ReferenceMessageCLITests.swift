import Foundation
import Testing

/// What the command line says about a `$ref` it cannot resolve, at the reference's position.
@Suite("CLI: unresolved reference messages", .serialized)
struct ReferenceMessageCLITests {
    /// `components/schemas/Pet` refers to `ref`, its value at line 6, column 17.
    static func spec(ref: String) -> String {
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Pet: {$ref: '\(ref)'}\n"
    }

    @Test func aMissingFileIsNamedWithItsPathAndTheNearestName() throws {
        try OverlayCommandTests.withFiles(["api/spec.yaml": Self.spec(ref: "schemas/pet.yaml"), "api/schemas/Pet.yaml": "type: string\n"]) {
            dir in
            let out = try CLI.run(["inspect", "--spec", "api/spec.yaml"], in: dir)
            #expect(out.status == 2, "\(out)")
            #expect(
                out.stderr.contains(
                    #"error: api/spec.yaml:6:17: cannot resolve $ref "schemas/pet.yaml": file not found: api/schemas/pet.yaml; did you mean "Pet.yaml"?"#
                ), "\(out)")
            #expect(!out.stderr.contains("network"), "\(out)")
        }
    }

    @Test func anUnmappedRemoteReferenceNamesTheOptionOfTheCommand() throws {
        let schema = #"{"properties": {"pet": {"$ref": "https://example.com/s/pet.json"}}}"#
        try OverlayCommandTests.withFiles([
            "s.json": schema, "i.json": "{}", "api/spec.yaml": Self.spec(ref: "https://example.com/s/pet.json"),
        ]) {
            dir in
            let validate = try CLI.run(["validate", "--schema-file", "s.json", "i.json"], in: dir)
            #expect(validate.status == 2, "\(validate)")
            #expect(
                validate.stderr.contains(
                    #"s.json:1:33: cannot resolve $ref "https://example.com/s/pet.json": no document is available at https://example.com/s/pet.json: remote references are not fetched; map the URL to a local copy with --map-url https://example.com/s/=DIR"#
                ), "\(validate)")
            // lint has no --map-url: it says the reference is not fetched, and names no option.
            let lint = try CLI.run(["lint", "--spec", "api/spec.yaml"], in: dir)
            #expect(
                lint.stdout.contains("remote references are not fetched (download the document and refer to the local file)"), "\(lint)")
            for out in [validate, lint] {
                #expect(!out.stderr.contains("ReferenceResolver") && !out.stdout.contains("ReferenceResolver"), "\(out)")
            }
            #expect(!lint.stdout.contains("--map-url"), "\(lint)")
        }
    }

    @Test func lintReportsTheBrokenReferenceAndChecksTheRest() throws {
        let spec = Self.spec(ref: "#/components/schemas/Pett") + "    Cat: {type: string, format: colour}\n"
        try OverlayCommandTests.withFiles(["spec.yaml": spec]) { dir in
            let text = try CLI.run(["lint", "--spec", "spec.yaml"], in: dir)
            #expect(text.status == 1, "\(text)")
            #expect(
                text.stdout.contains(
                    ##"spec.yaml:6:17: error: cannot resolve $ref "#/components/schemas/Pett": #/components/schemas/Pett does not exist: #/components/schemas has no member "Pett"; did you mean "Pet"? [reference-unresolved]"##
                ), "\(text)")
            #expect(text.stdout.contains(#"spec.yaml:7:25: warning: format "colour""#), "\(text)")
            #expect(
                text.stderr.hasPrefix("note: 1 reference does not resolve: 1 rule did not run (component-unused: "), "\(text)")
            let junit = try CLI.run(["lint", "--spec", "spec.yaml", "--format", "junit"], in: dir)
            #expect(junit.stdout.contains(#"<testcase name="format-unknown""#), "\(junit)")
            #expect(!junit.stdout.contains(#"<testcase name="component-unused""#), "\(junit)")
        }
    }
}
