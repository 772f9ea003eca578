import SpecSource

/// A node during evaluation: its value and, when paths are tracked, where it is.
struct Node {
    var value: JSONValue
    /// `nil` for the root or when paths are not tracked.
    var path: PathNode?
}

/// Evaluates a parsed query against one document (RFC 9535 §2.3–§2.5).
///
/// Each segment maps the current node list to the next one; descendant segments walk each subtree
/// once, iteratively, in pre-order. Queries inside filters do not track paths, and singular
/// queries (`@.name`) are evaluated by direct lookup without building node lists.
struct Evaluator {
    /// The document (`$`).
    let root: JSONValue
    /// Regexes for `match`/`search` patterns taken from the document.
    let regexCache = RegexCache()
    /// Nodes the evaluation may still visit or select (see ``NodeBudget``).
    let budget: NodeBudget

    init(root: JSONValue, nodeBudget: Int = .max) {
        self.root = root
        budget = NodeBudget(nodeBudget)
    }

    // MARK: Queries

    /// The top-level query, with paths.
    func evaluateTopLevel(_ query: Query) -> [Node] {
        run(query, start: Node(value: root, path: nil), trackPaths: true)
    }

    /// A query's values, `@` being `current`.
    func evaluate(_ query: Query, current: JSONValue) -> [JSONValue] {
        run(query, start: Node(value: query.isAbsolute ? root : current, path: nil), trackPaths: false).map(\.value)
    }

    /// The value a singular query selects, or `nil` (Nothing).
    func singularValue(_ query: Query, current: JSONValue) -> JSONValue? {
        var value = query.isAbsolute ? root : current
        for segment in query.segments {
            switch segment.selectors[0] {
            case .name(let name):
                guard case .object(let object) = value.kind, let member = Evaluator.member(named: name, in: object) else { return nil }
                value = member
            case .index(let index):
                guard case .array(let array) = value.kind, let i = Evaluator.normalize(index, count: array.count) else { return nil }
                value = array[i]
            default:
                return nil
            }
        }
        return value
    }

    private func run(_ query: Query, start: Node, trackPaths: Bool) -> [Node] {
        var nodes = [start]
        for segment in query.segments {
            if nodes.isEmpty { break }
            nodes = apply(segment, to: nodes, trackPaths: trackPaths)
        }
        return nodes
    }

    private func apply(_ segment: Segment, to nodes: [Node], trackPaths: Bool) -> [Node] {
        var output: [Node] = []
        if !segment.isDescendant {
            for node in nodes {
                if budget.isSpent { return output }
                for selector in segment.selectors {
                    select(selector, from: node, into: &output, trackPaths: trackPaths)
                }
            }
            return output
        }
        var stack: [Node] = []
        for node in nodes {
            stack.append(node)
            while let visited = stack.popLast() {
                // Every visit costs one node; once the budget is spent, stop (the caller reports it).
                guard budget.spend() else { return output }
                for selector in segment.selectors {
                    select(selector, from: visited, into: &output, trackPaths: trackPaths)
                }
                switch visited.value.kind {
                case .array(let array):
                    for index in array.indices.reversed() {
                        guard Evaluator.isContainer(array[index]) else { continue }
                        stack.append(
                            Node(value: array[index], path: trackPaths ? PathNode(parent: visited.path, segment: .index(index)) : nil))
                    }
                case .object(let object):
                    for member in object.members.reversed() {
                        guard Evaluator.isContainer(member.value) else { continue }
                        stack.append(
                            Node(value: member.value, path: trackPaths ? PathNode(parent: visited.path, segment: .name(member.key)) : nil))
                    }
                default:
                    break
                }
            }
        }
        return output
    }

    /// Whether a value has children (only those can contribute to a descendant segment's output,
    /// since every selector selects children).
    private static func isContainer(_ value: JSONValue) -> Bool {
        switch value.kind {
        case .array(let a): return !a.isEmpty
        case .object(let o): return !o.isEmpty
        default: return false
        }
    }

    // MARK: Selectors

    private func select(_ selector: PathSelector, from node: Node, into output: inout [Node], trackPaths: Bool) {
        let selectedBefore = output.count
        defer { if !budget.spend(output.count - selectedBefore) { output.removeSubrange(selectedBefore...) } }
        func child(_ value: JSONValue, _ segment: @autoclosure () -> JSONPathMatch.Segment) -> Node {
            Node(value: value, path: trackPaths ? PathNode(parent: node.path, segment: segment()) : nil)
        }
        switch selector {
        case .name(let name):
            if case .object(let object) = node.value.kind, let value = Evaluator.member(named: name, in: object) {
                output.append(child(value, .name(name)))
            }
        case .wildcard:
            switch node.value.kind {
            case .array(let array):
                for (i, element) in array.enumerated() { output.append(child(element, .index(i))) }
            case .object(let object):
                for member in object.members { output.append(child(member.value, .name(member.key))) }
            default:
                break
            }
        case .index(let index):
            if case .array(let array) = node.value.kind, let i = Evaluator.normalize(index, count: array.count) {
                output.append(child(array[i], .index(i)))
            }
        case .slice(let start, let end, let step):
            if case .array(let array) = node.value.kind {
                for i in Evaluator.sliceIndices(start: start, end: end, step: step, count: array.count) {
                    output.append(child(array[i], .index(i)))
                }
            }
        case .filter(let expression):
            switch node.value.kind {
            case .array(let array):
                for (i, element) in array.enumerated() where test(expression, current: element) {
                    output.append(child(element, .index(i)))
                }
            case .object(let object):
                for member in object.members where test(expression, current: member.value) {
                    output.append(child(member.value, .name(member.key)))
                }
            default:
                break
            }
        }
    }

