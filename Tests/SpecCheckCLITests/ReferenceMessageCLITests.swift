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
}
