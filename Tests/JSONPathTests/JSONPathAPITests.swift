import JSONPath
import SpecSource
import Testing

private func json(_ text: String) throws -> JSONValue {
    try SourceLoader.parse(text, format: .json)
}

private func select(_ expression: String, _ document: String) throws -> [JSONPathMatch] {
    try JSONPath(expression).select(in: try json(document))
}

private func values(_ expression: String, _ document: String) throws -> [String] {
    try select(expression, document).map(\.value.description)
}

private func paths(_ expression: String, _ document: String) throws -> [String] {
    try select(expression, document).map(\.normalizedPath)
}

private func parseError(_ expression: String) -> JSONPathError? {
    do {
        _ = try JSONPath(expression)
        return nil
    } catch {
        return error
    }
}

@Suite("JSONPath API")
struct JSONPathAPITests {
    // MARK: Errors

    @Test(
        "errors carry the offset where parsing failed",
        arguments: [
            (" $", 0),
            ("$ ", 1),
            ("", 0),
            ("a", 0),
            ("$.a[", 4),
            ("$[01]", 2),
            ("$[-0]", 2),
            ("$['a", 2),
            ("$[9007199254740992]", 2),
            ("$..", 3),
            ("$. a", 2),
            ("$.a.b[?@.x ==]", 13),
            ("$[?length(@.*) == 1]", 10),
            ("$[?match(@.a, 'x') == true]", 3),
            ("$[?@.* == 1]", 3),
            ("$[?count(1) > 0]", 9),
            ("$[?foo(@)]", 3),
            ("$[?length (@)]", 9),
            ("$[?(@.a]", 7),
            ("$[?@.a == 1", 1),
            ("$['\\uDC00']", 3),
            ("$['\\uD83D']", 9),
            ("$[?1]", 3),
            ("$[?!@.a == 1]", 8),
            ("$[?@[ 'a' ] == 1]", 3),
            ("$['👍🏽']x", 6),
        ] as [(String, Int)])
    func errorOffsets(_ expression: String, _ offset: Int) {
        let error = parseError(expression)
        #expect(error != nil, "\(expression) should be invalid")
        #expect(error?.offset == offset, "\(expression): \(error?.description ?? "accepted")")
        #expect(error?.message.isEmpty == false)
    }

    @Test("error messages say what is wrong")
    func errorMessages() {
        #expect(parseError("$[01]")?.message.contains("leading zeros") == true)
        #expect(parseError("$[?length(@.*) == 1]")?.message.contains("singular") == true)
        #expect(parseError("$[?match(@.a, 'x') == true]")?.message.contains("LogicalType") == true)
        #expect(parseError("$[?foo(@)]")?.message.contains("unknown function") == true)
        #expect(parseError("$ ")?.message.contains("whitespace") == true)
        #expect(parseError("$[?@.a]")?.description == nil)
        #expect(parseError("$[?!@.a == 1]")?.message.contains("!(a == b)") == true)
        #expect(parseError("$[?(@.a) < 1]")?.message.contains("parenthesized") == true)
    }

    @Test("nesting is bounded instead of overflowing the stack")
    func nesting() throws {
        let deep = "$" + String(repeating: "[?@", count: 100) + String(repeating: "]", count: 100)
        #expect(parseError(deep) == nil)
        let tooDeep = "$" + String(repeating: "[?@", count: 500) + String(repeating: "]", count: 500)
        #expect(parseError(tooDeep)?.message.contains("nested too deeply") == true)
        let parens = "$[?" + String(repeating: "(", count: 500) + "@" + String(repeating: ")", count: 500) + "]"
        #expect(parseError(parens)?.message.contains("nested too deeply") == true)
        let wide = "$[?" + Array(repeating: "@.a", count: 10_000).joined(separator: " || ") + "]"
        #expect(try JSONPath(wide).select(in: json(#"[{"a": 1}, {}]"#)).count == 1)
    }

    @Test("valid expressions parse and describe themselves")
    func description() throws {
        for expression in [
            "$", "$.a", "$ .a", "$['a','b']", "$..*", "$[1:2:3]", "$[?@.a && !(@.b || $.c)]",
            "$[?match(@.a, '[a-z]+') && search(@.b, 'x') && value(@..c) == 1 && count(@.*) >= 2]",
            "$[?@[0] == 1]", "$[?@ ['a'] == 1]", "$[?1 == 1.0e0]",
        ] {
            let path = try JSONPath(expression)
            #expect(path.description == expression)
        }
    }

    // MARK: Paths

