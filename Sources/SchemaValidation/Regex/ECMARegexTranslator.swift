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

struct ECMARegexTranslator {
    /// The translated pattern and what the matcher may use instead of ICU.
    struct Result {
        var icuPattern: String
        /// Non-nil if the whole pattern is a literal sequence, optionally anchored.
        var literal: [Unicode.Scalar]?
        var anchoredStart = false
        var anchoredEnd = false
        /// Non-nil if the pattern can run on the ASCII fast-path matcher.
        var asciiProgram: RegexASCIIProgram?
    }

    /// Upper bound substituted for `*`, `+` and `{n,}` inside lookbehinds.
    static let lookbehindBound = 1000

    let scalars: [Unicode.Scalar]
    let lenient: Bool
    var position = 0
    var output = ""
    private var groupCount = 0
    private var groupNames: [String: Int] = [:]
    private var lookbehindDepth = 0
    private var multiline = false
    private var dotAll = false

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
        try parseDisjunction()
        if position < scalars.count {
            throw error(scalars[position] == ")" ? "unmatched ')'" : "unexpected '\(scalars[position])'")
        }
        var result = Result(icuPattern: output)
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

    private mutating func parseDisjunction() throws(ECMARegex.SyntaxError) {
        try parseAlternative()
        while eat("|") {
            nonLiteral(nil)
            output += "|"
            try parseAlternative()
        }
    }

    private mutating func parseAlternative() throws(ECMARegex.SyntaxError) {
        while let scalar = peek(), scalar != "|", scalar != ")" {
            try parseTerm()
        }
    }

    private mutating func parseTerm() throws(ECMARegex.SyntaxError) {
        let start = position
        let outputStart = output.endIndex
        if depth == 0 && anchoredEnd { nonLiteral(nil) }  // something after a top-level '$'
        guard let scalar = peek() else { return }
        switch scalar {
        case "^":
            position += 1
            if depth == 0 {
                if start == 0 { anchoredStart = true } else { nonLiteral(nil) }
            }
            output += multiline ? "(?:^|(?<=[\\n\\r\\x{2028}\\x{2029}]))" : "^"
            return
        case "$":
            position += 1
            if depth == 0 { anchoredEnd = true }
            output += multiline ? "(?=[\\n\\r\\x{2028}\\x{2029}]|\\z)" : "\\z"
            return
        case "\\" where peek(1) == "b" || peek(1) == "B":
            position += 2
            nonLiteral(nil)
            let word = "[A-Za-z0-9_]"
            output +=
                scalar == "\\" && scalars[position - 1] == "b"
                ? "(?:(?<=\(word))(?!\(word))|(?<!\(word))(?=\(word)))"
                : "(?:(?<=\(word))(?=\(word))|(?<!\(word))(?!\(word)))"
            return
        case "(":
            if peek(1) == "?", peek(2) == "=" || peek(2) == "!"
                || (peek(2) == "<" && (peek(3) == "=" || peek(3) == "!"))
            {
                // Lookaround: never quantifiable in Unicode mode.
                let behind = peek(2) == "<"
                let negative = (behind ? peek(3) : peek(2)) == "!"
                position += behind ? 4 : 3
                output += "(?" + (behind ? "<" : "") + (negative ? "!" : "=")
                if behind { lookbehindDepth += 1 }
                try parseGroupBody(start: start)
                if behind { lookbehindDepth -= 1 }
                nonLiteral(nil)
                if let next = peek(), "*+?{".unicodeScalars.contains(next), !(lenient && next == "{" && !isQuantifierBrace()) {
                    throw error("lookaround assertions cannot be quantified")
                }
                return
            }
            try parseGroup(start: start)
        case "*", "+", "?":
            throw error("nothing to repeat")
        case "{":
            if !lenient || isQuantifierBrace() {
                throw error(isQuantifierBrace() ? "nothing to repeat" : "lone quantifier brackets")
            }
            position += 1
            emitLiteral("{", inClass: false)
            noteLiteral("{")
        case "}", "]":
            guard lenient else { throw error("lone quantifier brackets") }
            position += 1
            emitLiteral(scalar, inClass: false)
            noteLiteral(scalar)
        case "[":
            try parseClass()
        case ".":
            position += 1
            nonLiteral(dotAll ? .all : .dot)
            output += dotAll ? "[\\x{0}-\\x{10FFFF}]" : "[^\\n\\r\\x{2028}\\x{2029}]"
        case "\\":
            try parseAtomEscape()
        default:
            position += 1
            emitLiteral(scalar, inClass: false)
            noteLiteral(scalar)
        }
        try parseQuantifier(atomOutputStart: outputStart)
    }

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

