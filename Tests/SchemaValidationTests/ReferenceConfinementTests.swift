import Foundation
import SchemaValidation
import SpecSource
import Testing

/// File references stay inside the root document's folder unless the caller widens it
/// (`ReferenceResolver.allowFileReferences(under:)`); symbolic links cannot lead out.
@Suite("Reference confinement")
struct ReferenceConfinementTests {
    /// `root/schemas/main.json` referring to `ref`, with `root/schemas/ok.json` and `root/outside.json`.
    static func withLayout(ref: String, _ body: (_ root: URL, _ main: String) throws -> Void) throws {
        let root = try ReferenceTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try ReferenceTests.write(#"{"type":"integer"}"#, to: root.appendingPathComponent("schemas/ok.json"))
        try ReferenceTests.write(#"{"type":"string"}"#, to: root.appendingPathComponent("outside.json"))
        let main = root.appendingPathComponent("schemas/main.json")
        try ReferenceTests.write(#"{"properties":{"x":{"$ref":"\#(ref)"}}}"#, to: main)
        try body(root, main.path)
    }

    static func loadErrors(_ path: String, options: SchemaOptions = SchemaOptions()) -> [SourceError] {
        do {
            _ = try Schema.load(contentsOf: path, options: options)
            return []
        } catch {
            return error.errors
        }
    }

    @Test func referencesInsideTheFolderTreeResolve() throws {
        try Self.withLayout(ref: "ok.json") { _, main in
            let schema = try Schema.load(contentsOf: main)
            #expect(!schema.validate(try SourceLoader.parse(#"{"x":"1"}"#, format: .json)).isValid)
        }
    }

    @Test(arguments: ["../outside.json", "file:///etc/passwd", "/proc/self/environ", "../../../../../../../../etc/passwd"])
    func referencesLeavingTheFolderAreRefused(ref: String) throws {
        try Self.withLayout(ref: ref) { _, main in
            let errors = Self.loadErrors(main)
            #expect(errors.count == 1, "\(errors)")
            #expect(errors.first?.code == "ref.unresolved")
            #expect(errors.first?.message.contains("is outside the root document's folder") == true, "\(errors)")
            #expect(
                errors.first?.message.contains("; allow its folder with ReferenceResolver.allowFileReferences(under:)") == true,
                "\(errors)")
            #expect(errors.first?.message.contains("--allow-ref-root") == false, "\(errors)")
            #expect(errors.first?.location.line == 1 && errors.first?.location.column == 28, "\(errors)")
        }
    }

    @Test func symbolicLinksAreResolvedBeforeTheCheck() throws {
        try Self.withLayout(ref: "link.json") { root, main in
            try FileManager.default.createSymbolicLink(
                atPath: root.appendingPathComponent("schemas/link.json").path,
                withDestinationPath: root.appendingPathComponent("outside.json").path)
            let errors = Self.loadErrors(main)
            #expect(errors.first?.message.contains("is outside the root document's folder") == true, "\(errors)")
            #expect(errors.first?.message.contains("(it is ") == true, "\(errors)")
        }
    }

    @Test func theCallerCanWidenOrLiftTheConfinement() throws {
        try Self.withLayout(ref: "../outside.json") { root, main in
            var widened = SchemaOptions()
            widened.resolver.allowFileReferences(under: root.path)
            #expect(Self.loadErrors(main, options: widened).isEmpty)
            var lifted = SchemaOptions()
            lifted.resolver.confinesFileReferences = false
            #expect(Self.loadErrors(main, options: lifted).isEmpty)
        }
    }

    @Test func referencedFilesAreSizeCheckedBeforeReading() throws {
        try Self.withLayout(ref: "ok.json") { _, main in
            var options = SchemaOptions()
            options.resolver.maxBytesPerDocument = 10
            let errors = Self.loadErrors(main, options: options)
            #expect(errors.count == 1, "\(errors)")
            #expect(errors.first?.message.contains("ok.json: is 18 bytes, more than the limit of 10") == true, "\(errors)")
            #expect(errors.first?.location.line == 1 && errors.first?.location.column == 28, "\(errors)")
        }
    }

    @Test func remoteReferencesSayHowToMapThem() throws {
        let errors = try SchemaTestKit.compileErrors(#"{"$ref":"https://example.com/schemas/pet.json#/Pet"}"#)
        let message = try #require(errors?.first?.message)
        #expect(
            message.contains(
                "no document is available at https://example.com/schemas/pet.json: nothing is fetched from the network; map the URL to a local copy with ReferenceResolver.map(prefix: \"https://example.com/schemas/\", toDirectory:) or register the document with ReferenceResolver.register(_:at:)"
            ), "\(message)")
        #expect(!message.contains("--map-url"), "\(message)")
    }
}
