import SpecSource

/// The lexical layer of the parser: position handling, blanks, string literals, integers,
/// numbers and member names, following the RFC 9535 ABNF character by character.
///
/// The parser works on Unicode scalars (the ABNF's unit); offsets in errors are converted to
/// `Character` offsets of the original expression.
struct Parser {
    /// The expression's Unicode scalars.
    let scalars: [Unicode.Scalar]
    /// The current position (an index into ``scalars``).
    var position: Int = 0
    /// How deeply filter expressions are nested (bounded so hostile input cannot overflow the stack).
    var depth: Int = 0

    /// The nesting bound for filters, parentheses and function calls.
    static let maxDepth = 128

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    // MARK: Positions

    /// The scalar at the current position, if any.
    var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    /// The scalar `offset` places ahead, if any.
    func peek(_ offset: Int = 1) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    /// Whether the input is exhausted.
    var atEnd: Bool { position >= scalars.count }

    /// Whether the current scalar is `c`.
    func at(_ c: Unicode.Scalar) -> Bool { current == c }

    /// Consumes `c` if it is next.
    mutating func consume(_ c: Unicode.Scalar) -> Bool {
        if current == c {
            position += 1
            return true
        }
        return false
    }

    /// Whether the text at the current position starts with `s`.
    func lookingAt(_ s: String) -> Bool {
        var i = position
        for c in s.unicodeScalars {
            guard i < scalars.count, scalars[i] == c else { return false }
            i += 1
        }
        return true
    }

