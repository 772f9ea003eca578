import Foundation
import Testing

@testable import SpecSource

/// Characters that end a line for some line-based reader or terminal: C0 (LF, CR, VT, FF among
/// them), DEL, C1 (NEL among them), and LINE/PARAGRAPH SEPARATOR (line terminators in
/// JavaScript, so in many JSON Lines readers).
private let lineBreakingScalars: [Unicode.Scalar] =
    (0x00...0x1F).map { Unicode.Scalar(UInt8($0)) } + (0x7F...0x9F).map { Unicode.Scalar(UInt8($0)) } + ["\u{2028}", "\u{2029}"]

private func hasLineBreakingScalar(_ text: String) -> Bool {
    text.unicodeScalars.contains { lineBreakingScalars.contains($0) }
}

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test(arguments: [
        ("\u{2028}", #""\u2028""#), ("\u{2029}", #""\u2029""#), ("\u{85}", #""\u0085""#),
        ("\u{7F}", #""\u007f""#), ("\u{80}", #""\u0080""#), ("\u{9F}", #""\u009f""#), ("\u{1B}", #""\u001b""#),
        ("\u{0}", #""\u0000""#), ("\u{B}", #""\u000b""#), ("\n", #""\n""#), ("\r", #""\r""#), ("\t", #""\t""#),
        ("\u{8}", #""\b""#), ("\u{C}", #""\f""#), ("\"", #""\"""#), ("\\", #""\\""#),
        ("a\u{2028}b\r\nc", #""a\u2028b\r\nc""#),
    ])
    func lineBreaksAndControlsAreEscaped(_ text: String, _ literal: String) {
        #expect(JSONWriter.quoted(text) == literal)
    }

    /// Printable characters next to the escaped ranges, and ones sharing their UTF-8 lead bytes
    /// (`C2`, `E2 80`), are written as they are.
    @Test(arguments: ["\u{A0}", "é", "\u{2027}", "\u{202A}", "…", "’", "€", "中", "😀", "~", " "])
    func printableCharactersAreWrittenRaw(_ text: String) {
        #expect(JSONWriter.quoted(text) == "\"" + text + "\"")
        #expect(JSONWriter.singleLine(text) == text)
    }

    @Test func everyEscapedStringIsOneLineAndReadsBack() throws {
        for scalar in lineBreakingScalars {
            let text = "a" + String(Character(scalar)) + "é\u{2028}😀"
            let literal = JSONWriter.quoted(text)
            #expect(!hasLineBreakingScalar(literal), "U+\(String(scalar.value, radix: 16)): \(literal)")
            #expect(literal.split(whereSeparator: \.isNewline).count == 1)
            #expect(try SourceLoader.parse(literal, format: .json) == .string(text), "U+\(String(scalar.value, radix: 16))")
        }
        // Keys too, and the pretty writer: line breaks only between members.
        let key = "k\u{2028}\r\n\u{85}"
        let value = JSONValue(.object(JSONObject([JSONObject.Member(key: key, value: .array([.string("v\u{2029}\u{1B}[0m")]))])))
        let compact = JSONWriter.string(from: value)
        #expect(!hasLineBreakingScalar(compact), "\(compact)")
        #expect(try SourceLoader.parse(compact, format: .json) == value)
        let pretty = JSONWriter.string(from: value, pretty: true)
        #expect(!pretty.unicodeScalars.contains { lineBreakingScalars.contains($0) && $0 != "\n" }, "\(pretty)")
        #expect(pretty.split(separator: "\n").count == 5)
        #expect(try SourceLoader.parse(pretty, format: .json) == value)
        // Foundation's reader agrees.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(compact.utf8)) as? [String: [String]])
        #expect(object == [key: ["v\u{2029}\u{1B}[0m"]])
    }

    @Test func singleLineEscapesControlsAndKeepsQuotesAndBackslashes() {
        #expect(JSONWriter.singleLine(#"say "hi" \ bye"#) == #"say "hi" \ bye"#)
        #expect(JSONWriter.singleLine("a\nb\rc\u{2028}d\u{2029}e\u{85}f\u{1B}[31mg\th") == #"a\nb\rc\u2028d\u2029e\u0085f\u001b[31mg\th"#)
        for scalar in lineBreakingScalars {
            let line = JSONWriter.singleLine("x" + String(Character(scalar)) + "y")
            #expect(!hasLineBreakingScalar(line), "U+\(String(scalar.value, radix: 16))")
        }
    }

    /// The byte-run escaper agrees with escaping scalar by scalar (the way it was written before)
    /// on every pair of characters from the escaped ranges, their neighbours and characters that
    /// share their UTF-8 lead bytes, around runs of plain text: as a literal and as a line.
    @Test func runEscapingMatchesScalarByScalarEscaping() {
        let scalars: [Unicode.Scalar] =
            lineBreakingScalars + ["\"", "\\", "a", "é", "\u{A0}", "\u{BF}", "\u{2027}", "\u{202A}", "\u{20AC}", "中", "😀"]
        func reference(_ text: String, quotesAndBackslashes: Bool) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"" where quotesAndBackslashes: out += "\\\""
                case "\\" where quotesAndBackslashes: out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                case _ where lineBreakingScalars.contains(scalar) || scalar == "\u{2028}" || scalar == "\u{2029}":
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        var checked = 0
        for first in scalars {
            for second in scalars {
                let text = "run " + String(Character(first)) + String(Character(second)) + " of text"
                #expect(JSONWriter.quoted(text) == "\"" + reference(text, quotesAndBackslashes: true) + "\"", "\(text.debugDescription)")
                #expect(JSONWriter.singleLine(text) == reference(text, quotesAndBackslashes: false), "\(text.debugDescription)")
                checked += 1
            }
        }
        #expect(checked == scalars.count * scalars.count)
    }
}
