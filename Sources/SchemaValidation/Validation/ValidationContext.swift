import SpecSource

/// The state of one validation walk: the instance path and keyword path taken so far, the dynamic
/// scope, annotation frames and the errors found.
///
/// Paths are stacks of segments pushed and popped as the walk descends; they are turned into JSON
/// pointers only when an error is reported, so the valid path builds no strings.
struct ValidationContext {
    /// Whether errors are being collected (`validate`) or only a yes/no answer is wanted (`isValid`,
    /// and sub-evaluations whose errors are never reported such as `not` and `if`).
    var collectsErrors: Bool
    /// Errors found so far.
    var errors: [SchemaViolation] = []
    /// Whether errors are collected at the current instance location only, its children being
    /// validated quietly (see ``trialHere(_:)``).
    var collectsHereOnly = false
    /// Instance path segments.
    var instancePath: [PathSegment] = []
    /// Keyword path segments as evaluated (each already a `/`-joined fragment, e.g. `/properties/a`).
    var keywordPath: [String] = []
    /// The dynamic anchors of the schema being validated, or `nil` when its graph (as published)
    /// has no `$dynamicRef`/`$recursiveRef`: then no node can consult the dynamic scope and it is
    /// not kept.
    var dynamicAnchors: DynamicAnchorTable?
    /// URIs of the schema resources entered, outermost first (for `$dynamicRef` and `$recursiveRef`).
    var dynamicScope: [String] = []
    /// Annotation frames (see ``Annotations``); frames below `frameBase` belong to enclosing
    /// instance locations.
    var frames: [Annotations] = []
    var frameBase = 0
    /// Current evaluation depth: schema applications in all, and at the current instance location.
    /// A schema that recurses without consuming the instance (`{"allOf": [{"$ref": "#"}]}`) hits
    /// the per-location bound and fails instead of overflowing the stack; deep data under a
    /// recursive schema only meets the overall bound (which protects the native stack).
    var depth = 0
    var depthHere = 0
    /// Most schema applications at one instance location.
    static let maxDepth = 600
    /// Most schema applications in all (instances nest at most 1,000 deep by default).
    static let maxTotalDepth = 5_000
    /// Whether the depth limit was hit (reported once).
    var depthExceeded = false
    /// The direction the instance travels (`readOnly`/`writeOnly` apply only with one).
    var direction: ValidationDirection?
    /// The `readOnly`/`writeOnly` property names of the schemas being applied, innermost last;
    /// entries below `directionalBase` belong to enclosing instance locations.
    var directionalScope: [DirectionalNames] = []
    var directionalBase = 0
    /// Parent schemas with a strict `allOf`-form discriminator being evaluated, each at the instance
    /// location it is at (see ``InheritanceEntry``). Only strict discriminators touch it.
    var inheritanceScope: [InheritanceEntry] = []
    /// Results of memoised nodes (``SchemaNode/isMemoized``) at instance locations, so that a node
    /// reached through many in-place paths is evaluated once per location (see `Memo.swift`).
    var memo: [MemoKey: MemoEntry] = [:]
    /// The current instance location's number, unique within this validation.
    var locationSerial = 0
    var lastLocationSerial = 0

    /// One parent schema under evaluation at one instance location. `depth - depthHere` is the
    /// same for every schema applied at one instance location along the current path and differs
    /// between the locations on it, so it tells "this object again" from "an object inside it".
    struct InheritanceEntry: Equatable {
        let node: ObjectIdentifier
        let location: Int
    }

    /// The ``InheritanceEntry`` of `node` at the current instance location.
    func inheritanceEntry(_ node: SchemaNode) -> InheritanceEntry {
        InheritanceEntry(node: ObjectIdentifier(node), location: depth - depthHere)
    }

    init(collectsErrors: Bool, dynamicAnchors: DynamicAnchorTable?, direction: ValidationDirection? = nil) {
        self.collectsErrors = collectsErrors
        self.dynamicAnchors = dynamicAnchors
        self.direction = direction
        if collectsErrors {
            instancePath.reserveCapacity(16)
            keywordPath.reserveCapacity(32)
        }
    }

    /// Errors of evaluations that could not decide (a regex engine that gave up), kept even inside
    /// `not`, `if`, `anyOf`/`oneOf` trials and other quiet sub-evaluations: an undecided part makes
    /// the whole verdict undecided, never silently valid or invalid.
    var undecided: [SchemaViolation] = []
    /// Whether any evaluation could not decide.
    var isUndecided = false

    /// Records that `site` could not be evaluated here (reported even when errors are not being
    /// collected, so that no enclosing `not` or `anyOf` turns it into a verdict).
    mutating func reportUndecided(
        _ site: KeywordSite, code: String, child segment: PathSegment? = nil, _ message: @autoclosure () -> String
    ) {
        isUndecided = true
        let saved = errors
        errors = []
        if let segment { report(site, code: code, child: segment, message()) } else { report(site, code: code, message()) }
        undecided += errors
        errors = saved
    }

