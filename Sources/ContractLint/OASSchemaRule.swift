import SchemaValidation
import SpecSource

/// `oas-schema`: the document against the official JSON Schema of its OpenAPI version (3.0:
/// draft 4; 3.1 and 3.2: 2020-12, Schema Objects checked only as objects or booleans, since
/// their content is what the schema compiler and the other rules check). The root document is
/// checked whole, before it loads; the objects its references designate in other files, once it
/// has loaded (`OASSchemaRule+Files.swift`).
enum OASSchemaRule {
    /// An official schema, parsed and compiled once per process.
    struct Official: Sendable {
        let value: JSONValue
        let uri: String
        let dialect: Dialect
        let schema: Schema
        /// The definition a Reference Object is checked against, by its `$ref` in the schema.
        let referenceDefinition: String
        /// The schema's definition of each object kind, compiled in the same graph as ``schema``:
        /// what an object written in another file is checked against.
        let definitions: [Definition: Schema]
    }

    private static let v3_0 = compile(OpenAPISchemas.v3_0, name: "3.0", dialect: .draft4, reference: "#/definitions/Reference")
    private static let v3_1 = compile(OpenAPISchemas.v3_1, name: "3.1", dialect: .draft2020_12, reference: "#/$defs/reference")
    private static let v3_2 = compile(OpenAPISchemas.v3_2, name: "3.2", dialect: .draft2020_12, reference: "#/$defs/reference")

    /// Options of every compilation: the published schemas assert formats (a `url` "MUST be in
    /// the form of a URL").
    private static let options = SchemaOptions(formats: .assert)

    private static func compile(_ text: String, name: String, dialect: Dialect, reference: String) -> Result<Official, NoteText> {
        do {
            let value = try SourceLoader.parse(text, format: .yaml, file: SourceFileID.intern("<OpenAPI \(name) schema>"))
            let uri = "urn:spec-check:openapi-\(name)-schema"
            // What `Schema.compile(value, dialect:baseURI:options:)` does, with the definitions in the same round.
            let builder = SchemaGraphBuilder(document: value, uri: uri, dialect: dialect, options: options, dialectIsExplicit: true)
            let schema = builder.schema(at: .root)
            var definitions: [Definition: Schema] = [:]
            for definition in Definition.allCases {
                let pointer = definition.pointer(draft4: dialect == .draft4)
                guard let known = pointer.resolve(in: value) else {
                    return .failure(NoteText("the OpenAPI \(name) schema has no \(pointer.fragment)"))
                }
                definitions[definition] = builder.schema(at: pointer, knownValue: known)
            }
            try builder.finish()
            return .success(
                Official(value: value, uri: uri, dialect: dialect, schema: schema, referenceDefinition: reference, definitions: definitions)
            )
        } catch let error as SourceError {
            return .failure(NoteText(error.description))
        } catch let error as SourceErrors {
            return .failure(NoteText(error.description))
        } catch {
            return .failure(NoteText("\(error)"))
        }
    }

    /// The official schema for the document's `openapi` version, if it names one spec-check knows.
    static func official(forVersion version: String) -> Result<Official, NoteText>? {
        if version.hasPrefix("3.0") { return v3_0 }
        if version.hasPrefix("3.1") { return v3_1 }
        if version.hasPrefix("3.2") { return v3_2 }
        return nil
    }

    /// The findings for `document`, or a note when the check could not run (never a silent pass).
    static func check(_ document: JSONValue, severity: LintSeverity) -> Result<[LintFinding], NoteText> {
        guard let version = document["openapi"]?.stringValue, let found = official(forVersion: version) else {
            return .success([])  // not an OpenAPI 3.0–3.2 document: loading reports it
        }
        let official: Official
        switch found {
        case .success(let o): official = o
        case .failure(let failure):
            return .failure(NoteText("oas-schema did not run: the official schema does not compile: \(failure.text)"))
        }
        var errors = official.schema.validate(document).errors
        errors = reducingNoise(errors, in: document, official: official)
        var seen = Set<String>()
        return .success(
            errors.compactMap { error in
                let pointer = (try? JSONPointer(parsing: error.instanceLocation)) ?? .root
                if isInsideOperationReference(pointer, document) { return nil }
                // Two paths through the official schema often report the same thing.
                guard seen.insert(error.instanceLocation + "\u{0}" + error.message).inserted else { return nil }
                let (location, message) = place(error, pointer: pointer, in: document)
                return LintFinding(
                    rule: LintRule.oasSchema.id, severity: severity, message: message, location: location, pointer: "#" + pointer.fragment)
            })
    }

