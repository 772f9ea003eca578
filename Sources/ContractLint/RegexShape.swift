/// Syntactic facts about an ECMA-262 pattern that `pattern-backtracking` reads.
enum RegexShape {
    /// Whether a repeated group contains a repeated atom: `(a+)+`, `(\w*,?)*`, `(?:x{2,}y)+`,
    /// `((ab)*c)*`. On such shapes a backtracking engine may try exponentially many ways to split
    /// a string that does not match. `?` and `{n}`/`{0,1}` do not repeat; a repetition is `*`,
    /// `+`, `{n,}` or `{n,m}` with `m` at least 2 (lazy forms included).
    static func nestsQuantifiers(_ pattern: String) -> Bool {
        let s = Array(pattern.unicodeScalars)
        var groups: [Bool] = []  // per open group: whether it contains a repetition
        var i = 0
        while i < s.count {
            switch s[i] {
            case "\\":
                i += 2
                i = afterRepetition(s, i, groups: &groups)
                continue
            case "[":
                i = afterClass(s, i + 1)
                i = afterRepetition(s, i, groups: &groups)
                continue
            case "(":
                groups.append(false)
                i = afterGroupPrefix(s, i + 1)
                continue
            case ")":
                let inner = groups.popLast() ?? false
                let (repeats, next) = repetition(s, i + 1)
                if inner && repeats { return true }
                if inner || repeats, !groups.isEmpty { groups[groups.count - 1] = true }
                i = next
                continue
            default:
                i = afterRepetition(s, i + 1, groups: &groups)
            }
        }
        return false
    }

    /// Why a pattern needs the backtracking engine, for the message.
    static func backtrackingReason(_ pattern: String) -> String {
        if pattern.contains("(?=") || pattern.contains("(?!") || pattern.contains("(?<=") || pattern.contains("(?<!") {
            return "uses lookaround"
        }
        let s = Array(pattern.unicodeScalars)
        for i in s.indices.dropLast() where s[i] == "\\" && ((s[i + 1].value >= 0x31 && s[i + 1].value <= 0x39) || s[i + 1] == "k") {
            return "uses a back-reference"
        }
        if pattern.contains("(?i") || pattern.contains("(?-i") { return "uses the (?i:…) modifier" }
        return "is too large for the linear-time engine"
    }

    /// After the quantifier (if any) that follows an atom ending before `i`, marking the
    /// enclosing group when it repeats.
    private static func afterRepetition(_ s: [Unicode.Scalar], _ i: Int, groups: inout [Bool]) -> Int {
        let (repeats, next) = repetition(s, i)
        if repeats, !groups.isEmpty { groups[groups.count - 1] = true }
        return next
    }

    /// Whether a repeating quantifier starts at `i`, and the index after the quantifier (and its
    /// lazy `?`).
    private static func repetition(_ s: [Unicode.Scalar], _ i: Int) -> (Bool, Int) {
        guard i < s.count else { return (false, i) }
        var repeats = false
        var next = i
        switch s[i] {
        case "*", "+":
            repeats = true
            next = i + 1
        case "?":
            next = i + 1
        case "{":
            guard let (minimum, maximum, end) = braces(s, i) else { return (false, i) }
            repeats = maximum.map { $0 >= 2 } ?? true
            _ = minimum
            next = end
        default:
            return (false, i)
        }
        if next < s.count, s[next] == "?" { next += 1 }
        return (repeats, next)
    }

    /// `{n}`, `{n,}` or `{n,m}` at `i`: its bounds and the index after `}`; `nil` when the brace
    /// is a literal.
    private static func braces(_ s: [Unicode.Scalar], _ i: Int) -> (Int, Int?, Int)? {
        var j = i + 1
        func number() -> Int? {
            var value: Int?
            while j < s.count, let digit = Int(String(s[j])), s[j].isASCII {
                value = min((value ?? 0) * 10 + digit, 1_000_000)
                j += 1
            }
            return value
        }
        guard let minimum = number() else { return nil }
        guard j < s.count else { return nil }
        if s[j] == "}" { return (minimum, minimum, j + 1) }
        guard s[j] == "," else { return nil }
        j += 1
        let maximum = number()
        guard j < s.count, s[j] == "}" else { return nil }
        return (minimum, maximum, j + 1)
    }

    /// The index after the `]` that closes a class opened before `i`.
    private static func afterClass(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        var j = i
        while j < s.count {
            if s[j] == "\\" {
                j += 2
                continue
            }
            if s[j] == "]" { return j + 1 }
            j += 1
        }
        return j
    }

    /// The index after a group's `?:`, `?=`, `?!`, `?<=`, `?<!`, `?<name>` or `?i:` prefix.
    private static func afterGroupPrefix(_ s: [Unicode.Scalar], _ i: Int) -> Int {
        guard i < s.count, s[i] == "?" else { return i }
        var j = i + 1
        guard j < s.count else { return j }
        switch s[j] {
        case ":", "=", "!": return j + 1
        case "<":
            j += 1
            if j < s.count, s[j] == "=" || s[j] == "!" { return j + 1 }
            while j < s.count, s[j] != ">" { j += 1 }
            return j + 1
        default:
            while j < s.count, s[j] != ":" && s[j] != ")" { j += 1 }
            return j < s.count && s[j] == ":" ? j + 1 : j
        }
    }
}
