import SchemaValidation
import SpecSource

/// An OpenAPI object where it is written: the document it is in (by retrieval URI), its JSON
/// pointer there and its value.
struct Located: Sendable {
    let documentURI: String
    let pointer: JSONPointer
    let value: JSONValue

    init(documentURI: String, pointer: JSONPointer, value: JSONValue) {
        self.documentURI = documentURI
        self.pointer = pointer
        self.value = value
    }

    init(_ location: ObjectLocation) {
        self.init(documentURI: location.documentURI, pointer: location.pointer, value: location.value)
    }

    /// The member `key`, located.
    func child(_ key: String) -> Located? {
        guard let member = value[key] else { return nil }
        return Located(documentURI: documentURI, pointer: JSONPointer(tokens: pointer.tokens + [key]), value: member)
    }

    /// The members of an object value (none for other values), located, skipping extensions.
    var members: [(key: String, value: Located)] {
        guard case .object(let object) = value.kind else { return [] }
        return object.compactMap { member in
            member.key.hasPrefix("x-") ? nil : (member.key, Located(documentURI: documentURI, pointer: JSONPointer(tokens: pointer.tokens + [member.key]), value: member.value))
        }
    }

    /// The items of an array value (none for other values), located.
    var items: [Located] {
        guard case .array(let array) = value.kind else { return [] }
        return array.indices.map { Located(documentURI: documentURI, pointer: JSONPointer(tokens: pointer.tokens + [String($0)]), value: array[$0]) }
    }
}

/// The kinds of OpenAPI object that may stand behind a Reference Object, with the members
/// through which each holds further objects (OpenAPI 3.0.4 / 3.1.1 / 3.2.0, §4.8 onwards).
enum ObjectKind: Hashable, Sendable {
    case pathItem, operation, parameter, requestBody, response, header, example, link, callback,
         securityScheme, mediaType, encoding
}

/// Walks an OpenAPI document and every document its references reach, typed by object kind:
/// each `$ref` resolves against the document that contains it (RFC 3986 §5.2), so a path item in
/// `resources/x/x.yaml` that refers to `responses/ok.yaml` finds `resources/x/responses/ok.yaml`.
///
/// It collects the operations, the location of every Schema Object (in any file), and every
/// reference that cannot be resolved, at its position. Each (object, kind) is visited once, so
/// shared objects cost one visit and reference cycles (callbacks that lead back to a path item)
/// end.
struct DocumentWalker {
    let graph: DocumentGraph
    private(set) var operations: [Operation] = []
    private(set) var schemaPositions: [Located] = []
    private(set) var errors: [SourceError] = []
    /// `components/securitySchemes` by name.
    private(set) var securitySchemes: [String: SecurityScheme] = [:]
    /// The document's `servers` (a single `/` when it has none, OpenAPI 3.1.1 §4.8.1.1).
    private var documentServers: [Server] = []
    /// The document's `security`.
    private var documentSecurity: (requirements: [SecurityRequirement], location: SourceLocation) = ([], .unknown)
    private var visited = Set<VisitKey>()
    private var reported = Set<SourceLocation>()

    private struct VisitKey: Hashable {
        let documentURI: String
        let pointer: JSONPointer
        let kind: ObjectKind
    }

    init(graph: DocumentGraph) { self.graph = graph }

    /// Walks the root document `root`, retrieved from `uri`.
    mutating func walk(_ root: JSONValue, uri: String) {
        let document = Located(documentURI: uri, pointer: .root, value: root)
        documentServers = Server.list(root["servers"]).flatMap { $0.isEmpty ? nil : $0 } ?? [Server(url: "/", variables: [:])]
        if let security = root["security"], let list = SecurityRequirement.list(security) {
            documentSecurity = (list, security.location)
        }
        for (name, entry) in document.child("components")?.child("securitySchemes")?.members ?? [] {
            if let object = resolve(entry) { securitySchemes[name] = SecurityScheme(name: name, object: object.value) }
        }
        for section in ["paths", "webhooks"] {
            guard let paths = document.child(section) else { continue }
            for (path, entry) in paths.members {
                visit(entry, as: .pathItem)
                guard let item = resolve(entry) else { continue }
                for (method, value) in Self.operations(of: item) {
                    guard let op = resolve(value) else { continue }
                    operations.append(operation(op, method: method, path: path, item: item, isWebhook: section == "webhooks"))
                }
            }
        }
        guard let components = document.child("components") else { return }
        for (_, schema) in components.child("schemas")?.members ?? [] { schemaPositions.append(schema) }
        let sections: [(String, ObjectKind)] = [
            ("responses", .response), ("parameters", .parameter), ("examples", .example),
            ("requestBodies", .requestBody), ("headers", .header), ("securitySchemes", .securityScheme),
            ("links", .link), ("callbacks", .callback), ("pathItems", .pathItem), ("mediaTypes", .mediaType),
        ]
        for (name, kind) in sections {
            for (_, member) in components.child(name)?.members ?? [] { visit(member, as: kind) }
        }
    }

    /// The operations of a path item: its fixed method fields (with 3.2's `query`) and 3.2's
    /// `additionalOperations`.
    static func operations(of item: Located) -> [(method: String, value: Located)] {
        var result: [(String, Located)] = []
        for method in Operation.methods {
            if let op = item.child(method) { result.append((method, op)) }
        }
        for (method, op) in item.child("additionalOperations")?.members ?? [] {
            result.append((method, op))
        }
        return result
    }

    /// Follows `$ref` members (possibly several in a row, across files) to the object they
    /// designate; records a located error and returns `nil` when one cannot be resolved.
    mutating func resolve(_ located: Located) -> Located? {
        resolveCountingHops(located)?.object
    }

