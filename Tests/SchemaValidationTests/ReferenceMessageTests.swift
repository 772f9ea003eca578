import Foundation
import SchemaValidation
import SpecSource
import Testing

/// What a `$ref` that cannot be resolved says: a missing file plainly (with the nearest name in
/// its folder), a pointer to nothing at the token that fails (with the nearest member), and a
/// remote document by the means the caller has (the Swift API, or a command's options).
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

    @Test(arguments: [
        ("pet.yaml", "Pet.yaml"), ("pet.yml", "pet.yaml"), ("schemas/pets.json", "pet.json"),
    ])
    func aMissingFileIsNamedWithTheNearestExistingName(ref: String, existing: String) throws {
        let folder = ref.contains("/") ? "schemas/" : ""
        let (root, errors) = try Self.errors(ref: ref, files: [folder + existing: #"{"type":"string"}"#, folder + "other.json": "{}"])
        #expect(errors.count == 1, "\(errors)")
        let error = try #require(errors.first)
        #expect(error.code == "ref.unresolved")
        #expect(
            error.message == "cannot resolve $ref \"\(ref)\": file not found: \(root)/\(ref); did you mean \"\(existing)\"?",
            "\(error.message)")
        #expect(!error.message.contains("network"), "\(error.message)")
        #expect(error.location.line == 1 && error.location.column == 28, "\(error)")
    }

    @Test func aMissingFolderIsNamedWithTheNearestFolder() throws {
        let (root, errors) = try Self.errors(ref: "Schemas/pet.json", files: ["schemas/pet.json": "{}"])
        #expect(
            errors.first?.message
                == "cannot resolve $ref \"Schemas/pet.json\": file not found: \(root)/Schemas/pet.json; there is no folder \"Schemas\"; did you mean \"schemas\"?",
            "\(errors)")
    }

    @Test func aMissingFileWithNothingNearGetsNoSuggestion() throws {
        let (root, errors) = try Self.errors(ref: "customer.json", files: ["order.json": "{}"])
        #expect(errors.first?.message == "cannot resolve $ref \"customer.json\": file not found: \(root)/customer.json", "\(errors)")
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

    @Test func aRemoteReferenceNamesTheCommandLineOptionWhenTheCommandHasIt() throws {
        var options = SchemaOptions()
        options.resolver.advice = .commandLine(mapsURLs: true, allowsReferenceRoots: true)
        let mapped = try #require(try SchemaTestKit.compileErrors(#"{"$ref":"https://example.com/s/pet.json"}"#, options: options)?.first)
        #expect(
            mapped.message
                == "cannot resolve $ref \"https://example.com/s/pet.json\": no document is available at https://example.com/s/pet.json: remote references are not fetched; map the URL to a local copy with --map-url https://example.com/s/=DIR",
            "\(mapped)")
        options.resolver.advice = .commandLine(mapsURLs: false, allowsReferenceRoots: false)
        let unmapped = try #require(try SchemaTestKit.compileErrors(#"{"$ref":"https://example.com/s/pet.json"}"#, options: options)?.first)
        #expect(unmapped.message.hasSuffix("remote references are not fetched (download the document and refer to the local file)"))
        for message in [mapped.message, unmapped.message] { #expect(!message.contains("ReferenceResolver"), "\(message)") }
    }

    @Test func aMappedURLWhoseFileIsMissingIsAMissingFile() throws {
        let root = try ReferenceTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try ReferenceTests.write("{}", to: root.appendingPathComponent("Pet.json"))
        var options = SchemaOptions()
        options.resolver.map(prefix: "https://example.com/s/", toDirectory: root.path)
        let error = try #require(try SchemaTestKit.compileErrors(#"{"$ref":"https://example.com/s/pet.json"}"#, options: options)?.first)
        #expect(
            error.message
                == "cannot resolve $ref \"https://example.com/s/pet.json\": file not found: \(root.path)/pet.json (https://example.com/s/pet.json under the folder mapped to https://example.com/s/); did you mean \"Pet.json\"?",
            "\(error)")
    }
}
