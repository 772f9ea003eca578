import OpenAPIContract
import SchemaValidation
import SpecSource

/// `example-invalid`, `default-invalid` and `example-ref`: every example and default against the
/// schema it belongs to.
///
/// - A media type's, parameter's or header's `example` and Example Object values (`value`, 3.2's
///   `dataValue`) are validated in the direction their message travels: request bodies and
///   parameters as requests (a `readOnly` property present is an error), responses and their
///   headers as responses (`writeOnly` likewise), OpenAPI 3.0.4 §4.8.24.1 / 3.1.1 §4.8.24.3.
/// - A Schema Object's `example`, `examples` items (3.1+) and `default` belong to a schema that
///   may travel either way, so they are valid when plain JSON Schema or one of the two directions
///   accepts them.
/// - An example written as `{$ref: …}` is a literal object (the `example` field is a value, not a
///   Reference Object): reported by `example-ref` and not validated.
///
/// A schema that does not compile is reported by `schema-compile`; its examples are not
/// validated (no verdict rests on a broken schema).
enum ExampleRules {
    private struct Check {
        let value: Located
        let label: String
        let schema: Located
        let directions: [ValidationDirection?]
        let rule: LintRule
    }

    private static let eitherWay: [ValidationDirection?] = [nil, .request, .response]

    static func check(_ nodes: [Located], _ context: LintContext) {
        let examples = context.isOn(.exampleInvalid)
        let defaults = context.isOn(.defaultInvalid)
        var checks: [Check] = []
        if examples || defaults { checks = schemaChecks(nodes, examples: examples, defaults: defaults, context) }
        checks += siteChecks(context, validate: examples)
        guard !checks.isEmpty else { return }
        // A schema that reaches a reference that does not resolve cannot compile: left out
        // before the round, rather than isolated by halving it (which compiles most schemas again).
        let broken = context.hasUnresolvedReferences ? reachingUnresolved(nodes, context) : []
        let schemas = compile(checks.map(\.schema).filter { !broken.contains(PositionKey($0)) }, context)
        for check in checks {
            guard let schema = schemas[PositionKey(check.schema)] else { continue }
            validate(check, against: schema, context)
        }
    }

    /// The `example`, `examples` and `default` of every Schema Object.
    private static func schemaChecks(_ nodes: [Located], examples: Bool, defaults: Bool, _ context: LintContext) -> [Check] {
        var checks: [Check] = []
        for node in nodes {
            guard let object = node.value.objectValue else { continue }
            if context.isOpenAPI30, object["$ref"] != nil { continue }  // siblings of $ref are ignored in 3.0
            if examples, let example = node.child("example"), !isReferenceObject(example.value) {
                checks.append(Check(value: example, label: "example", schema: node, directions: eitherWay, rule: .exampleInvalid))
            }
            if examples, !context.isOpenAPI30, let list = node.child("examples"), list.value.arrayValue != nil {
                for (i, item) in list.items.enumerated() {
                    checks.append(Check(value: item, label: "examples[\(i)]", schema: node, directions: eitherWay, rule: .exampleInvalid))
                }
            }
            if defaults, let value = node.child("default") {
                checks.append(Check(value: value, label: "default", schema: node, directions: eitherWay, rule: .defaultInvalid))
            }
        }
        return checks
    }

    /// The examples of media types, parameters and headers, each once per direction (an example
    /// also reached through a component that says no direction is checked either way only when
    /// no direction reaches it).
    private static func siteChecks(_ context: LintContext, validate: Bool) -> [Check] {
        struct Key: Hashable {
            let value: PositionKey
            let direction: ValidationDirection?
        }
        var seen = Set<Key>()
        var directed = Set<PositionKey>()
        var sites: [DocumentInventory.ExampleSite] = []
        for site in context.inventory.examples where seen.insert(Key(value: PositionKey(site.value), direction: site.direction)).inserted {
            sites.append(site)
            if site.direction != nil { directed.insert(PositionKey(site.value)) }
        }
        var reported = Set<PositionKey>()
        var checks: [Check] = []
        for site in sites {
            if isReferenceObject(site.value.value) {
                if reported.insert(PositionKey(site.value)).inserted {
                    reportReference(site.value.value, pointer: site.value.pointer, context)
                }
                continue
            }
            guard validate, let schema = site.schema else { continue }
            if site.direction == nil, directed.contains(PositionKey(site.value)) { continue }
            let label = site.name.map { "example \(JSONWriter.quoted($0))" } ?? "example"
            checks.append(
                Check(
                    value: site.value, label: label, schema: schema, directions: site.direction.map { [$0] } ?? eitherWay,
                    rule: .exampleInvalid))
        }
        return checks
    }

    /// Whether an example value is an object holding a string `$ref`.
    static func isReferenceObject(_ value: JSONValue) -> Bool {
        value["$ref"]?.stringValue != nil
    }

