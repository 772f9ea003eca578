/// RFC 9535 §2.7 normalized paths: `$` followed by `['name']` and `[index]` steps.
enum NormalizedPath {
    /// The normalized path of `segments`.
    static func string(for segments: [JSONPathMatch.Segment]) -> String {
        var out = "$"
        for segment in segments { append(segment, to: &out) }
        return out
    }

    /// Appends one step: `[0]` or `['name']` with the name escaped as the RFC prescribes
    /// (`\b \f \n \r \t \' \\`, other control characters as `\u00xx` in lowercase hex, everything
    /// else verbatim).
    static func append(_ segment: JSONPathMatch.Segment, to out: inout String) {
        switch segment {
        case .index(let index):
            out += "["
            out += String(index)
            out += "]"
        case .name(let name):
            out += "['"
            for scalar in name.unicodeScalars {
                switch scalar {
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "'": out += "\\'"
                case "\\": out += "\\\\"
                default:
                    if scalar.value < 0x20 {
                        out += "\\u"
                        out += String(scalar.value, radix: 16, uppercase: false).leftPadded(to: 4)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            out += "']"
        }
    }
}

/// A node's path during evaluation, shared between siblings as a linked list towards the root
/// (the root itself has no `PathNode`), so selecting a node costs one small allocation.
package final class PathNode: Sendable {
    /// The path of the parent, `nil` when the parent is the root.
    package let parent: PathNode?
    /// The last step.
    package let segment: JSONPathMatch.Segment
    /// The number of steps from the root.
    package let depth: Int

    init(parent: PathNode?, segment: JSONPathMatch.Segment) {
        self.parent = parent
        self.segment = segment
        depth = (parent?.depth ?? 0) + 1
    }

    /// The steps from the root to this node.
    func segments() -> [JSONPathMatch.Segment] {
        var result: [JSONPathMatch.Segment] = []
        var node: PathNode? = self
        while let current = node {
            result.append(current.segment)
            node = current.parent
        }
        result.reverse()
        return result
    }
}
