// Parses an ECMA-262 regular expression (Unicode mode, as JSON Schema requires) and translates it to
// the ICU dialect used by Foundation's NSRegularExpression.
//
// Where the dialects differ, the translation makes ICU behave like ECMA-262:
//
// | ECMA-262                  | ICU output                                                      |
// |---------------------------|-----------------------------------------------------------------|
// | `\d` `\D`                 | `[0-9]` / `[^0-9]` (ICU's are Unicode-wide)                      |
// | `\w` `\W`                 | `[A-Za-z0-9_]` / complement                                     |
// | `\s` `\S`                 | explicit WhiteSpace + LineTerminator set / complement           |
// | `\b` `\B`                 | lookaround on the ASCII word set                                 |
// | `.`                       | `[^\n\r\u2028\u2029]`                                           |
// | `$` (no m flag)           | `\z` (ICU's `$` also matches before a final newline)             |
// | `\cX` `\0` `\xHH` `\uXXXX` `\u{…}` `\uHHHH\uHHHH` | `\x{…}` code points                     |
// | `(?<name>…)` `\k<name>`   | plain numbered groups and `\N` (ICU names are ASCII-only)        |
// | `[]` / `[^]`              | `(?!)` / any code point                                         |
// | unbounded quantifiers inside lookbehind | bounded (ICU needs a bounded lookbehind length)   |
// | `(?ims-ims:…)` modifiers  | tracked by the translator; `i` is passed through                 |
//
// Everything ECMA-262 rejects in Unicode mode is rejected here, e.g. `\a`, `(?P<n>…)`, `(?i)`, `(?#…)`,
// lone `{`, `}`, `]`, quantified lookarounds, references to undefined groups.
//
// Alongside the ICU text, the parser builds a `RegexNode` tree for the linear-time matcher, unless
// the pattern needs something only a backtracking engine (or ICU's Unicode data) has: back-references,
// lookaround, the `i` modifier, or a `\p{…}` property the standard library cannot evaluate (Script).

import LinearRegex

struct ECMARegexTranslator {
    /// The translated pattern and what the matcher may use instead of ICU.
    struct Result {
        var icuPattern: String
        /// The pattern as a tree for ``LinearMatcher``; nil if it needs the backtracking engine.
        var node: RegexNode?
        /// Non-nil if the whole pattern is a literal sequence, optionally anchored.
        var literal: [Unicode.Scalar]?
        var anchoredStart = false
        var anchoredEnd = false
        /// Non-nil if the pattern can run on the ASCII fast-path matcher.
        var asciiProgram: RegexASCIIProgram?
    }

    /// Upper bound substituted for `*`, `+` and `{n,}` inside lookbehinds.
    static let lookbehindBound = 1000

    /// Deepest group nesting accepted (an implementation limit, as for I-Regexp in JSONPath; ICU
    /// itself stopped below 100).
    static let maximumNesting = 200

    let scalars: [Unicode.Scalar]
    let lenient: Bool
    var position = 0
    var output = ""
    private var groupCount = 0
    private var groupNames: [String: Int] = [:]
    private var lookbehindDepth = 0
    private var multiline = false
    private var dotAll = false
    /// Set when the pattern uses a feature the linear-time matcher does not have.
    var needsBacktracking = false

    // Fast-path bookkeeping for the top level.
    private var depth = 0
    private var topLevelSimple = true
    private var topLevelLiteral: [Unicode.Scalar] = []
    private var anchoredStart = false
    private var anchoredEnd = false
    private var ascii: RegexASCIIProgram? = RegexASCIIProgram()

    init(_ pattern: String, lenient: Bool) {
        self.scalars = Array(pattern.unicodeScalars)
        self.lenient = lenient
    }

    mutating func translate() throws(ECMARegex.SyntaxError) -> Result {
        try prescanGroups()
        let node = try parseDisjunction()
        if position < scalars.count {
            throw error(scalars[position] == ")" ? "unmatched ')'" : "unexpected '\(scalars[position])'")
        }
        var result = Result(icuPattern: output, node: needsBacktracking ? nil : node)
        if topLevelSimple {
            result.literal = topLevelLiteral
            result.anchoredStart = anchoredStart
            result.anchoredEnd = anchoredEnd
        }
        if var program = ascii, program.items.count <= RegexASCIIProgram.maximumItems {
            program.anchoredStart = anchoredStart
            program.anchoredEnd = anchoredEnd
            result.asciiProgram = program
        }
        return result
    }

    // MARK: - Errors and cursor

    func error(_ message: String, at offset: Int? = nil) -> ECMARegex.SyntaxError {
        ECMARegex.SyntaxError(
            pattern: String(String.UnicodeScalarView(scalars)), offset: offset ?? position, message: message)
    }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    mutating func eat(_ scalar: Unicode.Scalar) -> Bool {
        guard peek() == scalar else { return false }
        position += 1
        return true
    }

