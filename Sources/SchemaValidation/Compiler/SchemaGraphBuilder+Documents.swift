import SpecSource

/// Where a reference to an OpenAPI object (not a schema) leads: the document it is in, by
/// retrieval URI, and the JSON pointer and value there.
package struct ObjectLocation: Sendable {
    /// The absolute URI (no fragment) of the document holding the object.
    package let documentURI: String
    /// Where the object is in that document.
    package let pointer: JSONPointer
    /// The object.
    package let value: JSONValue
}

/// A reference as written, and the document it is written in.
struct ObjectReferenceKey: Hashable {
    let documentURI: String
    let reference: String
}

/// Multi-document support for the OpenAPI layer: OpenAPI objects (path items, responses,
/// parameters, …) are spread over many files, each `$ref` resolving against the document that
/// contains it (RFC 3986 §5.2; OpenAPI 3.1.1 §4.3.3 "Relative References in URIs").
extension SchemaGraphBuilder {
    /// The retrieval URI of the root document.
    package var rootDocumentURI: String { document.uriString }

    /// Resolves `reference`, written in the document at `documentURI`, to the object it designates,
    /// loading that document when needed (without indexing it as a schema).
    /// - Throws: a located ``SpecSource/SourceError`` (`ref.unresolved`) naming the reason.
    package func locateObject(_ reference: String, relativeTo documentURI: String, at location: SourceLocation) throws(SourceError)
        -> ObjectLocation
    {
        // Documents split over many files repeat the same references (DigitalOcean's 2,907 files:
        // resolving and locating them again was three quarters of `inspect`).
        let key = ObjectReferenceKey(documentURI: documentURI, reference: reference)
        if let known = locatedObjects[key] { return known }
        let base = compiler.registry.documents[documentURI]?.baseURI ?? URIReference(documentURI)
        let failure: SchemaRegistry.LookupFailure
        do {
            let target = try compiler.registry.locate(base.resolving(reference), defaultDialect: document.dialect, purpose: .object)
            if let value = target.pointer.resolve(in: target.document.root) {
                let located = ObjectLocation(documentURI: target.document.uriString, pointer: target.pointer, value: value)
                locatedObjects[key] = located
                return located
            }
            failure = .missingTarget(SchemaRegistry.missingPointerMessage(target.pointer, in: target.document))
        } catch {
            failure = error
        }
        throw SourceError(
            code: "ref.unresolved", message: "cannot resolve $ref \(JSONWriter.quoted(reference)): \(SchemaRegistry.describe(failure))",
            location: location)
    }

    /// The schema at `pointer` in document `documentURI` (compiled by ``finish()``), loading that
    /// document if this builder has not yet; its identifiers and references are indexed first.
    package func schema(inDocument documentURI: String, at pointer: JSONPointer, knownValue: JSONValue? = nil) -> Schema {
        if documentURI == document.uriString { return schema(at: pointer, knownValue: knownValue) }
        let registry = compiler.registry
        var doc = registry.documents[documentURI]
        if doc == nil {
            do {
                doc = try registry.locate(URIReference(documentURI), defaultDialect: document.dialect, purpose: .object).document
            } catch {
                compiler.diagnose(
                    SourceError(
                        code: "ref.unresolved", message: "cannot load \(documentURI): \(SchemaRegistry.describe(error))",
                        location: knownValue?.location ?? .unknown))
            }
        }
        guard let doc, doc !== document else { return schema(at: pointer, knownValue: knownValue) }
        registry.ensureSchemaIndexed(doc, at: pointer)
        return Schema(
            root: compiler.node(at: SchemaLocation(document: doc, pointer: pointer), value: knownValue), graph: compiler.graph,
            round: compiler.round)
    }

    /// Records the identifiers and references of the schema at `pointer` in document
    /// `documentURI`, so ``checkReferences()`` covers schemas in files reached through non-schema
    /// references.
    package func indexSchema(inDocument documentURI: String, at pointer: JSONPointer) {
        guard documentURI != document.uriString, let doc = compiler.registry.documents[documentURI] else { return }
        compiler.registry.ensureSchemaIndexed(doc, at: pointer)
    }

    /// The display name of a loaded document (its path relative to the working directory).
    package func displayName(ofDocument documentURI: String) -> String {
        compiler.registry.documents[documentURI]?.displayPrefix ?? documentURI
    }
}
