import LinearRegex

/// I-Regexp (RFC 9485): validation and compilation for the linear-time matcher (``LinearMatcher``).
///
/// I-Regexp has no back-references or lookaround, so every valid pattern runs in time linear in the
/// subject, whatever its length: `match` and `search` never give up and never backtrack. `.` is
/// any character but `\n` and `\r`; `\p{…}` / `\P{…}` are General_Category tests; `match` is
/// anchored at both ends. Unescaped `^` and `$` outside character classes are start/end-of-string
/// assertions, as they are in the RFC 9485 §5 mappings to ECMAScript and PCRE and in the JSONPath
/// Compliance Test Suite (`functions, match, explicit caret`), although the §3 ABNF lists them as
/// ordinary characters; to match them literally write `\^` or `[$]` (`\$` is not an I-Regexp escape).
/// A pattern outside the I-Regexp grammar (e.g. `\d`, `a{2,1}`, lazy quantifiers, back-references)
/// is reported as invalid, which makes `match`/`search` return false as RFC 9535 §2.4.6 requires.
enum IRegexp {
    /// The result of compiling a pattern.
    enum Compiled: Sendable {
        /// A valid I-Regexp, ready to run.
        case matcher(LinearMatcher)
        /// Not an I-Regexp (the function yields false).
        case invalid
        /// A valid I-Regexp whose counted repetitions expand beyond the matcher's size limit.
        case tooLarge(LinearMatcher.ProgramTooLarge)
    }

    /// The most NFA instructions an I-Regexp may expand to (`x{n,m}` costs about `m` times `x`);
    /// with it, the worst case is 10,000 NFA states visited per subject character.
    static let instructionLimit = LinearMatcher.defaultInstructionLimit

    /// Parses and compiles `pattern`.
    /// - Parameters:
    ///   - pattern: An I-Regexp.
    ///   - anchored: Whether the regex must match the whole subject (`match`) or any substring (`search`).
    static func compile(_ pattern: String, anchored: Bool) -> Compiled {
        guard var node = parse(pattern) else { return .invalid }
        if anchored { node = .sequence([.assertion(.inputStart), node, .assertion(.inputEnd)]) }
        do {
            return .matcher(try LinearMatcher(node, instructionLimit: instructionLimit))
        } catch {
            return .tooLarge(error)
        }
    }

    /// Whether `subject` matches (anchoring is part of the compiled program).
    static func matches(_ matcher: LinearMatcher, _ subject: String) -> Bool {
        // No budget: the program size is bounded, so the search is linear in the subject.
        matcher.search(subject) == .match
    }

    /// The expression tree of an I-Regexp, or `nil` if the pattern is not a valid I-Regexp.
    static func parse(_ pattern: String) -> RegexNode? {
        var parser = Parser(Array(pattern.unicodeScalars))
        guard let node = parser.regexp(), parser.atEnd else { return nil }
        return node
    }

    private enum Quantifier {
        case none
        case malformed
        case range(Int, Int?)
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0
        var depth = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { position >= scalars.count }
        var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        /// `i-regexp = branch *( "|" branch )`.
        mutating func regexp() -> RegexNode? {
            depth += 1
            defer { depth -= 1 }
            guard depth < 200 else { return nil }
            guard let first = branch() else { return nil }
            var alternatives = [first]
            while current == "|" {
                position += 1
                guard let next = branch() else { return nil }
                alternatives.append(next)
            }
            return alternatives.count == 1 ? first : .alternation(alternatives)
        }

        /// `branch = *piece`.
        mutating func branch() -> RegexNode? {
            var items: [RegexNode] = []
            while let c = current, c != "|", c != ")" {
                if c == "^" || c == "$" {
                    // Assertions, as in the RFC 9485 §5 mappings (and the compliance suite); they
                    // cannot be quantified.
                    position += 1
                    items.append(.assertion(c == "^" ? .inputStart : .inputEnd))
                    guard case .none = quantifier() else { return nil }
                    continue
                }
                guard let atom = atom() else { return nil }
                switch quantifier() {
                case .none: items.append(atom)
                case .malformed: return nil
                case .range(let low, let high): items.append(.repetition(atom, minimum: low, maximum: high))
                }
            }
            return items.count == 1 ? items[0] : .sequence(items)
        }

        /// `quantifier = ( "*" / "+" / "?" ) / range-quantifier`.
        mutating func quantifier() -> Quantifier {
            guard let c = current else { return .none }
            switch c {
            case "*", "+", "?":
                position += 1
                return c == "*" ? .range(0, nil) : c == "+" ? .range(1, nil) : .range(0, 1)
            case "{":
                position += 1
                guard let low = digits() else { return .malformed }
                if current == "}" {
                    position += 1
                    return .range(low, low)
                }
                guard current == "," else { return .malformed }
                position += 1
                if current == "}" {
                    position += 1
                    return .range(low, nil)
                }
                guard let high = digits(), current == "}", low <= high else { return .malformed }
                position += 1
                return .range(low, high)
            default:
                return .none
            }
        }

