import SchemaValidation
import SpecSource

extension OpenAPIDocument {
    /// The compiled schema at a JSON Pointer (RFC 6901) into the document, written as a URI
    /// fragment (`#/paths/~1videos/post/requestBody/content/application~1json/schema`) or plain
    /// (`/components/schemas/Video`).
    ///
    /// The pointer must name a Schema Object of the document (a `schema` of a media type,
    /// parameter or header, a schema under `components/schemas`, …) or a subschema inside one
    /// (`…/schema/properties/prompt`, `…/allOf/0`). Pointers are followed literally: they do not
    /// pass through a Reference Object's `$ref` (RFC 6901 knows nothing of references), so a
    /// pointer through a referenced request body names the referenced one instead.
    /// - Throws: ``ContractError`` (`schema.unknown`) when the pointer is malformed, resolves to
    ///   nothing (naming the deepest value that exists and its members, with the nearest one), or
    ///   to a value that is not a schema (naming the schemas below it); `schema.does-not-compile`
    ///   when the schema does not compile.
    public func schema(atPointer text: String) throws(ContractError) -> Schema {
        guard operationsFound else { throw Self.operationsNotRead(.unknownSchema) }
        let pointer: JSONPointer
        do {
            pointer = text.hasPrefix("#") ? try JSONPointer(fragment: String(text.dropFirst())) : try JSONPointer(parsing: text)
        } catch {
            throw ContractError(.unknownSchema, "\(error); write it as #/paths/~1videos/post/… (\"~1\" for \"/\", \"~0\" for \"~\")")
        }
        let shown = "#" + pointer.description
        // Follow the pointer token by token, to say where it stops.
        var value = root
        for (depth, token) in pointer.tokens.enumerated() {
            let parent = JSONPointer(tokens: Array(pointer.tokens[..<depth]))
            let parentShown = "#" + parent.description
            switch value.kind {
            case .object(let object):
                guard let next = object[token] else {
                    if let ref = object["$ref"]?.stringValue {
                        throw ContractError(
                            .unknownSchema,
                            "\(shown) resolves to nothing: \(parentShown) is a reference ($ref: \(JSONWriter.quoted(ref))); "
                                + "a pointer does not follow references, so point into its target")
                    }
                    let keys = object.map(\.key)
                    if let fixed = Self.unescapedSlashes(pointer, at: depth, in: object) {
                        throw ContractError(
                            .unknownSchema,
                            "\(shown) resolves to nothing: \(parentShown) has no member \(JSONWriter.quoted(token)); "
                                + "a \"/\" inside a member name is written \"~1\": did you mean #\(fixed.description)?")
                    }
                    let near = keys.isEmpty ? " (it has no members)" : suggestion(for: token, among: keys)
                    throw ContractError(
                        .unknownSchema, "\(shown) resolves to nothing: \(parentShown) has no member \(JSONWriter.quoted(token))\(near)")
                }
                value = next
            case .array(let items):
                guard let index = JSONPointer.arrayIndex(token), index < items.count else {
                    throw ContractError(
                        .unknownSchema,
                        "\(shown) resolves to nothing: \(parentShown) is an array of \(items.count) item\(items.count == 1 ? "" : "s"), "
                            + "and \(JSONWriter.quoted(token)) is not one of its indexes")
                }
                value = items[index]
            default:
                throw ContractError(
                    .unknownSchema,
                    "\(shown) resolves to nothing: \(parentShown) is \(Self.withArticle(value.typeName)), which has no members")
            }
        }
        let rootURI = graph.rootDocumentURI
        let schemas = schemaPositions.filter { $0.documentURI == rootURI }.map(\.pointer)
        guard Self.isSchemaPosition(pointer, schemas: schemas) else {
            let below = schemas.filter {
                $0.tokens.count > pointer.tokens.count && Array($0.tokens.prefix(pointer.tokens.count)) == pointer.tokens
            }.sorted()
            let listed = below.prefix(5).map { "#" + $0.description }.joined(separator: ", ")
            var hint =
                below.isEmpty
                ? "; --schema takes a pointer to a Schema Object (e.g. a media type's schema) or a name under components/schemas"
                : "; the schemas below it: \(listed)\(below.count > 5 ? ", … (\(below.count) in all)" : "")"
            if let op = operation(at: pointer) {
                let name = op.operationId ?? "\(op.httpMethod) \(op.path)"
                let quoted = JSONWriter.quoted(name)
                hint =
                    "; it is the Operation Object of \(op.httpMethod) \(op.path): check its bodies with --request \(quoted) "
                    + "or --response \(quoted) --status CODE" + hint
            }
            throw ContractError(
                .unknownSchema,
                "\(shown) is not a schema (it is \(Self.withArticle(value.typeName)), not a Schema Object or a subschema of one)\(hint)")
        }
        do { return try graph.schema(at: pointer, value: value) } catch { throw ContractError(compiling: error) }
    }