    @Test("normalized paths escape names as RFC 9535 §2.7 requires")
    func normalizedPathEscaping() throws {
        let document = #"{"a'b\\c\n\t\u0001\u001f\b\f\r/ é😀": [0, 1, {"x": true}]}"#
        let matches = try select("$.*[2].x", document)
        #expect(matches.count == 1)
        #expect(matches.first?.normalizedPath == #"$['a\'b\\c\n\t\u0001\u001f\b\f\r/ é😀'][2]['x']"#)
        #expect(matches.first?.path == [.name("a'b\\c\n\t\u{1}\u{1f}\u{8}\u{c}\r/ é😀"), .index(2), .name("x")])
        #expect(matches.first?.path[1].description == "[2]")
    }

    @Test("paths use non-negative indexes and pointers round-trip")
    func pathsAndPointers() throws {
        let matches = try select("$.a[-1]['b/c~d']", #"{"a": [1, {"b/c~d": 5}]}"#)
        #expect(matches.map(\.normalizedPath) == ["$['a'][1]['b/c~d']"])
        #expect(matches.first?.pointer.description == "/a/1/b~1c~0d")
        #expect(try paths("$", "[1]") == ["$"])
    }

    @Test("matches keep source locations")
    func locations() throws {
        let document = try SourceLoader.parse("a:\n  b: 1\n  c: [x, y]\n", format: .yaml)
        let match = try #require(try JSONPath("$.a.c[1]").select(in: document).first)
        #expect(match.value.stringValue == "y")
        #expect(match.value.location.line == 3)
    }

    // MARK: Selectors

    @Test("string escapes, including surrogate pairs")
    func stringEscapes() throws {
        let document = #"{"😀": 1, "a\"b": 2, "c'd": 3, "\u0007": 4}"#
        #expect(try values(#"$['\uD83D\uDE00']"#, document) == ["1"])
        #expect(try values(#"$["\ud83d\ude00"]"#, document) == ["1"])
        #expect(try values(#"$["a\"b"]"#, document) == ["2"])
        #expect(try values(#"$['c\'d']"#, document) == ["3"])
        #expect(try values(#"$['\u0007']"#, document) == ["4"])
        #expect(parseError(#"$["c\'d"]"#) != nil)
        #expect(parseError("$['\u{7}']") != nil)
    }

    @Test(
        "slices follow RFC 9535 §2.3.4.2",
        arguments: [
            ("$[1:3]", "[1,2]"),
            ("$[::2]", "[0,2,4]"),
            ("$[::-1]", "[4,3,2,1,0]"),
            ("$[3:0:-2]", "[3,1]"),
            ("$[-2:]", "[3,4]"),
            ("$[:-3]", "[0,1]"),
            ("$[::0]", "[]"),
            ("$[10:]", "[]"),
            ("$[-10:2]", "[0,1]"),
            ("$[4:-10:-1]", "[4,3,2,1,0]"),
            ("$[ 1 : 4 : 2 ]", "[1,3]"),
            ("$[-9007199254740991:9007199254740991:9007199254740991]", "[0]"),
        ] as [(String, String)])
    func slices(_ expression: String, _ expected: String) throws {
        #expect("[" + (try values(expression, "[0,1,2,3,4]")).joined(separator: ",") + "]" == expected)
    }

    @Test("selectors keep duplicates and selector order")
    func duplicates() throws {
        #expect(try values("$[0,0,'a']", "[7]") == ["7", "7"])
        #expect(try values("$['b','a','b']", #"{"a":1,"b":2}"#) == ["2", "1", "2"])
        #expect(try paths("$[1,-2]", "[1,2,3]") == ["$[1]", "$[1]"])
    }

    @Test("descendant segments visit nodes in document pre-order")
    func descendants() throws {
        let document = #"{"a": {"k": 1, "b": {"k": 2}}, "c": [{"k": 3}, {"d": {"k": 4}}]}"#
        #expect(try values("$..k", document) == ["1", "2", "3", "4"])
        #expect(try paths("$..k", document) == ["$['a']['k']", "$['a']['b']['k']", "$['c'][0]['k']", "$['c'][1]['d']['k']"])
        #expect(try values("$..[0]", "[[1,[2]],[3]]") == ["[1,[2]]", "1", "2", "3"])
        #expect(try values("$..*", "[[1],[2]]") == ["[1]", "[2]", "1", "2"])
    }

    // MARK: Filters

    @Test("comparisons follow RFC 9535 §2.3.5.2")
    func comparisons() throws {
        let document = #"[{"a": 1}, {"a": 1.0}, {"a": 10e-1}, {"a": "1"}, {"a": [1, {"x": null}]}, {"b": 1}, {"a": 2}]"#
        #expect(try paths("$[?@.a == 1]", document) == ["$[0]", "$[1]", "$[2]"])
        #expect(try paths("$[?@.a == $[4].a]", document) == ["$[4]"])
        #expect(try paths("$[?@.a < 2]", document) == ["$[0]", "$[1]", "$[2]"])
        #expect(try paths("$[?@.a >= 2]", document) == ["$[6]"])
        #expect(try paths("$[?@.a != 1]", document) == ["$[3]", "$[4]", "$[5]", "$[6]"])
        #expect(try paths("$[?@.missing == @.other]", document).count == 7, "Nothing == Nothing")
        #expect(try paths("$[?@.a <= @.missing]", document) == ["$[5]"], "Nothing <= Nothing, since == holds")
        #expect(try values("$[?@ > 'a']", #"["a", "b", "ab", "B", "é", 1]"#) == [#""b""#, #""ab""#, #""é""#])
        #expect(try values("$[?@ == 1e400]", "[1e400, 1]") == ["1e+400"])
    }

    @Test("existence tests and logical operators")
    func logical() throws {
        let document = #"[{"a": null}, {"a": false, "b": 1}, {"b": 2}, 3]"#
        #expect(try paths("$[?@.a]", document) == ["$[0]", "$[1]"])
        #expect(try paths("$[?!@.a]", document) == ["$[2]", "$[3]"])
        #expect(try paths("$[?@.a && @.b]", document) == ["$[1]"])
        #expect(try paths("$[?@.a || @.b == 2]", document) == ["$[0]", "$[1]", "$[2]"])
        #expect(try paths("$[?!(@.a || @.b)]", document) == ["$[3]"])
        #expect(try paths("$[?@.*]", document) == ["$[0]", "$[1]", "$[2]"])
        #expect(try paths("$[?$[3]]", document).count == 4)
    }

    @Test("filters on objects select member values")
    func objectFilter() throws {
        let document = #"{"x": {"n": 1}, "y": {"n": 2}, "z": 3}"#
        #expect(try paths("$[?@.n > 1]", document) == ["$['y']"])
        #expect(try paths("$[?@.n]", document) == ["$['x']", "$['y']"])
    }

    // MARK: Functions

    @Test("length, count and value")
    func valueFunctions() throws {
        let document = #"[{"a": "héllo😀"}, {"a": [1, 2]}, {"a": {"x": 1, "y": 2, "z": 3}}, {"a": 5}]"#
        #expect(try paths("$[?length(@.a) == 6]", document) == ["$[0]"], "characters are Unicode scalars")
        #expect(try paths("$[?length(@.a) == 2]", document) == ["$[1]"])
        #expect(try paths("$[?length(@.a) >= 3]", document) == ["$[0]", "$[2]"])
        #expect(try paths("$[?count(@.a.*) == 3]", document) == ["$[2]"])
        #expect(try paths("$[?count(@..*) > 3]", document) == ["$[2]"])
        #expect(try paths("$[?value(@.a.x) == 1]", document) == ["$[2]"])
        #expect(try paths("$[?value(@.a.*) == 1]", document).isEmpty, "value() of several nodes is Nothing")
        #expect(try paths("$[?length(value(@.a)) == 2]", document) == ["$[1]"])
        #expect(try paths("$[?length('abc') == 3]", document).count == 4)
    }

    @Test("match and search use I-Regexp")
    func regexFunctions() throws {
        let document = #"["abc", "xabcx", "ab\nc", "a.c", "ABC", "a$c", "a^c", 42, "日本"]"#
        #expect(try values("$[?match(@, 'a.c')]", document) == [#""abc""#, #""a.c""#, #""a$c""#, #""a^c""#])
        #expect(try values("$[?search(@, 'b.')]", document) == [#""abc""#, #""xabcx""#])
        #expect(try values(#"$[?match(@, 'a\\.c')]"#, document) == [#""a.c""#])
        #expect(try values("$[?match(@, 'a[$^]c')]", document) == [#""a$c""#, #""a^c""#])
        #expect(try values(#"$[?match(@, '\\p{Lu}+')]"#, document) == [#""ABC""#])
        #expect(try values(#"$[?match(@, '\\P{L}*')]"#, document).isEmpty)
        #expect(try values("$[?match(@, '[^a-z]+')]", document) == [#""ABC""#, #""日本""#])
        #expect(try values("$[?search(@, '^x')]", document) == [#""xabcx""#])
        #expect(try values("$[?match(@, '(a|x)b{1,2}c')]", document) == [#""abc""#])
        #expect(try values(#"$[?match(@, '\\d+')]"#, document).isEmpty, "\\d is not I-Regexp: false, not an error")
        #expect(try values("$[?match(@, 'a{2,1}')]", document).isEmpty)
        #expect(try values("$[?match(@, '(?:a)')]", document).isEmpty)
    }

    @Test("regex patterns can come from the document")
    func dynamicPatterns() throws {
        let document = #"[{"v": "abc", "p": "a.*"}, {"v": "abc", "p": "b"}, {"v": "abc", "p": "("}, {"v": "x", "p": 1}]"#
        #expect(try paths("$[?match(@.v, @.p)]", document) == ["$[0]"])
        #expect(try paths("$[?search(@.v, @.p)]", document) == ["$[0]", "$[1]"])
    }

    @Test(
        "well-typedness is checked at parse time",
        arguments: [
            "$[?length(@.*) == 1]",
            "$[?length(@..a) == 1]",
            "$[?count(@.a) == count(1)]",
            "$[?match(@.a, 'a') == true]",
            "$[?length(@.a)]",
            "$[?count(@.*)]",
            "$[?value(@.a)]",
            "$[?@.a.* == 1]",
            "$[?@[0:1] == 1]",
            "$[?length(@.a, @.b) == 1]",
            "$[?match(@.a) == 1]",
            "$[?length(@.a == 1) == 1]",
            "$[?true]",
            "$[?!true]",
            "$[?'a']",
        ])
    func illTyped(_ expression: String) {
        #expect(parseError(expression) != nil, "\(expression) should be rejected")
    }

    // MARK: Concurrency

    @Test("a compiled path can be shared between tasks")
    func sendable() async throws {
        let path = try JSONPath("$..[?@.id > 1].id")
        let document = try json(#"{"a": [{"id": 1}, {"id": 2}], "b": {"id": 3}}"#)
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { path.select(in: document).count } }
            var all: [Int] = []
            for await count in group { all.append(count) }
            return all
        }
        #expect(counts == Array(repeating: 2, count: 8))

        let regexPath = try JSONPath("$[?match(@.v, '[a-c]+x') || search(@.v, @.p)]")
        let many = try json("[" + (0..<200).map { #"{"v": "abx\#($0)", "p": "\#($0 % 7)$"}"# }.joined(separator: ",") + "]")
        let expected = regexPath.select(in: many).count
        #expect(expected > 0)
        let regexCounts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { (0..<20).map { _ in regexPath.select(in: many).count }.max() ?? 0 } }
            var all: [Int] = []
            for await count in group { all.append(count) }
            return all
        }
        #expect(regexCounts == Array(repeating: expected, count: 8))
    }
}

