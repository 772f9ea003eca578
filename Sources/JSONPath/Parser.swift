import SpecSource

// Queries, segments and selectors (RFC 9535 §2.1–§2.5). Filter expressions are in
// FilterParser.swift, the lexical helpers in Lexer.swift.

extension Parser {
    /// `jsonpath-query`, which must span the whole expression.
    mutating func parseQueryExpression() throws(JSONPathError) -> Query {
        if Parser.isBlank(current) {
            throw error("a JSONPath expression must not start with whitespace")
        }
        guard consume("$") else {
            throw error("a JSONPath expression must start with \"$\", found \(currentDescription)")
        }
        let segments = try parseSegments()
        if !atEnd {
            if Parser.isBlank(current) {
                let blankStart = position
                skipBlanks()
                if atEnd { throw error("a JSONPath expression must not end with whitespace", at: blankStart) }
            }
            throw error("unexpected \(currentDescription); expected \".\", \"..\" or \"[\" to start a segment")
        }
        return Query(isAbsolute: true, segments: segments)
    }

    /// `segments = *(S segment)`. Blanks are only consumed when a segment follows them.
    mutating func parseSegments() throws(JSONPathError) -> [Segment] {
        var segments: [Segment] = []
        while true {
            let save = position
            skipBlanks()
            if at("[") {
                let open = position
                let selectors = try parseBracketedSelection()
                let blanks = Parser.isBlank(scalars[open + 1]) || Parser.isBlank(scalars[position - 2])
                segments.append(Segment(selectors: selectors, isDescendant: false, hasBlanksInBrackets: blanks))
            } else if at(".") {
                segments.append(try parseDotSegment())
            } else {
                position = save
                return segments
            }
        }
    }

    /// `.name`, `.*`, `..name`, `..*` or `..[…]`; the current scalar is the first dot.
    private mutating func parseDotSegment() throws(JSONPathError) -> Segment {
        position += 1
        if consume(".") {
            if at("[") {
                return Segment(selectors: try parseBracketedSelection(), isDescendant: true)
            }
            if consume("*") {
                return Segment(selectors: [.wildcard], isDescendant: true)
            }
            if Parser.isNameFirst(current) {
                return Segment(selectors: [.name(parseMemberName())], isDescendant: true)
            }
            if at(".") { throw error("too many dots: a descendant segment is written \"..\"") }
            if Parser.isBlank(current) { throw error("whitespace is not allowed after \"..\"") }
            throw error("expected a member name, \"*\" or \"[\" after \"..\", found \(currentDescription)")
        }
        if consume("*") {
            return Segment(selectors: [.wildcard], isDescendant: false)
        }
        if Parser.isNameFirst(current) {
            return Segment(selectors: [.name(parseMemberName())], isDescendant: false)
        }
        if Parser.isBlank(current) { throw error("whitespace is not allowed after \".\"") }
        if Parser.isDigit(current) || at("-") {
            throw error("a member name after \".\" cannot start with \(currentDescription); use brackets, e.g. [0] or ['1a']")
        }
        throw error("expected a member name or \"*\" after \".\", found \(currentDescription)")
    }

    /// `bracketed-selection = "[" S selector *(S "," S selector) S "]"`.
    private mutating func parseBracketedSelection() throws(JSONPathError) -> [PathSelector] {
        let open = position
        position += 1
        var selectors: [PathSelector] = []
        skipBlanks()
        if at("]") { throw error("empty brackets: expected a selector") }
        while true {
            skipBlanks()
            selectors.append(try parseSelector())
            skipBlanks()
            if consume(",") { continue }
            if consume("]") { return selectors }
            if atEnd { throw error("unclosed \"[\" (expected \"]\")", at: open) }
            throw error("unexpected \(currentDescription) in brackets; expected \",\" or \"]\"")
        }
    }

    /// One selector inside brackets.
    private mutating func parseSelector() throws(JSONPathError) -> PathSelector {
        guard let c = current else { throw error("expected a selector, found the end of the expression") }
        switch c {
        case "'", "\"":
            return .name(try parseStringLiteral())
        case "*":
            position += 1
            return .wildcard
        case "?":
            position += 1
            skipBlanks()
            return .filter(try parseFilterExpression())
        case ":":
            return try parseSlice(start: nil)
        case "-", "0"..."9":
            let start = try parseInteger(what: "index")
            let save = position
            skipBlanks()
            if at(":") { return try parseSlice(start: start) }
            position = save
            return .index(start)
        default:
            if Parser.isNameFirst(c) {
                throw error("member names in brackets must be quoted, e.g. ['name']")
            }
            throw error("expected a selector (quoted name, \"*\", index, slice or \"?\" filter), found \(currentDescription)")
        }
    }

    /// `slice-selector = [start S] ":" S [end S] [":" [S step]]`; the current scalar is the first colon.
    private mutating func parseSlice(start: Int?) throws(JSONPathError) -> PathSelector {
        position += 1
        skipBlanks()
        var end: Int?
        var step: Int?
        if at("-") || Parser.isDigit(current) {
            end = try parseInteger(what: "slice end")
            skipBlanks()
        }
        if consume(":") {
            skipBlanks()
            if at("-") || Parser.isDigit(current) {
                step = try parseInteger(what: "slice step")
            }
        }
        return .slice(start: start, end: end, step: step)
    }

    /// A query inside a filter: `@` or `$` followed by segments.
    mutating func parseFilterQuery() throws(JSONPathError) -> Query {
        let isAbsolute = at("$")
        position += 1
        return Query(isAbsolute: isAbsolute, segments: try parseSegments())
    }
}
