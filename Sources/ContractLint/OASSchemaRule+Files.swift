import OpenAPIContract
import SchemaValidation
import SpecSource

/// `oas-schema` for the objects a multi-file description keeps in other files than the root.
///
/// The root check meets such an object only as its Reference Object. Each object a reference
/// designates in another file is validated here against the official schema's definition of
/// the kind its reference position expects: the kinds the document walk records with each
/// Reference Object (``DocumentInventory/references``), and Schema Objects for the `$ref`s,
/// `properties: {$ref}` maps and discriminator mappings of the schema walk (``SchemaTraversal``).
extension OASSchemaRule {
    /// An official schema's definition of one object kind.
    enum Definition: Hashable, CaseIterable, Sendable {
        case pathItem, operation, parameter, requestBody, response, header, example, link, callback, securityScheme,
            mediaType, encoding, schema, reference

        init(_ kind: ObjectKind) {
            switch kind {
            case .pathItem: self = .pathItem
            case .operation: self = .operation
            case .parameter: self = .parameter
            case .requestBody: self = .requestBody
            case .response: self = .response
            case .header: self = .header
            case .example: self = .example
            case .link: self = .link
            case .callback: self = .callback
            case .securityScheme: self = .securityScheme
            case .mediaType: self = .mediaType
            case .encoding: self = .encoding
            }
        }

        /// Where the definition is: `#/definitions/PathItem` in the 3.0 (draft 4) schema,
        /// `#/$defs/path-item` in the 3.1 and 3.2 ones.
        func pointer(draft4: Bool) -> JSONPointer {
            let names: (String, String) =
                switch self {
                case .pathItem: ("PathItem", "path-item")
                case .operation: ("Operation", "operation")
                case .parameter: ("Parameter", "parameter")
                case .requestBody: ("RequestBody", "request-body")
                case .response: ("Response", "response")
                case .header: ("Header", "header")
                case .example: ("Example", "example")
                case .link: ("Link", "link")
                case .callback: ("Callback", "callbacks")
                case .securityScheme: ("SecurityScheme", "security-scheme")
                case .mediaType: ("MediaType", "media-type")
                case .encoding: ("Encoding", "encoding")
                case .schema: ("Schema", "schema")
                case .reference: ("Reference", "reference")
                }
            return draft4 ? JSONPointer(tokens: ["definitions", names.0]) : JSONPointer(tokens: ["$defs", names.1])
        }

        /// The tokens that lead to an object of this kind in a document, for
        /// ``isInsideOperationReference(_:_:after:)``: only objects that hold Path Items need them.
        var leadingTokens: [String] {
            switch self {
            case .pathItem: ["paths", "_"]
            case .operation: ["paths", "_", "get"]
            case .callback: ["paths", "_", "get", "callbacks", "_"]
            default: []
            }
        }
    }

    /// A position to validate, with the kind its reference expects.
    private struct Target: Hashable {
        let position: PositionKey
        let definition: Definition
    }

    /// Validates every object a reference designates in another file than the root document
    /// (the root check validated those in the root), each (position, kind) once, following
    /// chains of references; reports at the object's own file, line and column, with a pointer
    /// in that file. References that do not resolve are skipped (the load reports them).
    /// - Parameters:
    ///   - nodes: The description's Schema Objects (``SchemaTraversal/nodes(_:)``).
    static func checkOtherFiles(_ nodes: [Located], _ context: LintContext) {
        guard context.isOn(.oasSchema), case .success(let official)? = official(forVersion: context.document.version) else { return }
        let rootURI = context.rootDocumentURI
        var validated = Set<Target>()
        var reported = Set<String>()
        func check(_ target: Located, as kind: Definition) {
            guard target.documentURI != rootURI, validated.insert(Target(position: PositionKey(target), definition: kind)).inserted else {
                return
            }
            validate(target, as: kind, official: official, context, reported: &reported)
        }
        for site in context.inventory.references {
            // A chain of references is a chain of Reference Objects, each "X or Reference".
            var current = site.object
            for _ in 0..<32 {
                guard let ref = current.value["$ref"]?.stringValue, let target = context.resolve(ref, from: current.documentURI) else {
                    break
                }
                let isReference = target.value["$ref"]?.stringValue != nil && site.kind != .pathItem
                check(target, as: isReference ? .reference : Definition(site.kind))
                current = target
            }
        }
        // Schema Objects reached through a `$ref` (a chain: the next is a node of its own), a
        // `properties: {$ref}` map or a discriminator mapping; the rest of a file is inside one.
        for node in nodes {
            guard case .object(let object) = node.value.kind,
                object["$ref"] != nil || object["discriminator"] != nil || object["properties"]?["$ref"] != nil
            else { continue }
            for child in SchemaTraversal.children(of: node, context)
            where child.documentURI != node.documentURI || !child.pointer.tokens.starts(with: node.pointer.tokens) {
                check(child, as: child.value["$ref"]?.stringValue != nil ? .reference : .schema)
            }
        }
    }

    /// Reports the errors of `target` against the definition of `kind`, with the root check's
    /// noise reduction: the choices' wrappers go, the Reference branch of an "X or Reference"
    /// choice is replaced by the other one's errors, and an operation written as `{$ref}` is
    /// left to `operation-ref`.
    private static func validate(
        _ target: Located, as kind: Definition, official: Official, _ context: LintContext, reported: inout Set<String>
    ) {
        guard let schema = official.definitions[kind], !schema.isValid(target.value) else { return }
        var errors = schema.validate(target.value).errors
        errors = reducingNoise(errors, in: target.value, official: official)
        // The file's root, so that an error about the target itself is shown at its key there.
        let file = context.resolve("#", from: target.documentURI)?.value
        for error in errors {
            let relative = (try? JSONPointer(parsing: error.instanceLocation)) ?? .root
            if isInsideOperationReference(relative, target.value, after: kind.leadingTokens) { continue }
            let pointer = target.pointer.appending(contentsOf: relative.tokens)
            let subject = context.describe(Located(documentURI: target.documentURI, pointer: pointer, value: target.value))
            // Two paths through the official schema, or two targets one inside the other, often say the same.
            guard reported.insert(subject + "\u{0}" + error.message).inserted else { continue }
            let (location, message) =
                if let file, pointer.resolve(in: file) != nil {
                    place(error, pointer: pointer, in: file, subject: subject)
                } else {
                    place(error, pointer: relative, in: target.value, subject: subject)
                }
            context.report(.oasSchema, message, at: location, pointer: pointer)
        }
    }
}
