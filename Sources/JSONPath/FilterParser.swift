import SpecSource

// Filter expressions (RFC 9535 §2.3.5) and function expressions (§2.4), with the well-typedness
// rules of §2.4.3 checked while parsing.

/// What a sub-expression parsed so far is, before the context decides how it is used.
enum ParsedExpression {
    /// A bare operand that may still be a comparable, a test or a function argument.
    case operand(Operand, offset: Int)
    /// Something that is already a logical expression (a comparison, `!`, `&&`, `||`, parentheses).
    case logical(LogicalExpression)
}

/// A literal, query or function expression.
enum Operand {
    case literal(JSONValue)
    case query(Query)
    case function(FunctionCall)
}

extension Parser {
    /// `logical-expr` after `?` in a filter selector.
    mutating func parseFilterExpression() throws(JSONPathError) -> LogicalExpression {
        let start = position
        if atEnd || at("]") || at(",") {
            throw error("expected a filter expression after \"?\"")
        }
        return try nested { (p: inout Parser) throws(JSONPathError) -> LogicalExpression in
            let expression = try p.logical(try p.parseOr(), start: start)
            try p.rejectMisplacedComparison()
            return expression
        }
    }

    /// Explains a comparison operator after a negated test or a parenthesized expression (neither
    /// is a `comparable`), which would otherwise be reported as a bare unexpected character.
    private mutating func rejectMisplacedComparison() throws(JSONPathError) {
        let save = position
        skipBlanks()
        let at = position
        if let op = parseComparisonOperator() {
            throw error(
                "\"\(op.rawValue)\" cannot follow a negated test or a parenthesized expression; to negate a comparison write !(a \(op.rawValue) b)",
                at: at)
        }
        position = save
    }

    /// Turns a parsed expression into a logical one (RFC 9535 `test-expr` rules).
    private func logical(_ parsed: ParsedExpression, start: Int) throws(JSONPathError) -> LogicalExpression {
        switch parsed {
        case .logical(let expression):
            return expression
        case .operand(let operand, let offset):
            switch operand {
            case .literal:
                throw error("a literal cannot be used as a test; compare it with something (e.g. @.a == 1)", at: offset)
            case .query(let query):
                return .exists(query)
            case .function(let call):
                switch call.function.resultType {
                case .logical, .nodes:
                    return .function(call)
                case .value:
                    throw error(
                        "\(call.function.rawValue)() returns a value (ValueType), which cannot be used as a test; compare it instead, e.g. \(call.function.rawValue)(…) > 0",
                        at: offset)
                }
            }
        }
    }

    /// Tracks nesting depth around a recursive parse.
    private mutating func nested<T>(_ body: (inout Parser) throws(JSONPathError) -> T) throws(JSONPathError) -> T {
        depth += 1
        guard depth <= Parser.maxDepth else {
            throw error("filter expression is nested too deeply (more than \(Parser.maxDepth) levels)")
        }
        defer { depth -= 1 }
        return try body(&self)
    }

    /// `logical-or-expr = logical-and-expr *(S "||" S logical-and-expr)`.
    mutating func parseOr() throws(JSONPathError) -> ParsedExpression {
        try parseChain("||", { parser throws(JSONPathError) in try parser.parseAnd() }, LogicalExpression.or)
    }

    /// `logical-and-expr = basic-expr *(S "&&" S basic-expr)`.
    private mutating func parseAnd() throws(JSONPathError) -> ParsedExpression {
        try parseChain("&&", { parser throws(JSONPathError) in try parser.parseBasic() }, LogicalExpression.and)
    }

    /// `operand *(S op S operand)`: one operand as it is, several combined by `combine`.
    private mutating func parseChain(
        _ op: String,
        _ operand: (inout Parser) throws(JSONPathError) -> ParsedExpression,
        _ combine: ([LogicalExpression]) -> LogicalExpression
    ) throws(JSONPathError) -> ParsedExpression {
        let start = position
        let first = try operand(&self)
        var operands: [LogicalExpression] = []
        while true {
            let save = position
            skipBlanks()
            guard lookingAt(op) else {
                position = save
                break
            }
            if operands.isEmpty { operands.append(try logical(first, start: start)) }
            position += op.count
            skipBlanks()
            let next = position
            operands.append(try logical(try operand(&self), start: next))
        }
        return operands.isEmpty ? first : .logical(combine(operands))
    }

