import SpecSource

extension Schema {
    /// Validates `instance` and, when asked and the instance is valid, collects its annotations
    /// (JSON Schema 2020-12 core §7.7) into ``ValidationResult/annotations``, for the `basic` and
    /// `detailed` output formats (``ValidationResult/output(_:)``, §12.3.4).
    ///
    /// Annotations come from a second walk over the schema, run only after ``validate(_:)`` found
    /// the instance valid: ``validate(_:)`` and ``isValid(_:)`` pay nothing for it. The walk
    /// applies every subschema that applied to the instance and validated (every branch of `anyOf`
    /// that passes, the branch of `oneOf` that passes, `if` with `then` when it passes, else
    /// `else`, the items `contains` accepts, never `not`'s subschema); each of those verdicts is
    /// the validator's own, evaluated in the same dynamic scope and direction. Which keywords
    /// annotate and with which values is described at ``SchemaAnnotation``. Not collected:
    /// `$comment` (§8.3 forbids it), keywords spec-check does not know (§6.5 suggests treating
    /// them as annotations; OpenAPI `x-` extensions would be among them), `propertyNames`'
    /// subschema (its instance is a name, which no JSON pointer designates), and the siblings of
    /// `$ref` in drafts 4 to 7 (ignored there). A branch whose verdict could not be decided (a
    /// regular expression that gave up; the instance's own verdict did not need it) contributes
    /// nothing, and sets ``ValidationResult/annotationsAreIncomplete``; so does a walk that reaches
    /// ``maxAnnotatedApplications`` schema applications (a schema that many paths lead to, such as
    /// `A_n: {allOf: [A_n-1, A_n-1]}`, has exponentially many annotations).
    ///
    /// - Parameters:
    ///   - instance: Any JSON value.
    ///   - collectingAnnotations: Whether to collect annotations (`false`: exactly ``validate(_:)``).
    /// - Returns: The errors, or, for a valid instance, its annotations in evaluation order.
    public func validate(_ instance: JSONValue, collectingAnnotations: Bool) -> ValidationResult {
        let result = collectingErrors(instance)
        guard collectingAnnotations, result.isValid else { return result }
        var walk = AnnotationWalk(
            context: ValidationContext(collectsErrors: false, dynamicAnchors: round.dynamicAnchors, direction: direction))
        withUnsafePointer(to: instance) { walk.apply(root, $0) }
        var annotated = ValidationResult(errors: result.errors, annotations: walk.annotations)
        if walk.isIncomplete { annotated.annotationsAreIncomplete = true }
        return annotated
    }

    /// Most schema applications one annotation walk makes (``validate(_:collectingAnnotations:)``).
    public static let maxAnnotatedApplications = 500_000
}

/// The annotation walk behind ``Schema/validate(_:collectingAnnotations:)``: applies a schema
/// known to be valid at an instance location, records the annotations of its keywords, and
/// descends into the subschemas that applied there and validated.
///
/// It keeps a yes/no ``ValidationContext`` in the state the validator's walk has at the same
/// point (dynamic scope, `readOnly`/`writeOnly` names, strict `allOf`-form discriminator entries,
/// depth, instance-location serials), and asks it for every verdict it needs: whether an `anyOf`
/// or `oneOf` branch, an `if` or a `contains` item passes, and what the keywords beside
/// `unevaluated*` evaluated. Subschemas of a valid schema that always apply (`allOf`, `$ref`,
/// `properties`, …) are valid themselves and need no verdict.
struct AnnotationWalk {
    var context: ValidationContext
    var annotations: [SchemaAnnotation] = []
    /// Keyword-path fragments (`/properties/a`) and instance-path segments of the current location.
    var keywordPath: [String] = []
    var instancePath: [PathSegment] = []
    /// Schema applications so far, and whether some annotations were left out (a verdict that
    /// could not be decided, or the budget spent).
    var applications = 0
    var isIncomplete = false

    init(context: ValidationContext) { self.context = context }

