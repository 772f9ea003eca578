import LinearRegex
import SpecSource

/// The function extensions of RFC 9535 §2.4.4–§2.4.8, with their declared types.
enum BuiltinFunction: String, Sendable {
    /// `length(ValueType) -> ValueType`: characters of a string, elements of an array, members of
    /// an object; Nothing otherwise.
    case length
    /// `count(NodesType) -> ValueType`: the number of nodes.
    case count
    /// `match(ValueType, ValueType) -> LogicalType`: the whole string matches the I-Regexp.
    case match
    /// `search(ValueType, ValueType) -> LogicalType`: some substring matches the I-Regexp.
    case search
    /// `value(NodesType) -> ValueType`: the value of the single node, Nothing otherwise.
    case value

    /// The declared parameter types.
    var parameterTypes: [FunctionType] {
        switch self {
        case .length: return [.value]
        case .count, .value: return [.nodes]
        case .match, .search: return [.value, .value]
        }
    }

    /// The declared result type.
    var resultType: FunctionType {
        switch self {
        case .length, .count, .value: return .value
        case .match, .search: return .logical
        }
    }

    /// For `match`/`search` whose pattern is a string literal, the pattern compiled once.
    /// - Throws: ``LinearMatcher/ProgramTooLarge`` for a valid I-Regexp too large to evaluate (the
    ///   parser reports it as a query error rather than let the function yield false).
    func precompile(_ arguments: [FunctionArgument]) throws(LinearMatcher.ProgramTooLarge) -> CompiledPattern? {
        guard self == .match || self == .search, arguments.count == 2,
            case .literal(let pattern) = arguments[1]
        else { return nil }
        guard let text = pattern.stringValue else { return CompiledPattern(matcher: nil) }
        switch IRegexp.compile(text, anchored: self == .match) {
        case .matcher(let matcher): return CompiledPattern(matcher: matcher)
        case .invalid: return CompiledPattern(matcher: nil)
        case .tooLarge(let error): throw error
        }
    }
}

/// The result of evaluating a function expression.
enum FunctionResult {
    /// A ValueType result: a value or Nothing (`nil`).
    case value(JSONValue?)
    /// A LogicalType result.
    case logical(Bool)
    /// A NodesType result.
    case nodes([JSONValue])

    /// The result converted to LogicalType (NodesType: non-empty).
    var asLogical: Bool {
        switch self {
        case .logical(let b): return b
        case .nodes(let nodes): return !nodes.isEmpty
        case .value(let v): return v != nil
        }
    }

    /// The result as ValueType.
    var asValue: JSONValue? {
        switch self {
        case .value(let v): return v
        case .nodes(let nodes): return nodes.count == 1 ? nodes[0] : nil
        case .logical: return nil
        }
    }

    /// The result as NodesType.
    var asNodes: [JSONValue] {
        switch self {
        case .nodes(let nodes): return nodes
        case .value(let v): return v.map { [$0] } ?? []
        case .logical: return []
        }
    }
}

/// Compiled regexes for patterns that only become known at evaluation time (taken from the
/// document), cached for the duration of one `select`.
final class RegexCache {
    private var anchored: [String: LinearMatcher?] = [:]
    private var unanchored: [String: LinearMatcher?] = [:]

    /// The matcher for `pattern`; nil when it is not a valid I-Regexp, or (an implementation limit)
    /// when its counted repetitions expand beyond ``IRegexp/instructionLimit``: a pattern read from
    /// the document cannot fail the query, so the function then yields false.
    func matcher(for pattern: String, anchored isAnchored: Bool) -> LinearMatcher? {
        if let cached = isAnchored ? anchored[pattern] : unanchored[pattern] { return cached }
        var compiled: LinearMatcher? = nil
        if case .matcher(let matcher) = IRegexp.compile(pattern, anchored: isAnchored) { compiled = matcher }
        if isAnchored { anchored[pattern] = compiled } else { unanchored[pattern] = compiled }
        return compiled
    }
}

extension Evaluator {
    /// Evaluates a function call with `current` as `@`.
    func call(_ call: FunctionCall, current: JSONValue) -> FunctionResult {
        switch call.function {
        case .length:
            guard let value = argumentValue(call.arguments[0], current: current) else { return .value(nil) }
            switch value.kind {
            case .string(let s): return .value(.number(JSONNumber(s.unicodeScalars.count)))
            case .array(let a): return .value(.number(JSONNumber(a.count)))
            case .object(let o): return .value(.number(JSONNumber(o.count)))
            default: return .value(nil)
            }
        case .count:
            return .value(.number(JSONNumber(argumentNodes(call.arguments[0], current: current).count)))
        case .value:
            let nodes = argumentNodes(call.arguments[0], current: current)
            return .value(nodes.count == 1 ? nodes[0] : nil)
        case .match, .search:
            guard let subject = argumentValue(call.arguments[0], current: current)?.stringValue else {
                return .logical(false)
            }
            let matcher: LinearMatcher?
            if let compiled = call.compiledPattern {
                matcher = compiled.matcher
            } else if let pattern = argumentValue(call.arguments[1], current: current)?.stringValue {
                matcher = regexCache.matcher(for: pattern, anchored: call.function == .match)
            } else {
                return .logical(false)
            }
            guard let matcher else { return .logical(false) }
            return .logical(IRegexp.matches(matcher, subject))
        }
    }

    /// An argument for a ValueType parameter.
    private func argumentValue(_ argument: FunctionArgument, current: JSONValue) -> JSONValue? {
        switch argument {
        case .literal(let value): return value
        case .singularQuery(let query): return singularValue(query, current: current)
        case .query(let query):
            let nodes = evaluate(query, current: current)
            return nodes.count == 1 ? nodes[0] : nil
        case .function(let nested): return call(nested, current: current).asValue
        case .logical(let expression): return .bool(test(expression, current: current))
        }
    }

    /// An argument for a NodesType parameter.
    private func argumentNodes(_ argument: FunctionArgument, current: JSONValue) -> [JSONValue] {
        switch argument {
        case .query(let query), .singularQuery(let query): return evaluate(query, current: current)
        case .function(let nested): return call(nested, current: current).asNodes
        case .literal(let value): return [value]
        case .logical: return []
        }
    }
}
