import SpecSource

/// `properties`: each listed member of an object instance is valid against its schema.
final class PropertiesKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition("properties", .all, vocabulary: .applicator, subschemas: .map, compile: compile)

    struct Entry {
        let schemaRef: NodeRef
        var schema: SchemaNode { schemaRef.node }
        let name: String
        let fragment: String
    }
    let names: NameTable
    let entries: [Entry]
    /// Per entry, where its schema declares `readOnly`/`writeOnly` (`nil` when none does); set by
    /// ``DirectionalAnalysis`` before the graph is published.
    nonisolated(unsafe) var directional: [DirectionalSites]? {
        didSet {
            directionalSites?.deinitialize(count: entries.count).deallocate()
            directionalSites = directional.map { sites in
                precondition(sites.count == entries.count, "one DirectionalSites per entry")
                let copy = UnsafeMutablePointer<DirectionalSites>.allocate(capacity: entries.count)
                copy.initialize(from: sites, count: entries.count)
                return copy
            }
        }
    }
    /// ``directional`` as the walk reads it, a copy this keyword owns: reading an array from a
    /// class `var` retains and releases it, once per object the walk meets (about 4% of the
    /// yes/no walk over the seed requests, see "Performance choices" in DESIGN.md).
    nonisolated(unsafe) private var directionalSites: UnsafeMutablePointer<DirectionalSites>?

    init(names: NameTable, entries: [Entry]) {
        self.names = names
        self.entries = entries
    }

    deinit { directionalSites?.deinitialize(count: entries.count).deallocate() }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard value.objectValue != nil else {
            c.invalid("properties", value, "an object of schemas")
            return nil
        }
        guard let map = c.schemaMap("properties") else { return nil }
        let entries = map.map {
            Entry(
                schemaRef: NodeRef($0.node), name: $0.member.key, fragment: KeywordCompilationContext.fragment("properties", $0.member.key))
        }
        return entries.isEmpty ? nil : PropertiesKeyword(names: NameTable(map.map(\.member.key)), entries: entries)
    }

    override var streamRole: StreamRole { .properties }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard let members = instance.borrowedMembers else { return true }
        return validate(members, &context, listed: { _ in })
    }

    /// Validates an object's members; `listed` is told the entry of each member this keyword
    /// lists, before its schema is applied (`KeywordFusion` checks `required` with it).
    @inline(__always)
    func validate(_ members: UnsafeBufferPointer<JSONObject.Member>, _ context: inout ValidationContext, listed: (Int) -> Void) -> Bool {
        let directional = context.direction != nil ? directionalSites : nil
        do {
            var valid = true
            for i in members.indices {
                guard let index = names.index(of: members[i].key) else { continue }
                listed(index)
                context.noteEvaluated(property: members[i].key)
                if let direction = context.direction, let directional, let site = directional[index].forbidding(direction) {
                    valid = false
                    guard context.collectsErrors else { return false }
                    let message =
                        direction == .request
                        ? "readOnly property \(JSONWriter.quoted(members[i].key)) must not be sent in a request"
                        : "writeOnly property \(JSONWriter.quoted(members[i].key)) must not be sent in a response"
                    context.report(
                        site, code: direction == .request ? "readOnly.present" : "writeOnly.present",
                        child: .key(members[i].key), via: entries[index].fragment, message)
                }
                if !context.descend(entries[index].schemaRef, members.value(at: i), via: entries[index].fragment, at: .key(members[i].key))
                {
                    valid = false
                    if !context.collectsErrors { return false }
                }
            }
            return valid
        }
    }
}