    /// Applies `node`, valid at `instance`: its own annotations, then its applicators'.
    mutating func apply(_ node: SchemaNode, _ instance: Instance) {
        guard applications < Schema.maxAnnotatedApplications else {
            isIncomplete = true
            return
        }
        applications += 1
        guard let dialect = node.dialect, case .object(let object)? = node.pointer.resolve(in: node.document.root)?.kind else {
            return
        }
        // The scopes `SchemaNode.validate` enters.
        let pushesNames = context.direction != nil && node.directionalNames != nil
        if pushesNames { context.directionalScope.append(node.directionalNames!) }
        let pushesResource = context.dynamicAnchors != nil && context.dynamicScope.last != node.resourceURI
        if pushesResource { context.dynamicScope.append(node.resourceURI) }
        defer {
            if pushesNames { context.directionalScope.removeLast() }
            if pushesResource { context.dynamicScope.removeLast() }
        }
        recordOwn(node, dialect, object)
        var evaluated: Annotations?
        for keyword in node.keywords {
            if keyword is UnevaluatedPropertiesKeyword || keyword is UnevaluatedItemsKeyword, evaluated == nil {
                evaluated = evaluatedBeside(node, instance)
            }
            visit(keyword, of: node, dialect, instance, evaluated: &evaluated)
        }
    }

    /// Records the annotation keywords of `node` (its `object`) at the current location.
    @inline(never)
    private mutating func recordOwn(_ node: SchemaNode, _ dialect: Dialect, _ object: JSONObject) {
        if dialect.refOverridesSiblings && object["$ref"] != nil { return }
        let names = AnnotationKeywords.names(in: dialect)
        for member in object where names.contains(member.key) {
            // `contentSchema` annotates only beside `contentMediaType` (2020-12 validation §8.5).
            if member.key == "contentSchema" && object["contentMediaType"] == nil { continue }
            record(member.key, of: node, member.value)
        }
    }

    /// Records the annotations of one applicator keyword and applies the subschemas it applied.
    /// Each kind has a function of its own, out of line: the walk recurses through here once per
    /// schema applied, so its frame stays as small as the validator's.
    private mutating func visit(
        _ keyword: Keyword, of node: SchemaNode, _ dialect: Dialect, _ instance: Instance, evaluated: inout Annotations?
    ) {
        if let k = keyword as? ReferenceKeyword {
            inPlace(k.target, instance, via: "/$ref")
        } else if let k = keyword as? PropertiesKeyword {
            applyProperties(k, node, instance)
        } else if let k = keyword as? ItemsKeyword {
            applyItems(k, node, instance)
        } else if keyword is AllOfKeyword || keyword is ChoiceKeyword || keyword is DiscriminatorKeyword
            || keyword is ConditionalKeyword || keyword is DependentSchemasKeyword || keyword is DependenciesKeyword
            || keyword is ParentReferenceKeyword || keyword is DynamicReferenceKeyword || keyword is InheritanceDiscriminatorKeyword
        {
            applyInPlace(keyword, instance)
        } else {
            applyOther(keyword, node, dialect, instance, evaluated: evaluated ?? Annotations())
        }
    }

    // MARK: Applicators

