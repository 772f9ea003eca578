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
    public func validate(_ instance: JSONValue) -> ValidationResult { collectingErrors(instance) }

    /// ``validate(_:)``'s body, inlined into it and into ``validate(_:collectingAnnotations:)``: a
    /// call from there made the optimizer turn `validate(_:)` into a thunk of a specialised copy,
    /// 12 more instructions per call.
    @inline(__always)
    func collectingErrors(_ instance: JSONValue) -> ValidationResult {
        // Most instances are valid, and the yes/no walk settles those without building a path,
        // a message or a branch's trial errors (`oneOf`/`anyOf` collect them for every branch
        // they try); see "Performance choices" in DESIGN.md for the measured ratio.
        // Both walks run the same keyword code, so a valid verdict means there are no errors.
        if isValid(instance) { return ValidationResult(errors: []) }
        var context = ValidationContext(collectsErrors: true, dynamicAnchors: round.dynamicAnchors, direction: direction)
        _ = withUnsafePointer(to: instance) { root.validate($0, &context) }
        // An undecided evaluation (a regex that gave up) is reported even where an enclosing
        // `not`, `if` or `anyOf` discarded it: the verdict must not rest on it. The same keyword
        // failing with the same message at the same instance location is one error, however many
        // paths (`allOf: [{$ref: X}, {$ref: X}]`) led to it; the first path is kept.
        var errors = ErrorIdentity.distinct(context.errors + context.undecided)
        for i in errors.indices {
            errors[i].instancePosition = InstancePosition.location(
                of: errors[i].instanceLocation, in: instance, memberName: errors[i].instanceIsMemberName)
        }
        return ValidationResult(errors: errors)
    }

    /// Whether `instance` is valid. Faster than ``validate(_:)``: it stops at the first failure and
    /// builds no errors or paths.
    public func isValid(_ instance: JSONValue) -> Bool {
        // The thread's kept context: making and destroying one per call cost about 5% (see
        // "Performance choices" in DESIGN.md).
        KeptContext.yesNo(dynamicAnchors: round.dynamicAnchors, direction: direction) { context in
            let valid = withUnsafePointer(to: instance) { root.validate($0, &context) }
            return valid && !context.isUndecided
        }
    }

    /// Compiles a standalone JSON Schema.
    /// - Parameters:
    ///   - value: The schema (an object or a boolean).
    ///   - dialect: A dialect that overrides the schema's own `$schema`.
    ///   - defaultDialect: The dialect when neither `dialect` nor a `$schema` says (2020-12).
    ///   - baseURI: The schema's retrieval URI, against which relative references resolve.
    ///   - options: Format checking, custom formats, where other documents come from.
    /// - Throws: ``SpecSource/SourceErrors`` listing every unresolvable reference and invalid keyword.
    public static func compile(
        _ value: JSONValue, dialect: Dialect? = nil, defaultDialect: Dialect = .draft2020_12, baseURI: String = "urn:spec-check:schema",
        options: SchemaOptions = SchemaOptions()
    ) throws(SourceErrors) -> Schema {
        let builder = SchemaGraphBuilder(
            document: value, uri: baseURI, dialect: dialect ?? Self.declaredDialect(value) ?? defaultDialect, options: options,
            displayPrefix: "", dialectIsExplicit: dialect != nil)
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
    public static func load(contentsOf path: String, dialect: Dialect? = nil, options: SchemaOptions = SchemaOptions()) throws(SourceErrors)
        -> Schema
    {
        let value: JSONValue
        do { value = try SourceLoader.load(contentsOf: path) } catch { throw SourceErrors([error]) }
        let uri = URIReference.file(path: absolutePath(path)).description
        let builder = SchemaGraphBuilder(
            document: value, uri: uri, dialect: dialect ?? declaredDialect(value) ?? .draft2020_12, options: options, displayPrefix: "",
            dialectIsExplicit: dialect != nil)
        let schema = builder.schema(at: .root)
        try builder.finish()
        return schema
    }

    static func declaredDialect(_ value: JSONValue) -> Dialect? {
        value["$schema"]?.stringValue.flatMap { Dialect(metaSchemaURI: $0) }
    }
}
