import SchemaValidation
import SpecSource

/// An OpenAPI object where it is written: the document it is in (by retrieval URI), its JSON
/// pointer there and its value.
package struct Located: Sendable {
    package let documentURI: String
    package let pointer: JSONPointer
    package let value: JSONValue

    package init(documentURI: String, pointer: JSONPointer, value: JSONValue) {
        self.documentURI = documentURI
        self.pointer = pointer
        self.value = value
    }

    init(_ location: ObjectLocation) {
        self.init(documentURI: location.documentURI, pointer: location.pointer, value: location.value)
    }

    /// The member `key`, located.
    package func child(_ key: String) -> Located? {
        guard let member = value[key] else { return nil }
        return Located(documentURI: documentURI, pointer: pointer.appending(key), value: member)
    }

    /// The members of an object value (none for other values), located, skipping extensions.
    package var members: [(key: String, value: Located)] {
        guard case .object(let object) = value.kind else { return [] }
        return object.compactMap { member in
            member.key.hasPrefix("x-")
                ? nil
                : (
                    member.key,
                    Located(documentURI: documentURI, pointer: pointer.appending(member.key), value: member.value)
                )
        }
    }

    /// The items of an array value (none for other values), located.
    package var items: [Located] {
        guard case .array(let array) = value.kind else { return [] }
        return array.indices.map {
            Located(documentURI: documentURI, pointer: pointer.appending($0), value: array[$0])
        }
    }
}

