import LinearRegex
import SpecSource

// The parsed form of a JSONPath expression. Everything here is built once by `Parser` and only
// read afterwards by `Evaluator`; the tree is immutable and therefore `Sendable`.

/// A query: `$` or `@` followed by segments.
struct Query: Sendable {
    /// `true` for `$…` (root-relative), `false` for `@…` (relative to the current node).
    var isAbsolute: Bool
    /// The segments, applied left to right.
    var segments: [Segment]

    /// Whether the query is a singular query (RFC 9535 §2.3.5.1): only name and index segments
    /// (`.a`, `['a']`, `[0]`, written without blanks inside the brackets), no descendant segments.
    var isSingular: Bool {
        segments.allSatisfy { segment in
            guard !segment.isDescendant, !segment.hasBlanksInBrackets, segment.selectors.count == 1 else { return false }
            switch segment.selectors[0] {
            case .name, .index: return true
            default: return false
            }
        }
    }
}

/// A child (`[…]`, `.name`, `.*`) or descendant (`..[…]`, `..name`, `..*`) segment.
struct Segment: Sendable {
    /// The selectors, applied in order to each input node.
    var selectors: [PathSelector]
    /// Whether the selectors apply to the input node and all its descendants.
    var isDescendant: Bool
    /// Whether blanks were written inside the brackets (`[ 'a' ]`): the ABNF's `name-segment` and
    /// `index-segment` have no room for them, so such a segment never forms a singular query.
    var hasBlanksInBrackets = false
}

/// A selector inside a segment (RFC 9535 §2.3). Not `Selector`, which Objective-C runtimes define.
enum PathSelector: Sendable {
    /// `'name'`, `"name"` or `.name`.
    case name(String)
    /// `*`.
    case wildcard
    /// An array index; negative counts from the end.
    case index(Int)
    /// `start:end:step`, each part optional.
    case slice(start: Int?, end: Int?, step: Int?)
    /// `?expr`.
    case filter(LogicalExpression)
}

/// A filter expression that yields true or false (RFC 9535 LogicalType).
indirect enum LogicalExpression: Sendable {
    /// `a || b || …`.
    case or([LogicalExpression])
    /// `a && b && …`.
    case and([LogicalExpression])
    /// `!a`.
    case not(LogicalExpression)
    /// A query used as an existence test (true when it selects at least one node).
    case exists(Query)
    /// A function whose result is LogicalType or NodesType, used as a test.
    case function(FunctionCall)
    /// `left op right`.
    case comparison(ComparisonOperand, ComparisonOperator, ComparisonOperand)
}

/// One side of a comparison (RFC 9535 `comparable`), all of ValueType. Not `Comparable`, which
/// would shadow the standard library protocol.
enum ComparisonOperand: Sendable {
    /// A literal value.
    case literal(JSONValue)
    /// A singular query: its node's value, or Nothing.
    case query(Query)
    /// A function with ValueType result.
    case function(FunctionCall)
}

/// The comparison operators.
enum ComparisonOperator: String, Sendable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// A call of a function extension, with arguments already checked against its signature.
struct FunctionCall: Sendable {
    /// The function.
    var function: BuiltinFunction
    /// The arguments, one per declared parameter.
    var arguments: [FunctionArgument]
    /// For `match`/`search` with a literal pattern: the pattern compiled at parse time (a
    /// matcher, or the fact that the pattern is not a valid I-Regexp).
    var compiledPattern: CompiledPattern?
}

/// A compiled I-Regexp, or the fact that the pattern was invalid.
struct CompiledPattern: Sendable {
    /// The matcher, `nil` when the I-Regexp is invalid (the function then yields false).
    var matcher: LinearMatcher?
}

/// A function argument, in the form its parameter's declared type needs.
indirect enum FunctionArgument: Sendable {
    /// A literal (ValueType).
    case literal(JSONValue)
    /// A singular query used for a ValueType parameter.
    case singularQuery(Query)
    /// A query used for a NodesType (or LogicalType) parameter.
    case query(Query)
    /// A nested function call.
    case function(FunctionCall)
    /// A logical expression (LogicalType).
    case logical(LogicalExpression)
}

/// The RFC 9535 §2.4.1 types of function parameters and results.
enum FunctionType: Sendable, CustomStringConvertible {
    case value
    case logical
    case nodes

    var description: String {
        switch self {
        case .value: return "ValueType"
        case .logical: return "LogicalType"
        case .nodes: return "NodesType"
        }
    }
}