    /// An error at scalar offset `at` (default: the current position).
    func error(_ message: String, at offset: Int? = nil) -> JSONPathError {
        let scalarOffset = min(offset ?? position, scalars.count)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[0..<scalarOffset])
        return JSONPathError(message: message, offset: String(view).count)
    }

    /// A printable description of the scalar at the current position, for messages.
    var currentDescription: String {
        guard let c = current else { return "the end of the expression" }
        return Parser.describe(c)
    }

    /// `"x"` for printable scalars, `U+000A` for the others.
    static func describe(_ c: Unicode.Scalar) -> String {
        if c.value < 0x20 || c.value == 0x7F || c.properties.generalCategory == .format {
            return "U+" + String(c.value, radix: 16, uppercase: true).leftPadded(to: 4)
        }
        if c == "\"" { return "'\"'" }
        return "\"\(Character(c))\""
    }

    // MARK: Blanks

    /// RFC 9535 `B`: space, horizontal tab, line feed, carriage return.
    static func isBlank(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c == " " || c == "\t" || c == "\n" || c == "\r"
    }

    /// Skips `S` (any number of blanks).
    mutating func skipBlanks() {
        while Parser.isBlank(current) { position += 1 }
    }

    // MARK: Character classes

    static func isDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c.value >= 0x30 && c.value <= 0x39
    }

    static func isAlpha(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
    }

    /// `name-first = ALPHA / "_" / %x80-D7FF / %xE000-10FFFF`.
    static func isNameFirst(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return isAlpha(c) || c == "_" || (c.value >= 0x80 && c.value <= 0xD7FF) || c.value >= 0xE000
    }

    /// `name-char = name-first / DIGIT`.
    static func isNameChar(_ c: Unicode.Scalar?) -> Bool {
        isNameFirst(c) || isDigit(c)
    }

    /// `LCALPHA`.
    static func isLowerAlpha(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c.value >= 0x61 && c.value <= 0x7A
    }

    // MARK: Member names

    /// `member-name-shorthand`: the caller has checked that the current scalar is a `name-first`.
    mutating func parseMemberName() -> String {
        var view = String.UnicodeScalarView()
        while Parser.isNameChar(current) {
            view.append(current!)
            position += 1
        }
        return String(view)
    }

    // MARK: String literals

    /// `string-literal`: a single- or double-quoted string with JSON-style escapes.
    mutating func parseStringLiteral() throws(JSONPathError) -> String {
        let start = position
        guard let quote = current, quote == "'" || quote == "\"" else {
            throw error("expected a string literal, found \(currentDescription)")
        }
        position += 1
        var view = String.UnicodeScalarView()
        while true {
            guard let c = current else {
                throw error("unterminated string literal (missing closing \(Parser.describe(quote)))", at: start)
            }
            if c == quote {
                position += 1
                return String(view)
            }
            if c == "\\" {
                view.append(try parseEscape(quote: quote))
                continue
            }
            if c.value < 0x20 {
                throw error("control character \(Parser.describe(c)) must be escaped in a string literal")
            }
            view.append(c)
            position += 1
        }
    }

    /// One escape sequence; the current scalar is the backslash.
    private mutating func parseEscape(quote: Unicode.Scalar) throws(JSONPathError) -> Unicode.Scalar {
        let start = position
        position += 1
        guard let c = current else { throw error("unterminated escape sequence", at: start) }
        position += 1
        switch c {
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "/": return "/"
        case "\\": return "\\"
        case "'" where quote == "'": return "'"
        case "\"" where quote == "\"": return "\""
        case "u":
            let first = try parseHex4(escapeStart: start)
            switch first {
            case 0xD800...0xDBFF:
                let lowStart = position
                guard consume("\\"), consume("u") else {
                    throw error("high surrogate \\u\(hex(first)) must be followed by a \\u low surrogate escape", at: lowStart)
                }
                let second = try parseHex4(escapeStart: lowStart)
                guard (0xDC00...0xDFFF).contains(second) else {
                    throw error("\\u\(hex(second)) is not a low surrogate (expected \\uDC00-\\uDFFF after a high surrogate)", at: lowStart)
                }
                let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                return Unicode.Scalar(value)!
            case 0xDC00...0xDFFF:
                throw error("lone low surrogate \\u\(hex(first)) in string literal", at: start)
            default:
                return Unicode.Scalar(first)!
            }
        default:
            throw error("invalid escape sequence \\\(Character(c)) in string literal", at: start)
        }
    }

    private func hex(_ v: UInt32) -> String {
        String(v, radix: 16, uppercase: true).leftPadded(to: 4)
    }

    /// Four hexadecimal digits (either case).
    private mutating func parseHex4(escapeStart: Int) throws(JSONPathError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current, let digit = Parser.hexValue(c) else {
                throw error("\\u must be followed by four hexadecimal digits", at: escapeStart)
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c.value {
        case 0x30...0x39: return c.value - 0x30
        case 0x41...0x46: return c.value - 0x41 + 10
        case 0x61...0x66: return c.value - 0x61 + 10
        default: return nil
        }
    }

    // MARK: Integers and numbers

    /// The largest magnitude of an index or slice bound: 2^53 − 1 (I-JSON's exact integers).
    static let maxInteger = 9_007_199_254_740_991

    /// `int = "0" / (["-"] DIGIT1 *DIGIT)`, within ±(2^53 − 1).
    mutating func parseInteger(what: String) throws(JSONPathError) -> Int {
        let start = position
        let negative = consume("-")
        guard Parser.isDigit(current) else {
            throw error("expected digits in \(what), found \(currentDescription)")
        }
        if current == "0" {
            if Parser.isDigit(peek()) {
                throw error("\(what) must not have leading zeros", at: start)
            }
            if negative { throw error("\(what) must not be -0", at: start) }
            position += 1
            return 0
        }
        var magnitude = 0
        var tooLarge = false
        while let c = current, Parser.isDigit(c) {
            if !tooLarge {
                magnitude = magnitude * 10 + Int(c.value - 0x30)
                if magnitude > Parser.maxInteger { tooLarge = true }
            }
            position += 1
        }
        if tooLarge {
            throw error("\(what) is out of range (must be within ±(2^53 − 1))", at: start)
        }
        return negative ? -magnitude : magnitude
    }

    /// `number = (int / "-0") [frac] [exp]`, as a filter literal.
    mutating func parseNumber() throws(JSONPathError) -> JSONNumber {
        let start = position
        _ = consume("-")
        guard Parser.isDigit(current) else {
            throw error("expected a digit after \"-\", found \(currentDescription)")
        }
        if current == "0" {
            position += 1
            if Parser.isDigit(current) { throw error("numbers must not have leading zeros", at: start) }
        } else {
            while Parser.isDigit(current) { position += 1 }
        }
        if at(".") {
            position += 1
            guard Parser.isDigit(current) else {
                throw error("expected digits after the decimal point, found \(currentDescription)")
            }
            while Parser.isDigit(current) { position += 1 }
        }
        if at("e") || at("E") {
            position += 1
            if at("+") || at("-") { position += 1 }
            guard Parser.isDigit(current) else {
                throw error("expected digits in the exponent, found \(currentDescription)")
            }
            while Parser.isDigit(current) { position += 1 }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<position])
        guard let number = JSONNumber(literal: String(view)) else {
            throw error("number literal is out of range", at: start)
        }
        return number
    }
}

extension String {
    /// The string padded on the left with zeros to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
