import JSONPath
import SpecSource
import Testing

/// RFC 9535 `match()` / `search()` on the linear-time engine: long subjects and patterns that make
/// backtracking engines explode must still select exactly the right nodes.
@Suite("JSONPath I-Regexp functions")
struct IRegexpTests {
    private func selectedIndexes(_ expression: String, _ subjects: [String]) throws -> [Int] {
        let document = JSONValue(.array(subjects.map { JSONValue(.string($0)) }))
        return try JSONPath(expression).select(in: document).compactMap {
            if case .index(let index) = $0.path.last { return index }
            return nil
        }
    }

    @Test func longSubjectsAreSelected() throws {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let base64 = String((0..<1_000_000).map { alphabet[($0 * 7) % 64] }) + "QQ=="
        let pattern = "([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?"
        #expect(try selectedIndexes("$[?match(@, '\(pattern)')]", [base64, base64 + "="]) == [0])
        let letters = String(repeating: "a", count: 200_000)
        #expect(try selectedIndexes("$[?match(@, '(a|b)*')]", [letters, letters + "c"]) == [0])
        #expect(try selectedIndexes("$[?search(@, 'c$')]", [letters, letters + "c"]) == [1])
    }

    @Test func exponentialPatternsAnswerQuickly() throws {
        let subjects = [String(repeating: "a", count: 40), String(repeating: "a", count: 30) + "!", "aab"]
        #expect(try selectedIndexes("$[?match(@, '(a+)+')]", subjects) == [0])
        #expect(try selectedIndexes("$[?search(@, '(a|a)*b')]", subjects) == [2])
        #expect(try selectedIndexes("$[?search(@, '(.*a){20}')]", subjects) == [0, 1])
        #expect(try selectedIndexes("$[?search(@, '(.*a){31}')]", subjects) == [0])
    }

    @Test func categoriesClassesAndDot() throws {
        let subjects = ["Ωmega", "omega", "a\nb", "a-b", "x9"]
        #expect(try selectedIndexes("$[?match(@, '\\\\p{Lu}\\\\p{Ll}+')]", subjects) == [0])
        #expect(try selectedIndexes("$[?match(@, '[^\\\\p{Lu}]+')]", subjects) == [1, 2, 3, 4])
        #expect(try selectedIndexes("$[?match(@, 'a.b')]", subjects) == [3])
        #expect(try selectedIndexes("$[?match(@, '[a-z][0-9-]')]", subjects) == [4])
        #expect(try selectedIndexes("$[?search(@, '[-]')]", subjects) == [3])
    }

    @Test func patternsFromTheDocumentAreCompiledPerSelect() throws {
        let document = try SourceLoader.parse(
            #"[{"v": "abc", "p": "a.c"}, {"v": "abc", "p": "a(b"}, {"v": "xyz", "p": "[a-z]{3}"}]"#, format: .json)
        let matches = try JSONPath("$[?match(@.v, @.p)]").select(in: document)
        #expect(matches.map(\.normalizedPath) == ["$[0]", "$[2]"])
    }

    @Test func tooLargeLiteralPatternIsAQueryError() throws {
        do {
            _ = try JSONPath("$[?match(@, '(a{1000}){1000}')]")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("too large to evaluate"))
            #expect(error.offset == 12)
        }
        // Large but within the limit.
        #expect(try selectedIndexes("$[?match(@, 'a{1,4000}')]", [String(repeating: "a", count: 4000), "b"]) == [0])
    }
}