    /// `basic-expr = paren-expr / comparison-expr / test-expr`.
    private mutating func parseBasic() throws(JSONPathError) -> ParsedExpression {
        if consume("!") {
            skipBlanks()
            let operandStart = position
            if at("(") {
                return .logical(.not(try parseParenthesized()))
            }
            guard at("@") || at("$") || Parser.isLowerAlpha(current) else {
                throw error("\"!\" must be followed by a query, a function call or a parenthesized expression, found \(currentDescription)")
            }
            let operand = try parseOperand()
            if case .literal = operand {
                throw error("\"!\" cannot be applied to a literal", at: operandStart)
            }
            return .logical(.not(try logical(.operand(operand, offset: operandStart), start: operandStart)))
        }
        if at("(") {
            return .logical(try parseParenthesized())
        }
        let leftStart = position
        let left = try parseOperand()
        let save = position
        skipBlanks()
        guard let op = parseComparisonOperator() else {
            position = save
            return .operand(left, offset: leftStart)
        }
        skipBlanks()
        let rightStart = position
        let right = try parseOperand()
        return .logical(
            .comparison(
                try comparable(left, at: leftStart),
                op,
                try comparable(right, at: rightStart)
            ))
    }

    /// `paren-expr` without the optional `!`; the current scalar is `(`.
    private mutating func parseParenthesized() throws(JSONPathError) -> LogicalExpression {
        let open = position
        position += 1
        return try nested { (p: inout Parser) throws(JSONPathError) -> LogicalExpression in
            p.skipBlanks()
            let start = p.position
            let inner = try p.logical(try p.parseOr(), start: start)
            try p.rejectMisplacedComparison()
            p.skipBlanks()
            guard p.consume(")") else {
                if p.atEnd { throw p.error("unclosed \"(\" (expected \")\")", at: open) }
                throw p.error("unexpected \(p.currentDescription); expected \")\", \"&&\" or \"||\"")
            }
            return inner
        }
    }

    /// `comparison-op`, consumed if present.
    private mutating func parseComparisonOperator() -> ComparisonOperator? {
        for op in [ComparisonOperator.equal, .notEqual, .lessOrEqual, .greaterOrEqual, .less, .greater]
        where lookingAt(op.rawValue) {
            position += op.rawValue.unicodeScalars.count
            return op
        }
        return nil
    }

    /// Checks that an operand may appear in a comparison (RFC 9535 `comparable`).
    private func comparable(_ operand: Operand, at offset: Int) throws(JSONPathError) -> ComparisonOperand {
        switch operand {
        case .literal(let value):
            return .literal(value)
        case .query(let query):
            guard query.isSingular else {
                throw error(
                    "a query in a comparison must be a singular query (only single names and indexes, no wildcards, slices, filters or \"..\")",
                    at: offset)
            }
            return .query(query)
        case .function(let call):
            guard call.function.resultType == .value else {
                throw error(
                    "\(call.function.rawValue)() returns \(call.function.resultType), which cannot be compared; only ValueType results can",
                    at: offset)
            }
            return .function(call)
        }
    }

