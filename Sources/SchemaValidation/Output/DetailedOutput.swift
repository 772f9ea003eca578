import SpecSource

/// Where a keyword path enters subschemas, for the `detailed` output format.
///
/// A keyword path (`/properties/a/items/$ref/allOf/1/required`) alternates applicators and the
/// subschemas they apply. ``subschemaApplications(keywordLocation:instanceLocation:)`` walks it
/// and lists each subschema entered with the instance location it was applied to: `properties`,
/// `patternProperties`, `prefixItems` and `items` (array form) take a name or index then the
/// subschema and move one instance token down, as do `additionalProperties`,
/// `unevaluatedProperties`, `items`, `additionalItems`, `unevaluatedItems`, `contains` and
/// `propertyNames` (without a name); `allOf`, `anyOf`, `oneOf`, `dependentSchemas` and
/// `dependencies` take an index or name and stay in place, as do `$ref`, `$dynamicRef`,
/// `$recursiveRef`, `not`, `if`, `then` and `else`. Any other token is the failing keyword itself
/// (or one this walk does not know), where the walk stops.
enum KeywordPathShape {
    /// One subschema application: how many keyword-path tokens lead to it, and how many
    /// instance-location tokens.
    struct Application: Equatable {
        var keywordTokens: Int
        var instanceTokens: Int
    }

