import SpecSource

/// Keyword pairs the yes/no walk runs as one, planned once per compilation round (after
/// ``InPlaceAnalysis`` and ``DirectionalAnalysis``, before the round's nodes are published).
///
/// The plan changes only what the walk calls (``SchemaNode/walkedKeywords``): ``SchemaNode/keywords``
/// keep the keywords as written, which the analyses, messages and tag lookups read by type, and a
/// walk that collects errors runs the fused keywords' parts in their written order, so reports are
/// unchanged. See "Performance choices" in DESIGN.md for the measured ratio.
enum KeywordFusion {
    /// Plans the walk of every node of a round.
    static func run(_ nodes: [SchemaNode]) {
        for node in nodes { plan(node) }
    }

    /// Fuses the first `properties` directly followed by `required` (a schema has at most one),
    /// lets `items` whose schema is only a `type` test the items in place, and marks a node whose
    /// verdict depends on the value alone (``SchemaNode/isLeaf``).
    private static func plan(_ node: SchemaNode) {
        let keywords = node.keywords
        node.isLeaf = node.isPlain && keywords.allSatisfy(\.isContextFree)
        for case let items as ItemsKeyword in keywords {
            items.itemTypes = leafTypes(items.schema)
        }
        for i in keywords.indices.dropLast() {
            guard let properties = keywords[i] as? PropertiesKeyword, let required = keywords[i + 1] as? RequiredKeyword,
                let fused = PropertiesAndRequired(properties, required)
            else { continue }
            node.walk(Array(keywords[..<i]) + [fused] + Array(keywords[(i + 2)...]))
            return
        }
    }
}

extension KeywordFusion {
    /// The types of a schema that is nothing but `type`: no other keyword, no annotations to
    /// collect, no `readOnly`/`writeOnly` names (a plain node). Such a schema's verdict on a value
    /// is its type test alone, whatever scope it is entered in.
    static func leafTypes(_ node: SchemaNode) -> TypeKeyword.Types? {
        guard node.isPlain, node.keywords.count == 1, let type = node.keywords[0] as? TypeKeyword else { return nil }
        return type.types
    }
}

/// `properties` directly followed by `required` in one schema, checked in one pass over the
/// object's members by the yes/no walk.
///
/// `properties` already looks every member up in its name table; when each required name is one
/// of the names it lists, the entries the lookups find say which required names are present (a
/// bit per required name), so `required` needs no scan of its own. Only when a required name seems
/// missing is `required` asked (it knows which names a ``ValidationDirection`` exempts). The yes/no
/// walk evaluates what the two keywords would, in the same order (`required` only once
/// `properties` passed), so the verdict and any undecided report are theirs. A walk that collects
/// errors runs the two keywords one after the other.
///
/// Only this order is fused: with `required` written first, the written order fails an object
/// that lacks a required member before applying any property schema, and a fused pass would apply
/// them all first (jsonschema-rs's Swagger case: 1.008x more instructions; see DESIGN.md).
final class PropertiesAndRequired: Keyword, @unchecked Sendable {
    let properties: PropertiesKeyword
    let required: RequiredKeyword
    /// Per entry of `properties`, the bit of the required name it is (0 if not required).
    let requiredBits: [UInt64]
    /// Every required name's bit.
    let allRequired: UInt64

    /// The fused pair, or `nil` when a required name is not one `properties` lists (no lookup
    /// would find it) or more than 64 distinct names are required.
    init?(_ properties: PropertiesKeyword, _ required: RequiredKeyword) {
        var bits = [UInt64](repeating: 0, count: properties.entries.count)
        var all: UInt64 = 0
        var next: UInt64 = 0
        for name in required.names {
            guard let index = properties.names.index(of: name) else { return nil }
            if bits[index] != 0 { continue }  // listed twice
            guard next < 64 else { return nil }
            bits[index] = 1 << next
            all |= bits[index]
            next += 1
        }
        self.properties = properties
        self.required = required
        requiredBits = bits
        allRequired = all
    }

    override var streamRole: StreamRole { .propertiesAndRequired }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard !context.collectsErrors, let members = instance.borrowedMembers else { return validateAsWritten(instance, &context) }
        var present: UInt64 = 0
        let valid = requiredBits.withUnsafeBufferPointer { bits in
            properties.validate(members, &context) { present |= bits[$0] }
        }
        return valid && (present == allRequired || required.validate(instance, &context))
    }

    /// The two keywords in turn, each reporting its errors. Called through the base class: a
    /// direct call inlines another copy of the member loop, after which the compiler stopped
    /// inlining the walk's `descend` into any of them (seed requests 109.3 M → 119.1 M
    /// instructions).
    private func validateAsWritten(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        let parts: (Keyword, Keyword) = (properties, required)
        let valid = parts.0.validate(instance, &context)
        guard valid || context.collectsErrors else { return false }
        return parts.1.validate(instance, &context) && valid
    }
}
