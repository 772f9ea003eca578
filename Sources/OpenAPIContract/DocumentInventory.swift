import SchemaValidation
import SpecSource

/// What a linter reads from a description beyond its operations: every operation object with the
/// route that lists it (callbacks and webhooks included), every example of a media type, parameter
/// or header with the schema it illustrates and the direction it travels in, every Reference
/// Object outside Schema Objects, and where every Schema Object starts.
///
/// Built by a second walk of the loaded document (``OpenAPIDocument/makeInventory()``), so
/// loading for validation records none of it.
package struct DocumentInventory: Sendable {
    /// Where a Path Item Object is listed.
    package enum Route: Sendable, Hashable {
        /// Under `paths`, with its path template.
        case path(String)
        /// Under `webhooks`, with its name.
        case webhook(String)
        /// In an operation's `callbacks`, with the callback's name.
        case callback(String)
        /// Under `components` (`pathItems`, or a component reached only from there).
        case component
    }

    /// One operation of a Path Item Object.
    package struct OperationSite: Sendable {
        /// The Path Item's key for it (`get`, 3.2's `query`, or an `additionalOperations` key).
        package let method: String
        /// Where the path item is listed.
        package let route: Route
        /// The path item, resolved.
        package let pathItem: Located
        /// The operation as written (possibly a `$ref`).
        package let operation: Located
    }

    /// One example of a media type, parameter or header.
    package struct ExampleSite: Sendable {
        /// The Example Object's key in `examples`, or `nil` for `example`.
        package let name: String?
        /// The example value, where it is written (in the Example Object's file for a reference).
        package let value: Located
        /// The schema it illustrates (`nil` when its owner has none, e.g. a `content` parameter).
        package let schema: Located?
        /// Which way the message it illustrates travels (`nil` for a component that only
        /// components refer to, e.g. a header listed under `components/headers`).
        package let direction: ValidationDirection?
        /// The Media Type, Parameter or Header Object that holds it.
        package let owner: Located
        /// What `owner` is.
        package let ownerKind: ObjectKind
    }

    /// A Reference Object (`$ref` outside a Schema Object) and the kind of object it stands for.
    package struct ReferenceSite: Sendable {
        /// The object holding `$ref`, as written.
        package let object: Located
        /// The kind of object the reference designates.
        package let kind: ObjectKind
    }

    /// Every Schema Object position the document lists (media types, parameters, headers,
    /// `components/schemas`), in any file; schemas they reach through `$ref` are not listed.
    package var schemaRoots: [Located] = []
    /// Every operation of every path item visited, in walk order.
    package var operations: [OperationSite] = []
    /// Every example of a media type, parameter or header.
    package var examples: [ExampleSite] = []
    /// Every Reference Object visited.
    package var references: [ReferenceSite] = []

    package init() {}
}

extension OpenAPIDocument {
    /// Walks the document again, recording what lint reads (see ``DocumentInventory``).
    package func makeInventory() -> DocumentInventory {
        var walker = DocumentWalker(graph: graph)
        walker.recordsInventory = true
        walker.walk(root, uri: graph.rootDocumentURI)
        var inventory = walker.inventory
        inventory.schemaRoots = walker.schemaPositions
        return inventory
    }

    /// The retrieval URI of the root document (the document other positions are relative to).
    package var rootDocumentURI: String { graph.rootDocumentURI }

    /// Resolves `reference`, written in document `documentURI`, to what it designates (loading
    /// that document when needed).
    /// - Throws: ``SpecSource/SourceError`` (`ref.unresolved`) located at `location`.
    package func locate(_ reference: String, relativeTo documentURI: String, at location: SourceLocation) throws(SourceError) -> Located {
        Located(try graph.locateObject(reference, relativeTo: documentURI, at: location))
    }

    /// Compiles the schemas at `positions` (any Schema Objects of any file, nested ones
    /// included) in one round, so that ``schema(at:)`` finds them compiled.
    /// - Throws: ``SpecSource/SourceErrors`` with every problem found (nothing is kept compiled).
    package func compileSchemas(at positions: [Located]) throws(SourceErrors) {
        try graph.compileAll(positions)
    }

    /// The compiled schema at `position` (any Schema Object of any file of the document, nested
    /// ones included), compiling it on first use.
    /// - Throws: ``SpecSource/SourceErrors`` when it does not compile.
    package func schema(at position: Located) throws(SourceErrors) -> Schema {
        try graph.schema(for: position)
    }
}
