import OpenAPIContract
import SpecSource

/// The `discriminator-*` rules, read from the document as written (OpenAPI 3.1.1 §4.8.25):
/// mapping values that name nothing, name a schema outside the `oneOf`/`anyOf`, or are `x-`
/// extensions; branches (or `allOf` children) that do not declare the property, or whose own
/// `const`/`enum` never allows the value mapped to them; and `allOf`-style discriminators nothing
/// inherits from.
enum DiscriminatorRules {
    static func check(_ nodes: [Located], _ context: LintContext) {
        let rules: [LintRule] = [
            .discriminatorMappingMissing, .discriminatorMappingUnlisted, .discriminatorMappingExtension,
            .discriminatorPropertyMissing, .discriminatorValueUnreachable, .discriminatorNoChildren,
        ]
        guard rules.contains(where: context.isOn) else { return }
        var children: [PositionKey: [Located]]?
        // A component whose allOf refers to something that does not resolve may be the child.
        let childrenUnknown = context.hasUnresolvedReferences && hasUnresolvedAllOfReference(context)
        var skipped = 0
        defer { if context.hasUnresolvedReferences { context.partialRules.append((.discriminatorNoChildren, skipped)) } }
        for node in nodes {
            guard let object = node.value.objectValue, let discriminator = object["discriminator"],
                let propertyName = discriminator["propertyName"]?.stringValue
            else { continue }
            if context.isOpenAPI30, object["$ref"] != nil { continue }  // ignored beside $ref (ref-siblings)
            let analysis = Analysis(propertyName: propertyName, holder: node, context: context)
            let choices = ["oneOf", "anyOf"].compactMap { key in object[key]?.arrayValue.map { (key, $0) } }.first
            var branches: [Located]
            let form: String
            if let (keyword, items) = choices {
                form = keyword
                branches = items.indices.map {
                    Located(documentURI: node.documentURI, pointer: node.pointer.appending(keyword).appending($0), value: items[$0])
                }
            } else {
                form = "allOf"
                if children == nil { children = childIndex(context) }
                branches = children?[PositionKey(node)] ?? []
            }
            let mapped = mapping(
                discriminator, node: node, propertyName: propertyName, branches: choices == nil ? nil : branches, form: form,
                analysis: analysis, context)
            if choices == nil {
                for target in mapped where !branches.contains(where: { PositionKey($0) == PositionKey(target) }) { branches.append(target) }
                if branches.isEmpty, childrenUnknown {
                    skipped += 1
                } else if branches.isEmpty {
                    context.report(
                        .discriminatorNoChildren,
                        "the discriminator on \(JSONWriter.quoted(propertyName)) has no oneOf/anyOf and no schema inherits from this one (no component's allOf refers to it, no mapping): it selects nothing",
                        at: LintContext.keyLocation(node, "discriminator"), pointer: node.pointer.appending("discriminator"))
                }
            }
            for branch in branches {
                guard let resolved = context.dereference(branch) else { continue }
                if analysis.declares(in: resolved) == false {
                    let at = branch.value.objectValue?.member("$ref")?.value.location ?? branch.value.location
                    context.report(
                        .discriminatorPropertyMissing,
                        "\(form == "allOf" ? "child" : "branch") \(context.describe(resolved)) does not declare the discriminating property \(JSONWriter.quoted(propertyName)): neither it (with its allOf and $ref) nor the schema holding the discriminator lists it in properties",
                        at: choices == nil ? LintContext.keyLocation(resolved, "allOf") : at,
                        pointer: choices == nil ? resolved.pointer : branch.pointer)
                }
            }
        }
    }

