import Foundation
import SchemaValidation
import SpecSource

/// The compiled schemas of one OpenAPI document, compiled eagerly at load or on first use.
///
/// On-demand compilation lets a 3 MB document with a thousand schemas answer for one operation
/// without compiling the other 999; every `$ref` of the document is still resolved at load, so
/// broken references are reported then. Requests may come from any thread: compilation is
/// serialised by a lock, and a compiled schema is immutable once handed out (a later
/// compilation round only adds nodes; see docs/DESIGN.md, "Thread safety").
///
/// A schema that does not compile throws every time it is asked for. The builder reports each
/// diagnostic once, and a node is compiled once, so after a failure a schema sharing a broken node
/// (a component referenced by two operations) would come back without an error; once anything has
/// failed, each new schema is therefore also compiled by a fresh builder, whose diagnostics are
/// exactly those of that schema.
final class DocumentGraph: @unchecked Sendable {
    private let lock = NSLock()
    private let makeBuilder: @Sendable () -> SchemaGraphBuilder
    private let builder: SchemaGraphBuilder
    private var cache: [SchemaKey: Schema] = [:]
    private var failures: [SchemaKey: SourceErrors] = [:]
    /// Whether some compilation has failed (only then are new schemas compiled twice).
    private var hasFailed = false

    private struct SchemaKey: Hashable {
        let documentURI: String
        let pointer: JSONPointer
    }

    /// - Parameter makeBuilder: Creates a builder over the document; called once, and again for
    ///   each check after a failure.
    init(makeBuilder: @escaping @Sendable () -> SchemaGraphBuilder) {
        self.makeBuilder = makeBuilder
        builder = makeBuilder()
    }

    /// Compiles what `request` asked of `builder`; after an earlier failure, also asks the same
    /// of a fresh builder, so that broken nodes compiled (and reported) earlier are reported again.
    private func finish(_ request: (SchemaGraphBuilder) -> Void) throws(SourceErrors) {
        do {
            try builder.finish()
            if hasFailed {
                let fresh = makeBuilder()
                request(fresh)
                try fresh.finish()
            }
        } catch {
            hasFailed = true
            throw error
        }
    }

    /// The retrieval URI of the root document.
    var rootDocumentURI: String { builder.rootDocumentURI }

    /// The compiled schema at `pointer` in the root document (compiling it and what it references,
    /// if needed).
    /// - Throws: ``SpecSource/SourceErrors`` for problems found while compiling it.
    func schema(at pointer: JSONPointer, value: JSONValue? = nil) throws(SourceErrors) -> Schema {
        try schema(for: Located(documentURI: builder.rootDocumentURI, pointer: pointer, value: value ?? .null), valueIsKnown: value != nil)
    }

    /// The compiled schema at `location`, in whichever document it is.
    func schema(for location: Located, valueIsKnown: Bool = true) throws(SourceErrors) -> Schema {
        lock.lock()
        defer { lock.unlock() }
        let key = SchemaKey(documentURI: location.documentURI, pointer: location.pointer)
        if let known = cache[key] { return known }
        if let failed = failures[key] { throw failed }
        let value = valueIsKnown ? location.value : nil
        let schema = builder.schema(inDocument: location.documentURI, at: location.pointer, knownValue: value)
        do {
            try finish { fresh in _ = fresh.schema(inDocument: location.documentURI, at: location.pointer, knownValue: value) }
        } catch {
            failures[key] = error
            throw error
        }
        cache[key] = schema
        return schema
    }

    /// Compiles every schema at `positions` in one pass.
    /// - Throws: ``SpecSource/SourceErrors`` with every problem found.
    func compileAll(_ positions: [Located]) throws(SourceErrors) {
        lock.lock()
        defer { lock.unlock() }
        var pending: [(SchemaKey, Schema)] = []
        pending.reserveCapacity(positions.count)
        cache.reserveCapacity(cache.count + positions.count)  // grown once, not rehashed per doubling
        for position in positions {
            let key = SchemaKey(documentURI: position.documentURI, pointer: position.pointer)
            guard cache[key] == nil else { continue }
            pending.append((key, builder.schema(inDocument: position.documentURI, at: position.pointer, knownValue: position.value)))
        }
        try finish { fresh in
            for position in positions {
                _ = fresh.schema(inDocument: position.documentURI, at: position.pointer, knownValue: position.value)
            }
        }
        for (key, schema) in pending { cache[key] = schema }
    }

    /// Resolves a reference to an OpenAPI object written in document `documentURI`.
    func locateObject(_ reference: String, relativeTo documentURI: String, at location: SourceLocation) throws(SourceError)
        -> ObjectLocation
    {
        lock.lock()
        defer { lock.unlock() }
        return try builder.locateObject(reference, relativeTo: documentURI, at: location)
    }

    /// Records the identifiers and references of a schema outside the root document.
    func indexSchema(_ location: Located) {
        lock.lock()
        defer { lock.unlock() }
        builder.indexSchema(inDocument: location.documentURI, at: location.pointer)
    }

    /// Resolves every schema reference of the document without compiling.
    func checkReferences() throws(SourceErrors) {
        lock.lock()
        defer { lock.unlock() }
        try builder.checkReferences()
    }

    /// Schema nodes compiled so far.
    var schemaCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return builder.schemaCount
    }
}
