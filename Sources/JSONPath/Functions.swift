import Foundation
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
    func precompile(_ arguments: [FunctionArgument]) -> CompiledPattern? {
        guard self == .match || self == .search, arguments.count == 2,
              case .literal(let pattern) = arguments[1] else { return nil }
        guard let text = pattern.stringValue else { return CompiledPattern(regex: nil) }
        return CompiledPattern(regex: IRegexp.compile(text, anchored: self == .match))
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
    private var anchored: [String: NSRegularExpression?] = [:]
    private var unanchored: [String: NSRegularExpression?] = [:]

    func regex(for pattern: String, anchored isAnchored: Bool) -> NSRegularExpression? {
        if isAnchored {
            if let cached = anchored[pattern] { return cached }
            let compiled = IRegexp.compile(pattern, anchored: true)
            anchored[pattern] = compiled
            return compiled
        }
        if let cached = unanchored[pattern] { return cached }
        let compiled = IRegexp.compile(pattern, anchored: false)
        unanchored[pattern] = compiled
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
            let regex: NSRegularExpression?
            if let compiled = call.compiledPattern {
                regex = compiled.regex
            } else if let pattern = argumentValue(call.arguments[1], current: current)?.stringValue {
                regex = regexCache.regex(for: pattern, anchored: call.function == .match)
            } else {
                return .logical(false)
            }
            guard let regex else { return .logical(false) }
            return .logical(IRegexp.matches(regex, subject))
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