    /// A literal, a filter query or a function expression.
    private mutating func parseOperand() throws(JSONPathError) -> Operand {
        guard let c = current else {
            throw error("expected a filter expression, found the end of the expression")
        }
        switch c {
        case "@", "$":
            return .query(try parseFilterQuery())
        case "'", "\"":
            return .literal(.string(try parseStringLiteral()))
        case "-", "0"..."9":
            return .literal(.number(try parseNumber()))
        default:
            break
        }
        if Parser.isLowerAlpha(c) {
            let start = position
            while Parser.isLowerAlpha(current) || Parser.isDigit(current) || at("_") { position += 1 }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[start..<position])
            let name = String(view)
            if at("(") {
                return .function(try parseFunctionCall(name: name, start: start))
            }
            if Parser.isNameChar(current) {
                throw error("unexpected \(currentDescription) after \"\(name)\"")
            }
            switch name {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            default:
                if Parser.isBlank(current) && BuiltinFunction(rawValue: name) != nil {
                    throw error("whitespace is not allowed between a function name and \"(\"")
                }
                throw error("unknown identifier \"\(name)\"; expected true, false, null or a function call", at: start)
            }
        }
        throw error("expected a query (@ or $), a literal or a function call, found \(currentDescription)")
    }

    /// `function-expr`; the current scalar is `(` after the name.
    private mutating func parseFunctionCall(name: String, start: Int) throws(JSONPathError) -> FunctionCall {
        guard let function = BuiltinFunction(rawValue: name) else {
            throw error("unknown function \"\(name)\" (known: length, count, match, search, value)", at: start)
        }
        let open = position
        position += 1
        return try nested { (p: inout Parser) throws(JSONPathError) -> FunctionCall in
            var arguments: [FunctionArgument] = []
            var argumentStarts: [Int] = []
            let parameters = function.parameterTypes
            p.skipBlanks()
            if !p.at(")") {
                while true {
                    p.skipBlanks()
                    let argumentStart = p.position
                    let parsed = try p.parseOr()
                    guard arguments.count < parameters.count else {
                        throw p.error(
                            "\(name)() takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s"), but more were given",
                            at: argumentStart)
                    }
                    arguments.append(try p.argument(parsed, for: parameters[arguments.count], function: name, at: argumentStart))
                    argumentStarts.append(argumentStart)
                    p.skipBlanks()
                    if p.consume(",") { continue }
                    if p.at(")") { break }
                    if p.atEnd { throw p.error("unclosed \"(\" of \(name)() (expected \")\")", at: open) }
                    throw p.error("unexpected \(p.currentDescription) in the arguments of \(name)(); expected \",\" or \")\"")
                }
            }
            guard arguments.count == parameters.count else {
                throw p.error(
                    "\(name)() takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s"), but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given"
                )
            }
            p.position += 1
            let compiledPattern: CompiledPattern?
            do {
                compiledPattern = try function.precompile(arguments)
            } catch {
                throw p.error("the I-Regexp argument of \(name)() is too large to evaluate: \(error)", at: argumentStarts.last)
            }
            return FunctionCall(function: function, arguments: arguments, compiledPattern: compiledPattern)
        }
    }

    /// Checks an argument against its parameter's declared type (RFC 9535 §2.4.3).
    private func argument(_ parsed: ParsedExpression, for type: FunctionType, function name: String, at offset: Int) throws(JSONPathError)
        -> FunctionArgument
    {
        switch type {
        case .value:
            guard case .operand(let operand, _) = parsed else {
                throw error(
                    "argument of \(name)() must be a value (ValueType): a literal, a singular query or a function returning a value; a logical expression is not allowed",
                    at: offset)
            }
            switch operand {
            case .literal(let value):
                return .literal(value)
            case .query(let query):
                guard query.isSingular else {
                    throw error(
                        "argument of \(name)() must be a value (ValueType), so a query must be singular (only single names and indexes)",
                        at: offset)
                }
                return .singularQuery(query)
            case .function(let call):
                guard call.function.resultType == .value else {
                    throw error(
                        "argument of \(name)() must be a value (ValueType), but \(call.function.rawValue)() returns \(call.function.resultType)",
                        at: offset)
                }
                return .function(call)
            }
        case .nodes:
            guard case .operand(let operand, _) = parsed else {
                throw error("argument of \(name)() must be a query (NodesType), not a logical expression", at: offset)
            }
            switch operand {
            case .query(let query):
                return .query(query)
            case .function(let call) where call.function.resultType == .nodes:
                return .function(call)
            case .function(let call):
                throw error(
                    "argument of \(name)() must be a query (NodesType), but \(call.function.rawValue)() returns \(call.function.resultType)",
                    at: offset)
            case .literal:
                throw error("argument of \(name)() must be a query (NodesType), not a literal", at: offset)
            }
        case .logical:
            switch parsed {
            case .logical(let expression):
                return .logical(expression)
            case .operand(.literal, _):
                throw error("argument of \(name)() must be a logical expression (LogicalType), not a literal", at: offset)
            case .operand(.query(let query), _):
                return .query(query)
            case .operand(.function(let call), _):
                guard call.function.resultType != .value else {
                    throw error(
                        "argument of \(name)() must be a logical expression (LogicalType), but \(call.function.rawValue)() returns ValueType",
                        at: offset)
                }
                return .function(call)
            }
        }
    }
}
