import SchemaValidation
import SpecSource

/// `oas-schema`: the document against the official JSON Schema of its OpenAPI version (3.0:
/// draft 4; 3.1 and 3.2: 2020-12, Schema Objects checked only as objects or booleans, since
/// their content is what the schema compiler and the other rules check).
enum OASSchemaRule {
    /// The official schemas, compiled once per process; a failure is kept as its description.
    private static let v3_0 = compile(OpenAPISchemas.v3_0, name: "3.0")
    private static let v3_1 = compile(OpenAPISchemas.v3_1, name: "3.1")
    private static let v3_2 = compile(OpenAPISchemas.v3_2, name: "3.2")

    private static func compile(_ text: String, name: String) -> Result<Schema, SchemaFailure> {
        do {
            let value = try SourceLoader.parse(text, format: .yaml, file: SourceFileID.intern("<OpenAPI \(name) schema>"))
            // The published schemas assert formats (a `url` "MUST be in the form of a URL").
            return .success(try Schema.compile(value, options: SchemaOptions(formats: .assert)))
        } catch let error as SourceError {
            return .failure(SchemaFailure(message: error.description))
        } catch let error as SourceErrors {
            return .failure(SchemaFailure(message: error.description))
        } catch {
            return .failure(SchemaFailure(message: "\(error)"))
        }
    }

    struct SchemaFailure: Error {
        let message: String
    }

    /// The official schema for the document's `openapi` version, if it names one spec-check knows.
    static func schema(forVersion version: String) -> Result<Schema, SchemaFailure>? {
        if version.hasPrefix("3.0") { return v3_0 }
        if version.hasPrefix("3.1") { return v3_1 }
        if version.hasPrefix("3.2") { return v3_2 }
        return nil
    }

    /// The findings for `document`, or a note when the check could not run (never a silent pass).
    static func check(_ document: JSONValue, severity: LintSeverity) -> Result<[LintFinding], NoteText> {
        guard let version = document["openapi"]?.stringValue, let official = schema(forVersion: version) else {
            return .success([])   // not an OpenAPI 3.0–3.2 document: loading reports it
        }
        let schema: Schema
        switch official {
        case .success(let s): schema = s
        case .failure(let failure): return .failure(NoteText("oas-schema did not run: the official schema does not compile: \(failure.message)"))
        }
        return .success(schema.validate(document).errors.compactMap { error in
            let pointer = (try? JSONPointer(parsing: error.instanceLocation)) ?? .root
            if isInsideOperationReference(pointer, document) { return nil }
            let (location, message) = place(error, pointer: pointer, in: document)
            return LintFinding(rule: LintRule.oasSchema.id, severity: severity, message: message, location: location, pointer: "#" + pointer.fragment)
        })
    }

    /// The HTTP methods a Path Item Object names as fixed fields (3.2 adds `query`).
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"]

    /// Whether `pointer` is at or below an operation written as `{$ref: …}`: the official schema
    /// rejects it twice over (a `$ref` member, no `responses`), and `operation-ref` reports it once.
    private static func isInsideOperationReference(_ pointer: JSONPointer, _ document: JSONValue) -> Bool {
        let tokens = pointer.tokens
        var current = document
        for (i, token) in tokens.enumerated() {
            guard let next = current.objectValue?[token] ?? current.arrayValue.flatMap({ a in JSONPointer.arrayIndex(token).flatMap { $0 < a.count ? a[$0] : nil } }) else { return false }
            // `current` is a Path Item: under paths, webhooks, components/pathItems or a callback.
            let isPathItem = (i >= 2 && ["paths", "webhooks", "pathItems"].contains(tokens[i - 2])) || (i >= 3 && tokens[i - 3] == "callbacks")
            if isPathItem, methods.contains(token), next["$ref"]?.stringValue != nil { return true }
            current = next
        }
        return false
    }

    /// Where an error about the node at `pointer` is shown, and its message: at the member's key
    /// for a member (that is what a person edits), naming the node.
    private static func place(_ error: ValidationError, pointer: JSONPointer, in document: JSONValue) -> (SourceLocation, String) {
        let node = pointer.resolve(in: document)
        var location = node?.location ?? document.location
        if let last = pointer.tokens.last, let parent = JSONPointer(tokens: pointer.tokens.dropLast()).resolve(in: document),
           let member = parent.objectValue?.member(last) {
            location = member.keyLocation
        }
        let subject = pointer.tokens.isEmpty ? "the document" : pointer.description
        return (location, "\(subject): \(error.message) (official schema \(error.keywordLocation))")
    }
}

/// A remark for ``LintReport/notes``.
struct NoteText: Error {
    let text: String
    init(_ text: String) { self.text = text }
}