    /// Records an error for `site` at the current instance location, with the catalogue `code`
    /// (by default the keyword's name: `minLength`).
    ///
    /// During ``trialHere(_:)`` only which keywords fail where is read (`oneOf`/`anyOf` asking
    /// whether a branch rejects the value as a whole), and nothing recorded outlives the trial:
    /// the message and keyword locations are then not built.
    mutating func report(_ site: KeywordSite, code: String? = nil, _ message: @autoclosure () -> String) {
        let pointer = jsonPointer(instancePath[...])
        if collectsHereOnly {
            errors.append(
                SchemaViolation(
                    code: code ?? site.name, instanceLocation: pointer, keywordLocation: "", absoluteKeywordLocation: "",
                    source: site.source, keyword: site.name, message: ""))
            return
        }
        // One allocation of the final length (`joined()` then two appends grew it up to three times).
        let name = JSONPointer.escape(site.name)
        var keywordLocation = ""
        keywordLocation.reserveCapacity(keywordPath.reduce(1 + name.utf8.count) { $0 + $1.utf8.count })
        for fragment in keywordPath { keywordLocation.append(fragment) }
        keywordLocation.append("/")
        keywordLocation.append(name)
        errors.append(
            SchemaViolation(
                code: code ?? site.name,
                instanceLocation: pointer,
                keywordLocation: keywordLocation,
                absoluteKeywordLocation: site.absoluteLocation,
                source: site.source,
                keyword: site.name,
                message: message()))
    }

    /// Records an error for `site` at the current instance location extended by `segment`.
    mutating func report(_ site: KeywordSite, code: String? = nil, child segment: PathSegment, _ message: @autoclosure () -> String) {
        instancePath.append(segment)
        report(site, code: code, message())
        instancePath.removeLast()
    }

    /// Records an error for `site` at the child `segment`, reached through the keyword-path
    /// fragment `fragment` (`/properties/id`).
    mutating func report(
        _ site: KeywordSite, code: String? = nil, child segment: PathSegment, via fragment: String, _ message: @autoclosure () -> String
    ) {
        keywordPath.append(fragment)
        report(site, code: code, child: segment, message())
        keywordPath.removeLast()
    }

    /// Validates `instance` against `schema` reached through the keyword-path fragment `via`
    /// (e.g. `/allOf/1`), at the same instance location. Its annotations count for the current
    /// location only if it validates. `fragment` is evaluated only when errors are collected: a
    /// yes/no walk then neither retains nor releases the keyword's path strings.
    @inline(__always)
    mutating func descend(_ schema: SchemaNode, _ instance: Instance, via fragment: @autoclosure () -> String) -> Bool {
        if schema.constant == true { return true }
        // A leaf neither annotates nor recurses: no frame, memo entry or scope is needed for it.
        if !collectsErrors && schema.isLeaf { return mayEnterChild && schema.validateLeaf(instance, &self) }
        if schema.isMemoized && canMemoize { return memoized(schema, instance, via: fragment()) }
        return descendInPlace(schema, instance, via: fragment())
    }

    /// ``descend(_:_:via:)`` without the memo.
    @inline(__always)
    mutating func descendInPlace(_ schema: SchemaNode, _ instance: Instance, via fragment: @autoclosure () -> String) -> Bool {
        guard enter() else { return false }
        depthHere += 1
        defer {
            depth -= 1
            depthHere -= 1
        }
        if collectsErrors { keywordPath.append(fragment()) }
        defer { if collectsErrors { keywordPath.removeLast() } }
        guard isTracking else { return schema.validate(instance, &self) }
        frames.append(Annotations())
        let ok = schema.validate(instance, &self)
        let collected = frames.removeLast()
        if ok { frames[frames.count - 1].merge(collected) }
        return ok
    }

    /// Validates a child of the instance (`segment`) against `schema`, reached through `fragment`.
    @inline(__always)
    mutating func descend(
        _ schema: SchemaNode, _ instance: Instance, via fragment: @autoclosure () -> String, at segment: @autoclosure () -> PathSegment
    ) -> Bool {
        if schema.constant == true { return true }
        // A leaf reads no scope: the yes/no walk skips setting one up (the depth test is kept, so
        // the verdict at the depth limit is the same).
        if !collectsErrors && schema.isLeaf { return mayEnterChild && schema.validateLeaf(instance, &self) }
        if collectsErrors && collectsHereOnly { return descendQuietly(schema, instance, at: segment()) }
        guard enter() else { return false }
        let savedHere = depthHere
        let savedSerial = locationSerial
        depthHere = 0
        lastLocationSerial += 1
        locationSerial = lastLocationSerial
        defer {
            depth -= 1
            depthHere = savedHere
            locationSerial = savedSerial
        }
        if collectsErrors {
            keywordPath.append(fragment())
            instancePath.append(segment())
        }
        defer {
            if collectsErrors {
                keywordPath.removeLast()
                instancePath.removeLast()
            }
        }
        let savedBase = frameBase
        frameBase = frames.count
        defer { frameBase = savedBase }
        guard direction != nil else { return schema.validate(instance, &self) }
        let savedDirectionalBase = directionalBase
        directionalBase = directionalScope.count
        defer { directionalBase = savedDirectionalBase }
        return schema.validate(instance, &self)
    }