        /// `QuantExact = 1*DIGIT`.
        mutating func digits() -> Int? {
            var value = 0
            var count = 0
            while let c = current, c.value >= 0x30, c.value <= 0x39 {
                value = min(value * 10 + Int(c.value - 0x30), 1_000_000)
                count += 1
                position += 1
            }
            return count > 0 ? value : nil
        }

        /// `atom = NormalChar / charClass / "(" i-regexp ")"`.
        mutating func atom() -> RegexNode? {
            guard let c = current else { return nil }
            switch c {
            case "(":
                position += 1
                guard let inner = regexp(), current == ")" else { return nil }
                position += 1
                return inner
            case ".":
                position += 1
                return .scalars(Parser.dot)
            case "[":
                return charClassExpression().map { .scalars($0) }
            case "\\":
                return escape().map { .scalars($0) }
            default:
                guard Parser.isNormalChar(c) else { return nil }
                position += 1
                return .scalars(ScalarSet(c))
            }
        }

        /// `.`: any character but `\n` and `\r`.
        static let dot: ScalarSet = {
            var terminators = ScalarSet(0x0A...0x0A)
            terminators.insert(0x0D...0x0D)
            return terminators.complemented()
        }()

        /// `NormalChar`: everything except `( ) * + . ? [ \ ] { | }` (and surrogates).
        static func isNormalChar(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "(", ")", "*", "+", ".", "?", "[", "\\", "]", "{", "|", "}": return false
            default: return true
            }
        }

        /// `SingleCharEsc`, `catEsc` or `complEsc`; the current scalar is the backslash.
        mutating func escape() -> ScalarSet? {
            position += 1
            guard let c = current else { return nil }
            position += 1
            switch c {
            case "p", "P":
                guard let property = categoryProperty() else { return nil }
                return ScalarSet(property, negated: c == "P")
            default:
                return Parser.singleCharEscape(c).map { ScalarSet($0) }
            }
        }

        /// The character a `SingleCharEsc` stands for.
        static func singleCharEscape(_ c: Unicode.Scalar) -> Unicode.Scalar? {
            switch c {
            case "n": return "\n"
            case "r": return "\r"
            case "t": return "\t"
            case "(", ")", "*", "+", "-", ".", "?", "[", "\\", "]", "^", "{", "|", "}": return c
            default: return nil
            }
        }

        /// `"{" IsCategory "}"` after `\p` / `\P`.
        mutating func categoryProperty() -> ScalarProperty? {
            guard current == "{" else { return nil }
            position += 1
            guard let major = current else { return nil }
            position += 1
            let minors: String
            switch major {
            case "L": minors = "lmotu"
            case "M": minors = "cen"
            case "N": minors = "dlo"
            case "P": minors = "cdefios"
            case "Z": minors = "lps"
            case "S": minors = "ckmo"
            case "C": minors = "cfno"
            default: return nil
            }
            var name = String(Character(major))
            if let minor = current, minor != "}" {
                guard minors.unicodeScalars.contains(minor) else { return nil }
                name.unicodeScalars.append(minor)
                position += 1
            }
            guard current == "}" else { return nil }
            position += 1
            return ScalarProperty(generalCategory: name)
        }

        /// `charClassExpr = "[" ["^"] ("-" / CCE1) *CCE1 ["-"] "]"`.
        mutating func charClassExpression() -> ScalarSet? {
            position += 1
            var negated = false
            if current == "^" {
                position += 1
                negated = true
            }
            var members = ScalarSet()
            var first = true
            while true {
                guard let c = current else { return nil }
                if c == "]" {
                    guard !first else { return nil }
                    position += 1
                    return negated ? members.complemented() : members
                }
                if c == "-" {
                    // Allowed only first or last.
                    let next = position + 1 < scalars.count ? scalars[position + 1] : nil
                    guard first || next == "]" else { return nil }
                    position += 1
                    members.insert(0x2D...0x2D)
                    first = false
                    continue
                }
                first = false
                if c == "\\", let next = position + 1 < scalars.count ? scalars[position + 1] : nil, next == "p" || next == "P" {
                    guard let set = escape() else { return nil }
                    members.formUnion(set)
                    continue
                }
                guard let low = classChar() else { return nil }
                if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                    position += 1
                    guard let high = classChar(), low.value <= high.value else { return nil }
                    members.insert(low.value...high.value)
                } else {
                    members.insert(low.value...low.value)
                }
            }
        }

        /// `CCchar`: a plain class character or a `SingleCharEsc`.
        mutating func classChar() -> Unicode.Scalar? {
            guard let c = current else { return nil }
            switch c {
            case "\\":
                guard position + 1 < scalars.count,
                    let scalar = Parser.singleCharEscape(scalars[position + 1])
                else { return nil }
                position += 2
                return scalar
            case "-", "[", "]":
                return nil
            default:
                position += 1
                return c
            }
        }
    }
}
