import OpenAPIContract
import SpecSource

/// `operation-ref`, `operation-id-duplicate`, `path-parameter-undeclared`, `path-parameter-unused`,
/// `path-key-query` and `stream-schema-unapplied`.
enum OperationRules {
    static func check(_ context: LintContext) {
        if context.isOn(.operationReference) { operationReferences(context) }
        if context.isOn(.pathKeyQuery) { pathKeyQueries(context) }
        if context.isOn(.operationIdDuplicate) { duplicateOperationIDs(context) }
        if context.isOn(.pathParameterUndeclared) || context.isOn(.pathParameterUnused) { pathParameters(context) }
        if context.isOn(.streamSchemaUnapplied), !context.document.definesSequentialSchemas { streamSchemas(context) }
    }

    /// `…/content/<sequential media type>/schema` in a document before 3.2, where no text says
    /// what a stream's schema describes (OpenAI's and OpenRouter's put each event's data there).
    private static func streamSchemas(_ context: LintContext) {
        var seen = Set<PositionKey>()
        for root in context.inventory.schemaRoots where seen.insert(PositionKey(root)).inserted {
            let tokens = root.pointer.tokens
            guard tokens.count >= 3, tokens[tokens.count - 1] == "schema", tokens[tokens.count - 3] == "content",
                OpenAPIDocument.isSequentialMediaType(tokens[tokens.count - 2])
            else { continue }
            context.report(
                .streamSchemaUnapplied,
                "a schema under \(tokens[tokens.count - 2]) has no defined meaning in OpenAPI \(context.document.version): spec-check checks the stream's syntax but does not apply this schema (OpenAPI 3.2 says how: itemSchema for each item)",
                at: root.value.location, pointer: root.pointer)
        }
    }

    /// `paths` keys with a query string (OpenAI's `/responses?beta=true`): spec-check routes a
    /// request that carries the pairs to the key's operations, but no other tool need do so.
    private static func pathKeyQueries(_ context: LintContext) {
        guard let paths = context.root["paths"]?.objectValue else { return }
        for member in paths.members {
            guard let mark = member.key.firstIndex(of: "?") else { continue }
            let query = member.key[member.key.index(after: mark)...]
            let routed =
                query.isEmpty
                ? "routes requests to this key's operations as if it ended before the ?"
                : "routes a request whose query carries \(query) to this key's operations"
            context.report(
                .pathKeyQuery,
                "the path key \(JSONWriter.quoted(member.key)) holds a query string: OpenAPI matches request paths against path keys, and describes query parameters with in: query; spec-check \(routed) (other tools may never match it)",
                at: member.keyLocation, pointer: JSONPointer(tokens: ["paths", member.key]))
        }
    }

    /// Operations written as `{$ref: …}` (DigitalOcean's description writes every operation so):
    /// spec-check follows them, as bundlers do, but OpenAPI allows no Reference Object there.
    private static func operationReferences(_ context: LintContext) {
        var seen = Set<PositionKey>()
        for site in context.inventory.operations {
            guard let ref = site.operation.value["$ref"], ref.stringValue != nil, seen.insert(PositionKey(site.operation)).inserted else {
                continue
            }
            context.report(
                .operationReference,
                "the \(site.method) operation is written as {$ref: \(JSONWriter.quoted(ref.stringValue!))}, but OpenAPI allows no Reference Object in place of an Operation Object (the official schema rejects it); spec-check follows the reference, as bundlers do (refer to a whole Path Item, or inline the operation)",
                at: ref.location, pointer: site.operation.pointer)
        }
    }

    /// Every operation of paths, webhooks, callbacks and component path items: an `operationId`
    /// used by two of them is reported at each use after the first (in document order).
    private static func duplicateOperationIDs(_ context: LintContext) {
        struct Use {
            let id: String
            let name: String
            let location: SourceLocation
            let pointer: JSONPointer
        }
        var uses: [Use] = []
        var seen = Set<String>()
        for site in context.inventory.operations {
            guard let operation = context.dereference(site.operation), let id = operation.value["operationId"]?.stringValue else {
                continue
            }
            let name = describe(site)
            // The same operation object listed twice under one route is one operation.
            guard seen.insert(name + "\u{0}" + PositionKey(operation).pointer.description + operation.documentURI).inserted else {
                continue
            }
            let idLocation = operation.value.objectValue?.member("operationId")?.value.location ?? operation.value.location
            // An operation shared through $ref by two routes: show the route's method key.
            let shared = site.operation.value["$ref"] != nil
            let location = shared ? LintContext.keyLocation(site.pathItem, site.method) : idLocation
            let pointer = shared ? site.pathItem.pointer.appending(site.method) : operation.pointer.appending("operationId")
            uses.append(Use(id: id, name: name, location: location, pointer: pointer))
        }
        var first: [String: Use] = [:]
        for use in uses.sorted(by: {
            ($0.location.file.path, $0.location.line, $0.location.column) < ($1.location.file.path, $1.location.line, $1.location.column)
        }) {
            guard let earlier = first[use.id] else {
                first[use.id] = use
                continue
            }
            context.report(
                .operationIdDuplicate,
                "operationId \(JSONWriter.quoted(use.id)) of \(use.name) is already used by \(earlier.name) (\(earlier.location)); operation ids must be unique among all operations",
                at: use.location, pointer: use.pointer)
        }
    }