    /// The operation whose Operation Object `pointer` names (`/paths/{path}/{method}`, also under
    /// `webhooks`), if the document has it.
    private func operation(at pointer: JSONPointer) -> OpenAPIOperation? {
        let tokens = pointer.tokens
        guard tokens.count == 3, tokens[0] == "paths" || tokens[0] == "webhooks" else { return nil }
        let isWebhook = tokens[0] == "webhooks"
        return operations.first { $0.path == tokens[1] && $0.method.lowercased() == tokens[2].lowercased() && $0.isWebhook == isWebhook }
    }

    /// `pointer` with the tokens from `depth` on read as one member name of `object` with its
    /// `/` unescaped (`#/paths//pets/{id}/get`, `#/paths/pets/get`: a path written as is), if
    /// some run of them names a member; `nil` otherwise.
    private static func unescapedSlashes(_ pointer: JSONPointer, at depth: Int, in object: JSONObject) -> JSONPointer? {
        let tokens = pointer.tokens
        for end in stride(from: tokens.count, to: depth, by: -1) {
            let joined = tokens[depth..<end].joined(separator: "/")
            for name in tokens[depth].isEmpty ? [joined] : [joined, "/" + joined] {
                guard object[name] != nil else { continue }
                return JSONPointer(tokens: Array(tokens[..<depth]) + [name] + Array(tokens[end...]))
            }
        }
        return nil
    }

    /// Whether `pointer` is one of `schemas` or a subschema reached from one through keywords that
    /// take schemas (JSON Schema 2020-12 core §10, and the older drafts' `items`, `additionalItems`,
    /// `definitions`, `dependencies`).
    static func isSchemaPosition(_ pointer: JSONPointer, schemas: [JSONPointer]) -> Bool {
        for schema in schemas
        where schema.tokens.count <= pointer.tokens.count && Array(pointer.tokens.prefix(schema.tokens.count)) == schema.tokens {
            if isSubschemaPath(pointer.tokens[schema.tokens.count...]) { return true }
        }
        return false
    }

    /// `an object`, `a string`.
    private static func withArticle(_ noun: String) -> String {
        (noun.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + noun
    }

    private static let singleSchemaKeywords: Set<String> = [
        "additionalProperties", "unevaluatedProperties", "items", "additionalItems", "unevaluatedItems", "contains", "not", "if", "then",
        "else", "propertyNames", "contentSchema",
    ]
    private static let schemaMapKeywords: Set<String> = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
    private static let schemaListKeywords: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems", "items"]

    /// Whether `tail`, starting at a schema, steps only from schema to subschema.
    private static func isSubschemaPath(_ tail: ArraySlice<String>) -> Bool {
        var rest = tail
        while let keyword = rest.first {
            rest = rest.dropFirst()
            if schemaMapKeywords.contains(keyword) {
                guard rest.first != nil else { return false }
                rest = rest.dropFirst()
            } else if schemaListKeywords.contains(keyword), let index = rest.first, JSONPointer.arrayIndex(index) != nil {
                rest = rest.dropFirst()
            } else if !singleSchemaKeywords.contains(keyword) {
                return false
            }
        }
        return true
    }
}