    /// The member named exactly `name` (compared by Unicode scalars, not canonical equivalence).
    static func member(named name: String, in object: JSONObject) -> JSONValue? {
        if let i = object.indexOf(name) {
            let member = object.members[i]
            if member.key.unicodeScalars.elementsEqual(name.unicodeScalars) { return member.value }
        }
        for member in object.members where member.key.unicodeScalars.elementsEqual(name.unicodeScalars) {
            return member.value
        }
        return nil
    }

    /// An index normalized against `count`, or `nil` when out of bounds.
    static func normalize(_ index: Int, count: Int) -> Int? {
        let i = index >= 0 ? index : count + index
        return i >= 0 && i < count ? i : nil
    }

    /// The indexes a slice selects, in order (RFC 9535 §2.3.4.2.2).
    static func sliceIndices(start: Int?, end: Int?, step: Int?, count: Int) -> [Int] {
        let step = step ?? 1
        if step == 0 || count == 0 { return [] }
        func normalized(_ i: Int) -> Int { i >= 0 ? i : count + i }
        var result: [Int] = []
        if step > 0 {
            let lower = min(max(normalized(start ?? 0), 0), count)
            let upper = min(max(normalized(end ?? count), 0), count)
            var i = lower
            while i < upper {
                result.append(i)
                i += step
            }
        } else {
            let upper = min(max(normalized(start ?? count - 1), -1), count - 1)
            let lower = min(max(end.map(normalized) ?? -1, -1), count - 1)
            var i = upper
            while lower < i {
                result.append(i)
                i += step
            }
        }
        return result
    }

    // MARK: Filter expressions

    /// Evaluates a logical expression with `current` as `@`.
    func test(_ expression: LogicalExpression, current: JSONValue) -> Bool {
        switch expression {
        case .or(let operands):
            return operands.contains { test($0, current: current) }
        case .and(let operands):
            return operands.allSatisfy { test($0, current: current) }
        case .not(let operand):
            return !test(operand, current: current)
        case .exists(let query):
            if query.isSingular { return singularValue(query, current: current) != nil }
            return !evaluate(query, current: current).isEmpty
        case .function(let call):
            return self.call(call, current: current).asLogical
        case .comparison(let left, let op, let right):
            return Evaluator.compare(value(of: left, current: current), op, value(of: right, current: current))
        }
    }

    private func value(of comparable: ComparisonOperand, current: JSONValue) -> JSONValue? {
        switch comparable {
        case .literal(let value): return value
        case .query(let query): return singularValue(query, current: current)
        case .function(let call): return self.call(call, current: current).asValue
        }
    }

    /// RFC 9535 §2.3.5.2.2 comparison; `nil` is Nothing.
    static func compare(_ left: JSONValue?, _ op: ComparisonOperator, _ right: JSONValue?) -> Bool {
        switch op {
        case .equal: return equal(left, right)
        case .notEqual: return !equal(left, right)
        case .less: return less(left, right)
        case .lessOrEqual: return less(left, right) || equal(left, right)
        case .greater: return less(right, left)
        case .greaterOrEqual: return less(right, left) || equal(left, right)
        }
    }

    private static func equal(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        switch (left, right) {
        case (nil, nil): return true
        case (let l?, let r?): return valuesEqual(l, r)
        default: return false
        }
    }

    /// JSON equality: numbers by value, strings by Unicode scalars, arrays element-wise, objects
    /// as unordered maps.
    static func valuesEqual(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left.kind, right.kind) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { valuesEqual($0, $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for m in a.members {
                guard let other = member(named: m.key, in: b), valuesEqual(m.value, other) else { return false }
            }
            return true
        default:
            return false
        }
    }

    private static func less(_ left: JSONValue?, _ right: JSONValue?) -> Bool {
        guard let left, let right else { return false }
        switch (left.kind, right.kind) {
        case (.number(let a), .number(let b)):
            return a < b
        case (.string(let a), .string(let b)):
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
        default:
            return false
        }
    }
}

/// How many nodes one evaluation may still visit (in descendant segments) or select (in any
/// nodelist, filter queries included); shared by the whole evaluation.
///
/// Nodelists can grow much faster than the document: `$..*..*` lists every pair of a node and one
/// of its descendants, quadratic in the depth. Once the budget is spent, evaluation stops early
/// and the caller reports it (``JSONPathBudgetError``) instead of building ever larger lists.
final class NodeBudget {
    private(set) var remaining: Int
    let limit: Int

    init(_ limit: Int) {
        self.limit = limit
        remaining = limit
    }

    /// Takes `count` nodes from the budget; `false` once it is spent.
    @inline(__always)
    func spend(_ count: Int = 1) -> Bool {
        remaining -= count
        return remaining >= 0
    }

    /// Whether evaluation went over the budget.
    var isSpent: Bool { remaining < 0 }
}