    private static func describe(_ site: DocumentInventory.OperationSite) -> String {
        let method = site.method.uppercased()
        switch site.route {
        case .path(let path): return "\(method) \(path)"
        case .webhook(let name): return "webhook \(name) \(method)"
        case .callback(let name): return "callback \(name) \(method)"
        case .component: return "\(method) of the path item at \(site.pathItem.pointer.description)"
        }
    }

    /// Template expressions of each path against the `in: path` parameters of its operations
    /// (the Path Item's and the operation's own, merged).
    private static func pathParameters(_ context: LintContext) {
        guard let paths = context.root["paths"]?.objectValue else { return }
        let unreadable = context.hasUnresolvedReferences ? operationsWithUnreadableParameters(context) : []
        // A parameter without a usable `name` or `in` (oas-schema reports it, in whichever file)
        // may be the one the template needs: reporting each of its operations' paths as well
        // would point away from the fault (one missing `in` was 16 errors in DigitalOcean).
        let malformed = operationsWithMalformedParameters(context)
        var skipped = 0
        for operation in context.document.operations where !operation.isWebhook {
            guard let member = paths.member(operation.path) else { continue }
            let template = templateNames(operation.path)
            let declared = operation.parameters.filter { $0.location == .path }
            let pathPointer = JSONPointer(tokens: ["paths", operation.path])
            // A parameter that cannot be read may be the one the template needs.
            let key = operation.method + " " + operation.path
            let readable = !unreadable.contains(key)
            if !readable, template.contains(where: { name in !declared.contains(where: { $0.name == name }) }) { skipped += 1 }
            for name in template where readable && !malformed.contains(key) && !declared.contains(where: { $0.name == name }) {
                context.report(
                    .pathParameterUndeclared,
                    "{\(name)} in the path of \(operation.httpMethod) \(operation.path) has no in: path parameter named \(JSONWriter.quoted(name)) (neither the path item nor the operation declares it)",
                    at: member.keyLocation, pointer: pathPointer)
            }
            for parameter in declared where !template.contains(parameter.name) {
                context.report(
                    .pathParameterUnused,
                    "path parameter \(JSONWriter.quoted(parameter.name)) of \(operation.httpMethod) \(operation.path) is not a template expression of its path\(template.isEmpty ? " (the path has none)" : " (it has \(template.map { "{\($0)}" }.joined(separator: ", ")))")",
                    at: parameter.source, pointer: parameter.object.pointer)
            }
        }
        if context.hasUnresolvedReferences { context.partialRules.append((.pathParameterUndeclared, skipped)) }
    }

    /// `method path` of each operation under `paths` one of whose parameters (its own or its
    /// Path Item's) is a reference that does not resolve.
    private static func operationsWithUnreadableParameters(_ context: LintContext) -> Set<String> {
        var result = Set<String>()
        for site in context.inventory.operations {
            guard case .path(let path) = site.route else { continue }
            let operation = context.dereference(site.operation)
            let lists = [site.pathItem.child("parameters"), operation?.child("parameters")]
            if operation == nil || lists.contains(where: { $0?.items.contains { context.dereference($0) == nil } ?? false }) {
                result.insert(site.method + " " + path)
            }
        }
        return result
    }

    /// `method path` of each operation under `paths` one of whose parameters (its own or its
    /// Path Item's, references followed) has no string `name` or no `in` of the five locations.
    private static func operationsWithMalformedParameters(_ context: LintContext) -> Set<String> {
        var result = Set<String>()
        for site in context.inventory.operations {
            guard case .path(let path) = site.route, let operation = context.dereference(site.operation) else { continue }
            let lists = [site.pathItem.child("parameters"), operation.child("parameters")]
            let isMalformed = lists.contains { list in
                list?.items.contains { item in
                    guard let parameter = context.dereference(item)?.value else { return false }
                    return parameter["name"]?.stringValue == nil
                        || parameter["in"]?.stringValue.flatMap(Parameter.Location.init(rawValue:)) == nil
                } ?? false
            }
            if isMalformed { result.insert(site.method + " " + path) }
        }
        return result
    }

    /// The names of the template expressions of a path (`/a/{id}/b/{name}` → id, name).
    static func templateNames(_ path: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in path {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                names.append(name)
                current = nil
            } else if current != nil {
                current!.append(character)
            }
        }
        return names
    }
}
