// Escapes of ``ECMARegexTranslator`` (split out to keep files small): class escapes (`\d`, `\w`, `\s`,
// `\p{…}` and their complements) as ICU text, ASCII masks and scalar sets, and character escapes
// (`\n`, `\cX`, `\xHH`, `\uXXXX`, `\u{…}`, surrogate pairs) as code points.

import LinearRegex

extension ECMARegexTranslator {
    /// A character class escape (`\d`, `\p{…}`, …) in both standalone and in-class forms.
    struct ClassEscape {
        var standalone: String
        var inClass: String
        /// The ASCII members, if known (nil for `\p{…}`).
        var ascii: RegexASCIISet?
        /// The members for the linear matcher; nil for a property it cannot evaluate.
        var set: ScalarSet?
    }

    static let whitespaceSet =
        "\\t\\n\\x{B}\\f\\r\\x{20}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}"

    mutating func parseClassEscape() throws(ECMARegex.SyntaxError) -> ClassEscape {
        let start = position - 1
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case "d": return ClassEscape(standalone: "[0-9]", inClass: "0-9", ascii: .digits, set: Self.digitSet)
        case "D":
            return ClassEscape(
                standalone: "[^0-9]", inClass: "[^0-9]", ascii: RegexASCIISet.digits.inverted,
                set: Self.digitSet.complemented())
        case "w": return ClassEscape(standalone: "[A-Za-z0-9_]", inClass: "A-Za-z0-9_", ascii: .word, set: Self.wordSet)
        case "W":
            return ClassEscape(
                standalone: "[^A-Za-z0-9_]", inClass: "[^A-Za-z0-9_]", ascii: RegexASCIISet.word.inverted,
                set: Self.wordSet.complemented())
        case "s":
            return ClassEscape(
                standalone: "[\(Self.whitespaceSet)]", inClass: Self.whitespaceSet, ascii: .space, set: Self.spaceSet)
        case "S":
            return ClassEscape(
                standalone: "[^\(Self.whitespaceSet)]", inClass: "[^\(Self.whitespaceSet)]",
                ascii: RegexASCIISet.space.inverted, set: Self.spaceSet.complemented())
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
            let set = ScalarProperty(ecmaName: name).map { ScalarSet($0, negated: scalar == "P") }
            return ClassEscape(standalone: text, inClass: text, ascii: nil, set: set)
        }
    }

    static let digitSet = ScalarSet(0x30...0x39)

    static let wordSet: ScalarSet = {
        var set = ScalarSet(0x30...0x39)
        set.insert(0x41...0x5A)
        set.insert(0x5F...0x5F)
        set.insert(0x61...0x7A)
        return set
    }()

    /// ECMA-262 WhiteSpace + LineTerminator (the members of ``whitespaceSet``).
    static let spaceSet: ScalarSet = {
        var set = ScalarSet(0x09...0x0D)
        let others: [ClosedRange<UInt32>] = [
            0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029, 0x202F...0x202F,
            0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
        ]
        for range in others { set.insert(range) }
        return set
    }()

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
