import SpecSource

/// OpenAPI's `discriminator` on `oneOf`/`anyOf`: the named property's value selects the branch,
/// and only that branch is validated (so only its errors are reported, with their full paths).
///
/// Mapping values may be schema names (`Cat`), references (`#/components/schemas/Cat`, `other.yaml#/Cat`)
/// or, as some real documents write them, `{ $ref: ... }` objects. A value with no mapping entry
/// selects the branch that references `#/components/schemas/<value>`. A missing or unknown value
/// is one error at the object naming the allowed values. Non-object instances are checked with the
/// plain `oneOf`/`anyOf` rule.
final class DiscriminatorKeyword: Keyword {
    let propertyName: String
    /// Discriminator value → (schema, keyword-path fragment).
    let targets: [String: (SchemaNode, String)]
    let allowed: [String]
    let choice: ChoiceKeyword
    let site: KeywordSite

    /// The discriminator values, looked up by exact bytes, and their branches in the same order.
    let targetNames: NameTable
    let targetList: [(SchemaNode, String)]

    init(propertyName: String, targets: [String: (SchemaNode, String)], allowed: [String], choice: ChoiceKeyword, site: KeywordSite) {
        self.propertyName = propertyName
        self.targets = targets
        let names = Array(targets.keys)
        targetNames = NameTable(names)
        targetList = names.map { targets[$0]! }
        self.allowed = allowed
        self.choice = choice
        self.site = site
    }

    static func compile(_ c: inout KeywordCompiler, _ value: JSONValue, choice: ChoiceKeyword, branchValues: JSONValue) -> (any Keyword)? {
        guard let object = value.objectValue, let propertyName = object["propertyName"]?.stringValue else {
            c.invalid("discriminator", value, "an object with a string propertyName")
            return choice
        }
        var targets: [String: (SchemaNode, String)] = [:]
        var allowed: [String] = []
        // What each branch refers to, read from the JSON (branch nodes are not compiled yet).
        let branchJSON = branchValues.arrayValue ?? []
        let referenced: [SchemaNode?] = choice.branches.indices.map { i in
            guard i < branchJSON.count, let ref = branchJSON[i]["$ref"] else { return nil }
            return ref.stringValue.flatMap { c.resolve($0, at: ref.location) }
        }
        func branch(for node: SchemaNode) -> (SchemaNode, String)? {
            for (i, (branch, fragment)) in choice.branches.enumerated() where branch === node || referenced[i] === node {
                return (branch, fragment)
            }
            return nil
        }
        if let mapping = object["mapping"] {
            guard let entries = mapping.objectValue else {
                c.invalid("discriminator.mapping", mapping, "an object")
                return choice
            }
            for entry in entries {
                let reference: String
                if let text = entry.value.stringValue {
                    let isName = !text.contains("/") && !text.contains("#") && !text.contains(".")
                    reference = isName ? "#/components/schemas/" + text : text
                } else if let ref = entry.value["$ref"]?.stringValue {
                    reference = ref
                } else {
                    c.invalid("discriminator.mapping value", entry.value, "a schema name or reference")
                    continue
                }
                guard let node = c.resolve(reference, at: entry.value.location) else { continue }
                targets[entry.key] = branch(for: node) ?? (node, KeywordCompiler.fragment("discriminator", "mapping", entry.key))
                allowed.append(entry.key)
            }
        }
        // Implicit values: the component name of each branch that references a component schema.
        for (i, (branch, fragment)) in choice.branches.enumerated() {
            let target = referenced[i] ?? branch
            let prefix = "#/components/schemas/"
            guard target.absoluteLocation.hasPrefix(prefix) else { continue }
            let name = String(target.absoluteLocation.dropFirst(prefix.count))
            guard !name.contains("/"), targets[name] == nil,
                  !targets.values.contains(where: { $0.0 === branch }) else { continue }
            targets[name] = (branch, fragment)
            allowed.append(name)
        }
        return DiscriminatorKeyword(propertyName: propertyName, targets: targets, allowed: allowed.sorted(),
                                    choice: choice, site: c.site("discriminator"))
    }

    func validate(_ instance: JSONValue, _ context: inout ValidationContext) -> Bool {
        guard case .object(let object) = instance.kind else { return choice.validate(instance, &context) }
        var allowedList: String { allowed.map { JSONWriter.quoted($0) }.joined(separator: ", ") }
        guard let value = object[propertyName] else {
            if context.collectsErrors {
                context.report(site, "missing discriminator property \(JSONWriter.quoted(propertyName)); expected one of \(allowedList)")
            }
            return false
        }
        guard let key = value.stringValue, let i = targetNames.index(of: key) else {
            if context.collectsErrors {
                context.report(site, "\(describeValue(value, limit: 40)) is not a valid value of discriminator property \(JSONWriter.quoted(propertyName)); expected one of \(allowedList)")
            }
            return false
        }
        return context.descend(targetList[i].0, instance, via: targetList[i].1)
    }
}
