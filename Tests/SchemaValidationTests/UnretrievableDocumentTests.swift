import Foundation
import SpecSource
import Testing

@testable import SchemaValidation

/// A referenced document that cannot be read (it does not parse, or does not exist) is tried
/// once: every other reference to it gets the same failure without reading it again. Found by a
/// trial on DigitalOcean's description, whose 659 references to one broken shared file read it
/// 659 times (2,636 opens; 0.85 s instead of 0.35 s).
@Suite("Unretrievable documents")
struct UnretrievableDocumentTests {
    @Test("a broken file is read once: a later lookup gets the first failure, even after the file is fixed")
    func readOnce() throws {
        let root = try ReferenceTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let broken = root.appendingPathComponent("broken.yaml")
        try ReferenceTests.write("type: [unclosed\n", to: broken)
        let registry = SchemaRegistry(resolver: ReferenceResolver(), primaryDirectory: root.path)
        let uri = URIReference(broken.absoluteString + "#/type")
        func lookUp() -> SchemaRegistry.LookupFailure? {
            do {
                _ = try registry.locate(uri, defaultDialect: .draft2020_12)
                return nil
            } catch {
                return error
            }
        }
        guard case .loadFailed(let first)? = lookUp() else {
            Issue.record("the broken file was read without an error")
            return
        }
        #expect(first.code == "yaml.syntax")
        #expect(registry.unretrievable.count == 1)
        try ReferenceTests.write("type: string\n", to: broken)
        guard case .loadFailed(let second)? = lookUp() else {
            Issue.record("the file was read again")
            return
        }
        #expect(second == first)
    }

    @Test("every reference to a broken file is reported, each at its own place, with the same cause")
    func everyReferenceReported() throws {
        let root = try ReferenceTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try ReferenceTests.write("type: [unclosed\n", to: root.appendingPathComponent("broken.yaml"))
        let main = root.appendingPathComponent("main.json")
        try ReferenceTests.write(
            #"{"properties":{"a":{"$ref":"broken.yaml"},"b":{"$ref":"broken.yaml#/type"},"c":{"$ref":"missing.yaml"},"d":{"$ref":"missing.yaml"}}}"#,
            to: main)
        let errors = ReferenceConfinementTests.loadErrors(main.path, options: SchemaOptions())
        #expect(errors.count == 4, "\(errors)")
        #expect(Set(errors.map(\.location.column)).count == 4, "\(errors)")
        let causes = errors.map { $0.message.replacingOccurrences(of: #"$ref "broken.yaml#/type""#, with: #"$ref "broken.yaml""#) }
        #expect(causes[0] == causes[1], "\(errors)")
        #expect(causes[0].contains("started at line 1, column 7"), "\(errors)")
        #expect(errors[2].message == errors[3].message, "\(errors)")
        #expect(errors[2].message.contains("file not found"), "\(errors)")
    }
}