    /// Checks the `mapping` entries; returns the schemas they name.
    private static func mapping(
        _ discriminator: JSONValue, node: Located, propertyName: String, branches: [Located]?, form: String, analysis: Analysis,
        _ context: LintContext
    ) -> [Located] {
        guard let entries = discriminator["mapping"]?.objectValue else { return [] }
        let mappingPointer = node.pointer.appending("discriminator").appending("mapping")
        let branchKeys = branches.map { list in Set(list.flatMap { branch in referenceChain(branch, context).map(PositionKey.init) }) }
        var targets: [Located] = []
        for entry in entries {
            let pointer = mappingPointer.appending(entry.key)
            guard let target = mappingTarget(entry.value, from: node, context) else {
                let written = entry.value.stringValue ?? entry.value["$ref"]?.stringValue ?? entry.value.description
                if entry.key.hasPrefix("x-") {
                    context.report(
                        .discriminatorMappingExtension,
                        "mapping key \(JSONWriter.quoted(entry.key)) names no schema (\(JSONWriter.quoted(written))): spec-check skips it as an extension, but a mapping holds discriminator values only (move extensions to the Discriminator Object itself)",
                        at: entry.keyLocation, pointer: pointer)
                } else {
                    context.report(
                        .discriminatorMappingMissing,
                        "mapping value \(JSONWriter.quoted(entry.key)) names \(JSONWriter.quoted(written)), which designates no schema",
                        at: entry.value.location, pointer: pointer)
                }
                continue
            }
            targets.append(target)
            if let branchKeys, !referenceChain(target, context).contains(where: { branchKeys.contains(PositionKey($0)) }) {
                context.report(
                    .discriminatorMappingUnlisted,
                    "mapping value \(JSONWriter.quoted(entry.key)) names \(context.describe(target)), which is not one of the \(form) branches beside the discriminator: spec-check ignores this entry (\"all possible schemas MUST be listed explicitly\")",
                    at: entry.value.location, pointer: pointer)
                continue
            }
            if let resolved = context.dereference(target), let allowed = analysis.allowedValues(in: resolved), !allowed.contains(entry.key)
            {
                let list = allowed.sorted().prefix(8).map { JSONWriter.quoted($0) }.joined(separator: ", ")
                context.report(
                    .discriminatorValueUnreachable,
                    "mapping value \(JSONWriter.quoted(entry.key)) names \(context.describe(resolved)), whose \(JSONWriter.quoted(propertyName)) allows only \(allowed.isEmpty ? "no string" : list): a payload carrying \(JSONWriter.quoted(entry.key)) never validates against it",
                    at: entry.keyLocation, pointer: pointer)
            }
        }
        return targets
    }

    /// The schema a mapping value names: a component name (of the root document, else of the
    /// holder's document), else a reference; `nil` when it designates nothing.
    static func mappingTarget(_ value: JSONValue, from holder: Located, _ context: LintContext) -> Located? {
        if let text = value.stringValue {
            if isComponentName(text) {
                if let component = context.componentSchema(text) { return component }
                if let local = context.resolve("#/components/schemas/" + JSONPointer.escape(text), from: holder.documentURI) {
                    return local
                }
            }
            return context.resolve(text, from: holder.documentURI)
        }
        if let ref = value["$ref"]?.stringValue { return context.resolve(ref, from: holder.documentURI) }
        return nil
    }

    /// The Components Object's key pattern `^[a-zA-Z0-9\.\-_]+$`.
    static func isComponentName(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E || b == 0x2D || b == 0x5F
            }
    }

    /// `located` and the positions its `$ref`s lead to, nearest first.
    private static func referenceChain(_ located: Located, _ context: LintContext) -> [Located] {
        var chain = [located]
        var current = located
        while chain.count < 32, let ref = current.value["$ref"]?.stringValue, let next = context.resolve(ref, from: current.documentURI),
            !chain.contains(where: { PositionKey($0) == PositionKey(next) })
        {
            chain.append(next)
            current = next
        }
        return chain
    }

    /// Whether a component schema's `allOf` holds a `$ref` that does not resolve.
    static func hasUnresolvedAllOfReference(_ context: LintContext) -> Bool {
        for member in context.root["components"]?["schemas"]?.objectValue ?? JSONObject() {
            guard let child = context.componentSchema(member.key), let items = child.value["allOf"]?.arrayValue else { continue }
            for item in items {
                if let ref = item["$ref"]?.stringValue, context.resolve(ref, from: child.documentURI) == nil { return true }
            }
        }
        return false
    }

    /// Component schema → the components whose `allOf` refers to it directly (the children of
    /// the `allOf` form, OpenAPI 3.1.1 §4.8.25.2).
    static func childIndex(_ context: LintContext) -> [PositionKey: [Located]] {
        var index: [PositionKey: [Located]] = [:]
        for member in context.root["components"]?["schemas"]?.objectValue ?? JSONObject() {
            guard let child = context.componentSchema(member.key), let items = child.value["allOf"]?.arrayValue else { continue }
            for item in items {
                guard let ref = item["$ref"]?.stringValue, let parent = context.resolve(ref, from: child.documentURI) else { continue }
                index[PositionKey(parent), default: []].append(child)
            }
        }
        return index
    }
}

