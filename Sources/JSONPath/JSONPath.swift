import SpecSource

/// A compiled RFC 9535 JSONPath query.
///
/// The expression is parsed and type-checked once, when the value is created; ``select(in:)`` then
/// evaluates the query tree against any number of documents. Every part of RFC 9535 is supported:
/// child and descendant segments, name, wildcard, index, slice and filter selectors, filter
/// expressions with comparisons, existence tests and the five standard function extensions
/// (`length`, `count`, `match`, `search`, `value`, the last two using I-Regexp, RFC 9485).
///
/// ```swift
/// let path = try JSONPath("$..parameters[?@.name == 'limit']")
/// for match in path.select(in: document) {
///     print(match.normalizedPath, match.value.location)
/// }
/// ```
///
/// Values are immutable and `Sendable`: one compiled query can be shared between tasks.
public struct JSONPath: Sendable, CustomStringConvertible {
    /// The expression as it was written.
    public let expression: String
    /// The parsed query.
    let query: Query

    /// Parses and type-checks a JSONPath expression.
    ///
    /// - Parameter expression: The query text, e.g. `$.paths['/pets'].get`. Leading and trailing
    ///   whitespace is not allowed (RFC 9535 §2.1.1).
    /// - Throws: ``JSONPathError`` with the character offset where the expression stops being
    ///   valid, for syntax errors and for ill-typed filter expressions (such as `length(@.*)` or
    ///   `match(@.a, 'x') == true`).
    public init(_ expression: String) throws(JSONPathError) {
        self.expression = expression
        var parser = Parser(expression)
        self.query = try parser.parseQueryExpression()
    }

    /// Selects the nodes the query designates in `root`.
    ///
    /// - Parameter root: The document (the query's `$`).
    /// - Returns: The matches in the order RFC 9535 defines: segment by segment, each node's
    ///   selections in selector order, arrays and objects in document (member) order, descendants
    ///   in pre-order. Duplicates are kept (`$[0,0]` selects the first element twice).
    public func select(in root: JSONValue) -> [JSONPathMatch] {
        let evaluator = Evaluator(root: root)
        return evaluator.evaluateTopLevel(query).map { node in
            JSONPathMatch(value: node.value, path: node.path?.segments() ?? [])
        }
    }

    /// The default of `nodeBudget`: far above what real queries on real documents need (`$..*` on
    /// the 2.9 MB OpenAI description visits and selects about 85,000 nodes), far below what fills
    /// memory (about 200 MB when spent).
    public static let defaultNodeBudget = 2_000_000

    /// Selects the nodes the query designates in `root`, within a budget: for queries or documents
    /// that may be hostile (`$..*..*` on a document nested a thousand deep lists half a million
    /// nodes whose paths hold a third of a billion steps).
    ///
    /// - Parameters:
    ///   - root: The document (the query's `$`).
    ///   - nodeBudget: How many nodes evaluation may visit (descendant segments) and select (every
    ///     nodelist, filter queries included), plus the steps of the returned paths.
    /// - Returns: The matches, as ``select(in:)`` returns them.
    /// - Throws: ``JSONPathBudgetError`` when the budget does not suffice; nothing is returned then.
    public func select(in root: JSONValue, nodeBudget: Int) throws(JSONPathBudgetError) -> [JSONPathMatch] {
        let nodes = try locate(in: root, nodeBudget: nodeBudget)
        var steps = 0
        for node in nodes { steps += node.path?.depth ?? 0 }
        guard steps <= nodeBudget else { throw JSONPathBudgetError(budget: nodeBudget, expression: expression) }
        return nodes.map { JSONPathMatch(value: $0.value, path: $0.path?.segments() ?? []) }
    }

    /// The selected nodes with their paths as shared linked lists (no path is copied out), within a
    /// budget (see ``select(in:nodeBudget:)``). For the overlay engine, which needs every path but
    /// can walk them without materialising them.
    package func locate(in root: JSONValue, nodeBudget: Int = JSONPath.defaultNodeBudget) throws(JSONPathBudgetError) -> [LocatedNode] {
        let evaluator = Evaluator(root: root, nodeBudget: nodeBudget)
        let nodes = evaluator.evaluateTopLevel(query)
        guard !evaluator.budget.isSpent else { throw JSONPathBudgetError(budget: nodeBudget, expression: expression) }
        return nodes.map { LocatedNode(value: $0.value, path: $0.path) }
    }

    /// A selected node and its path (`nil` for the root).
    package struct LocatedNode {
        package let value: JSONValue
        package let path: PathNode?
    }

    /// Selects the values the query designates in `root`, without building paths (slightly faster
    /// than ``select(in:)`` when the locations are not needed).
    ///
    /// - Parameter root: The document (the query's `$`).
    /// - Returns: The selected values, in the same order as ``select(in:)``.
    public func values(in root: JSONValue) -> [JSONValue] {
        let evaluator = Evaluator(root: root)
        return evaluator.evaluate(query, current: root)
    }

    /// The expression as it was written.
    public var description: String { expression }
}

/// One node selected by a ``JSONPath``: its value and where it is in the document.
public struct JSONPathMatch: Sendable, Equatable {
    /// One step of the path from the root to a node.
    public enum Segment: Sendable, Hashable, CustomStringConvertible {
        /// An object member, by name.
        case name(String)
        /// An array element, by (non-negative) index.
        case index(Int)

        /// The step as it appears in a normalized path: `['name']` or `[0]`.
        public var description: String {
            var out = ""
            NormalizedPath.append(self, to: &out)
            return out
        }
    }

    /// The selected value (with its source location).
    public var value: JSONValue
    /// The steps from the document root to the value; empty for the root itself.
    public var path: [Segment]

    /// Creates a match.
    /// - Parameters:
    ///   - value: The selected value.
    ///   - path: The steps from the root to the value.
    public init(value: JSONValue, path: [Segment]) {
        self.value = value
        self.path = path
    }

    /// The RFC 9535 §2.7 normalized path of the node, such as `$['paths']['/pets'][0]`: names in
    /// single quotes with the canonical escapes, indexes in decimal.
    public var normalizedPath: String { NormalizedPath.string(for: path) }

    /// The path as an RFC 6901 JSON Pointer (`/paths/~1pets/0`).
    public var pointer: JSONPointer {
        JSONPointer(
            tokens: path.map { segment in
                switch segment {
                case .name(let name): return name
                case .index(let index): return String(index)
                }
            })
    }
}

/// A JSONPath query whose evaluation needed more nodes than its budget allowed
/// (``JSONPath/select(in:nodeBudget:)``).
public struct JSONPathBudgetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The budget that was exceeded.
    public var budget: Int
    /// The query.
    public var expression: String

    /// Creates an error.
    public init(budget: Int, expression: String) {
        self.budget = budget
        self.expression = expression
    }

    /// `JSONPath $..*..* visits or selects more than 2000000 nodes (its node budget); narrow the query`.
    public var description: String {
        "JSONPath \(expression) visits or selects more than \(budget) nodes (its node budget); narrow the query"
    }
}

/// A JSONPath expression that is not valid RFC 9535 syntax or is not well-typed.
public struct JSONPathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in one sentence.
    public var message: String
    /// The 0-based character offset in the expression where parsing failed (may equal the
    /// expression's length when the expression ends too early).
    public var offset: Int

    /// Creates an error.
    /// - Parameters:
    ///   - message: What is wrong.
    ///   - offset: The 0-based character offset of the problem.
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// `offset N: message`.
    public var description: String { "invalid JSONPath at offset \(offset): \(message)" }
}
