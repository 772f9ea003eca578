import Foundation

/// I-Regexp (RFC 9485): validation and translation to the ICU syntax of `NSRegularExpression`.
///
/// The translation follows RFC 9485 §5: every literal character is emitted as `\x{…}` (so ICU
/// metacharacters such as `^`, `$`, `#` and ICU's nested set syntax can never leak through), `.`
/// becomes `[^\n\r]`, groups become non-capturing, and `match` is anchored with `\A(?:…)\z`.
/// Unescaped `^` and `$` outside character classes are start/end-of-string assertions, as they
/// are in the RFC 9485 §5 mappings to ECMAScript and PCRE and in the JSONPath Compliance Test
/// Suite (`functions, match, explicit caret`), although the §3 ABNF lists them as ordinary
/// characters; to match them literally write `\^` or `[$]` (`\$` is not an I-Regexp escape).
/// A pattern outside the I-Regexp grammar (e.g. `\d`, `a{2,1}`, lazy quantifiers, back-references)
/// is reported as invalid, which makes `match`/`search` return false as RFC 9535 §2.4.6 requires.
enum IRegexp {
    /// Translates and compiles `pattern`.
    /// - Parameters:
    ///   - pattern: An I-Regexp.
    ///   - anchored: Whether the regex must match the whole subject (`match`) or any substring (`search`).
    /// - Returns: The compiled regex, or `nil` when `pattern` is not a valid I-Regexp.
    static func compile(_ pattern: String, anchored: Bool) -> NSRegularExpression? {
        guard let translated = translate(pattern) else { return nil }
        let full = anchored ? "\\A(?:" + translated + ")\\z" : translated
        return try? NSRegularExpression(pattern: full, options: [])
    }

    /// Whether `regex` finds a match in `subject` (anchoring is part of the regex).
    static func matches(_ regex: NSRegularExpression, _ subject: String) -> Bool {
        regex.firstMatch(in: subject, options: [], range: NSRange(location: 0, length: subject.utf16.count)) != nil
    }

    /// The ICU form of an I-Regexp, or `nil` if the pattern is not a valid I-Regexp.
    static func translate(_ pattern: String) -> String? {
        var translator = Translator(Array(pattern.unicodeScalars))
        guard let out = translator.regexp(), translator.atEnd else { return nil }
        return out
    }

    private struct Translator {
        let scalars: [Unicode.Scalar]
        var position = 0
        var depth = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { position >= scalars.count }
        var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        /// `i-regexp = branch *( "|" branch )`.
        mutating func regexp() -> String? {
            depth += 1
            defer { depth -= 1 }
            guard depth < 200 else { return nil }
            guard var out = branch() else { return nil }
            while current == "|" {
                position += 1
                guard let next = branch() else { return nil }
                out += "|" + next
            }
            return out
        }

        /// `branch = *piece`.
        mutating func branch() -> String? {
            var out = ""
            while let c = current, c != "|", c != ")" {
                if c == "^" || c == "$" {
                    // Assertions, as in the RFC 9485 §5 mappings (and the compliance suite); they
                    // cannot be quantified.
                    position += 1
                    out += c == "^" ? "\\A" : "\\z"
                    guard quantifier() == nil else { return nil }
                    continue
                }
                guard let atom = atom() else { return nil }
                out += atom
                if let q = quantifier() {
                    guard !q.isEmpty else { return nil }
                    out += q
                }
            }
            return out
        }

        /// `quantifier`; `nil` when absent, `""` when malformed.
        mutating func quantifier() -> String? {
            guard let c = current else { return nil }
            switch c {
            case "*", "+", "?":
                position += 1
                return String(Character(c))
            case "{":
                position += 1
                guard let low = digits() else { return "" }
                if current == "}" {
                    position += 1
                    return "{\(low)}"
                }
                guard current == "," else { return "" }
                position += 1
                if current == "}" {
                    position += 1
                    return "{\(low),}"
                }
                guard let high = digits(), current == "}", low <= high else { return "" }
                position += 1
                return "{\(low),\(high)}"
            default:
                return nil
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
        mutating func atom() -> String? {
            guard let c = current else { return nil }
            switch c {
            case "(":
                position += 1
                guard let inner = regexp(), current == ")" else { return nil }
                position += 1
                return "(?:" + inner + ")"
            case ".":
                position += 1
                return "[^\\n\\r]"
            case "[":
                return charClassExpression()
            case "\\":
                return escape(inClass: false)
            default:
                guard Translator.isNormalChar(c) else { return nil }
                position += 1
                return Translator.literal(c)
            }
        }

        /// `NormalChar`: everything except `( ) * + . ? [ \ ] { | }` (and surrogates).
        static func isNormalChar(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "(", ")", "*", "+", ".", "?", "[", "\\", "]", "{", "|", "}": return false
            default: return true
            }
        }

        /// A literal character in ICU syntax, safe inside and outside classes.
        static func literal(_ c: Unicode.Scalar) -> String {
            let v = c.value
            if (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) {
                return String(Character(c))
            }
            return "\\x{" + String(v, radix: 16) + "}"
        }

        /// `SingleCharEsc`, `catEsc` or `complEsc`; the current scalar is the backslash.
        /// Returns the ICU text; for single-character escapes inside classes, use ``classChar()``.
        mutating func escape(inClass: Bool) -> String? {
            position += 1
            guard let c = current else { return nil }
            position += 1
            switch c {
            case "p", "P":
                guard let property = categoryProperty() else { return nil }
                return "\\" + String(Character(c)) + "{" + property + "}"
            default:
                guard let scalar = Translator.singleCharEscape(c) else { return nil }
                return Translator.literal(scalar)
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
        mutating func categoryProperty() -> String? {
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
            return name
        }

        /// `charClassExpr = "[" ["^"] ("-" / CCE1) *CCE1 ["-"] "]"`.
        mutating func charClassExpression() -> String? {
            position += 1
            var out = "["
            if current == "^" {
                position += 1
                out += "^"
            }
            var first = true
            while true {
                guard let c = current else { return nil }
                if c == "]" {
                    guard !first else { return nil }
                    position += 1
                    return out + "]"
                }
                if c == "-" {
                    // Allowed only first or last.
                    let next = position + 1 < scalars.count ? scalars[position + 1] : nil
                    guard first || next == "]" else { return nil }
                    position += 1
                    out += Translator.literal("-")
                    first = false
                    continue
                }
                first = false
                if c == "\\", let next = position + 1 < scalars.count ? scalars[position + 1] : nil, next == "p" || next == "P" {
                    guard let esc = escape(inClass: true) else { return nil }
                    out += esc
                    continue
                }
                guard let low = classChar() else { return nil }
                if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                    position += 1
                    guard let high = classChar(), low.value <= high.value else { return nil }
                    out += Translator.literal(low) + "-" + Translator.literal(high)
                } else {
                    out += Translator.literal(low)
                }
            }
        }

        /// `CCchar`: a plain class character or a `SingleCharEsc`.
        mutating func classChar() -> Unicode.Scalar? {
            guard let c = current else { return nil }
            switch c {
            case "\\":
                guard position + 1 < scalars.count,
                      let scalar = Translator.singleCharEscape(scalars[position + 1]) else { return nil }
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