    /// `errors` of `value` against the official schema, each reported once where a person acts on
    /// it: the noise reductions below, in order (shared by the root check and the check of
    /// objects in other files).
    static func reducingNoise(_ errors: [SchemaViolation], in value: JSONValue, official: Official) -> [SchemaViolation] {
        let explained = withoutChoiceWrappers(explainChoices(errors, in: value, official: official))
        return withoutAmbiguityFromMissingMembers(withoutLenientPatterns(explained, in: value))
    }

    /// `errors` without the official schema's `format: regex` errors about a pattern that is
    /// valid ECMA-262 without the `u` flag (`\:`, `[\w-.]`): real descriptions write such
    /// patterns, spec-check compiles them as browsers do, and `pattern-invalid` warns about them
    /// once; an error here as well would contradict that. A pattern invalid either way stays.
    static func withoutLenientPatterns(_ errors: [SchemaViolation], in root: JSONValue) -> [SchemaViolation] {
        errors.filter { error in
            guard error.keyword == "format", let pointer = try? JSONPointer(parsing: error.instanceLocation),
                let pattern = pointer.resolve(in: root)?.stringValue, (try? ECMARegex(pattern)) == nil
            else { return true }
            return (try? ECMARegex(pattern, lenient: true)) == nil
        }
    }

    /// `errors` without a `oneOf` matched by several branches at a place that also misses a
    /// required member: the branches tell themselves apart by that member (a Parameter Object's
    /// `in` picks one of four), so the ambiguity is the missing member's consequence, and the
    /// `required` error is the one to act on.
    static func withoutAmbiguityFromMissingMembers(_ errors: [SchemaViolation]) -> [SchemaViolation] {
        let missing = Set(errors.filter { $0.keyword == "required" }.map(\.instanceLocation))
        guard !missing.isEmpty else { return errors }
        return errors.filter { !($0.code == "oneOf.multiple" && missing.contains($0.instanceLocation)) }
    }

    /// `errors` without the error of each failed `oneOf`/`anyOf` whose chosen branch's errors
    /// are there too: the validator reports such a choice as "not valid against any of the N
    /// schemas; the errors below are from …" followed by the errors of the branch that got
    /// furthest, and a lint reader wants the place to fix, not each choice on the way to it (a
    /// one-letter `type` typo was four errors).
    static func withoutChoiceWrappers(_ errors: [SchemaViolation]) -> [SchemaViolation] {
        let locations = errors.map(\.keywordLocation).sorted()
        func hasErrorBelow(_ location: String) -> Bool {
            let below = location + "/"
            // The first location not before `below`: those below it sort right after it.
            var low = 0
            var high = locations.count
            while low < high {
                let mid = (low + high) / 2
                if locations[mid] < below { low = mid + 1 } else { high = mid }
            }
            return low < locations.count && locations[low].hasPrefix(below)
        }
        return errors.filter { error in
            guard error.keyword == "oneOf" || error.keyword == "anyOf" else { return true }
            return !hasErrorBelow(error.keywordLocation)
        }
    }

    /// "X or Reference Object" choices: when an object without `$ref` fails both branches, the
    /// validator may show the Reference branch (`missing required property "$ref"`), which tells
    /// nobody what to fix. Such an object is validated against the other branch instead, and
    /// that branch's errors replace the choice's.
    static func explainChoices(_ errors: [SchemaViolation], in document: JSONValue, official: Official) -> [SchemaViolation] {
        let misled = Set(
            errors.compactMap { error -> String? in
                guard error.keyword == "required", error.message == "missing required property \"$ref\"",
                    let pointer = try? JSONPointer(parsing: error.instanceLocation),
                    let node = pointer.resolve(in: document), node.objectValue != nil, node["$ref"] == nil
                else { return nil }
                return error.instanceLocation
            })
        guard !misled.isEmpty else { return errors }
        var builder: SchemaGraphBuilder?
        var result: [SchemaViolation] = []
        var replaced = Set<String>()
        for error in errors {
            guard misled.contains(error.instanceLocation) else {
                result.append(error)
                continue
            }
            guard ["oneOf", "anyOf"].contains(error.keyword), let branch = otherBranch(of: error, official: official),
                let node = (try? JSONPointer(parsing: error.instanceLocation))?.resolve(in: document)
            else {
                // The Reference branch's own errors, and other keywords' at the same place, go.
                if error.message != "missing required property \"$ref\"", !["oneOf", "anyOf"].contains(error.keyword) {
                    result.append(error)
                }
                continue
            }
            guard replaced.insert(error.instanceLocation).inserted else { continue }
            if builder == nil {
                builder = SchemaGraphBuilder(document: official.value, uri: official.uri, dialect: official.dialect, options: options)
            }
            let schema = builder!.schema(at: branch)
            guard (try? builder!.finish()) != nil else {
                result.append(error)
                continue
            }
            for inner in schema.validate(node).errors {
                var moved = inner
                moved.instanceLocation = error.instanceLocation + inner.instanceLocation
                result.append(moved)
            }
        }
        return result
    }

