import SpecSource

/// The state of one validation walk: the instance path and keyword path taken so far, the dynamic
/// scope, and the errors found.
///
/// Paths are stacks of segments pushed and popped as the walk descends; they are turned into JSON
/// pointers only when an error is reported, so the valid path builds no strings.
struct ValidationContext {
    /// Whether errors are being collected (`validate`) or only a yes/no answer is wanted (`isValid`).
    let collectsErrors: Bool
    /// Errors found so far.
    var errors: [ValidationError] = []
    /// Instance path segments.
    var instancePath: [PathSegment] = []
    /// Keyword path segments as evaluated (each already a `/`-joined fragment, e.g. `/properties/a`).
    var keywordPath: [String] = []
    /// Resource roots entered, outermost first (for `$dynamicRef`).
    var dynamicScope: [SchemaNode] = []
    /// Current evaluation depth, bounded so that a schema that recurses without consuming the
    /// instance (`{"allOf": [{"$ref": "#"}]}`) fails instead of overflowing the stack.
    var depth = 0
    /// Deepest evaluation allowed.
    static let maxDepth = 600
    /// Whether the depth limit was hit (reported once).
    var depthExceeded = false

    init(collectsErrors: Bool) {
        self.collectsErrors = collectsErrors
        if collectsErrors {
            instancePath.reserveCapacity(16)
            keywordPath.reserveCapacity(32)
        }
    }

    /// Records an error for `site` at the current instance location.
    mutating func report(_ site: KeywordSite, _ message: String) {
        let pointer = jsonPointer(instancePath[...])
        reportAt(site, instanceLocation: pointer, message)
    }

    /// Records an error for `site` at the current instance location extended by `segment`.
    mutating func report(_ site: KeywordSite, child segment: PathSegment, _ message: String) {
        instancePath.append(segment)
        report(site, message)
        instancePath.removeLast()
    }

    private mutating func reportAt(_ site: KeywordSite, instanceLocation: String, _ message: String) {
        var keywordLocation = keywordPath.joined()
        keywordLocation.append("/")
        keywordLocation.append(JSONPointer.escape(site.name))
        errors.append(ValidationError(
            instanceLocation: instanceLocation,
            keywordLocation: keywordLocation,
            absoluteKeywordLocation: site.absoluteLocation,
            source: site.source,
            keyword: site.name,
            message: message))
    }

    /// Validates `instance` against `schema` reached through the keyword-path fragment `via`
    /// (e.g. `/allOf/1`), at the same instance location.
    @inline(__always)
    mutating func descend(_ schema: SchemaNode, _ instance: JSONValue, via fragment: String) -> Bool {
        if schema.constant == true { return true }
        guard enter() else { return false }
        defer { depth -= 1 }
        if collectsErrors { keywordPath.append(fragment) }
        defer { if collectsErrors { keywordPath.removeLast() } }
        return schema.validate(instance, &self)
    }

    /// Validates a child of the instance (`segment`) against `schema`, reached through `fragment`.
    @inline(__always)
    mutating func descend(_ schema: SchemaNode, _ instance: JSONValue, via fragment: String, at segment: PathSegment) -> Bool {
        if schema.constant == true { return true }
        guard enter() else { return false }
        defer { depth -= 1 }
        if collectsErrors {
            keywordPath.append(fragment)
            instancePath.append(segment)
        }
        defer {
            if collectsErrors {
                keywordPath.removeLast()
                instancePath.removeLast()
            }
        }
        return schema.validate(instance, &self)
    }

    /// Runs `body` with errors captured separately; returns its result and the captured errors,
    /// leaving the context's own errors untouched (used by `anyOf`, `oneOf`, `not`, `if`).
    mutating func trial(_ body: (inout ValidationContext) -> Bool) -> (Bool, [ValidationError]) {
        let saved = errors
        errors = []
        let ok = body(&self)
        let captured = errors
        errors = saved
        return (ok, captured)
    }

    private mutating func enter() -> Bool {
        depth += 1
        if depth > ValidationContext.maxDepth {
            depth -= 1
            if collectsErrors && !depthExceeded {
                depthExceeded = true
                errors.append(ValidationError(
                    instanceLocation: jsonPointer(instancePath[...]),
                    keywordLocation: keywordPath.joined(),
                    absoluteKeywordLocation: "",
                    source: .unknown,
                    keyword: "$ref",
                    message: "evaluation is nested deeper than \(ValidationContext.maxDepth) schemas; the schema recurses without consuming the instance"))
            }
            return false
        }
        return true
    }
}
