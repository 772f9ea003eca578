import Foundation
import Testing

/// Hostile input, class "confinement": a document's file references cannot read outside its own
/// folder tree unless `--allow-ref-root` allows it, and nothing is fetched from the network.
/// See docs/SECURITY.md.
@Suite("Hostile input: confinement", .serialized)
struct HostileConfinementTests {
    /// References on lines 6 to 10, each value at column 22.
    static let spec = """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        paths: {}
        components:
          schemas:
            Parent:   {$ref: '../../../../../../../../../etc/passwd'}
            FileURI:  {$ref: 'file:///etc/passwd'}
            Proc:     {$ref: '/proc/self/environ'}
            Remote:   {$ref: 'https://example.com/schemas/pet.json#/Pet'}
            Inside:   {$ref: 'sub/ok.yaml'}

        """

    @Test func referencesOutsideTheDocumentFolderAreRefusedAtTheirPosition() throws {
        try OverlayCommandTests.withFiles(["api/spec.yaml": Self.spec, "api/sub/ok.yaml": "type: string\n"]) { dir in
            let out = try CLI.run(["inspect", "--spec", "api/spec.yaml"], in: dir)
            #expect(out.status == 2, "\(out)")
            let rule = "is outside the root document's folder api, where file references are confined"
            #expect(
                out.stderr.contains(
                    "error: api/spec.yaml:6:22: cannot resolve $ref \"../../../../../../../../../etc/passwd\": the referenced document cannot be loaded: /etc/passwd: \(rule)"
                ), "\(out)")
            #expect(
                out.stderr.contains(
                    "error: api/spec.yaml:7:22: cannot resolve $ref \"file:///etc/passwd\": the referenced document cannot be loaded: /etc/passwd: \(rule)"
                ), "\(out)")
            #expect(
                out.stderr.contains(
                    "error: api/spec.yaml:8:22: cannot resolve $ref \"/proc/self/environ\": the referenced document cannot be loaded: /proc/self/environ: \(rule)"
                ), "\(out)")
            #expect(out.stderr.contains("allow its folder with --allow-ref-root DIR"), "\(out)")
            #expect(
                out.stderr.contains(
                    "error: api/spec.yaml:9:22: cannot resolve $ref \"https://example.com/schemas/pet.json#/Pet\": no document is available at https://example.com/schemas/pet.json: remote references are not fetched (download the document and refer to the local file)"
                ), "\(out)")
            #expect(!out.stderr.contains("ReferenceResolver") && !out.stderr.contains("--map-url"), "\(out)")
            #expect(!out.stderr.contains("sub/ok.yaml"), "\(out)")
            #expect(out.stderr.split(separator: "\n").count == 4, "\(out)")
        }
    }

    @Test func allowRefRootWidensTheConfinement() throws {
        let spec =
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Shared: {$ref: '../shared/common.yaml'}\n"
        try OverlayCommandTests.withFiles(["api/spec.yaml": spec, "shared/common.yaml": "type: string\n", "i.json": "1"]) { dir in
            let refused = try CLI.run(["validate", "--spec", "api/spec.yaml", "--schema", "Shared", "i.json"], in: dir)
            #expect(
                refused.status == 2 && refused.stderr.contains("api/spec.yaml:6:20: cannot resolve $ref \"../shared/common.yaml\""),
                "\(refused)")
            let allowed = try CLI.run(
                ["validate", "--spec", "api/spec.yaml", "--schema", "Shared", "--allow-ref-root", "shared", "i.json"], in: dir)
            #expect(allowed.status == 1 && allowed.stdout.contains("i.json: (root): expected string, found integer 1"), "\(allowed)")
        }
    }

    @Test func referenceToADeviceIsRefusedBeforeReading() throws {
        let spec = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Zero: {$ref: 'device.yaml'}\n"
        try OverlayCommandTests.withFiles(["spec.yaml": spec]) { dir in
            try FileManager.default.createSymbolicLink(
                atPath: dir.appendingPathComponent("device.yaml").path, withDestinationPath: "/dev/zero")
            let confined = try CLI.run(["inspect", "--spec", "spec.yaml"], in: dir)
            #expect(confined.status == 2 && confined.stderr.contains("device.yaml: is outside the root document's folder"), "\(confined)")
            let allowed = try CLI.run(["inspect", "--spec", "spec.yaml", "--allow-ref-root", "/dev"], in: dir)
            #expect(allowed.status == 2, "\(allowed)")
            #expect(
                allowed.stderr.contains(
                    "spec.yaml:6:18: cannot resolve $ref \"device.yaml\": the referenced document cannot be loaded: device.yaml: is a character device, not a regular file"
                ), "\(allowed)")
        }
    }
}
