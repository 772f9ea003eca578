import JSONPath
import SpecSource

/// The nodes an overlay action selects, as a tree of steps from the document root.
///
/// Built from the evaluator's shared path lists (each path step is visited once, however many
/// selected nodes share it), so an action that selects every node of a deep document (`$..*`)
/// costs time and memory linear in what it selects, and applying it is one pass over the
/// document: no path is copied out, and no node is rebuilt twice.
final class OverlayTargets {
    /// One step below the root (or the root itself).
    final class Step {
        /// Whether the node at this step is selected.
        var isSelected = false
        /// The steps below, in the order first selected.
        var children: [(JSONPathMatch.Segment, Step)] = []
        private var positions: [JSONPathMatch.Segment: Int] = [:]

        func child(_ segment: JSONPathMatch.Segment) -> Step {
            if let i = positions[segment] { return children[i].1 }
            let step = Step()
            positions[segment] = children.count
            children.append((segment, step))
            return step
        }
    }

    let root = Step()
    /// Number of distinct nodes selected (a node listed twice, `$[0,0]`, counts once).
    private(set) var count = 0

    /// The nodes `path` selects in `document`.
    /// - Throws: ``JSONPath/JSONPathBudgetError`` when evaluation needs more than the node budget.
    init(_ path: JSONPath, in document: JSONValue) throws(JSONPathBudgetError) {
        var steps: [ObjectIdentifier: Step] = [:]
        for node in try path.locate(in: document) {
            var pending: [PathNode] = []
            var current = node.path
            var anchor = root
            while let p = current {
                if let known = steps[ObjectIdentifier(p)] {
                    anchor = known
                    break
                }
                pending.append(p)
                current = p.parent
            }
            for p in pending.reversed() {
                anchor = anchor.child(p.segment)
                steps[ObjectIdentifier(p)] = anchor
            }
            if !anchor.isSelected {
                anchor.isSelected = true
                count += 1
            }
        }
    }

    /// `document` without the selected nodes (Overlay `remove`), in one pass. Every step names a
    /// node of `document` as it was before anything is removed, so array elements go by their
    /// original indexes; a node inside a removed one goes with it. Removing the root leaves `null`.
    func removing(from document: JSONValue) -> JSONValue {
        if root.isSelected { return JSONValue(.null, location: document.location) }
        return Self.removing(below: root, from: document)
    }

    private static func removing(below step: Step, from node: JSONValue) -> JSONValue {
        var copy = node
        switch node.kind {
        case .object(var o):
            var removed = Set<String>()
            for (segment, child) in step.children {
                guard case .name(let name) = segment, let value = o[name] else { continue }
                if child.isSelected {
                    removed.insert(name)
                } else if !child.children.isEmpty {
                    o[name] = removing(below: child, from: value)
                }
            }
            if !removed.isEmpty { o.removeAll { removed.contains($0.key) } }
            copy.kind = .object(o)
        case .array(var a):
            var removed = Set<Int>()
            for (segment, child) in step.children {
                guard case .index(let i) = segment, i < a.count else { continue }
                if child.isSelected {
                    removed.insert(i)
                } else if !child.children.isEmpty {
                    a[i] = removing(below: child, from: a[i])
                }
            }
            if !removed.isEmpty {
                var kept: [JSONValue] = []
                kept.reserveCapacity(a.count - removed.count)
                for (i, element) in a.enumerated() where !removed.contains(i) { kept.append(element) }
                a = kept
            }
            copy.kind = .array(a)
        default:
            break
        }
        return copy
    }

    /// `document` with `transform` applied to each selected node, in one pass from the root down:
    /// a node is transformed before the nodes selected below it, which are then found by their
    /// steps in the transformed node. Steps that name nothing are skipped.
    func updating(_ document: JSONValue, _ transform: (JSONValue) throws(SourceError) -> JSONValue) throws(SourceError) -> JSONValue {
        try Self.updating(root, document, transform)
    }

    private static func updating(_ step: Step, _ node: JSONValue, _ transform: (JSONValue) throws(SourceError) -> JSONValue)
        throws(SourceError) -> JSONValue
    {
        var value = step.isSelected ? try transform(node) : node
        guard !step.children.isEmpty else { return value }
        switch value.kind {
        case .object(var o):
            value.kind = .null  // o is the only reference: updates below copy nothing
            for (segment, child) in step.children {
                guard case .name(let name) = segment, let member = o[name] else { continue }
                o[name] = try updating(child, member, transform)
            }
            value.kind = .object(o)
        case .array(var a):
            value.kind = .null
            for (segment, child) in step.children {
                guard case .index(let i) = segment, i < a.count else { continue }
                a[i] = try updating(child, a[i], transform)
            }
            value.kind = .array(a)
        default:
            break
        }
        return value
    }
}
