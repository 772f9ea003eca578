import SpecSource

/// The JSONPath subset overlays need today: `$`, `.name`, `['name']`/`["name"]`, `.*`/`[*]` and
/// `[index]`. Anything else is a located syntax error (full RFC 9535 is planned).
struct JSONPathSubset: Sendable {
    enum Selector: Sendable, Equatable {
        case name(String)
        case wildcard
        case index(Int)
    }

    let selectors: [Selector]
    let text: String

    /// Parses `text`.
    /// - Throws: a message and the 0-based character offset of the problem.
    init(_ text: String) throws(JSONPathSyntaxError) {
        self.text = text
        let chars = Array(text.unicodeScalars)
        var i = 0
        func fail(_ message: String) -> JSONPathSyntaxError { JSONPathSyntaxError(message: message, offset: i) }
        guard chars.first == "$" else { throw fail("a JSONPath must start with \"$\"") }
        i = 1
        var selectors: [Selector] = []
        while i < chars.count {
            let c = chars[i]
            if c == "." {
                i += 1
                guard i < chars.count else { throw fail("expected a member name after \".\"") }
                if chars[i] == "." { throw fail("descendant segments (\"..\") are not supported yet") }
                if chars[i] == "*" {
                    selectors.append(.wildcard)
                    i += 1
                    continue
                }
                let start = i
                while i < chars.count, chars[i] != ".", chars[i] != "[" { i += 1 }
                let name = String(String.UnicodeScalarView(chars[start..<i]))
                guard name.unicodeScalars.allSatisfy({ $0 == "_" || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0.value >= 0x80 }) else {
                    i = start
                    throw fail("invalid member name \"\(name)\"; quote it as ['\(name)']")
                }
                selectors.append(.name(name))
            } else if c == "[" {
                i += 1
                guard i < chars.count else { throw fail("unterminated \"[\"") }
                if chars[i] == "*" {
                    i += 1
                    selectors.append(.wildcard)
                } else if chars[i] == "'" || chars[i] == "\"" {
                    let quote = chars[i]
                    i += 1
                    var name = ""
                    while i < chars.count, chars[i] != quote {
                        if chars[i] == "\\", i + 1 < chars.count {
                            i += 1
                        }
                        name.unicodeScalars.append(chars[i])
                        i += 1
                    }
                    guard i < chars.count else { throw fail("unterminated string in brackets") }
                    i += 1
                    selectors.append(.name(name))
                } else if chars[i] == "-" || ("0"..."9").contains(chars[i]) {
                    let start = i
                    i += 1
                    while i < chars.count, ("0"..."9").contains(chars[i]) { i += 1 }
                    guard let n = Int(String(String.UnicodeScalarView(chars[start..<i]))) else { throw fail("invalid index") }
                    selectors.append(.index(n))
                } else {
                    throw fail("unsupported selector; this version supports names, indexes and *")
                }
                guard i < chars.count, chars[i] == "]" else { throw fail("expected \"]\"") }
                i += 1
            } else {
                throw fail("unexpected \"\(c)\"")
            }
        }
        self.selectors = selectors
    }

    /// The normalised paths (lists of tokens) of the nodes selected in `root`, in document order.
    func select(in root: JSONValue) -> [[String]] {
        var current: [([String], JSONValue)] = [([], root)]
        for selector in selectors {
            var next: [([String], JSONValue)] = []
            for (path, value) in current {
                switch (selector, value.kind) {
                case (.name(let n), .object(let o)):
                    if let v = o[n] { next.append((path + [n], v)) }
                case (.wildcard, .object(let o)):
                    for m in o { next.append((path + [m.key], m.value)) }
                case (.wildcard, .array(let a)):
                    for (i, v) in a.enumerated() { next.append((path + [String(i)], v)) }
                case (.index(let n), .array(let a)):
                    let i = n < 0 ? a.count + n : n
                    if i >= 0 && i < a.count { next.append((path + [String(i)], a[i])) }
                default:
                    continue
                }
            }
            current = next
        }
        return current.map(\.0)
    }
}

/// A JSONPath expression that could not be parsed.
struct JSONPathSyntaxError: Error, Sendable {
    var message: String
    /// 0-based offset in the expression.
    var offset: Int
}
