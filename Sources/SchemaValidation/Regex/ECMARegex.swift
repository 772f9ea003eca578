import Foundation

/// A compiled ECMA-262 regular expression, as used by JSON Schema's `pattern`, `patternProperties`
/// and `format: "regex"`.
///
/// The pattern is parsed with ECMA-262 Unicode-mode (`u` flag) syntax and semantics: `\d`, `\w`, `\b`
/// are ASCII-only, `\s` is ECMA's WhiteSpace + LineTerminator set, `.` excludes line terminators,
/// `^` / `$` anchor at the very start / end of the input, and escapes such as `\cX`, `\u{1F600}` and
/// surrogate pairs `\uD83D\uDE00` denote code points. Matching is an unanchored search, as JSON Schema
/// requires. Internally the pattern is translated to ICU syntax and run by `NSRegularExpression`;
/// literal patterns (optionally anchored with `^` / `$`) skip the regex engine entirely.
///
/// Two values are equal when their patterns (and leniency) are equal.
public struct ECMARegex: Sendable, Hashable {
    /// The pattern exactly as written.
    public let pattern: String

    /// Whether Annex B-style leniency was requested (see ``init(_:lenient:)``).
    public let isLenient: Bool

    private let storage: Storage

    /// A pattern that is not a valid ECMA-262 regular expression (or that the regex engine cannot run).
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The offending pattern.
        public let pattern: String
        /// Offset of the error in the pattern, in Unicode scalars.
        public let offset: Int
        /// What is wrong, e.g. `invalid escape '\a'`.
        public let message: String

        /// Creates an error for `pattern` at scalar `offset`.
        public init(pattern: String, offset: Int, message: String) {
            self.pattern = pattern
            self.offset = offset
            self.message = message
        }

        /// A readable message such as `invalid regular expression /\a/ at offset 0: invalid escape '\a'`.
        public var description: String {
            "invalid regular expression /\(pattern)/ at offset \(offset): \(message)"
        }
    }

    /// Compiles an ECMA-262 pattern using strict Unicode-mode syntax.
    ///
    /// - Throws: ``SyntaxError`` if ECMA-262 (with the `u` flag) rejects the pattern, e.g. `\a`,
    ///   `(?P<name>x)`, `(?i)abc`, a lone `{`, or a reference to an undefined group.
    public init(_ pattern: String) throws(SyntaxError) {
        try self.init(pattern, lenient: false)
    }

    /// Compiles an ECMA-262 pattern.
    ///
    /// - Parameter lenient: When true, additionally accepts what browsers accept without the `u` flag
    ///   and what real-world API descriptions commonly contain: identity escapes of ASCII punctuation
    ///   (`\-`, `\_`, `\#`, `\'`, …), lone `{`, `}`, `]` as literals, and class escapes as range ends
    ///   (treated literally, e.g. `[\w-.]`). Letters are still not identity-escapable (`\a` is an error).
    /// - Throws: ``SyntaxError`` for invalid patterns.
    public init(_ pattern: String, lenient: Bool) throws(SyntaxError) {
        self.pattern = pattern
        self.isLenient = lenient
        var translator = ECMARegexTranslator(pattern, lenient: lenient)
        let result = try translator.translate()
        self.storage = try Storage(result, pattern: pattern)
    }

    /// Whether `string` contains a match of the pattern anywhere (unanchored search).
    public func matches(_ string: String) -> Bool {
        switch storage.matcher {
        case .always:
            return true
        case .contains(let needle):
            return Self.utf8(string) { haystack in Self.contains(haystack, needle) }
        case .prefix(let needle):
            return Self.utf8(string) { $0.count >= needle.count && Self.equal($0, 0, needle) }
        case .suffix(let needle):
            return Self.utf8(string) { $0.count >= needle.count && Self.equal($0, $0.count - needle.count, needle) }
        case .equals(let needle):
            return Self.utf8(string) { $0.count == needle.count && Self.equal($0, 0, needle) }
        case .ascii(let program, let regex):
            let fast: Bool? = Self.utf8(string) { bytes in
                var isASCII = true
                for byte in bytes where byte >= 0x80 {
                    isASCII = false
                    break
                }
                return isASCII ? program.matches(bytes) : nil
            }
            if let fast { return fast }
            return Self.search(regex, string)
        case .regex(let regex):
            return Self.search(regex, string)
        }
    }

    private static func search(_ regex: NSRegularExpression, _ string: String) -> Bool {
        let range = NSRange(location: 0, length: string.utf16.count)
        return regex.rangeOfFirstMatch(in: string, options: [], range: range).location != NSNotFound
    }

    /// Whether `pattern` is a valid ECMA-262 regular expression (strict Unicode mode) that compiles.
    static func isValidSyntax(_ pattern: String) -> Bool {
        (try? ECMARegex(pattern)) != nil
    }

    /// The ICU pattern the expression was translated to (for diagnostics and tests).
    var icuPattern: String { storage.icuPattern }

    public static func == (lhs: ECMARegex, rhs: ECMARegex) -> Bool {
        lhs.pattern == rhs.pattern && lhs.isLenient == rhs.isLenient
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pattern)
        hasher.combine(isLenient)
    }

    // MARK: - Storage

    /// Holds the compiled matcher.
    ///
    /// `@unchecked Sendable`: all stored properties are immutable after `init`. `NSRegularExpression` is
    /// an immutable, thread-safe class (Apple documents it as safe to use from multiple threads), but
    /// swift-corelibs-foundation does not declare it `Sendable`.
    private final class Storage: @unchecked Sendable {
        enum Matcher {
            case always
            case contains([UInt8])
            case prefix([UInt8])
            case suffix([UInt8])
            case equals([UInt8])
            case regex(NSRegularExpression)
            /// ASCII fast path, with the regex for non-ASCII input or an exhausted step budget.
            case ascii(RegexASCIIProgram, NSRegularExpression)
        }

        let matcher: Matcher
        let icuPattern: String

        init(_ result: ECMARegexTranslator.Result, pattern: String) throws(SyntaxError) {
            icuPattern = result.icuPattern
            if let literal = result.literal {
                var text = String.UnicodeScalarView()
                text.append(contentsOf: literal)
                let bytes = Array(String(text).utf8)
                switch (result.anchoredStart, result.anchoredEnd) {
                case (false, false): matcher = bytes.isEmpty ? .always : .contains(bytes)
                case (true, false): matcher = bytes.isEmpty ? .always : .prefix(bytes)
                case (false, true): matcher = bytes.isEmpty ? .always : .suffix(bytes)
                case (true, true): matcher = .equals(bytes)
                }
                return
            }
            do {
                let regex = try NSRegularExpression(pattern: result.icuPattern, options: [])
                matcher = result.asciiProgram.map { .ascii($0, regex) } ?? .regex(regex)
            } catch {
                throw SyntaxError(
                    pattern: pattern, offset: 0,
                    message: "not supported by the regular expression engine (ICU pattern \(result.icuPattern))")
            }
        }
    }

    // MARK: - Byte helpers

    @inline(__always)
    private static func utf8<Result>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = string
        return copy.withUTF8(body)
    }

    @inline(__always)
    private static func equal(_ haystack: UnsafeBufferPointer<UInt8>, _ offset: Int, _ needle: [UInt8]) -> Bool {
        for index in 0..<needle.count where haystack[offset + index] != needle[index] { return false }
        return true
    }

    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first && equal(haystack, index, needle) { return true }
            index += 1
        }
        return false
    }
}