    /// The subschema applications on `keywordLocation`, outermost first, not counting the root.
    /// The last one ends before the last keyword-path token (a subschema that fails as a whole,
    /// such as `false`, is reported at its own location and belongs to its parent).
    static func subschemaApplications(keyword: [Substring], instanceTokenCount: Int) -> [Application] {
        var applications: [Application] = []
        var i = 0
        var instance = 0
        while i < keyword.count {
            var next = i + 1
            var descends = false
            switch keyword[i] {
            case "$ref", "$dynamicRef", "$recursiveRef", "not", "if", "then", "else":
                break
            case "allOf", "anyOf", "oneOf", "dependentSchemas", "dependencies":
                next = i + 2
            case "properties", "patternProperties", "prefixItems":
                next = i + 2
                descends = true
            case "items":
                if i + 1 < keyword.count, keyword[i + 1].allSatisfy(\.isASCIIDigit), !keyword[i + 1].isEmpty { next = i + 2 }
                descends = true
            case "additionalProperties", "unevaluatedProperties", "additionalItems", "unevaluatedItems", "contains", "propertyNames":
                descends = true
            default:
                return applications
            }
            if descends { instance += 1 }
            // The failing keyword is the last token: an application must leave one after it.
            guard next < keyword.count, instance <= instanceTokenCount else { return applications }
            applications.append(Application(keywordTokens: next, instanceTokens: instance))
            i = next
        }
        return applications
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Nests errors, or the annotations of a valid result, into the `detailed` output format (see
/// ``ValidationResult/detailedOutput``).
struct DetailedOutputBuilder {
    /// One failing or annotating keyword's unit, with the locations the nesting is read from.
    struct Leaf {
        let keywordLocation: String
        let instanceLocation: String
        let absoluteKeywordLocation: String
        let unit: OutputUnit

        init(_ error: SchemaViolation) {
            keywordLocation = error.keywordLocation
            instanceLocation = error.instanceLocation
            absoluteKeywordLocation = error.absoluteKeywordLocation
            unit = OutputUnit(error)
        }

        init(_ annotation: SchemaAnnotation) {
            keywordLocation = annotation.keywordLocation
            instanceLocation = annotation.instanceLocation
            absoluteKeywordLocation = annotation.absoluteKeywordLocation
            unit = OutputUnit(annotation)
        }
    }

    /// A unit being built: its children in first-seen order, found by (keyword, instance) location.
    final class Node {
        let keywordLocation: String
        let instanceLocation: String
        var absoluteKeywordLocation: String?
        var children: [Node] = []
        var index: [String: Node] = [:]
        var leaf: OutputUnit?

        init(keywordLocation: String, instanceLocation: String) {
            self.keywordLocation = keywordLocation
            self.instanceLocation = instanceLocation
        }

        func child(keywordLocation: String, instanceLocation: String) -> Node {
            let key = keywordLocation + "\u{0}" + instanceLocation
            if let node = index[key] { return node }
            let node = Node(keywordLocation: keywordLocation, instanceLocation: instanceLocation)
            index[key] = node
            children.append(node)
            return node
        }

        /// The units this node stands for: a leaf's own unit; else its children's units when there
        /// is one (a grouping unit of a single child is replaced by it) or when its absolute location
        /// is unknown while its keyword path passes through a reference (§12.3.2 requires it
        /// there), else one grouping unit (`valid` as the result, its children its `errors` or
        /// `annotations`).
        func units(valid: Bool) -> [OutputUnit] {
            if let leaf { return [leaf] }
            let nested = children.flatMap { $0.units(valid: valid) }
            if nested.count == 1 { return nested }
            if absoluteKeywordLocation == nil && DetailedOutputBuilder.passesReference(keywordLocation) { return nested }
            return [DetailedOutputBuilder.group(valid, keywordLocation, absoluteKeywordLocation, instanceLocation, nested)]
        }
    }

    /// Whether the result is valid: the leaves are then annotations, else errors.
    let valid: Bool
    let leaves: [Leaf]

    init(valid: Bool, leaves: [Leaf]) {
        self.valid = valid
        self.leaves = leaves
    }

    static func group(_ valid: Bool, _ keywordLocation: String, _ absolute: String?, _ instanceLocation: String, _ nested: [OutputUnit])
        -> OutputUnit
    {
        OutputUnit(
            valid: valid, keywordLocation: keywordLocation, absoluteKeywordLocation: absolute, instanceLocation: instanceLocation,
            errors: valid ? [] : nested, annotations: valid ? nested : [])
    }

    func build() -> OutputUnit {
        guard !leaves.isEmpty else { return OutputUnit(valid: valid, keywordLocation: "", instanceLocation: "") }
        let root = Node(keywordLocation: "", instanceLocation: "")
        for error in leaves {
            let keyword = Self.tokens(error.keywordLocation)
            let instance = Self.tokens(error.instanceLocation)
            var node = root
            for application in KeywordPathShape.subschemaApplications(keyword: keyword, instanceTokenCount: instance.count) {
                node = node.child(
                    keywordLocation: Self.pointer(keyword.prefix(application.keywordTokens)),
                    instanceLocation: Self.pointer(instance.prefix(application.instanceTokens)))
                if node.absoluteKeywordLocation == nil {
                    node.absoluteKeywordLocation = Self.absoluteLocation(
                        of: error, droppingTokens: keyword.count - application.keywordTokens,
                        keywordTail: keyword.suffix(from: application.keywordTokens))
                }
            }
            // Each error is its own leaf, even when two share both locations.
            let leaf = Node(keywordLocation: error.keywordLocation, instanceLocation: error.instanceLocation)
            leaf.leaf = error.unit
            node.children.append(leaf)
        }
        // A root with a single child is condensed too: a lone error's unit is the whole output.
        let nested = root.children.flatMap { $0.units(valid: valid) }
        return nested.count == 1 ? nested[0] : Self.group(valid, "", nil, "", nested)
    }

    /// The absolute location of the schema `droppingTokens` keyword tokens above `error`'s keyword,
    /// when the tokens between hold no reference (after which the absolute location jumps).
    static func absoluteLocation(of error: Leaf, droppingTokens count: Int, keywordTail: ArraySlice<Substring>) -> String? {
        guard !error.absoluteKeywordLocation.isEmpty, count > 0,
            !keywordTail.contains(where: { $0 == "$ref" || $0 == "$dynamicRef" || $0 == "$recursiveRef" }),
            let hash = error.absoluteKeywordLocation.firstIndex(of: "#")
        else { return nil }
        var fragment = error.absoluteKeywordLocation[error.absoluteKeywordLocation.index(after: hash)...].split(
            separator: "/", omittingEmptySubsequences: false)
        guard fragment.first == "", fragment.count - 1 >= count else { return nil }
        fragment.removeLast(count)
        return String(error.absoluteKeywordLocation[...hash]) + fragment.joined(separator: "/")
    }

    /// Whether a keyword path continues after a reference (`/a/$ref/b`).
    static func passesReference(_ keywordLocation: String) -> Bool {
        keywordLocation.contains("/$ref/") || keywordLocation.contains("/$dynamicRef/") || keywordLocation.contains("/$recursiveRef/")
    }

    /// The escaped tokens of a JSON pointer (`/a~1b/0` → `a~1b`, `0`); comparing escaped tokens
    /// with keyword names is exact, since names hold neither `~` nor `/`.
    static func tokens(_ pointer: String) -> [Substring] {
        guard pointer.hasPrefix("/") else { return [] }
        return Array(pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false))
    }

    static func pointer(_ tokens: some Collection<Substring>) -> String {
        tokens.isEmpty ? "" : "/" + tokens.joined(separator: "/")
    }
}