    // MARK: - Group prescan (for forward references and \k validation)

    private mutating func prescanGroups() throws(ECMARegex.SyntaxError) {
        var index = 0
        var inClass = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                index += 2
                continue
            }
            if inClass {
                if scalar == "]" { inClass = false }
            } else if scalar == "[" {
                inClass = true
            } else if scalar == "(" {
                if index + 1 < scalars.count, scalars[index + 1] == "?" {
                    if index + 3 < scalars.count, scalars[index + 2] == "<", scalars[index + 3] != "=",
                        scalars[index + 3] != "!"
                    {
                        groupCount += 1
                        var end = index + 3
                        while end < scalars.count, scalars[end] != ">" { end += 1 }
                        let name = String(String.UnicodeScalarView(scalars[(index + 3)..<min(end, scalars.count)]))
                        if groupNames[name] != nil { throw error("duplicate capture group name '\(name)'", at: index) }
                        groupNames[name] = groupCount
                    }
                } else {
                    groupCount += 1
                }
            }
            index += 1
        }
    }

    // MARK: - Disjunction / alternative / term

    private mutating func parseDisjunction() throws(ECMARegex.SyntaxError) -> RegexNode {
        var alternatives = [try parseAlternative()]
        while eat("|") {
            nonLiteral(nil)
            output += "|"
            alternatives.append(try parseAlternative())
        }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    private mutating func parseAlternative() throws(ECMARegex.SyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let scalar = peek(), scalar != "|", scalar != ")" {
            items.append(try parseTerm())
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func parseTerm() throws(ECMARegex.SyntaxError) -> RegexNode {
        let start = position
        let outputStart = output.endIndex
        if depth == 0 && anchoredEnd { nonLiteral(nil) }  // something after a top-level '$'
        guard let scalar = peek() else { return .empty }
        let atom: RegexNode
        switch scalar {
        case "^":
            position += 1
            if depth == 0 {
                if start == 0 { anchoredStart = true } else { nonLiteral(nil) }
            }
            output += multiline ? "(?:^|(?<=[\\n\\r\\x{2028}\\x{2029}]))" : "^"
            return .assertion(multiline ? .lineStart : .inputStart)
        case "$":
            position += 1
            if depth == 0 { anchoredEnd = true }
            output += multiline ? "(?=[\\n\\r\\x{2028}\\x{2029}]|\\z)" : "\\z"
            return .assertion(multiline ? .lineEnd : .inputEnd)
        case "\\" where peek(1) == "b" || peek(1) == "B":
            position += 2
            nonLiteral(nil)
            let word = "[A-Za-z0-9_]"
            let boundary = scalars[position - 1] == "b"
            output +=
                boundary
                ? "(?:(?<=\(word))(?!\(word))|(?<!\(word))(?=\(word)))"
                : "(?:(?<=\(word))(?=\(word))|(?<!\(word))(?!\(word)))"
            return .assertion(boundary ? .wordBoundary : .notWordBoundary)
        case "(":
            if peek(1) == "?",
                peek(2) == "=" || peek(2) == "!"
                    || (peek(2) == "<" && (peek(3) == "=" || peek(3) == "!"))
            {
                // Lookaround: never quantifiable in Unicode mode.
                let behind = peek(2) == "<"
                let negative = (behind ? peek(3) : peek(2)) == "!"
                position += behind ? 4 : 3
                output += "(?" + (behind ? "<" : "") + (negative ? "!" : "=")
                if behind { lookbehindDepth += 1 }
                _ = try parseGroupBody(start: start)
                if behind { lookbehindDepth -= 1 }
                nonLiteral(nil)
                needsBacktracking = true
                if let next = peek(), "*+?{".unicodeScalars.contains(next), !(lenient && next == "{" && !isQuantifierBrace()) {
                    throw error("lookaround assertions cannot be quantified")
                }
                return .empty
            }
            atom = try parseGroup(start: start)
        case "*", "+", "?":
            throw error("nothing to repeat")
        case "{":
            if !lenient || isQuantifierBrace() {
                throw error(isQuantifierBrace() ? "nothing to repeat" : "lone quantifier brackets")
            }
            position += 1
            emitLiteral("{", inClass: false)
            noteLiteral("{")
            atom = .scalars(ScalarSet("{"))
        case "}", "]":
            guard lenient else { throw error("lone quantifier brackets") }
            position += 1
            emitLiteral(scalar, inClass: false)
            noteLiteral(scalar)
            atom = .scalars(ScalarSet(scalar))
        case "[":
            atom = try parseClass()
        case ".":
            position += 1
            nonLiteral(dotAll ? .all : .dot)
            output += dotAll ? "[\\x{0}-\\x{10FFFF}]" : "[^\\n\\r\\x{2028}\\x{2029}]"
            atom = .scalars(dotAll ? .all : Self.dotSet)
        case "\\":
            atom = try parseAtomEscape()
        default:
            position += 1
            emitLiteral(scalar, inClass: false)
            noteLiteral(scalar)
            atom = .scalars(ScalarSet(scalar))
        }
        return try parseQuantifier(atomOutputStart: outputStart, atom: atom)
    }

    /// `.` without the `s` flag: everything but the line terminators.
    static let dotSet: ScalarSet = {
        var terminators = ScalarSet(0x0A...0x0A)
        terminators.insert(0x0D...0x0D)
        terminators.insert(0x2028...0x2029)
        return terminators.complemented()
    }()

    /// Records a top-level literal for the fast path.
    private mutating func noteLiteral(_ scalar: Unicode.Scalar) {
        guard depth == 0 else { return }
        topLevelLiteral.append(scalar)
        var set = RegexASCIISet()
        set.insert(scalar.value...scalar.value)
        ascii?.append(set)
    }

    /// Records a top-level term that is not a plain literal. A non-nil `asciiSet` means the term is a
    /// single-character atom the ASCII fast path can handle; nil disables that fast path.
    mutating func nonLiteral(_ asciiSet: RegexASCIISet?) {
        guard depth == 0 else { return }
        topLevelSimple = false
        if let asciiSet { ascii?.append(asciiSet) } else { ascii = nil }
    }

    private mutating func parseGroup(start: Int) throws(ECMARegex.SyntaxError) -> RegexNode {
        position += 1  // "("
        nonLiteral(nil)
        if !eat("?") {
            output += "("
            return try parseGroupBody(start: start)
        }
        if eat(":") {
            output += "(?:"
            return try parseGroupBody(start: start)
        }
        if eat("<") {
            // Named capturing group; the name was recorded by the prescan.
            try parseGroupName()
            output += "("
            return try parseGroupBody(start: start)
        }
        // Modifiers (ES2025): (?ims-ims:...)
        var add: Set<Unicode.Scalar> = []
        var remove: Set<Unicode.Scalar> = []
        var removing = false
        while let scalar = peek(), scalar != ":" {
            if scalar == "-" && !removing {
                removing = true
            } else if "ims".unicodeScalars.contains(scalar), !add.contains(scalar), !remove.contains(scalar) {
                if removing { remove.insert(scalar) } else { add.insert(scalar) }
            } else {
                throw error("invalid group")
            }
            position += 1
        }
        guard eat(":"), !(add.isEmpty && remove.isEmpty) else { throw error("invalid group") }
        let savedMultiline = multiline
        let savedDotAll = dotAll
        if add.contains("m") { multiline = true }
        if remove.contains("m") { multiline = false }
        if add.contains("s") { dotAll = true }
        if remove.contains("s") { dotAll = false }
        output += add.contains("i") ? "(?i:" : remove.contains("i") ? "(?-i:" : "(?:"
        // ECMA-262 case folding is not implemented by the linear matcher.
        if add.contains("i") { needsBacktracking = true }
        let body = try parseGroupBody(start: start)
        multiline = savedMultiline
        dotAll = savedDotAll
        return body
    }

    private mutating func parseGroupBody(start: Int) throws(ECMARegex.SyntaxError) -> RegexNode {
        // The parser (and the tree it builds) recurse once per group level; bound it so that a
        // pathological pattern is an error, not a stack overflow.
        guard depth < Self.maximumNesting else {
            throw error("groups nested more than \(Self.maximumNesting) deep", at: start)
        }
        depth += 1
        let body = try parseDisjunction()
        depth -= 1
        guard eat(")") else { throw error("unterminated group", at: start) }
        output += ")"
        return body
    }

    /// `RegExpIdentifierName ">"`; returns the name.
    @discardableResult
    private mutating func parseGroupName() throws(ECMARegex.SyntaxError) -> String {
        var name = String.UnicodeScalarView()
        while let scalar = peek(), scalar != ">" {
            let valid =
                scalar == "$" || scalar == "_"
                || (name.isEmpty
                    ? scalar.properties.isIDStart
                    : scalar.properties.isIDContinue || scalar.value == 0x200C || scalar.value == 0x200D)
            guard valid else { throw error("invalid capture group name") }
            name.append(scalar)
            position += 1
        }
        guard !name.isEmpty, eat(">") else { throw error("invalid capture group name") }
        return String(name)
    }

    // MARK: - Quantifiers

    /// Whether the `{` at the cursor starts a syntactically complete `{n}`, `{n,}` or `{n,m}`.
    private func isQuantifierBrace() -> Bool {
        var index = position + 1
        var digits = 0
        while index < scalars.count, ("0"..."9").contains(scalars[index]) {
            index += 1
            digits += 1
        }
        guard digits > 0, index < scalars.count else { return false }
        if scalars[index] == "}" { return true }
        guard scalars[index] == "," else { return false }
        index += 1
        while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
        return index < scalars.count && scalars[index] == "}"
    }

    private mutating func parseQuantifier(atomOutputStart: String.Index, atom: RegexNode) throws(ECMARegex.SyntaxError)
        -> RegexNode
    {
        guard let scalar = peek() else { return atom }
        var minimum = 0
        var maximum: Int? = nil
        switch scalar {
        case "*": position += 1
        case "+":
            position += 1
            minimum = 1
        case "?":
            position += 1
            maximum = 1
        case "{":
            guard isQuantifierBrace() else {
                if lenient { return atom }
                throw error("incomplete quantifier")
            }
            position += 1
            minimum = readNumber()
            if eat(",") {
                if peek() != "}" { maximum = readNumber() }
            } else {
                maximum = minimum
            }
            position += 1  // "}"
            if let maximum, maximum < minimum { throw error("numbers out of order in {} quantifier") }
        default:
            return atom
        }
        let repetition = RegexNode.repetition(atom, minimum: minimum, maximum: maximum)
        if depth == 0 {
            topLevelSimple = false
            if ascii?.quantifyLast(minimum: minimum, maximum: maximum) == false { ascii = nil }
        }
        var text: String
        if lookbehindDepth > 0 && maximum == nil {
            // ICU requires a bounded maximum length inside lookbehind.
            maximum = max(minimum, Self.lookbehindBound)
        }
        switch (minimum, maximum) {
        case (0, nil): text = "*"
        case (1, nil): text = "+"
        case (0, 1?): text = "?"
        case (let low, nil): text = "{\(low),}"
        case (let low, let high?) where low == high: text = "{\(low)}"
        case (let low, let high?): text = "{\(low),\(high)}"
        }
        if eat("?") { text += "?" }
        // Make sure the quantifier applies to the whole translated atom.
        let atom = output[atomOutputStart...]
        if atom.unicodeScalars.count > 1 && !isSingleUnit(atom) {
            output.replaceSubrange(atomOutputStart..., with: "(?:" + atom + ")")
        }
        output += text
        return repetition
    }

    /// Whether a translated atom is already a single quantifiable unit (a class, a group, an escape).
    private func isSingleUnit(_ atom: Substring) -> Bool {
        if atom.hasPrefix("\\x{") && atom.hasSuffix("}") && !atom.dropFirst().contains("\\") { return true }
        if atom.count == 2 && atom.hasPrefix("\\") { return true }
        return false  // wrapping is always safe; classes and groups get a harmless (?:…)
    }

    private mutating func readNumber() -> Int {
        var value = 0
        while let scalar = peek(), ("0"..."9").contains(scalar) {
            value = min(value &* 10 &+ Int(scalar.value - 48), Int(Int32.max))
            position += 1
        }
        return value
    }

    // MARK: - Escapes outside classes

    private mutating func parseAtomEscape() throws(ECMARegex.SyntaxError) -> RegexNode {
        let start = position
        position += 1  // "\"
        guard let scalar = peek() else { throw error("\\ at end of pattern", at: start) }
        switch scalar {
        case "1"..."9":
            let number = readNumber()
            guard number <= groupCount else { throw error("invalid escape (no group \(number))", at: start) }
            nonLiteral(nil)
            needsBacktracking = true
            output += "(?:\\\(number))"
            return .empty
        case "k":
            position += 1
            guard eat("<") else { throw error("invalid named reference", at: start) }
            let name = try parseGroupName()
            guard let number = groupNames[name] else { throw error("invalid named capture referenced", at: start) }
            nonLiteral(nil)
            needsBacktracking = true
            output += "(?:\\\(number))"
            return .empty
        case "d", "D", "w", "W", "s", "S", "p", "P":
            let escape = try parseClassEscape()
            nonLiteral(escape.ascii)
            output += escape.standalone
            guard let set = escape.set else {
                needsBacktracking = true
                return .empty
            }
            return .scalars(set)
        default:
            let value = try parseCharacterEscape(inClass: false, start: start)
            guard let literal = Unicode.Scalar(value) else {
                // A lone surrogate can never occur in a Swift String.
                nonLiteral(nil)
                output += "(?!)"
                return .scalars(ScalarSet())
            }
            emitLiteral(literal, inClass: false)
            noteLiteral(literal)
            return .scalars(ScalarSet(literal))
        }
    }
}
