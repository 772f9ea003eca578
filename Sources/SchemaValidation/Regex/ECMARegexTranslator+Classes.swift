// Character classes and output helpers of ``ECMARegexTranslator`` (split out to keep files small).
//
// In Unicode mode, ECMA-262 classes do not nest, `\d`-style escapes may not be range ends, ranges must be
// in order, and `[]` / `[^]` match nothing / any code point. Every member is emitted as ICU text that is
// safe inside a class (`\x{…}` or a backslash-escaped ASCII symbol), so ICU's `&&`, `--`, nested `[…]`
// and `$` syntax can never be triggered by accident. The same members are collected as a `ScalarSet`
// for the linear-time matcher.

import LinearRegex

extension ECMARegexTranslator {
    // MARK: - Character classes

    enum ClassAtom {
        case character(UInt32)
        case set(ClassEscape)
    }

    mutating func parseClass() throws(ECMARegex.SyntaxError) -> RegexNode {
        let start = position
        position += 1  // "["
        let negated = eat("^")
        var items = ""
        var isEmpty = true
        var asciiSet: RegexASCIISet? = RegexASCIISet()
        var members: ScalarSet? = ScalarSet()
        while true {
            guard let scalar = peek() else { throw error("unterminated character class", at: start) }
            if scalar == "]" {
                position += 1
                break
            }
            let atomStart = position
            let first = try parseClassAtom()
            if peek() == "-", let next = peek(1), next != "]" {
                position += 1
                let second = try parseClassAtom()
                guard case .character(let low) = first, case .character(let high) = second else {
                    if lenient {
                        items += classText(first) + "\\-" + classText(second)
                        addASCII(first, to: &asciiSet)
                        addASCII(.character(0x2D), to: &asciiSet)
                        addASCII(second, to: &asciiSet)
                        add(first, to: &members)
                        add(.character(0x2D), to: &members)
                        add(second, to: &members)
                        isEmpty = false
                        continue
                    }
                    throw error("invalid character class range", at: atomStart)
                }
                guard low <= high else { throw error("range out of order in character class", at: atomStart) }
                items += codePointText(low) + "-" + codePointText(high)
                asciiSet?.insert(low...high)
                members?.insert(low...high)
            } else {
                items += classText(first)
                addASCII(first, to: &asciiSet)
                add(first, to: &members)
            }
            isEmpty = false
        }
        nonLiteral(negated ? asciiSet?.inverted : asciiSet)
        if isEmpty {
            output += negated ? "[\\x{0}-\\x{10FFFF}]" : "(?!)"
        } else {
            output += "[" + (negated ? "^" : "") + items + "]"
        }
        guard let members else {
            needsBacktracking = true
            return .empty
        }
        return .scalars(negated ? members.complemented() : members)
    }

    private mutating func parseClassAtom() throws(ECMARegex.SyntaxError) -> ClassAtom {
        let scalar = scalars[position]
        guard scalar == "\\" else {
            position += 1
            return .character(scalar.value)
        }
        let start = position
        position += 1
        guard let next = peek() else { throw error("\\ at end of pattern", at: start) }
        switch next {
        case "d", "D", "w", "W", "s", "S", "p", "P":
            return .set(try parseClassEscape())
        case "b":
            position += 1
            return .character(0x08)
        default:
            return .character(try parseCharacterEscape(inClass: true, start: start))
        }
    }

    private func addASCII(_ atom: ClassAtom, to set: inout RegexASCIISet?) {
        switch atom {
        case .character(let value): set?.insert(value...value)
        case .set(let escape):
            if let ascii = escape.ascii { set?.formUnion(ascii) } else { set = nil }
        }
    }

    private func add(_ atom: ClassAtom, to set: inout ScalarSet?) {
        switch atom {
        case .character(let value): set?.insert(value...value)
        case .set(let escape):
            if let members = escape.set { set?.formUnion(members) } else { set = nil }
        }
    }

    private func classText(_ atom: ClassAtom) -> String {
        switch atom {
        case .character(let value): return codePointText(value)
        case .set(let escape): return escape.inClass
        }
    }

    // MARK: - Output

    /// A code point as ICU pattern text (safe both inside and outside classes).
    func codePointText(_ value: UInt32) -> String {
        if value < 0x80, let scalar = Unicode.Scalar(value) {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9": return String(Character(scalar))
            case "!"..."~": return "\\" + String(Character(scalar))
            default: break
            }
        }
        return "\\x{" + String(value, radix: 16, uppercase: true) + "}"
    }

    mutating func emitLiteral(_ scalar: Unicode.Scalar, inClass: Bool) {
        output += codePointText(scalar.value)
    }
}