    /// The in-place applicators: `$ref` into a strict discriminator's parent, `$dynamicRef`,
    /// `allOf`, `anyOf`/`oneOf` (with or without a discriminator), `if`/`then`/`else`,
    /// `dependentSchemas`, `dependencies`, a strict `allOf`-form discriminator.
    @inline(never)
    private mutating func applyInPlace(_ keyword: Keyword, _ instance: Instance) {
        switch keyword {
        case let k as ParentReferenceKeyword:
            let entry = context.inheritanceEntry(k.target)
            if context.inheritanceScope.contains(entry) {
                inPlace(k.target, instance, via: "/$ref")
            } else {
                context.inheritanceScope.append(entry)
                inPlace(k.target, instance, via: "/$ref")
                context.inheritanceScope.removeLast()
            }
        case let k as DynamicReferenceKeyword:
            inPlace(k.target(in: context), instance, via: k.fragment)
        case let k as AllOfKeyword:
            for (branch, fragment) in k.branches { inPlace(branch, instance, via: fragment) }
        case let k as ChoiceKeyword:
            for (branch, fragment) in k.branches where passes(branch, instance) { inPlace(branch, instance, via: fragment) }
        case let k as DiscriminatorKeyword:
            // Branches outside the candidates the discriminator selects are proven to fail: asking
            // each branch gives the candidates that pass.
            for (branch, fragment) in k.branches where passes(branch, instance) { inPlace(branch, instance, via: fragment) }
        case let k as InheritanceDiscriminatorKeyword:
            dispatch(k, instance)
        case let k as ConditionalKeyword:
            if passes(k.condition, instance) {
                inPlace(k.condition, instance, via: "/if")
                if let then = k.then { inPlace(then, instance, via: "/then") }
            } else if let otherwise = k.otherwise {
                inPlace(otherwise, instance, via: "/else")
            }
        case let k as DependentSchemasKeyword:
            applyDependent(k, instance)
        case let k as DependenciesKeyword:
            if let schemas = k.schemas { applyDependent(schemas, instance) }
        default:
            return
        }
    }

    @inline(never)
    private mutating func applyProperties(_ k: PropertiesKeyword, _ node: SchemaNode, _ instance: Instance) {
        guard let members = instance.borrowedMembers else { return }
        let matched = members.indices.filter { k.names.index(of: members[$0].key) != nil }
        recordNames("properties", of: node, matched.map { members[$0].key })
        for i in matched {
            let entry = k.entries[k.names.index(of: members[i].key)!]
            child(entry.schema, members.value(at: i), via: entry.fragment, at: .key(members[i].key))
        }
    }

    @inline(never)
    private mutating func applyItems(_ k: ItemsKeyword, _ node: SchemaNode, _ instance: Instance) {
        guard let items = instance.borrowedElements, items.count > k.skip else { return }
        record(String(k.fragment.dropFirst()), of: node, .bool(true))
        for i in k.skip..<items.count { child(k.schema, items.element(at: i), via: k.fragment, at: .index(i)) }
    }

    /// The other child applicators; assertions, `not` (its subschema failed) and `propertyNames`
    /// (applied to names) annotate nothing.
    @inline(never)
    private mutating func applyOther(
        _ keyword: Keyword, _ node: SchemaNode, _ dialect: Dialect, _ instance: Instance, evaluated: Annotations
    ) {
        switch keyword {
        case let k as PatternPropertiesKeyword:
            guard let members = instance.borrowedMembers else { return }
            var names: [String] = []
            var applied: [(member: Int, pattern: Int)] = []
            for i in members.indices {
                let matching = k.patterns.indices.filter { k.patterns[$0].0.search(members[i].key) == .match }
                if !matching.isEmpty { names.append(members[i].key) }
                applied += matching.map { (i, $0) }
            }
            recordNames("patternProperties", of: node, names)
            for (i, p) in applied { child(k.patterns[p].1, members.value(at: i), via: k.patterns[p].2, at: .key(members[i].key)) }
        case let k as AdditionalPropertiesKeyword:
            guard let members = instance.borrowedMembers else { return }
            let additional = members.indices.filter { (try? k.isAdditional(members[$0].key).get()) == true }
            recordNames("additionalProperties", of: node, additional.map { members[$0].key })
            for i in additional { child(k.schema, members.value(at: i), via: "/additionalProperties", at: .key(members[i].key)) }
        case let k as UnevaluatedPropertiesKeyword:
            guard let members = instance.borrowedMembers else { return }
            let unevaluated = members.indices.filter { !evaluated.isEvaluated(property: members[$0].key) }
            recordNames("unevaluatedProperties", of: node, unevaluated.map { members[$0].key })
            for i in unevaluated { child(k.schema, members.value(at: i), via: "/unevaluatedProperties", at: .key(members[i].key)) }
        case let k as PrefixItemsKeyword:
            applyPrefix(k.schemas, named: "prefixItems", of: node, instance)
        case let k as TupleItemsKeyword:
            applyPrefix(k.prefix.schemas, named: "items", of: node, instance)
        case let k as UnevaluatedItemsKeyword:
            guard let items = instance.borrowedElements else { return }
            let unevaluated = items.indices.filter { !evaluated.isEvaluated(item: $0) }
            if !unevaluated.isEmpty { record("unevaluatedItems", of: node, .bool(true)) }
            for i in unevaluated { child(k.schema, items.element(at: i), via: "/unevaluatedItems", at: .index(i)) }
        case let k as ContainsKeyword:
            guard let items = instance.borrowedElements else { return }
            let matched = items.indices.filter { passes(k.schema, items.element(at: $0), at: .index($0)) }
            // An annotation from 2020-12 on (§10.3.1.3); 2019-09's `contains` has none.
            if dialect.base == .draft2020_12 {
                record("contains", of: node, .array(matched.map { JSONValue(.number(JSONNumber($0))) }))
            }
            for i in matched { child(k.schema, items.element(at: i), via: "/contains", at: .index(i)) }
        default:
            return
        }
    }