/// What a discriminator's branches say about its property, through the conjunctive closure of a
/// schema (itself, its `$ref` targets and `allOf` items, recursively) together with the closure of
/// the schema holding the discriminator.
private struct Analysis {
    let propertyName: String
    let holder: Located
    let context: LintContext
    /// The holder's own closure, without its `oneOf`/`anyOf` (which the closure never follows).
    let holderClosure: [Located]

    init(propertyName: String, holder: Located, context: LintContext) {
        self.propertyName = propertyName
        self.holder = holder
        self.context = context
        holderClosure = Analysis.closure(holder, context)
    }

    /// Whether the branch declares the property: `true`, `false`, or `nil` when it cannot be
    /// told (an unresolvable reference, a `oneOf`/`anyOf`/`$dynamicRef` that may declare it).
    func declares(in branch: Located) -> Bool? {
        let schemas = Analysis.closure(branch, context)
        if (schemas + holderClosure).contains(where: { property(of: $0) != nil }) { return true }
        // A branch that cannot be an object (`type: 'null'` in a nullable union) has no properties.
        if schemas.contains(where: { s in s.value["type"].map { !Analysis.allowsObject($0) } ?? false }) { return nil }
        if schemas.contains(where: { s in
            ["oneOf", "anyOf", "$dynamicRef", "$recursiveRef", "if", "dependentSchemas", "patternProperties"].contains {
                s.value[$0] != nil
            }
        }) {
            return nil
        }
        if schemas.contains(where: { s in
            s.value["$ref"].map { ref in ref.stringValue.flatMap { context.resolve($0, from: s.documentURI) } == nil } ?? false
        }) {
            return nil
        }
        return false
    }

    /// Whether a `type` value admits objects.
    static func allowsObject(_ type: JSONValue) -> Bool {
        if let name = type.stringValue { return name == "object" }
        return type.arrayValue?.contains { $0.stringValue == "object" } ?? true
    }

    /// The strings the property may hold in `branch` (the intersection of every `const`/`enum`
    /// on its path), or `nil` when nothing restricts it or a restriction is not all strings.
    func allowedValues(in branch: Located) -> Set<String>? {
        var allowed: Set<String>?
        for schema in Analysis.closure(branch, context) + holderClosure {
            guard let property = property(of: schema) else { continue }
            for restriction in Analysis.closure(property, context) {
                guard let values = Analysis.strings(restriction.value) else { continue }
                allowed = allowed.map { $0.intersection(values) } ?? values
            }
        }
        return allowed
    }

    /// `properties[propertyName]` of a schema, located.
    private func property(of schema: Located) -> Located? {
        guard let value = schema.value["properties"]?[propertyName] else { return nil }
        return Located(
            documentURI: schema.documentURI, pointer: JSONPointer(tokens: schema.pointer.tokens + ["properties", propertyName]),
            value: value)
    }

    /// The strings a schema's own `const` and `enum` allow (their intersection), or `nil` when it
    /// has neither or one holds a non-string; a `oneOf`/`anyOf` whose every branch is so
    /// restricted contributes the union of its branches.
    private static func strings(_ schema: JSONValue) -> Set<String>? {
        var result: Set<String>?
        if let constant = schema["const"] {
            guard let s = constant.stringValue else { return nil }
            result = [s]
        }
        if let list = schema["enum"]?.arrayValue {
            let values = list.compactMap(\.stringValue)
            guard values.count == list.count else { return nil }
            result = result.map { $0.intersection(values) } ?? Set(values)
        }
        if result == nil, let choices = (schema["oneOf"] ?? schema["anyOf"])?.arrayValue, !choices.isEmpty {
            var union = Set<String>()
            for choice in choices {
                guard let values = strings(choice) else { return nil }
                union.formUnion(values)
            }
            result = union
        }
        return result
    }

    /// The schema and everything that applies at the same place through `$ref` and `allOf`.
    static func closure(_ start: Located, _ context: LintContext) -> [Located] {
        var result: [Located] = []
        var seen = Set<PositionKey>()
        var stack = [start]
        while let schema = stack.popLast(), result.count < 256 {
            guard seen.insert(PositionKey(schema)).inserted else { continue }
            result.append(schema)
            if let ref = schema.value["$ref"]?.stringValue, let target = context.resolve(ref, from: schema.documentURI) {
                stack.append(target)
            }
            for (i, item) in (schema.value["allOf"]?.arrayValue ?? []).enumerated() {
                stack.append(
                    Located(
                        documentURI: schema.documentURI, pointer: JSONPointer(tokens: schema.pointer.tokens + ["allOf", String(i)]),
                        value: item))
            }
        }
        return result
    }
}
