import Foundation
import SchemaValidation
import SpecSource

/// Where an operation's body schema is: at a pointer in the document, or (for bodies defined in
/// another document) behind a reference.
enum SchemaSource: Sendable {
    case pointer(JSONPointer, JSONValue)
    case reference(String, SourceLocation)
}

/// The compiled schemas of one OpenAPI document, compiled eagerly at load or on first use.
///
/// On-demand compilation lets a 3 MB document with a thousand schemas answer for one operation
/// without compiling the other 999; every `$ref` of the document is still resolved at load, so
/// broken references are reported then. Requests may come from any thread: compilation is
/// serialised by a lock, and compiled schemas are immutable.
final class DocumentGraph: @unchecked Sendable {
    private let lock = NSLock()
    private let builder: SchemaGraphBuilder
    private var cache: [JSONPointer: Schema] = [:]

    init(builder: SchemaGraphBuilder) { self.builder = builder }

    /// The compiled schema at `pointer` (compiling it and what it references, if needed).
    /// - Throws: ``SpecSource/SourceErrors`` for problems found while compiling it.
    func schema(at pointer: JSONPointer, value: JSONValue? = nil) throws(SourceErrors) -> Schema {
        lock.lock()
        defer { lock.unlock() }
        if let known = cache[pointer] { return known }
        let schema = builder.schema(at: pointer, knownValue: value)
        try builder.finish()
        cache[pointer] = schema
        return schema
    }

    /// The compiled schema for `source`.
    func schema(for source: SchemaSource) throws(SourceErrors) -> Schema {
        switch source {
        case .pointer(let pointer, let value):
            return try schema(at: pointer, value: value)
        case .reference(let reference, let location):
            lock.lock()
            defer { lock.unlock() }
            let schema: Schema
            do { schema = try builder.schema(reference: reference, at: location) } catch { throw SourceErrors([error]) }
            try builder.finish()
            return schema
        }
    }

    /// Compiles every schema at `pointers` in one pass.
    /// - Throws: ``SpecSource/SourceErrors`` with every problem found.
    func compileAll(_ positions: [(JSONPointer, JSONValue)]) throws(SourceErrors) {
        lock.lock()
        defer { lock.unlock() }
        var pending: [(JSONPointer, Schema)] = []
        for (pointer, value) in positions where cache[pointer] == nil {
            pending.append((pointer, builder.schema(at: pointer, knownValue: value)))
        }
        try builder.finish()
        for (pointer, schema) in pending { cache[pointer] = schema }
    }

    /// Resolves a non-schema reference (see ``SchemaGraphBuilder/resolveObject(_:at:)``).
    func resolveObject(_ reference: String, at location: SourceLocation) throws(SourceError) -> (value: JSONValue, pointer: JSONPointer?) {
        lock.lock()
        defer { lock.unlock() }
        return try builder.resolveObject(reference, at: location)
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