    private mutating func applyDependent(_ keyword: DependentSchemasKeyword, _ instance: Instance) {
        guard case .object(let object) = instance.kind else { return }
        for (trigger, schema, fragment) in keyword.dependencies where object.indexOf(trigger) != nil {
            inPlace(schema, instance, via: fragment)
        }
    }

    private mutating func applyPrefix(_ schemas: [(SchemaNode, String)], named name: String, of node: SchemaNode, _ instance: Instance) {
        guard let items = instance.borrowedElements, !items.isEmpty, !schemas.isEmpty else { return }
        let count = min(items.count, schemas.count)
        let value = count == items.count ? JSONValue(.bool(true)) : JSONValue(.number(JSONNumber(count - 1)))
        record(name, of: node, value)
        for i in 0..<count { child(schemas[i].0, items.element(at: i), via: schemas[i].1, at: .index(i)) }
    }

    /// A strict `allOf`-form discriminator's dispatch to the child its value names, as
    /// `InheritanceDiscriminatorKeyword.validate` makes it.
    private mutating func dispatch(_ keyword: InheritanceDiscriminatorKeyword, _ instance: Instance) {
        guard case .object(let object) = instance.kind else { return }
        let entry = context.inheritanceEntry(keyword.site.node)
        if context.inheritanceScope.contains(entry) { return }
        let target: (node: SchemaNode?, fragment: String)?
        if let key = object[keyword.propertyName]?.stringValue, let i = keyword.names.index(of: key) {
            target = keyword.targets[i]
        } else {
            target = keyword.defaultTarget
        }
        guard let target, let child = target.node else { return }
        context.inheritanceScope.append(entry)
        inPlace(child, instance, via: target.fragment)
        context.inheritanceScope.removeLast()
    }

    /// What the keywords of `node` other than `unevaluated*` evaluated at `instance`, as the
    /// validator's annotation frames record it for `unevaluatedProperties`/`unevaluatedItems`.
    private mutating func evaluatedBeside(_ node: SchemaNode, _ instance: Instance) -> Annotations {
        context.frames.append(Annotations())
        for keyword in node.keywords where !(keyword is UnevaluatedPropertiesKeyword || keyword is UnevaluatedItemsKeyword) {
            _ = keyword.validate(instance, &context)
        }
        clearUndecided()
        return context.frames.removeLast()
    }

    // MARK: Moving through the schema and the instance

    /// Applies `node` at the same instance location, through `fragment`, as
    /// ``ValidationContext/descendInPlace(_:_:via:)`` does.
    private mutating func inPlace(_ node: SchemaNode, _ instance: Instance, via fragment: String) {
        context.depth += 1
        context.depthHere += 1
        keywordPath.append(fragment)
        defer {
            context.depth -= 1
            context.depthHere -= 1
            keywordPath.removeLast()
        }
        guard context.depthHere < ValidationContext.maxDepth, context.depth <= ValidationContext.maxTotalDepth else { return }
        apply(node, instance)
    }

