import LinearRegex

/// A compiled ECMA-262 regular expression, as used by JSON Schema's `pattern`, `patternProperties`
/// and `format: "regex"`.
///
/// The pattern is parsed with ECMA-262 Unicode-mode (`u` flag) syntax and semantics: `\d`, `\w`, `\b`
/// are ASCII-only, `\s` is ECMA's WhiteSpace + LineTerminator set, `.` excludes line terminators,
/// `^` / `$` anchor at the very start / end of the input, and escapes such as `\cX`, `\u{1F600}` and
/// surrogate pairs `\uD83D\uDE00` denote code points. Matching is an unanchored search, as JSON Schema
/// requires.
///
/// Engines, fastest first:
/// - literal patterns (optionally anchored with `^` / `$`) are byte comparisons;
/// - a sequence of quantified single-character atoms on ASCII input runs a small budgeted matcher;
/// - every other pattern without back-references, lookaround, the `i` modifier or a Script property
///   runs on ``LinearMatcher`` (time linear in the input, no stack growth);
/// - the rest (and patterns whose expansion exceeds ``instructionLimit``) are translated to ICU and run
///   by `NSRegularExpression` with a step budget. A search it abandons is reported as
///   ``SearchResult/gaveUp(_:)``, never as "no match".
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

    /// The answer of ``search(_:)``.
    public enum SearchResult: Sendable, Hashable {
        /// The string contains a match.
        case match
        /// The string contains no match.
        case noMatch
        /// The engine stopped before it could tell; nothing is known about a match.
        case gaveUp(GaveUp)
    }

    /// Why a search was abandoned (see ``SearchResult/gaveUp(_:)``).
    public struct GaveUp: Error, Sendable, Hashable, CustomStringConvertible {
        /// What ran out.
        public enum Reason: Sendable, Hashable {
            /// The step budget: `steps` matcher steps were taken (for the backtracking engine, counted
            /// in units of 10,000 backtracking steps).
            case stepLimit(steps: Int)
            /// The backtracking engine hit its stack or memory limit.
            case engineLimit
        }

        /// What ran out.
        public let reason: Reason

        /// Creates a value.
        public init(reason: Reason) { self.reason = reason }

        /// `the regex engine gave up after 5000000 steps`, or the stack-limit equivalent.
        public var description: String {
            switch reason {
            case .stepLimit(let steps): return "the regex engine gave up after \(steps) steps"
            case .engineLimit: return "the regex engine gave up: it hit its backtracking stack limit"
            }
        }
    }

    /// The most NFA instructions a pattern may expand to and still run on ``LinearMatcher``
    /// (larger ones, such as `.{0,100000}`, use the backtracking engine, which counts natively).
    public static let instructionLimit = 10_000

    /// Steps the linear engine may take on one string: a fixed allowance plus an amount per UTF-8
    /// byte (so the limit only bites for very large programs with many live states).
    static func linearBudget(byteCount: Int) -> Int { 50_000_000 + 128 * byteCount }

    /// Which engines may be used (tests compare them on the same pattern).
    enum EngineChoice {
        /// Fast paths, then the linear engine, then the backtracking engine.
        case automatic
        /// The linear engine only (fails to compile when the pattern needs backtracking).
        case linearOnly
        /// The backtracking engine only.
        case backtrackingOnly
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
        try self.init(pattern, lenient: lenient, engine: .automatic)
    }

    init(_ pattern: String, lenient: Bool, engine: EngineChoice) throws(SyntaxError) {
        self.pattern = pattern
        self.isLenient = lenient
        var translator = ECMARegexTranslator(pattern, lenient: lenient)
        let result = try translator.translate()
        self.storage = try Storage(result, pattern: pattern, choice: engine)
    }

    /// Searches `string` for a match anywhere (unanchored, as JSON Schema's `pattern` requires).
    ///
    /// - Returns: ``SearchResult/match`` or ``SearchResult/noMatch``; ``SearchResult/gaveUp(_:)``
    ///   when the backtracking engine (or, for an extreme program and input, the linear one) ran out
    ///   of its step or stack budget, in which case nothing is known.
    @inline(__always)
    public func search(_ string: String) -> SearchResult {
        switch storage.matcher {
        case .always:
            return .match
        case .contains(let needle):
            return Self.verdict(Self.utf8(string) { haystack in Self.contains(haystack, needle) })
        case .prefix(let needle):
            return Self.verdict(Self.utf8(string) { $0.count >= needle.count && Self.equal($0, 0, needle) })
        case .suffix(let needle):
            return Self.verdict(
                Self.utf8(string) { $0.count >= needle.count && Self.equal($0, $0.count - needle.count, needle) })
        case .equals(let needle):
            return Self.verdict(Self.utf8(string) { $0.count == needle.count && Self.equal($0, 0, needle) })
        case .ascii(let program, let engine):
            let fast: Bool? = Self.utf8(string) { bytes in
                var isASCII = true
                for byte in bytes where byte >= 0x80 {
                    isASCII = false
                    break
                }
                return isASCII ? program.matches(bytes) : nil
            }
            if let fast { return Self.verdict(fast) }
            return engine.search(string)
        case .engine(let engine):
            return engine.search(string)
        }
    }

    /// Whether `string` contains a match anywhere (unanchored search).
    ///
    /// - Throws: ``GaveUp`` when the engine could not decide (see ``search(_:)``).
    public func matches(_ string: String) throws(GaveUp) -> Bool {
        switch search(string) {
        case .match: return true
        case .noMatch: return false
        case .gaveUp(let reason): throw reason
        }
    }

    @inline(__always)
    private static func verdict(_ matched: Bool) -> SearchResult { matched ? .match : .noMatch }

    /// Whether `pattern` is a valid ECMA-262 regular expression (strict Unicode mode) that compiles.
    static func isValidSyntax(_ pattern: String) -> Bool {
        (try? ECMARegex(pattern)) != nil
    }

    /// The ICU pattern the expression was translated to (for diagnostics and tests).
    var icuPattern: String { storage.icuPattern }

    /// Whether searches run on the linear engine (after any fast path), not the backtracking one:
    /// false for back-references, lookaround, the `(?i:…)` modifier, Script properties and
    /// programs over ``instructionLimit``, whose searches have a step budget and may give up.
    public var usesLinearEngine: Bool {
        switch storage.matcher {
        case .always, .contains, .prefix, .suffix, .equals: return true
        case .ascii(_, let engine), .engine(let engine):
            if case .linear = engine { return true }
            return false
        }
    }

    /// Whether `lhs` and `rhs` are equal, by the equality described on the type.
    public static func == (lhs: ECMARegex, rhs: ECMARegex) -> Bool {
        lhs.pattern == rhs.pattern && lhs.isLenient == rhs.isLenient
    }

    /// Hashes the parts that equality compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(pattern)
        hasher.combine(isLenient)
    }

    // MARK: - Storage

    /// The engine behind the fast paths.
    enum Engine: Sendable {
        case linear(LinearMatcher)
        case backtracking(BacktrackingRegex)

        func search(_ string: String) -> SearchResult {
            switch self {
            case .linear(let matcher):
                let budget = ECMARegex.linearBudget(byteCount: string.utf8.count)
                switch matcher.search(string, budget: budget) {
                case .match: return .match
                case .noMatch: return .noMatch
                case .budgetExhausted(let steps): return .gaveUp(GaveUp(reason: .stepLimit(steps: steps)))
                }
            case .backtracking(let regex):
                return regex.search(string)
            }
        }
    }

    /// Holds the compiled matcher (immutable after `init`).
    private final class Storage: Sendable {
        enum Matcher: Sendable {
            case always
            case contains([UInt8])
            case prefix([UInt8])
            case suffix([UInt8])
            case equals([UInt8])
            case engine(Engine)
            /// ASCII fast path, with the engine for non-ASCII input or an exhausted step budget.
            case ascii(RegexASCIIProgram, Engine)
        }

        let matcher: Matcher
        let icuPattern: String

        init(_ result: ECMARegexTranslator.Result, pattern: String, choice: EngineChoice) throws(SyntaxError) {
            icuPattern = result.icuPattern
            if choice == .automatic, let literal = result.literal {
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
            let engine: Engine
            if choice != .backtrackingOnly, let node = result.node,
                let linear = try? LinearMatcher(node, instructionLimit: ECMARegex.instructionLimit)
            {
                engine = .linear(linear)
            } else if choice == .linearOnly {
                throw SyntaxError(pattern: pattern, offset: 0, message: "not supported by the linear engine")
            } else {
                do {
                    engine = .backtracking(try BacktrackingRegex(icuPattern: result.icuPattern))
                } catch {
                    throw SyntaxError(
                        pattern: pattern, offset: 0,
                        message: "not supported by the regular expression engine (ICU pattern \(result.icuPattern))")
                }
            }
            if choice == .automatic, let program = result.asciiProgram {
                matcher = .ascii(program, engine)
            } else {
                matcher = .engine(engine)
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