    /// ``descend(_:_:via:)`` for a node held unretained.
    @inline(__always)
    mutating func descend(_ schema: NodeRef, _ instance: Instance, via fragment: @autoclosure () -> String) -> Bool {
        schema.unmanaged._withUnsafeGuaranteedRef { descend($0, instance, via: fragment()) }
    }

    /// ``descend(_:_:via:at:)`` for a node held unretained.
    @inline(__always)
    mutating func descend(
        _ schema: NodeRef, _ instance: Instance, via fragment: @autoclosure () -> String, at segment: @autoclosure () -> PathSegment
    ) -> Bool {
        schema.unmanaged._withUnsafeGuaranteedRef { descend($0, instance, via: fragment(), at: segment()) }
    }

    /// ``descend(_:_:via:at:)`` for a value held by copy rather than in place (a property name
    /// validated as a string, a member of an object a cold keyword iterates by value).
    mutating func descend(
        _ schema: SchemaNode, _ value: JSONValue, via fragment: @autoclosure () -> String, at segment: @autoclosure () -> PathSegment
    ) -> Bool {
        withUnsafePointer(to: value) { descend(schema, $0, via: fragment(), at: segment()) }
    }

    /// Runs `body` without collecting errors (for `not`, `if`, `contains`, whose subschema errors are
    /// never reported).
    @inline(__always)
    mutating func quietly<T>(_ body: (inout ValidationContext) -> T) -> T {
        let saved = collectsErrors
        collectsErrors = false
        defer { collectsErrors = saved }
        return body(&self)
    }

    /// Runs `body` with errors captured separately; returns its result and the captured errors,
    /// leaving the context's own errors untouched (used by `anyOf` and `oneOf`).
    mutating func trial(_ body: (inout ValidationContext) -> Bool) -> (Bool, [SchemaViolation]) {
        let saved = errors
        errors = []
        let ok = body(&self)
        let captured = errors
        errors = saved
        return (ok, captured)
    }

    /// ``trial(_:)`` that collects only the errors at the current instance location: children of
    /// the instance are validated quietly. The verdict, and which keywords fail here, are those of
    /// the full trial; `oneOf`/`anyOf` ask it whether a branch rejects the instance as a whole
    /// before building the errors of the branches they report. Nothing it records outlives it but
    /// its result: the undecided parts and the depth limit are reported by the full trial.
    mutating func trialHere(_ body: (inout ValidationContext) -> Bool) -> (Bool, [SchemaViolation]) {
        let saved = (collectsHereOnly, undecided.count, isUndecided, depthExceeded)
        collectsHereOnly = true
        defer {
            collectsHereOnly = saved.0
            undecided.removeSubrange(saved.1...)
            isUndecided = saved.2
            depthExceeded = saved.3
        }
        return trial(body)
    }

    /// A child of the instance, validated quietly during ``trialHere(_:)``.
    @inline(never)
    private mutating func descendQuietly(_ schema: SchemaNode, _ instance: Instance, at segment: PathSegment) -> Bool {
        collectsErrors = false
        defer { collectsErrors = true }
        return descend(schema, instance, via: "", at: segment)
    }

    /// Whether one more schema application would stay within the depth limits (what ``enter()``
    /// tests), for a walk that checks a value without entering a schema for it.
    @inline(__always)
    var mayEnterChild: Bool { depthHere < ValidationContext.maxDepth && depth < ValidationContext.maxTotalDepth }

    @inline(__always)
    private mutating func enter() -> Bool {
        depth += 1
        if depthHere >= ValidationContext.maxDepth || depth > ValidationContext.maxTotalDepth {
            depth -= 1
            if collectsErrors && !depthExceeded {
                depthExceeded = true
                errors.append(
                    SchemaViolation(
                        code: "depth.exceeded",
                        instanceLocation: jsonPointer(instancePath[...]),
                        keywordLocation: keywordPath.joined(),
                        absoluteKeywordLocation: "",
                        source: .unknown,
                        keyword: "$ref",
                        message: depth >= ValidationContext.maxTotalDepth
                            ? "evaluation is nested deeper than \(ValidationContext.maxTotalDepth) schemas"
                            : "evaluation is nested deeper than \(ValidationContext.maxDepth) schemas at one location; the schema recurses without consuming the instance"
                    ))
            }
            return false
        }
        return true
    }
}