/// The kinds of OpenAPI object that may stand behind a Reference Object, with the members
/// through which each holds further objects (OpenAPI 3.0.4 / 3.1.1 / 3.2.0, §4.8 onwards).
package enum ObjectKind: Hashable, Sendable {
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
    private(set) var operations: [OpenAPIOperation] = []
    private(set) var schemaPositions: [Located] = []
    private(set) var errors: [SourceError] = []
    /// The reference errors of Path Items (and operations) that could not be read, so that their
    /// operations are unknown: a lazily loaded document names them when an operation is not found.
    private(set) var unreadablePathItems: [SourceError] = []
    /// How many of ``unreadablePathItems`` are operations (a method's `$ref`) rather than Path Items.
    private(set) var unreadableOperationCount = 0
    /// While building an operation, the reference errors of the part being read (its request side,
    /// or one response), each once, even when already reported elsewhere in ``errors``.
    private var collected: [SourceError]?
    /// `components/securitySchemes` by name.
    private(set) var securitySchemes: [String: SecurityScheme] = [:]
    /// The document's `servers` (a single `/` when it has none, OpenAPI 3.1.1 §4.8.1.1).
    private var documentServers: [Server] = []
    /// The document's `security`.
    private var documentSecurity: (requirements: [SecurityRequirement], location: SourceLocation) = ([], .unknown)
    private var visited = Set<VisitKey>()
    private var reported = Set<SourceLocation>()
    /// Whether to record what lint reads into ``inventory`` (a second walk made for lint only).
    var recordsInventory = false
    /// The operations, examples and references lint reads (when ``recordsInventory`` is set).
    private(set) var inventory = DocumentInventory()
    /// The direction of the messages the objects being visited describe: parameters and request
    /// bodies travel in requests, responses and their headers in responses.
    private var direction: ValidationDirection?
    /// Where the path item being visited is listed.
    private var route: DocumentInventory.Route = .component

    private struct VisitKey: Hashable {
        let documentURI: String
        let pointer: JSONPointer
        let kind: ObjectKind
        /// Recorded only for the inventory, where a media type shared by a request and a response
        /// is visited once per direction.
        let direction: ValidationDirection?
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
                route = section == "paths" ? .path(path) : .webhook(path)
                visit(entry, as: .pathItem)
                var unreadable: [SourceError] = []
                guard let item = collecting(into: &unreadable, { $0.resolve(entry) }) else {
                    unreadablePathItems += unreadable
                    continue
                }
                for (method, value) in Self.operations(of: item) {
                    guard let op = collecting(into: &unreadable, { $0.resolve(value) }) else {
                        unreadableOperationCount += unreadable.count
                        unreadablePathItems += unreadable
                        continue
                    }
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
        route = .component
        for (name, kind) in sections {
            switch kind {
            case .response: direction = .response
            case .parameter, .requestBody: direction = .request
            default: direction = nil
            }
            for (_, member) in components.child(name)?.members ?? [] { visit(member, as: kind) }
        }
    }

    /// The operations of a path item: its fixed method fields (with 3.2's `query`) and 3.2's
    /// `additionalOperations`.
    static func operations(of item: Located) -> [(method: String, value: Located)] {
        var result: [(String, Located)] = []
        for method in OpenAPIOperation.methods {
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
        if collected != nil, !collected!.contains(where: { $0.location == error.location }) { collected!.append(error) }
    }

    /// Runs `body`, adding the reference errors it meets to `errors` (nested calls collect into
    /// their own list only).
    mutating func collecting<T>(into errors: inout [SourceError], _ body: (inout DocumentWalker) -> T) -> T {
        let outer = collected
        collected = []
        let result = body(&self)
        errors += collected!
        collected = outer
        return result
    }

    /// Runs `body` without collecting the reference errors it meets for the operation being built:
    /// examples, which validation never reads.
    mutating func ignoringErrors<T>(_ body: (inout DocumentWalker) -> T) -> T {
        let outer = collected
        collected = nil
        let result = body(&self)
        collected = outer
        return result
    }

    /// Visits an object of `kind` (resolving its reference), recording the schemas and references
    /// below it.
    mutating func visit(_ located: Located, as kind: ObjectKind) {
        if recordsInventory, located.value["$ref"] != nil { inventory.references.append(.init(object: located, kind: kind)) }
        guard let (object, hops) = resolveCountingHops(located) else { return }
        // Only an object reached through a reference can be reached twice (an inline object has
        // one parent); components are visited once directly, and once more at most when referenced.
        let key = VisitKey(
            documentURI: object.documentURI, pointer: object.pointer, kind: kind, direction: recordsInventory ? direction : nil)
        if hops > 0, !visited.insert(key).inserted { return }
        let outerDirection = direction
        defer { direction = outerDirection }
        switch kind {
        case .pathItem:
            for (method, op) in Self.operations(of: object) {
                if recordsInventory { inventory.operations.append(.init(method: method, route: route, pathItem: object, operation: op)) }
                visit(op, as: .operation)
            }
            direction = .request
            for parameter in object.child("parameters")?.items ?? [] { visit(parameter, as: .parameter) }
        case .operation:
            direction = .request
            for parameter in object.child("parameters")?.items ?? [] { visit(parameter, as: .parameter) }
            if let body = object.child("requestBody") { visit(body, as: .requestBody) }
            direction = .response
            for (_, response) in object.child("responses")?.members ?? [] { visit(response, as: .response) }
            direction = nil
            let outerRoute = route
            for (name, callback) in object.child("callbacks")?.members ?? [] {
                route = .callback(name)
                visit(callback, as: .callback)
            }
            route = outerRoute
        case .parameter, .header:
            schema(object.child("schema"))
            if recordsInventory { recordExamples(of: object, kind: kind) }
            visitMap(object.child("content"), as: .mediaType)
            visitMap(object.child("examples"), as: .example)
        case .requestBody:
            visitMap(object.child("content"), as: .mediaType)
        case .mediaType:
            schema(object.child("schema"))
            schema(object.child("itemSchema"))
            if recordsInventory { recordExamples(of: object, kind: kind) }
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

    /// Records the `example` and the Example Objects' values (`dataValue` in 3.2, else `value`)
    /// of a media type, parameter or header, with the schema they illustrate.
    private mutating func recordExamples(of owner: Located, kind: ObjectKind) {
        let schema = owner.child("schema")
        if let example = owner.child("example") {
            inventory.examples.append(.init(name: nil, value: example, schema: schema, direction: direction, owner: owner, ownerKind: kind))
        }
        for (name, entry) in owner.child("examples")?.members ?? [] {
            guard let object = resolve(entry), let value = object.child("dataValue") ?? object.child("value") else { continue }
            inventory.examples.append(.init(name: name, value: value, schema: schema, direction: direction, owner: owner, ownerKind: kind))
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

    private mutating func operation(_ op: Located, method: String, path: String, item: Located, isWebhook: Bool) -> OpenAPIOperation {
        var requestContent: [OpenAPIOperation.Content] = []
        var required = false
        var requestLocation = op.value.location
        var requestErrors: [SourceError] = []
        let parameters = collecting(into: &requestErrors) { walker in
            if let body = op.child("requestBody"), let resolved = walker.resolve(body) {
                required = resolved.value["required"]?.boolValue ?? false
                requestLocation = body.value.location
                requestContent = walker.content(of: resolved)
            }
            return walker.parameters(item: item, operation: op)
        }
        var responses: [OpenAPIOperation.Response] = []
        if let list = op.child("responses") {
            for (status, member) in list.members {
                let keyLocation = list.value.objectValue?.member(status)?.keyLocation ?? member.value.location
                var responseErrors: [SourceError] = []
                // A response that cannot be read is kept, with its errors, so that its status is
                // still selected (and the errors reported) rather than another response's.
                var response =
                    collecting(into: &responseErrors) { walker in
                        walker.resolve(member).map { resolved in
                            OpenAPIOperation.Response(
                                status: status, content: walker.content(of: resolved), location: keyLocation,
                                headers: walker.headers(of: resolved))
                        }
                    } ?? OpenAPIOperation.Response(status: status, content: [], location: keyLocation)
                response.referenceErrors = responseErrors
                responses.append(response)
            }
        }
        var security = documentSecurity
        if let own = op.value["security"], let list = SecurityRequirement.list(own) { security = (list, own.location) }
        let servers =
            Server.list(op.value["servers"]).flatMap { $0.isEmpty ? nil : $0 }
            ?? Server.list(item.value["servers"]).flatMap { $0.isEmpty ? nil : $0 }
            ?? documentServers
        let fields = OpenAPIOperation.Fields(
            method: method, path: path, operationId: op.value["operationId"]?.stringValue,
            requestBodyRequired: required, requestContent: requestContent, requestLocation: requestLocation,
            responses: responses, responsesLocation: op.value["responses"]?.location ?? op.value.location,
            parameters: parameters, requestReferenceErrors: requestErrors,
            parametersLocation: op.value.objectValue?.member("parameters")?.keyLocation
                ?? item.value.objectValue?.member("parameters")?.keyLocation ?? op.value.location,
            security: security.requirements,
            securityLocation: security.location, servers: servers, isWebhook: isWebhook)
        return OpenAPIOperation(fields)
    }

    mutating func content(of object: Located) -> [OpenAPIOperation.Content] {
        object.child("content")?.members.map { mediaType, member in
            // A Media Type Object may itself be a reference (3.2's components/mediaTypes).
            let resolved = resolve(member)
            var content = OpenAPIOperation.Content(mediaType: mediaType, source: resolved?.child("schema"))
            content.itemSource = resolved?.child("itemSchema")
            content.encoding = encodings(of: resolved, key: mediaType)
            let positional = positionalEncoding(of: resolved)
            if positional.isWritten { content.positionalEncoding = positional }
            if MediaType(mediaType)?.isMultipart == true { content.binaryParts = binaryParts(of: resolved?.child("schema")) }
            if let example = resolved?.value["example"] { content.examples.append(("example", example)) }
            for (name, example) in resolved?.child("examples")?.members ?? [] {
                if let value = ignoringErrors({ $0.resolve(example) })?.value["value"] { content.examples.append((name, value)) }
            }
            return content
        } ?? []
    }
}
