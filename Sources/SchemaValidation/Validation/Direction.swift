import SpecSource

/// Which way a validated message travels, for `readOnly` and `writeOnly`.
///
/// OpenAPI 3.0.4 §4.8.24.1 (Schema Object, fixed fields): a `readOnly` property "MAY be sent as
/// part of a response but SHOULD NOT be sent as part of the request", and when it is listed in
/// `required`, "the `required` will take effect on the response only"; `writeOnly` is the mirror
/// image for requests. OpenAPI 3.1 keeps JSON Schema's `readOnly`/`writeOnly` annotations with the
/// same reading for request and response bodies. spec-check applies both rules when a direction is
/// given:
/// - ``request``: a `readOnly` property that is present is an error; one listed in `required` may
///   be absent.
/// - ``response``: the same for `writeOnly`.
///
/// The rules follow `$ref`, `allOf`, nested objects and arrays. Without a direction (a plain
/// ``Schema``), validation is plain JSON Schema.
public enum ValidationDirection: Sendable, Hashable {
    /// A request body, parameter or header: sent by a client.
    case request
    /// A response body or header: sent by a server.
    case response

    /// The keyword that forbids a property in this direction.
    var forbiddenKeyword: String { self == .request ? "readOnly" : "writeOnly" }
}

/// The property names a schema (with everything its `allOf` and `$ref` apply at the same
/// location) declares `readOnly` or `writeOnly`.
final class DirectionalNames: Sendable {
    let readOnly: Set<String>
    let writeOnly: Set<String>

    init(readOnly: Set<String>, writeOnly: Set<String>) {
        self.readOnly = readOnly
        self.writeOnly = writeOnly
    }

    /// The names a message travelling in `direction` may omit although `required` lists them.
    @inline(__always)
    func exempt(_ direction: ValidationDirection) -> Set<String> {
        direction == .request ? readOnly : writeOnly
    }
}

/// Where a property schema declares `readOnly: true` / `writeOnly: true` (itself, or through
/// `$ref`/`allOf`).
struct DirectionalSites: Sendable {
    var readOnly: KeywordSite?
    var writeOnly: KeywordSite?

    var isEmpty: Bool { readOnly == nil && writeOnly == nil }

    /// The site that forbids a property travelling in `direction`.
    @inline(__always)
    func forbidding(_ direction: ValidationDirection) -> KeywordSite? {
        direction == .request ? readOnly : writeOnly
    }
}

/// The pass that runs when a compilation round ends, before its nodes are published: it marks each
/// `properties` entry whose schema is `readOnly`/`writeOnly`, and gives each schema the names its
/// same-location closure (`$ref`, `allOf`) declares so. Nodes of earlier rounds are only read
/// (everything they reach was compiled with them, so their results are final).
struct DirectionalAnalysis {
    private let round: Set<ObjectIdentifier>
    private var sites: [ObjectIdentifier: DirectionalSites] = [:]
    private var names: [ObjectIdentifier: DirectionalNames?] = [:]
    private var visiting = Set<ObjectIdentifier>()

    /// Analyses the nodes compiled in this round.
    static func run(_ nodes: [SchemaNode]) {
        var analysis = DirectionalAnalysis(round: Set(nodes.map(ObjectIdentifier.init)))
        for node in nodes {
            for keyword in node.keywords {
                guard let properties = keyword as? PropertiesKeyword else { continue }
                let flags = properties.entries.map { analysis.declaredSites($0.schema) }
                if flags.contains(where: { !$0.isEmpty }) { properties.directional = flags }
            }
        }
        for node in nodes { node.directionalNames = analysis.closureNames(node) }
    }

    /// The same-location subschemas of `node`: its `$ref` target and `allOf` branches (both
    /// conjunctive, so what they declare holds for the node).
    private static func conjuncts(_ node: SchemaNode) -> [SchemaNode] {
        var result: [SchemaNode] = []
        for keyword in node.keywords {
            if let ref = keyword as? ReferenceKeyword { result.append(ref.target) }
            if let allOf = keyword as? AllOfKeyword { result += allOf.branches.map(\.0) }
        }
        return result
    }

    private mutating func declaredSites(_ node: SchemaNode) -> DirectionalSites {
        let id = ObjectIdentifier(node)
        if let known = sites[id] { return known }
        guard visiting.insert(id).inserted else { return DirectionalSites() }
        defer { visiting.remove(id) }
        var result = DirectionalSites(readOnly: node.readOnlySite, writeOnly: node.writeOnlySite)
        for child in Self.conjuncts(node) where result.readOnly == nil || result.writeOnly == nil {
            let found = declaredSites(child)
            result.readOnly = result.readOnly ?? found.readOnly
            result.writeOnly = result.writeOnly ?? found.writeOnly
        }
        sites[id] = result
        return result
    }

    private mutating func closureNames(_ node: SchemaNode) -> DirectionalNames? {
        let id = ObjectIdentifier(node)
        if !round.contains(id) { return node.directionalNames }
        if let known = names[id] { return known }
        guard visiting.insert(id).inserted else { return nil }
        defer { visiting.remove(id) }
        var readOnly = Set<String>()
        var writeOnly = Set<String>()
        for keyword in node.keywords {
            guard let properties = keyword as? PropertiesKeyword, let flags = properties.directional else { continue }
            for (entry, flag) in zip(properties.entries, flags) {
                if flag.readOnly != nil { readOnly.insert(entry.name) }
                if flag.writeOnly != nil { writeOnly.insert(entry.name) }
            }
        }
        for child in Self.conjuncts(node) {
            guard let inner = closureNames(child) else { continue }
            readOnly.formUnion(inner.readOnly)
            writeOnly.formUnion(inner.writeOnly)
        }
        let result = readOnly.isEmpty && writeOnly.isEmpty ? nil : DirectionalNames(readOnly: readOnly, writeOnly: writeOnly)
        names[id] = result
        return result
    }
}

extension ValidationContext {
    /// Whether a missing `required` member `name` is allowed by the direction: a schema applied at
    /// this instance location declares it `readOnly` (requests) or `writeOnly` (responses).
    func isExemptFromRequired(_ name: String) -> Bool {
        guard let direction else { return false }
        var i = directionalScope.count
        while i > directionalBase {
            i -= 1
            if directionalScope[i].exempt(direction).contains(name) { return true }
        }
        return false
    }
}