    /// ``resolve(_:)``, also telling how many references were followed.
    private mutating func resolveCountingHops(_ located: Located) -> (object: Located, hops: Int)? {
        var current = located
        var hops = 0
        while case .object(let object) = current.value.kind, let ref = object["$ref"] {
            guard let text = ref.stringValue else {
                report(SourceError(code: "ref.invalid", message: "$ref must be a string, found \(ref.typeName)", location: ref.location))
                return nil
            }
            hops += 1
            guard hops <= 64 else {
                report(SourceError(code: "ref.cycle", message: "$ref chain is longer than 64 references or cyclic", location: ref.location))
                return nil
            }
            do {
                current = Located(try graph.locateObject(text, relativeTo: current.documentURI, at: ref.location))
            } catch {
                report(error)
                return nil
            }
        }
        return (current, hops)
    }

    private mutating func report(_ error: SourceError) {
        if reported.insert(error.location).inserted { errors.append(error) }
    }

    /// Visits an object of `kind` (resolving its reference), recording the schemas and references
    /// below it.
    mutating func visit(_ located: Located, as kind: ObjectKind) {
        guard let (object, hops) = resolveCountingHops(located) else { return }
        // Only an object reached through a reference can be reached twice (an inline object has
        // one parent); components are visited once directly, and once more at most when referenced.
        if hops > 0, !visited.insert(VisitKey(documentURI: object.documentURI, pointer: object.pointer, kind: kind)).inserted { return }
        switch kind {
        case .pathItem:
            for (_, op) in Self.operations(of: object) { visit(op, as: .operation) }
            for parameter in object.child("parameters")?.items ?? [] { visit(parameter, as: .parameter) }
        case .operation:
            for parameter in object.child("parameters")?.items ?? [] { visit(parameter, as: .parameter) }
            if let body = object.child("requestBody") { visit(body, as: .requestBody) }
            for (_, response) in object.child("responses")?.members ?? [] { visit(response, as: .response) }
            for (_, callback) in object.child("callbacks")?.members ?? [] { visit(callback, as: .callback) }
        case .parameter, .header:
            schema(object.child("schema"))
            visitMap(object.child("content"), as: .mediaType)
            visitMap(object.child("examples"), as: .example)
        case .requestBody:
            visitMap(object.child("content"), as: .mediaType)
        case .mediaType:
            schema(object.child("schema"))
            schema(object.child("itemSchema"))
            visitMap(object.child("examples"), as: .example)
            visitMap(object.child("encoding"), as: .encoding)
        case .encoding:
            visitMap(object.child("headers"), as: .header)
            visitMap(object.child("encoding"), as: .encoding)
            for item in object.child("prefixEncoding")?.items ?? [] { visit(item, as: .encoding) }
            if let item = object.child("itemEncoding") { visit(item, as: .encoding) }
        case .response:
            visitMap(object.child("headers"), as: .header)
            visitMap(object.child("content"), as: .mediaType)
            visitMap(object.child("links"), as: .link)
        case .callback:
            visitMap(object, as: .pathItem)
        case .example, .link, .securityScheme:
            break
        }
    }

    private mutating func visitMap(_ map: Located?, as kind: ObjectKind) {
        for (_, member) in map?.members ?? [] { visit(member, as: kind) }
    }

    private mutating func schema(_ located: Located?) {
        guard let located else { return }
        schemaPositions.append(located)
        graph.indexSchema(located)
    }

    private mutating func operation(_ op: Located, method: String, path: String, item: Located, isWebhook: Bool) -> Operation {
        var requestContent: [Operation.Content] = []
        var required = false
        var requestLocation = op.value.location
        if let body = op.child("requestBody"), let resolved = resolve(body) {
            required = resolved.value["required"]?.boolValue ?? false
            requestLocation = body.value.location
            requestContent = content(of: resolved)
        }
        var responses: [Operation.Response] = []
        if let list = op.child("responses") {
            for (status, member) in list.members {
                guard let resolved = resolve(member) else { continue }
                let keyLocation = list.value.objectValue?.member(status)?.keyLocation ?? member.value.location
                responses.append(Operation.Response(status: status, content: content(of: resolved), location: keyLocation, headers: headers(of: resolved)))
            }
        }
        var security = documentSecurity
        if let own = op.value["security"], let list = SecurityRequirement.list(own) { security = (list, own.location) }
        let servers = Server.list(op.value["servers"]).flatMap { $0.isEmpty ? nil : $0 }
            ?? Server.list(item.value["servers"]).flatMap { $0.isEmpty ? nil : $0 }
            ?? documentServers
        return Operation(method: method, path: path, operationId: op.value["operationId"]?.stringValue,
                         requestBodyRequired: required, requestContent: requestContent, requestLocation: requestLocation,
                         responses: responses, responsesLocation: op.value["responses"]?.location ?? op.value.location,
                         parameters: parameters(item: item, operation: op), security: security.requirements,
                         securityLocation: security.location, servers: servers, isWebhook: isWebhook)
    }

    mutating func content(of object: Located) -> [Operation.Content] {
        object.child("content")?.members.map { mediaType, member in
            // A Media Type Object may itself be a reference (3.2's components/mediaTypes).
            let resolved = resolve(member)
            var content = Operation.Content(mediaType: mediaType, source: resolved?.child("schema"))
            content.itemSource = resolved?.child("itemSchema")
            content.encoding = encodings(of: resolved)
            if let example = resolved?.value["example"] { content.examples.append(("example", example)) }
            for (name, example) in resolved?.child("examples")?.members ?? [] {
                if let value = resolve(example)?.value["value"] { content.examples.append((name, value)) }
            }
            return content
        } ?? []
    }
}
