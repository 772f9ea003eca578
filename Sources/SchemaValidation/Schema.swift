import Foundation
import SpecSource

/// A compiled JSON Schema, ready to validate any number of instances.
///
/// The pipeline is: source text → ``SpecSource/JSONValue`` (``SpecSource/SourceLoader``) →
/// schema graph (`SchemaCompiler`: every `$ref` resolved to a direct edge, every keyword prepared
/// once) → validation (a walk over the graph that builds error paths only when it reports an error).
/// A `Schema` is immutable and `Sendable`: compile once, share it across tasks.
///
/// ```swift
/// let schema = try Schema.load(contentsOf: "person.schema.json")
/// let result = schema.validate(try SourceLoader.parse(#"{"age": -1}"#, format: .json))
/// for error in result.errors { print(error.instanceLocation, error.message) }
/// ```
public struct Schema: Sendable {
    let root: SchemaNode
    /// Keeps the whole graph alive (and frees it, cycles included, when the last schema goes).
    let graph: SchemaGraph
    /// The compilation round that handed the schema out (its dynamic anchors).
    let round: CompilationRound
    /// The direction instances travel in, which switches on the `readOnly`/`writeOnly` rules
    /// (see ``ValidationDirection``); `nil` (the default) validates plain JSON Schema.
    public var direction: ValidationDirection?

    init(root: SchemaNode, graph: SchemaGraph, round: CompilationRound, direction: ValidationDirection? = nil) {
        self.root = root
        self.graph = graph
        self.round = round
        self.direction = direction
    }

    /// This schema, validating instances that travel in `direction` (`nil`: plain JSON Schema).
    public func directed(_ direction: ValidationDirection?) -> Schema {
        var copy = self
        copy.direction = direction
        return copy
    }

    /// Validates `instance`, collecting every error.
    /// - Parameter instance: Any JSON value.
    /// - Returns: The errors, each with instance location, keyword paths and spec position.
    public func validate(_ instance: JSONValue) -> ValidationResult {
        var context = ValidationContext(collectsErrors: true, dynamicAnchors: round.dynamicAnchors, direction: direction)
        _ = root.validate(instance, &context)
        // An undecided evaluation (a regex that gave up) is reported even where an enclosing
        // `not`, `if` or `anyOf` discarded it: the verdict must not rest on it.
        return ValidationResult(errors: deduplicated(context.errors + context.undecided))
    }

    /// Whether `instance` is valid. Faster than ``validate(_:)``: it stops at the first failure and
    /// builds no errors or paths.
    public func isValid(_ instance: JSONValue) -> Bool {
        var context = ValidationContext(collectsErrors: false, dynamicAnchors: round.dynamicAnchors, direction: direction)
        let valid = root.validate(instance, &context)
        return valid && !context.isUndecided
    }

    /// `errors` with each error once: the same keyword failing with the same message at the same
    /// instance location is one error, however many paths (`allOf: [{$ref: X}, {$ref: X}]`) led to
    /// it; the first path is kept.
    private func deduplicated(_ errors: [ValidationError]) -> [ValidationError] {
        guard errors.count > 1 else { return errors }
        var seen = Set<ErrorIdentity>()
        return errors.filter { seen.insert(ErrorIdentity($0)).inserted }
    }

    /// Compiles a standalone JSON Schema.
    /// - Parameters:
    ///   - value: The schema (an object or a boolean).
    ///   - dialect: A dialect that overrides the schema's own `$schema`.
    ///   - defaultDialect: The dialect when neither `dialect` nor a `$schema` says (2020-12).
    ///   - baseURI: The schema's retrieval URI, against which relative references resolve.
    ///   - options: Format checking, custom formats, where other documents come from.
    /// - Throws: ``SpecSource/SourceErrors`` listing every unresolvable reference and invalid keyword.
    public static func compile(_ value: JSONValue, dialect: Dialect? = nil, defaultDialect: Dialect = .draft2020_12, baseURI: String = "urn:spec-check:schema", options: SchemaOptions = SchemaOptions()) throws(SourceErrors) -> Schema {
        let builder = SchemaGraphBuilder(document: value, uri: baseURI, dialect: dialect ?? Self.declaredDialect(value) ?? defaultDialect, options: options, displayPrefix: "", dialectIsExplicit: dialect != nil)
        let schema = builder.schema(at: .root)
        try builder.finish()
        return schema
    }