@Suite("JSONPath node budget")
struct JSONPathBudgetTests {
    static let deep = try! SourceLoader.parse(String(repeating: "[", count: 999) + "1" + String(repeating: "]", count: 999), format: .json)

    @Test func ordinaryQueriesFitTheDefaultBudget() throws {
        let matches = try JSONPath("$..*").select(in: Self.deep, nodeBudget: JSONPath.defaultNodeBudget)
        #expect(matches.count == 999)
        #expect(matches.last?.path.count == 999)
    }

    @Test func quadraticNodelistsAndTheirPathsAreCounted() throws {
        // 500,000 (node, descendant) pairs fit in a budget of a million nodes, but their paths hold
        // a third of a billion steps: refused before any is copied out.
        let pairs = try JSONPath("$..*..*")
        #expect(throws: JSONPathBudgetError(budget: 1_000_000, expression: "$..*..*")) {
            try pairs.select(in: Self.deep, nodeBudget: 1_000_000)
        }
        // Evaluation itself stops once the budget is spent.
        #expect(throws: JSONPathBudgetError(budget: 1_000, expression: "$..*..*")) {
            try pairs.select(in: Self.deep, nodeBudget: 1_000)
        }
        #expect(try pairs.select(in: try SourceLoader.parse("[[[1]]]", format: .json), nodeBudget: 100).count == 3)
    }

    @Test func filterQueriesCountToo() throws {
        let path = try JSONPath("$[?count(@..*) > 0]")
        #expect(throws: JSONPathBudgetError.self) { try path.select(in: Self.deep, nodeBudget: 500) }
    }
}
