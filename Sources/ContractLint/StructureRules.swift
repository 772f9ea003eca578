import OpenAPIContract
import SpecSource

/// `component-unused`, and `ref-siblings` for Reference Objects (outside Schema Objects).
enum StructureRules {
    static func check(_ context: LintContext) {
        if context.isOn(.refSiblings) { referenceSiblings(context) }
        if context.isOn(.componentUnused) {
            // Whether a component is used rests on every reference of every file: with some that
            // do not resolve, a component used only from what they designate would be reported.
            if context.hasUnresolvedReferences {
                context.skippedRules.append(.componentUnused)
            } else {
                unusedComponents(context)
            }
        }
    }

    // MARK: ref-siblings

    /// Members beside a Reference Object's `$ref`: OpenAPI 3.x says they "SHALL be ignored",
    /// except `summary` and `description` from 3.1 on. A Path Item's `$ref` is a field of its
    /// own, but spec-check reads only the referenced item, so its siblings are reported too.
    private static func referenceSiblings(_ context: LintContext) {
        var seen = Set<PositionKey>()
        for site in context.inventory.references where seen.insert(PositionKey(site.object)).inserted {
            guard let object = site.object.value.objectValue else { continue }
            let kept: Set<String> = context.isOpenAPI30 || site.kind == .pathItem ? ["$ref"] : ["$ref", "summary", "description"]
            let siblings = object.members.filter { !kept.contains($0.key) && !$0.key.hasPrefix("x-") }
            guard let first = siblings.first else { continue }
            let names = siblings.map { "`\($0.key)`" }.joined(separator: ", ")
            let verb = siblings.count == 1 ? "is" : "are"
            let message: String
            if site.kind == .pathItem {
                message =
                    "\(names) beside a Path Item's $ref \(verb) ignored by spec-check, which reads only the referenced path item (OpenAPI leaves fields defined in both undefined); move \(siblings.count == 1 ? "it" : "them") into the referenced item"
            } else {
                let allowed = context.isOpenAPI30 ? "" : " (from 3.1, only summary and description may override the referenced object's)"
                message =
                    "\(names) beside $ref \(verb) ignored: a Reference Object cannot be extended\(allowed), and spec-check ignores \(siblings.count == 1 ? "it" : "them") too"
            }
            context.report(.refSiblings, message, at: first.keyLocation, pointer: site.object.pointer.appending(first.key))
        }
    }

    // MARK: component-unused

    static let sections = [
        "schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes",
        "links", "callbacks", "pathItems", "mediaTypes",
    ]

    /// Components of the root document that nothing refers to: no `$ref` anywhere in any file of
    /// the description (outside the component itself), no security requirement, no discriminator
    /// mapping, and no discriminator parent they inherit from through `allOf`.
    private static func unusedComponents(_ context: LintContext) {
        guard let components = context.root["components"]?.objectValue else { return }
        var used = Set<[String]>()
        var walked: Set<String> = [context.rootDocumentURI]
        var documents: [Located] = [Located(documentURI: context.rootDocumentURI, pointer: .root, value: context.root)]
        func mark(_ target: Located, from source: Located?) {
            let tokens = target.pointer.tokens
            if target.documentURI == context.rootDocumentURI, tokens.count >= 3, tokens[0] == "components" {
                let component = Array(tokens.prefix(3))
                // A component that refers to itself (a recursive schema) does not use itself.
                if let source, source.documentURI == context.rootDocumentURI, source.pointer.tokens.starts(with: component) { return }
                used.insert(component)
            } else if target.documentURI != context.rootDocumentURI, walked.insert(target.documentURI).inserted,
                let document = context.resolve("#", from: target.documentURI)
            {
                documents.append(document)
            }
        }
        while let document = documents.popLast() {
            var stack = [document]
            while let node = stack.popLast() {
                switch node.value.kind {
                case .object(let object):
                    if let ref = object["$ref"]?.stringValue, let target = context.resolve(ref, from: node.documentURI) {
                        mark(target, from: node)
                    }
                    if let mapping = object["discriminator"]?["mapping"]?.objectValue {
                        for entry in mapping {
                            if let target = DiscriminatorRules.mappingTarget(entry.value, from: node, context) { mark(target, from: nil) }
                        }
                    }
                    for member in object.members.reversed() {
                        stack.append(
                            Located(documentURI: node.documentURI, pointer: node.pointer.appending(member.key), value: member.value))
                    }
                case .array(let items):
                    for (i, item) in items.enumerated().reversed() {
                        stack.append(Located(documentURI: node.documentURI, pointer: node.pointer.appending(i), value: item))
                    }
                default:
                    break
                }
            }
        }
        for name in securityRequirementNames(context) { used.insert(["components", "securitySchemes", name]) }
        for (parent, children) in DiscriminatorRules.childIndex(context) {
            guard let value = parent.pointer.resolve(in: parent.documentURI == context.rootDocumentURI ? context.root : .null),
                value["discriminator"] != nil
            else { continue }
            for child in children { used.insert(child.pointer.tokens) }
        }
        for section in sections {
            guard let members = components[section]?.objectValue else { continue }
            for member in members where !member.key.hasPrefix("x-") && !used.contains(["components", section, member.key]) {
                context.report(
                    .componentUnused,
                    "components/\(section)/\(member.key) is not referenced anywhere in the description (no $ref\(section == "securitySchemes" ? ", no security requirement" : "")\(section == "schemas" ? ", no discriminator mapping" : "")): a component has no effect unless something refers to it",
                    at: member.keyLocation, pointer: JSONPointer(tokens: ["components", section, member.key]))
            }
        }
    }

    /// The scheme names of every Security Requirement Object: the document's and every
    /// operation's (callbacks and webhooks included).
    private static func securityRequirementNames(_ context: LintContext) -> Set<String> {
        var names = Set<String>()
        func collect(_ value: JSONValue?) {
            for requirement in value?.arrayValue ?? [] {
                for member in requirement.objectValue ?? JSONObject() { names.insert(member.key) }
            }
        }
        collect(context.root["security"])
        for site in context.inventory.operations {
            collect(context.dereference(site.operation)?.value["security"])
        }
        return names
    }
}