    /// Reads and compiles a JSON Schema file (JSON or YAML).
    /// - Parameters:
    ///   - path: The file; relative `$ref`s resolve against it.
    ///   - dialect: Overrides the file's `$schema`.
    ///   - options: Format checking, custom formats, where other documents come from.
    /// - Throws: ``SpecSource/SourceErrors``.
    public static func load(contentsOf path: String, dialect: Dialect? = nil, options: SchemaOptions = SchemaOptions()) throws(SourceErrors) -> Schema {
        let value: JSONValue
        do { value = try SourceLoader.load(contentsOf: path) } catch { throw SourceErrors([error]) }
        let uri = URIReference.file(path: absolutePath(path)).description
        let builder = SchemaGraphBuilder(document: value, uri: uri, dialect: dialect ?? declaredDialect(value) ?? .draft2020_12, options: options, displayPrefix: "", dialectIsExplicit: dialect != nil)
        let schema = builder.schema(at: .root)
        try builder.finish()
        return schema
    }

    static func declaredDialect(_ value: JSONValue) -> Dialect? {
        value["$schema"]?.stringValue.flatMap { Dialect(metaSchemaURI: $0) }
    }
}

/// Compiles the schemas of one document (and of the documents it references) into one graph.
///
/// The OpenAPI layer uses it to compile every schema of a document in one pass, so that schemas
/// shared between operations are compiled once. Call ``schema(at:)`` for each schema needed, then
/// ``finish()``; the returned ``Schema`` values are usable after `finish()` succeeds.
///
/// Compiling on demand is a sequence of rounds (request schemas, then `finish()`) on the same
/// graph. The builder itself is not thread-safe (serialise its calls, as `OpenAPIDocument` does
/// with a lock), but a later round never changes anything that schemas returned by an earlier one
/// read, so those may be validated from any thread while it runs.
public final class SchemaGraphBuilder {
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
    public init(document: JSONValue, uri: String, dialect: Dialect, options: SchemaOptions, displayPrefix: String = "", dialectIsExplicit: Bool = false) {
        let parsed = URIReference(uri)
        let directory = parsed.filePath.map { path -> String in
            guard let slash = path.lastIndex(of: "/") else { return "." }
            return String(path[..<slash])
        }
        let registry = SchemaRegistry(resolver: options.resolver, primaryDirectory: directory)
        compiler = SchemaCompiler(registry: registry, options: options)
        self.document = registry.add(root: document, uri: parsed, dialect: dialect, displayPrefix: displayPrefix, dialectIsExplicit: dialectIsExplicit)
    }

    /// The `file://` URI of a file path (made absolute against the current directory).
    public static func fileURI(forPath path: String) -> String {
        URIReference.file(path: absolutePath(path)).description
    }

    /// The schema at `pointer` in the root document (compiled by ``finish()``).
    /// - Parameters:
    ///   - pointer: Where the schema is.
    ///   - knownValue: The value at `pointer`, when the caller has it at hand (saves a lookup from
    ///     the document root); it must be that value.
    public func schema(at pointer: JSONPointer, knownValue: JSONValue? = nil) -> Schema {
        Schema(root: compiler.node(at: SchemaLocation(document: document, pointer: pointer), value: knownValue), graph: compiler.graph, round: compiler.round)
    }

    /// The schema a reference written at `pointer` designates (e.g. `other.yaml#/Pet`), or a located error.
    public func schema(reference: String, at location: SourceLocation) throws(SourceError) -> Schema {
        let uri = document.baseURI.resolving(reference)
        do {
            return Schema(root: compiler.node(at: try compiler.registry.locate(uri, defaultDialect: document.dialect)), graph: compiler.graph, round: compiler.round)
        } catch {
            throw SourceError(code: "ref.unresolved", message: "cannot resolve $ref \(JSONWriter.quoted(reference))", location: location)
        }
    }

    /// Number of schema nodes compiled.
    public var schemaCount: Int { compiler.nodeCount }

    private var reportedDiagnostics = 0
    private var checkedReferences = 0
    private var resolvedReferences: [URIReference: Set<String>] = [:]

    /// Compiles everything requested so far and ends the compilation round, after which the
    /// schemas requested in it may be used. May be called again after requesting more schemas;
    /// each call reports the problems found since the previous one.
    /// - Throws: ``SpecSource/SourceErrors`` with every new diagnostic, sorted by position.
    public func finish() throws(SourceErrors) {
        compiler.drain()
        compiler.endRound()
        let fresh = compiler.diagnostics[reportedDiagnostics...]
        reportedDiagnostics = compiler.diagnostics.count
        if !fresh.isEmpty { throw SourceErrors(SchemaGraphBuilder.sorted(Array(fresh))) }
    }

    /// Resolves every `$ref` of every document indexed so far (loading referenced files), without
    /// compiling anything: the cheap way to report all broken references of a document at load.
    /// - Throws: ``SpecSource/SourceErrors`` listing each unresolvable reference at its position.
    public func checkReferences() throws(SourceErrors) {
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
                errors.append(SourceError(code: "ref.unresolved", message: "cannot resolve $ref \(JSONWriter.quoted(reference)): \(SchemaRegistry.describe(error))", location: location))
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