    /// Applies `node` at the child `segment` of the instance, as
    /// ``ValidationContext/descend(_:_:via:at:)`` does.
    private mutating func child(_ node: SchemaNode, _ instance: Instance, via fragment: String, at segment: PathSegment) {
        let saved = (context.depthHere, context.locationSerial, context.frameBase, context.directionalBase)
        context.depth += 1
        context.depthHere = 0
        context.lastLocationSerial += 1
        context.locationSerial = context.lastLocationSerial
        context.frameBase = context.frames.count
        context.directionalBase = context.directionalScope.count
        keywordPath.append(fragment)
        instancePath.append(segment)
        defer {
            context.depth -= 1
            (context.depthHere, context.locationSerial, context.frameBase, context.directionalBase) = saved
            keywordPath.removeLast()
            instancePath.removeLast()
        }
        guard context.depth <= ValidationContext.maxTotalDepth else { return }
        apply(node, instance)
    }

    /// The validator's verdict on `node` at the current instance location.
    private mutating func passes(_ node: SchemaNode, _ instance: Instance) -> Bool {
        let valid = context.descend(node, instance, via: "")
        return clearUndecided() && valid
    }

    /// The validator's verdict on `node` at the child `segment` of the instance.
    private mutating func passes(_ node: SchemaNode, _ instance: Instance, at segment: PathSegment) -> Bool {
        let valid = context.descend(node, instance, via: "", at: segment)
        return clearUndecided() && valid
    }

    /// Forgets what the last evaluation could not decide; `false` when it met such a part.
    @discardableResult
    private mutating func clearUndecided() -> Bool {
        guard context.isUndecided else { return true }
        isIncomplete = true
        context.isUndecided = false
        context.undecided.removeAll()
        return false
    }

    // MARK: Recording

    private mutating func record(_ keyword: String, of node: SchemaNode, _ value: JSONValue) {
        let site = KeywordSite(name: keyword, node: node, source: .unknown)
        annotations.append(
            SchemaAnnotation(
                keyword: keyword, keywordLocation: keywordPath.joined() + "/" + JSONPointer.escape(keyword),
                absoluteKeywordLocation: site.absoluteLocation, instanceLocation: jsonPointer(instancePath[...]), value: value))
    }

    private mutating func recordNames(_ keyword: String, of node: SchemaNode, _ names: [String]) {
        record(keyword, of: node, .array(names.map { JSONValue(.string($0)) }))
    }
}

/// The keywords whose value is their annotation (2020-12 core §7.7.1: "unless otherwise
/// specified, the value of an annotation keyword's annotation is the keyword's value"), per
/// dialect: meta-data (validation §9), `format` (§7.2), content (§8), OpenAPI's base vocabulary
/// (`discriminator`, `xml`, `externalDocs`, `example`). `$comment` is left out (core §8.3: it
/// MUST NOT be collected as an annotation result).
enum AnnotationKeywords {
    static let candidates: Set<String> = [
        "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly", "format",
        "contentEncoding", "contentMediaType", "contentSchema", "discriminator", "xml", "externalDocs", "example",
    ]

    /// Per single dialect (``DialectSet`` member), the candidates it defines.
    static let byDialect: [DialectSet: Set<String>] = {
        var table: [DialectSet: Set<String>] = [:]
        for (set, _) in DialectSet.members {
            table[set] = Set(KeywordTable.definitions.filter { candidates.contains($0.name) && $0.dialects.contains(set) }.map(\.name))
        }
        return table
    }()

    /// The annotation keywords of `dialect`, without those its vocabularies switch off.
    static func names(in dialect: Dialect) -> Set<String> {
        let names = byDialect[dialect.membership] ?? []
        return dialect.excludedKeywords.isEmpty ? names : names.subtracting(dialect.excludedKeywords)
    }
}
