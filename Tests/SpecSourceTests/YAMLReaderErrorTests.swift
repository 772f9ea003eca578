import Testing

@testable import SpecSource

/// What the YAML reader refuses, and where it says so: complex keys, nesting past the limit,
/// bytes that do not decode, libyaml's syntax errors, several documents.
@Suite("YAMLReader: errors")
struct YAMLReaderErrorTests {
    @Test(
        "complex keys are rejected",
        arguments: [
            ("? [a]\n: 1\n", at(1, 3)), ("{[1]: 2}", at(1, 2)), ("? {a: 1}\n: 2\n", at(1, 3)),
            ("s: &s [1]\n*s : 2\n", at(2, 1)),
        ])
    func complexKey(_ text: String, _ location: SpecSource.SourceLocation) throws {
        let error = try #require(yamlError(text))
        #expect(error.code == "yaml.complex-key")
        #expect(error.location == location)
    }

    @Test("depth limit")
    func depthLimit() throws {
        let limits = LoadLimits(maxDepth: 3)
        #expect(try yaml("[[[1]]]", limits: limits).arrayValue?.count == 1)
        let error = try #require(yamlError("[[[[1]]]]", limits: limits))
        #expect(error.code == "yaml.too-deep")
        #expect(error.location == at(1, 4))
        // An alias that would nest too deeply is caught as well.
        #expect(yamlError("a: &a [[1]]\nb: [*a]\n", limits: limits)?.code == "yaml.too-deep")
    }

    @Test("100,000 nested [ fail cleanly")
    func deepBrackets() throws {
        let error = try #require(yamlError(String(repeating: "[", count: 100_000)))
        #expect(error.code == "yaml.too-deep")
        #expect(error.location == at(1, 1_001))
        let error2 = try #require(yamlError(String(repeating: "- ", count: 100_000) + "x"))
        #expect(error2.code == "yaml.too-deep")
    }

    @Test("invalid UTF-8 is a located encoding error")
    func invalidUTF8() throws {
        let bytes = Array("a: b\nc: é".utf8) + [0xFF, 0x41]
        let error = try #require(yamlError(bytes))
        #expect(error.code == "yaml.invalid-encoding")
        #expect(error.location == at(2, 5))
        #expect(error.message.contains("UTF-8"))
        // A truncated sequence at the end, and an encoded surrogate (U+D800 as ED A0 80).
        #expect(try #require(yamlError(Array("a: b".utf8) + [0xC3])).code == "yaml.invalid-encoding")
        let surrogate = try #require(yamlError(Array("a: ".utf8) + [0xED, 0xA0, 0x80]))
        #expect(surrogate.code == "yaml.invalid-encoding")
        #expect(surrogate.location == at(1, 4))
    }

    @Test("control characters are a syntax error")
    func controlCharacter() throws {
        let error = try #require(yamlError("a: b\u{07}"))
        #expect(error.code == "yaml.syntax")
        #expect(error.location == at(1, 5))
    }

    @Test("syntax errors carry libyaml's problem, context and position")
    func syntaxError() throws {
        let error = try #require(yamlError("a:\n  b: 1\n c: 2\n"))
        #expect(error.code == "yaml.syntax")
        #expect(error.message == "did not find expected key while parsing a block mapping started at line 1, column 1")
        #expect(error.location == at(3, 2))
        let flow = try #require(yamlError("a: [1, 2\nb: 3\n"))
        #expect(flow.code == "yaml.syntax")
        #expect(flow.location.line == 2)
        // An unclosed bracket or quote is found at the end of the text; the message names where it
        // was opened.
        #expect(flow.message.hasSuffix("while parsing a flow sequence started at line 1, column 4"), "\(flow.message)")
        let quote = try #require(yamlError("a: 1\nb: \"open\nc: 2\n"))
        #expect(quote.message.hasSuffix("while scanning a quoted scalar started at line 2, column 4"), "\(quote.message)")
    }

    @Test("a tab used as indentation is named as such")
    func tabIndentation() throws {
        let error = try #require(yamlError("a: 1\npaths:\n\t/pets: {}\n"))
        #expect(error.code == "yaml.syntax")
        #expect(error.message.hasSuffix("(a tab: YAML indents with spaces, never tabs)"), "\(error.message)")
        #expect(error.location == at(3, 1))
        // Another character that cannot start a token gets no such note.
        let other = try #require(yamlError("a: 1\n@b: 2\n"))
        #expect(other.message.hasPrefix("found character that cannot start any token"), "\(other.message)")
        #expect(!other.message.contains("tab"), "\(other.message)")
    }

    @Test("multiple documents are rejected at the second one")
    func multipleDocuments() throws {
        let error = try #require(yamlError("a: 1\n---\nb: 2\n"))
        #expect(error.code == "yaml.multiple-documents")
        #expect(error.location == at(2, 1))
        #expect(yamlError("--- 1\n--- 2\n")?.location == at(2, 1))
        #expect(try yaml("--- \na: 1\n...\n")["a"]?.numberValue == JSONNumber(1))
    }

}
