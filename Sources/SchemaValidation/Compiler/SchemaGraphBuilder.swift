import SpecSource

/// Compiles the schemas of one document (and of the documents it references) into one graph.
///
/// The OpenAPI layer (a sibling module, hence `package` access: it is not API) uses it to compile
/// every schema of a document in one pass, so that schemas shared between operations are compiled
/// once. Call ``schema(at:)`` for each schema needed, then ``finish()``; the returned ``Schema``
/// values are usable after `finish()` succeeds.
///
/// Compiling on demand is a sequence of rounds (request schemas, then `finish()`) on the same
/// graph. The builder itself is not thread-safe (serialise its calls, as `OpenAPIDocument` does
/// with a lock), but a later round never changes anything that schemas returned by an earlier one
/// read, so those may be validated from any thread while it runs.
package final class SchemaGraphBuilder {
    let compiler: SchemaCompiler
    let document: SchemaDocument

    /// Starts a graph over `document`.
    /// - Parameters:
    ///   - document: The root document.
    ///   - uri: Its retrieval URI (a `file://` URI for files: see ``fileURI(forPath:)``).
    ///   - dialect: The dialect of its schemas.
    ///   - options: Compile options.
    ///   - displayPrefix: Prefix of absolute keyword locations in this document (empty: `#/...`).
    ///   - dialectIsExplicit: Whether `dialect` overrides the document root's own `$schema`.
    ///   - defersIndexing: Whether to walk `document` for identifiers and references only when a
    ///     lookup first needs them (a URI no document is registered under, an anchor,
    ///     ``checkReferences()``), rather than now: schemas found by JSON pointer then cost nothing
    ///     beyond their own subtrees. Lookups answer the same either way.
    package init(
        document: JSONValue, uri: String, dialect: Dialect, options: SchemaOptions, displayPrefix: String = "",
        dialectIsExplicit: Bool = false, defersIndexing: Bool = false
    ) {
        let parsed = URIReference(uri)
        let directory = parsed.filePath.map { path -> String in
            guard let slash = path.lastIndex(of: "/") else { return "." }
            return String(path[..<slash])
        }
        let registry = SchemaRegistry(resolver: options.resolver, primaryDirectory: directory)
        compiler = SchemaCompiler(registry: registry, options: options)
        self.document = registry.add(
            root: document, uri: parsed, dialect: dialect, displayPrefix: displayPrefix, dialectIsExplicit: dialectIsExplicit,
            indexing: defersIndexing ? .deferred : .automatic)
    }

    /// The `file://` URI of a file path (made absolute against the current directory).
    package static func fileURI(forPath path: String) -> String {
        URIReference.file(path: absolutePath(path)).description
    }

    /// The schema at `pointer` in the root document (compiled by ``finish()``).
    /// - Parameters:
    ///   - pointer: Where the schema is.
    ///   - knownValue: The value at `pointer`, when the caller has it at hand (saves a lookup from
    ///     the document root); it must be that value.
    package func schema(at pointer: JSONPointer, knownValue: JSONValue? = nil) -> Schema {
        Schema(
            root: compiler.node(at: SchemaLocation(document: document, pointer: pointer), value: knownValue), graph: compiler.graph,
            round: compiler.round)
    }

    /// The schema a reference written at `pointer` designates (e.g. `other.yaml#/Pet`), or a located error.
    package func schema(reference: String, at location: SourceLocation) throws(SourceError) -> Schema {
        let uri = document.baseURI.resolving(reference)
        do {
            return Schema(
                root: compiler.node(at: try compiler.registry.locate(uri, defaultDialect: document.dialect)), graph: compiler.graph,
                round: compiler.round)
        } catch {
            throw SourceError(code: "ref.unresolved", message: "cannot resolve $ref \(JSONWriter.quoted(reference))", location: location)
        }
    }

    /// Number of schema nodes compiled.
    package var schemaCount: Int { compiler.nodeCount }

    private var reportedDiagnostics = 0
    private var checkedReferences = 0
    private var resolvedReferences: [URIReference: Set<String>] = [:]
    /// What ``locateObject(_:relativeTo:at:)`` found so far (successes only: a failure is
    /// reported at each place it is written).
    var locatedObjects: [ObjectReferenceKey: ObjectLocation] = [:]

    /// Compiles everything requested so far and ends the compilation round, after which the
    /// schemas requested in it may be used. May be called again after requesting more schemas;
    /// each call reports the problems found since the previous one.
    /// - Throws: ``SpecSource/SourceErrors`` with every new diagnostic, sorted by position.
    package func finish() throws(SourceErrors) {
        compiler.drain()
        compiler.endRound()
        let fresh = compiler.diagnostics[reportedDiagnostics...]
        reportedDiagnostics = compiler.diagnostics.count
        if !fresh.isEmpty { throw SourceErrors(SchemaGraphBuilder.sorted(Array(fresh))) }
    }

    /// Resolves every `$ref` of every document indexed so far (loading referenced files), without
    /// compiling anything: the cheap way to report all broken references of a document at load.
    /// - Throws: ``SpecSource/SourceErrors`` listing each unresolvable reference at its position.
    package func checkReferences() throws(SourceErrors) {
        var errors: [SourceError] = []
        let registry = compiler.registry
        // A document repeats the same few hundred references thousands of times, mostly under one
        // base URI: remember the resolved ones per base, switching sets only when the base changes.
        var currentBase: URIReference?
        var seen = Set<String>()
        defer { if let currentBase { resolvedReferences[currentBase] = seen } }
        while checkedReferences < registry.references.count {
            let (reference, base, location, dialect) = registry.references[checkedReferences]
            checkedReferences += 1
            if base != currentBase {
                if let currentBase { resolvedReferences[currentBase] = seen }
                currentBase = base
                seen = resolvedReferences[base] ?? []
            }
            if seen.contains(reference) { continue }
            do {
                _ = try registry.locate(base.resolving(reference), defaultDialect: dialect)
                seen.insert(reference)
            } catch {
                errors.append(
                    SourceError(
                        code: "ref.unresolved",
                        message: "cannot resolve $ref \(JSONWriter.quoted(reference)): \(SchemaRegistry.describe(error))",
                        location: location))
            }
        }
        if !errors.isEmpty { throw SourceErrors(SchemaGraphBuilder.sorted(errors)) }
    }

    static func sorted(_ errors: [SourceError]) -> [SourceError] {
        errors.sorted {
            ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column)
        }
    }
}