    /// `example-ref` for an example written as `{$ref: …}`.
    static func reportReference(_ value: JSONValue, pointer: JSONPointer, _ context: LintContext) {
        let ref = value["$ref"]?.stringValue ?? ""
        context.report(
            .exampleReference,
            "this example is written as {$ref: \(JSONWriter.quoted(ref))}, but an example is a literal value, so it is that object itself: spec-check does not resolve it and does not check it against the schema (refer to an Example Object from examples instead)",
            at: value.location, pointer: pointer)
    }

    /// The schema nodes from which a `$ref` the load could not resolve is reachable (through
    /// subschemas, `$ref`s and the other edges of ``SchemaTraversal``): one pass over the nodes
    /// records who refers to whom, then the holders of the broken `$ref`s are followed back.
    private static func reachingUnresolved(_ nodes: [Located], _ context: LintContext) -> Set<PositionKey> {
        var referrers: [PositionKey: [PositionKey]] = [:]
        var pending: [PositionKey] = []
        for node in nodes {
            let key = PositionKey(node)
            let refs = [node.value.objectValue?["$ref"], node.value["properties"]?["$ref"]].compactMap { $0 }
            if refs.contains(where: { context.unresolvedReferences.contains($0.location) }) { pending.append(key) }
            for child in SchemaTraversal.children(of: node, context) { referrers[PositionKey(child), default: []].append(key) }
        }
        var reached = Set(pending)
        while let key = pending.popLast() {
            for referrer in referrers[key] ?? [] where reached.insert(referrer).inserted { pending.append(referrer) }
        }
        return reached
    }

    /// The compiled schemas at `positions`, compiled in one round; when that fails, in halves
    /// until the failing positions are isolated (they are left out).
    private static func compile(_ positions: [Located], _ context: LintContext) -> [PositionKey: Schema] {
        var unique: [Located] = []
        var seen = Set<PositionKey>()
        for position in positions where seen.insert(PositionKey(position)).inserted { unique.append(position) }
        var result: [PositionKey: Schema] = [:]
        var pending = [unique[...]]
        while let batch = pending.popLast() {
            do {
                try context.document.compileSchemas(at: Array(batch))
                for position in batch {
                    if let schema = try? context.document.schema(at: position) { result[PositionKey(position)] = schema }
                }
            } catch {
                guard batch.count > 1 else { continue }
                let middle = batch.startIndex + batch.count / 2
                pending.append(batch[middle...])
                pending.append(batch[..<middle])
            }
        }
        return result
    }

    private static func validate(_ check: Check, against schema: Schema, _ context: LintContext) {
        let instance = check.value.value
        if accepts(schema, check.directions, instance) { return }
        // "To represent examples that cannot be naturally represented in JSON or YAML, a string
        // value can be used to contain the example with escaping where necessary" (OpenAPI
        // 3.1.1 §4.8.24.2), and a parameter's example may be serialized: JSON text that the
        // schema accepts once read is such an example.
        if let text = instance.stringValue, let decoded = try? SourceLoader.parse(text, format: .json),
            accepts(schema, check.directions, decoded)
        {
            return
        }
        // Invalid every way it may travel: report the reading with the fewest errors.
        var best: (ValidationDirection?, [SchemaViolation])?
        for direction in check.directions {
            let errors = schema.directed(direction).validate(instance).errors
            if best == nil || errors.count < best!.1.count { best = (direction, errors) }
        }
        guard let (direction, errors) = best else { return }
        if errors.isEmpty {
            // Only a regex give-up can make `isValid` false with no errors to show.
            context.report(
                check.rule, "\(check.label) could not be checked against its schema: the validator could not decide", at: instance.location,
                pointer: check.value.pointer)
            return
        }
        let how =
            check.directions.count == 1 ? (direction == .request ? " as a request" : direction == .response ? " as a response" : "") : ""
        // One finding per offending place in the example, with every error found there.
        var order: [String] = []
        var byPlace: [String: [SchemaViolation]] = [:]
        for error in errors {
            if byPlace[error.instanceLocation] == nil { order.append(error.instanceLocation) }
            byPlace[error.instanceLocation, default: []].append(error)
        }
        for place in order {
            let found = byPlace[place]!
            let tokens = (try? JSONPointer(parsing: place))?.tokens ?? []
            let node = JSONPointer(tokens: tokens).resolve(in: instance)
            let at = node?.location.isKnown == true ? node!.location : instance.location
            let path = place.isEmpty ? "" : "\(JSONWriter.singleLine(place)): "
            let messages = found.map { JSONWriter.singleLine($0.message) }.joined(separator: "; ")
            context.report(
                check.rule, "\(check.label) does not validate against its schema\(how): \(path)\(messages) (schema \(found[0].source))",
                at: at, pointer: JSONPointer(tokens: check.value.pointer.tokens + tokens))
        }
    }

    private static func accepts(_ schema: Schema, _ directions: [ValidationDirection?], _ instance: JSONValue) -> Bool {
        directions.contains { schema.directed($0).isValid(instance) }
    }
}
