import Foundation
import SchemaValidation
import SpecSource
import Testing

/// What a `$ref` that cannot be resolved says: a pointer to nothing at the token that fails (with
/// the nearest member).
@Suite("Reference messages")
struct ReferenceMessageTests {
    /// `root/main.json` holding `{"properties": {"x": {"$ref": ref}}}` (the reference's value at
    /// line 1, column 28), beside `files` (relative path → text).
    static func errors(ref: String, files: [String: String] = [:], options: SchemaOptions = SchemaOptions()) throws -> (
        root: String, errors: [SourceError]
    ) {
        let root = try ReferenceTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in files { try ReferenceTests.write(text, to: root.appendingPathComponent(path)) }
        let main = root.appendingPathComponent("main.json")
        try ReferenceTests.write(#"{"properties":{"x":{"$ref":"\#(ref)"}}}"#, to: main)
        return (root.path, ReferenceConfinementTests.loadErrors(main.path, options: options))
    }

    @Test func aPointerToNothingNamesTheFailingTokenAndTheNearestMember() throws {
        let errors = try SchemaTestKit.compileErrors(##"{"$defs":{"Pet":{},"Order":{}},"$ref":"#/$defs/Pett"}"##)
        #expect(errors?.count == 1, "\(String(describing: errors))")
        #expect(
            errors?.first?.message
                == "cannot resolve $ref \"#/$defs/Pett\": #/$defs/Pett does not exist: #/$defs has no member \"Pett\"; did you mean \"Pet\"?",
            "\(String(describing: errors))")
    }
    @Test func aPointerFailingEarlyNamesThatToken() throws {
        let errors = try SchemaTestKit.compileErrors(##"{"$defs":{"Pet":{}},"$ref":"#/$def/Pet"}"##)
        #expect(
            errors?.first?.message
                == "cannot resolve $ref \"#/$def/Pet\": #/$def/Pet does not exist: # has no member \"$def\"; did you mean \"$defs\"?",
            "\(String(describing: errors))")
    }
    @Test func aPointerIntoAnArrayOrAScalarSaysWhatIsThere() throws {
        let array = try SchemaTestKit.compileErrors(##"{"allOf":[{}],"$ref":"#/allOf/3"}"##)
        #expect(
            array?.first?.message.hasSuffix("#/allOf/3 does not exist: #/allOf is an array of 1 item, which has no \"3\"") == true,
            "\(String(describing: array))")
        let scalar = try SchemaTestKit.compileErrors(##"{"title":"t","$ref":"#/title/x"}"##)
        #expect(
            scalar?.first?.message.hasSuffix("#/title/x does not exist: #/title is string, which has no member \"x\"") == true,
            "\(String(describing: scalar))")
    }
    @Test func aPointerIntoAnotherFileNamesThatFile() throws {
        let (root, errors) = try Self.errors(
            ref: "defs.json#/definitions/Nmae", files: ["defs.json": #"{"definitions":{"Name":{"type":"string"},"Age":{}}}"#])
        #expect(
            errors.first?.message
                == "cannot resolve $ref \"defs.json#/definitions/Nmae\": \(root)/defs.json#/definitions/Nmae does not exist: #/definitions has no member \"Nmae\"; did you mean \"Name\"?",
            "\(errors)")
    }
}
