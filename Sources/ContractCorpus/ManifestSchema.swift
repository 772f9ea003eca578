import OpenAPIContract
import SchemaValidation
import SpecSource

/// The JSON Schema (2020-12) of a corpus manifest, `spec-check.yaml`, which every manifest is
/// checked against before it is read: an unknown or misspelt key anywhere is an error at its
/// line and column (with the nearest key it may mean), never silently ignored. Every key is
/// documented in `Corpus/README.md`.
///
/// The rules a schema cannot say well (a target names exactly one thing; a group needs a spec
/// unless it checks a schema file; exchange groups take `exchanges`/`har` and body groups
/// `valid`/`invalid`) are checked after it, by ``CorpusManifest``.
public enum ManifestSchema {
    /// The schema, as YAML text (`spec-check corpus --manifest-schema` prints it).
    public static let text = #"""
        $schema: https://json-schema.org/draft/2020-12/schema
        $id: urn:spec-check:corpus-manifest
        title: spec-check corpus manifest (spec-check.yaml)
        description: Which fixtures are checked against which target of an OpenAPI document, and what each must produce. See Corpus/README.md.
        type: object
        required: [groups]
        additionalProperties: false
        properties:
          spec:
            description: The OpenAPI document, relative to the manifest's folder; groups may override it.
            type: string
          overlays:
            description: OpenAPI Overlay documents applied to spec in order; groups may override them.
            $ref: "#/$defs/paths"
          groups:
            description: The groups of fixtures, run in order.
            type: array
            minItems: 1
            items: {$ref: "#/$defs/group"}
        $defs:
          paths:
            description: a path (or glob) or a list of them
            anyOf:
              - type: string
              - type: array
                items: {type: string}
          locations:
            description: Instance locations (RFC 6901 JSON pointers; "" is the root).
            type: array
            items: {type: string}
          errorLocations:
            description: The instance locations of the expected errors, at least one (write invalid for errors anywhere).
            $ref: "#/$defs/locations"
            minItems: 1
          group:
            type: object
            required: [target]
            additionalProperties: false
            properties:
              name: {type: string, description: Free text used in reports.}
              spec: {type: string, description: The OpenAPI document of this group.}
              overlays: {$ref: "#/$defs/paths"}
              target: {$ref: "#/$defs/target"}
              content-type: {type: string, description: The media type of body fixtures (default application/json).}
              valid:
                description: Globs of body fixtures that must be valid.
                $ref: "#/$defs/paths"
              invalid:
                description: Body fixtures (or globs) mapped to the exact set of their error locations, to invalid (errors anywhere), or to unparseable.
                type: object
                additionalProperties:
                  description: a list of instance locations, invalid, or unparseable
                  anyOf:
                    - $ref: "#/$defs/errorLocations"
                    - enum: [invalid, unparseable]
              exchanges:
                description: Globs of exchange fixtures, each holding its own expectation.
                $ref: "#/$defs/paths"
              har:
                description: HAR files (or globs) mapped to entry indexes (from 0, or "*" for the others) and their expectations.
                type: object
                additionalProperties:
                  type: object
                  propertyNames:
                    description: an entry index (0, 1, …) or "*"
                    pattern: "^(\\*|0|[1-9][0-9]*)$"
                  additionalProperties: {$ref: "#/$defs/expectation"}
          target:
            description: What the group's fixtures are checked against; exactly one of schema, schema-file, request, response, exchange.
            type: object
            additionalProperties: false
            properties:
              schema: {type: string, description: A schema under components/schemas by name, or a JSON pointer into the document (#/...).}
              schema-file: {type: string, description: A standalone JSON Schema file.}
              request: {type: string, description: The request body of an operation (operationId or "METHOD /path").}
              response: {type: string, description: The response body of an operation, with status.}
              status:
                description: a status code ("201"), a range ("2XX") or default
                anyOf:
                  - type: string
                  - type: integer
              exchange:
                description: true (find each request's operation) or an operationId or "METHOD /path"
                anyOf:
                  - const: true
                  - type: string
              base-path: {type: string, description: The path the API is served under, instead of the servers' paths.}
              strict: {type: boolean, description: Warnings count as errors.}
            dependentRequired:
              status: [response]
              base-path: [exchange]
              strict: [exchange]
          expectation:
            description: valid, invalid, unparseable, a list of instance locations, or a mapping with valid, errors, warnings
            anyOf:
              - enum: [valid, invalid, unparseable]
              - $ref: "#/$defs/errorLocations"
              - type: object
                additionalProperties: false
                properties:
                  valid: {type: boolean}
                  errors: {$ref: "#/$defs/locations"}
                  warnings: {$ref: "#/$defs/locations"}
        """#

    /// The parsed schema (the keys it declares are what suggestions are drawn from).
    static let value: JSONValue = {
        do {
            return try SourceLoader.parse(text, format: .yaml)
        } catch {
            // The schema is part of this module; failing to parse it is a programming error.
            preconditionFailure("embedded manifest schema does not parse: \(error)")
        }
    }()

    /// The compiled schema.
    static let compiled: Schema = {
        do {
            return try Schema.compile(value, dialect: .draft2020_12)
        } catch {
            preconditionFailure("embedded manifest schema does not compile: \(error)")
        }
    }()

    /// Checks a parsed manifest against the schema.
    /// - Returns: One located error (`manifest.invalid`) per problem, in document order: an unknown
    ///   key at the key, with the nearest declared key when one is close (`overlay` → `overlays`)
    ///   or the keys allowed there; anything else at the value, the first error per location.
    public static func check(_ manifest: JSONValue) -> [SourceError] {
        var errors: [SourceError] = []
        var seen = Set<String>()
        for error in compiled.validate(manifest).errors {
            guard let pointer = try? JSONPointer(parsing: error.instanceLocation) else { continue }
            if let unknown = unknownKey(error, pointer, in: manifest) {
                errors.append(unknown)
                seen.insert(error.instanceLocation)
                continue
            }
            guard seen.insert(error.instanceLocation).inserted else { continue }
            let found = pointer.resolve(in: manifest)
            // A key that `propertyNames` refuses is located at the key, not its value.
            let key = error.keyword == "pattern" && error.keywordLocation.contains("/propertyNames/") ? member(pointer, in: manifest) : nil
            let location = key?.keyLocation ?? found?.location ?? manifest.location
            // Where the failing keyword's schema says what it expects (a choice of forms, a key
            // pattern), say that instead of the branch errors.
            let message: String
            if error.keyword == "minItems", error.absoluteKeywordLocation.hasSuffix("#/$defs/errorLocations/minItems") {
                message =
                    "\(place(pointer)): an empty list would expect errors at no location; list the expected locations, or write invalid for errors anywhere"
            } else if let expected = expectation(of: error), let found {
                let shown = key.map { JSONWriter.quoted($0.key) } ?? describe(found)
                let near =
                    found.stringValue.flatMap { nearest($0, among: words(of: error)) }.map { "; did you mean \(JSONWriter.quoted($0))?" }
                    ?? ""
                message = "\(place(pointer)): expected \(expected), found \(shown)\(near)"
            } else {
                message = "\(place(pointer)): \(error.message)"
            }
            errors.append(SourceError(code: "manifest.invalid", message: message, location: location))
        }
        return errors.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
    }

    /// The error for a member that `additionalProperties: false` refuses, at its key.
    private static func unknownKey(_ error: SchemaViolation, _ pointer: JSONPointer, in manifest: JSONValue) -> SourceError? {
        guard error.keywordLocation.hasSuffix("/additionalProperties"), let key = pointer.tokens.last,
            let fragment = error.absoluteKeywordLocation.split(separator: "#", maxSplits: 1).last,
            let keyword = try? JSONPointer(parsing: String(fragment)), keyword.resolve(in: value)?.boolValue == false,
            let declared = JSONPointer(tokens: keyword.tokens.dropLast() + ["properties"]).resolve(in: value)?.objectValue
        else { return nil }
        let owner = JSONPointer(tokens: Array(pointer.tokens.dropLast()))
        let member = member(pointer, in: manifest)
        let allowed = declared.map(\.key)
        let hint =
            nearest(key, among: allowed).map { "; did you mean \(JSONWriter.quoted($0))?" }
            ?? "; expected one of \(allowed.map(JSONWriter.quoted).joined(separator: ", "))"
        return SourceError(
            code: "manifest.invalid", message: "unknown key \(JSONWriter.quoted(key)) \(place(owner))\(hint)",
            location: member?.keyLocation ?? manifest.location)
    }

    /// The `description` of the schema whose `anyOf` or `pattern` failed: what it expects, in words.
    private static func expectation(of error: SchemaViolation) -> String? {
        guard ["anyOf", "pattern"].contains(error.keyword),
            let fragment = error.absoluteKeywordLocation.split(separator: "#", maxSplits: 1).last,
            let keyword = try? JSONPointer(parsing: String(fragment))
        else { return nil }
        return JSONPointer(tokens: keyword.tokens.dropLast() + ["description"]).resolve(in: value)?.stringValue
    }

    /// The strings the branches of a failing `anyOf` allow by `const` or `enum` (`unparseable`).
    private static func words(of error: SchemaViolation) -> [String] {
        guard error.keyword == "anyOf", let fragment = error.absoluteKeywordLocation.split(separator: "#", maxSplits: 1).last,
            let branches = (try? JSONPointer(parsing: String(fragment)))?.resolve(in: value)?.arrayValue
        else { return [] }
        return branches.flatMap { branch in
            ([branch["const"]].compactMap { $0 } + (branch["enum"]?.arrayValue ?? [])).compactMap(\.stringValue)
        }
    }

    /// `integer 3`, `string "yes"` (cut at 60 characters), or `an object`/`an array`.
    private static func describe(_ value: JSONValue) -> String {
        switch value.kind {
        case .object: return "an object"
        case .array: return "an array"
        default:
            let text = JSONWriter.string(from: value)
            return "\(value.typeName) \(text.count > 60 ? text.prefix(59) + "…" : Substring(text))"
        }
    }

    /// The member `pointer` names (its key and where the key is written).
    private static func member(_ pointer: JSONPointer, in manifest: JSONValue) -> JSONObject.Member? {
        guard let key = pointer.tokens.last else { return nil }
        return JSONPointer(tokens: Array(pointer.tokens.dropLast())).resolve(in: manifest)?.objectValue?.members.first { $0.key == key }
    }

    /// `at the top level`, `in group 2`, `in the target of group 2`, or `in group 2 at invalid/x.json`.
    static func place(_ pointer: JSONPointer) -> String {
        let t = pointer.tokens
        if t.isEmpty { return "at the top level" }
        if t.count >= 2, t[0] == "groups", let index = Int(t[1]) {
            if t.count == 2 { return "in group \(index + 1)" }
            if t.count == 3 && t[2] == "target" { return "in the target of group \(index + 1)" }
            return "in group \(index + 1) at \(t[2...].joined(separator: "/"))"
        }
        return "at \(t.joined(separator: "/"))"
    }
}