    private mutating func parseGroup(start: Int) throws(ECMARegex.SyntaxError) {
        position += 1  // "("
        nonLiteral(nil)
        if !eat("?") {
            output += "("
            try parseGroupBody(start: start)
            return
        }
        if eat(":") {
            output += "(?:"
            try parseGroupBody(start: start)
            return
        }
        if eat("<") {
            // Named capturing group; the name was recorded by the prescan.
            try parseGroupName()
            output += "("
            try parseGroupBody(start: start)
            return
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
        try parseGroupBody(start: start)
        multiline = savedMultiline
        dotAll = savedDotAll
    }

    private mutating func parseGroupBody(start: Int) throws(ECMARegex.SyntaxError) {
        depth += 1
        try parseDisjunction()
        depth -= 1
        guard eat(")") else { throw error("unterminated group", at: start) }
        output += ")"
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
        while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1; digits += 1 }
        guard digits > 0, index < scalars.count else { return false }
        if scalars[index] == "}" { return true }
        guard scalars[index] == "," else { return false }
        index += 1
        while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
        return index < scalars.count && scalars[index] == "}"
    }

    private mutating func parseQuantifier(atomOutputStart: String.Index) throws(ECMARegex.SyntaxError) {
        guard let scalar = peek() else { return }
        var minimum = 0
        var maximum: Int? = nil
        switch scalar {
        case "*": position += 1
        case "+": position += 1; minimum = 1
        case "?": position += 1; maximum = 1
        case "{":
            guard isQuantifierBrace() else {
                if lenient { return }
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
            return
        }
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

    private mutating func parseAtomEscape() throws(ECMARegex.SyntaxError) {
        let start = position
        position += 1  // "\"
        guard let scalar = peek() else { throw error("\\ at end of pattern", at: start) }
        switch scalar {
        case "1"..."9":
            let number = readNumber()
            guard number <= groupCount else { throw error("invalid escape (no group \(number))", at: start) }
            nonLiteral(nil)
            output += "(?:\\\(number))"
        case "k":
            position += 1
            guard eat("<") else { throw error("invalid named reference", at: start) }
            let name = try parseGroupName()
            guard let number = groupNames[name] else { throw error("invalid named capture referenced", at: start) }
            nonLiteral(nil)
            output += "(?:\\\(number))"
        case "d", "D", "w", "W", "s", "S", "p", "P":
            let set = try parseClassEscape()
            nonLiteral(set.ascii)
            output += set.standalone
        default:
            let value = try parseCharacterEscape(inClass: false, start: start)
            if value >= 0xD800 && value <= 0xDFFF {
                // A lone surrogate can never occur in a Swift String.
                nonLiteral(nil)
                output += "(?!)"
                return
            }
            let literal = Unicode.Scalar(value)!
            emitLiteral(literal, inClass: false)
            noteLiteral(literal)
        }
    }

    /// A character class escape (`\d`, `\p{…}`, …) in both standalone and in-class forms.
    struct ClassEscape {
        var standalone: String
        var inClass: String
        /// The ASCII members, if known (nil for `\p{…}`).
        var ascii: RegexASCIISet?
    }

    static let whitespaceSet =
        "\\t\\n\\x{B}\\f\\r\\x{20}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}"

    mutating func parseClassEscape() throws(ECMARegex.SyntaxError) -> ClassEscape {
        let start = position - 1
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case "d": return ClassEscape(standalone: "[0-9]", inClass: "0-9", ascii: .digits)
        case "D": return ClassEscape(standalone: "[^0-9]", inClass: "[^0-9]", ascii: RegexASCIISet.digits.inverted)
        case "w": return ClassEscape(standalone: "[A-Za-z0-9_]", inClass: "A-Za-z0-9_", ascii: .word)
        case "W":
            return ClassEscape(standalone: "[^A-Za-z0-9_]", inClass: "[^A-Za-z0-9_]", ascii: RegexASCIISet.word.inverted)
        case "s":
            return ClassEscape(standalone: "[\(Self.whitespaceSet)]", inClass: Self.whitespaceSet, ascii: .space)
        case "S":
            return ClassEscape(
                standalone: "[^\(Self.whitespaceSet)]", inClass: "[^\(Self.whitespaceSet)]",
                ascii: RegexASCIISet.space.inverted)
        default:
            // \p{Name} / \p{Name=Value} / \P{…}
            guard eat("{") else { throw error("invalid property name", at: start) }
            var name = ""
            while let next = peek(), next != "}" {
                guard next.isASCII, next.properties.isAlphabetic || ("0"..."9").contains(next) || next == "_" || next == "="
                else { throw error("invalid property name", at: start) }
                name.unicodeScalars.append(next)
                position += 1
            }
            guard !name.isEmpty, eat("}") else { throw error("invalid property name", at: start) }
            let text = "\\\(scalar){\(name)}"
            return ClassEscape(standalone: text, inClass: text, ascii: nil)
        }
    }

    /// A `CharacterEscape` after the backslash; returns the code point (which may be a lone surrogate).
    mutating func parseCharacterEscape(inClass: Bool, start: Int) throws(ECMARegex.SyntaxError) -> UInt32 {
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case "f": return 0x0C
        case "n": return 0x0A
        case "r": return 0x0D
        case "t": return 0x09
        case "v": return 0x0B
        case "c":
            guard let letter = peek(), ("a"..."z").contains(letter) || ("A"..."Z").contains(letter) else {
                throw error("invalid control escape", at: start)
            }
            position += 1
            return letter.value % 32
        case "0":
            if let next = peek(), ("0"..."9").contains(next) { throw error("invalid decimal escape", at: start) }
            return 0
        case "x":
            guard let high = hexValue(peek()), let low = hexValue(peek(1)) else {
                throw error("invalid hexadecimal escape", at: start)
            }
            position += 2
            return high << 4 | low
        case "u":
            let value = try parseUnicodeEscapeBody(start: start)
            // A high surrogate followed by \uLOW is one code point.
            if (0xD800...0xDBFF).contains(value), peek() == "\\", peek(1) == "u" {
                let saved = position
                position += 2
                if let low = try? parseUnicodeEscapeBody(start: saved), (0xDC00...0xDFFF).contains(low) {
                    return 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                }
                position = saved
            }
            return value
        case "-" where inClass:
            return 0x2D
        case "^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/":
            return scalar.value
        default:
            if lenient, scalar.isASCII, !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) {
                return scalar.value  // Annex B-style identity escape of ASCII punctuation
            }
            throw error("invalid escape '\\\(scalar)'", at: start)
        }
    }

    /// After `\u`: `XXXX` or `{X…}` (≤ 10FFFF).
    private mutating func parseUnicodeEscapeBody(start: Int) throws(ECMARegex.SyntaxError) -> UInt32 {
        if eat("{") {
            var value: UInt32 = 0
            var digits = 0
            while let digit = hexValue(peek()) {
                value = value << 4 | digit
                digits += 1
                position += 1
                guard value <= 0x10FFFF else { throw error("invalid Unicode escape", at: start) }
            }
            guard digits > 0, eat("}") else { throw error("invalid Unicode escape", at: start) }
            return value
        }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = hexValue(peek(offset)) else { throw error("invalid Unicode escape", at: start) }
            value = value << 4 | digit
        }
        position += 4
        return value
    }

    private func hexValue(_ scalar: Unicode.Scalar?) -> UInt32? {
        guard let scalar else { return nil }
        switch scalar {
        case "0"..."9": return scalar.value - 48
        case "a"..."f": return scalar.value - 87
        case "A"..."F": return scalar.value - 55
        default: return nil
        }
    }
}