    /// The one branch of the choice reported by `error` that is not a Reference Object.
    private static func otherBranch(of error: SchemaViolation, official: Official) -> JSONPointer? {
        guard let hash = error.absoluteKeywordLocation.firstIndex(of: "#"),
            let pointer = try? JSONPointer(
                fragment: String(error.absoluteKeywordLocation[error.absoluteKeywordLocation.index(after: hash)...])),
            let branches = pointer.resolve(in: official.value)?.arrayValue
        else { return nil }
        let others = branches.indices.filter { branches[$0]["$ref"]?.stringValue != official.referenceDefinition }
        guard others.count == 1, branches.count == 2 else { return nil }
        let other = branches[others[0]]
        if let ref = other["$ref"]?.stringValue, ref.hasPrefix("#") { return try? JSONPointer(fragment: String(ref.dropFirst())) }
        return pointer.appending(others[0])
    }

    /// The HTTP methods a Path Item Object names as fixed fields (3.2 adds `query`).
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"]

    /// Whether `pointer` is at or below an operation written as `{$ref: …}`: the official schema
    /// rejects it twice over (a `$ref` member, no `responses`), and `operation-ref` reports it once.
    /// `leading`, when `document` is not a whole OpenAPI document, are the tokens that lead to an
    /// object of its kind in one (`["paths", "_"]` for a Path Item).
    static func isInsideOperationReference(_ pointer: JSONPointer, _ document: JSONValue, after leading: [String] = []) -> Bool {
        let tokens = leading.isEmpty ? pointer.tokens : leading + pointer.tokens
        var current = document
        for (i, token) in tokens.enumerated() where i >= leading.count {
            guard
                let next = current.objectValue?[token]
                    ?? current.arrayValue.flatMap({ a in JSONPointer.arrayIndex(token).flatMap { $0 < a.count ? a[$0] : nil } })
            else { return false }
            // `current` is a Path Item: under paths, webhooks, components/pathItems or a callback.
            let isPathItem =
                (i >= 2 && ["paths", "webhooks", "pathItems"].contains(tokens[i - 2])) || (i >= 3 && tokens[i - 3] == "callbacks")
            if isPathItem, methods.contains(token), next["$ref"]?.stringValue != nil { return true }
            current = next
        }
        return false
    }

    /// Where an error about the node at `pointer` is shown, and its message: at the member's key
    /// for a member (that is what a person edits), naming the node (as `subject`, when given).
    static func place(_ error: SchemaViolation, pointer: JSONPointer, in document: JSONValue, subject: String? = nil) -> (
        SourceLocation, String
    ) {
        let node = pointer.resolve(in: document)
        var location = node?.location ?? document.location
        if let last = pointer.tokens.last, let parent = JSONPointer(tokens: pointer.tokens.dropLast()).resolve(in: document),
            let member = parent.objectValue?.member(last)
        {
            location = member.keyLocation
        }
        let subject = subject ?? (pointer.tokens.isEmpty ? "the document" : pointer.description)
        let site =
            error.absoluteKeywordLocation.firstIndex(of: "#").map { String(error.absoluteKeywordLocation[$0...]) } ?? error.keywordLocation
        return (location, "\(subject): \(error.message) (official schema \(site))")
    }
}

/// A remark for ``LintReport/notes``.
struct NoteText: Error, Sendable {
    let text: String
    init(_ text: String) { self.text = text }
}
