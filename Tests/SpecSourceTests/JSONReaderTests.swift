import Testing

@testable import SpecSource

// MARK: Helpers (also used by JSONReaderStringTests.swift)

let testFile = SourceFileID.intern("test.json")

func parse(_ text: String, maxDepth: Int = 1_000) throws(SourceError) -> JSONValue {
    try JSONReader.parse(Array(text.utf8), file: testFile, limits: LoadLimits(maxDepth: maxDepth))
}

private func parseBytes(_ bytes: [UInt8]) throws(SourceError) -> JSONValue {
    try JSONReader.parse(bytes, file: testFile, limits: LoadLimits())
}

/// The error parsing `bytes` throws, or nil when it parses.
func failure(_ bytes: [UInt8], maxDepth: Int = 1_000) -> SourceError? {
    do {
        _ = try JSONReader.parse(bytes, file: testFile, limits: LoadLimits(maxDepth: maxDepth))
        return nil
    } catch {
        return error
    }
}

func failure(_ text: String) -> SourceError? { failure(Array(text.utf8)) }

private func number(_ text: String) throws -> JSONNumber {
    try #require(try parse(text).numberValue)
}

func loc(_ line: UInt32, _ column: UInt32) -> SpecSource.SourceLocation {
    SpecSource.SourceLocation(file: testFile, line: line, column: column)
}

// MARK: Valid documents

@Test func scalarsAtTopLevel() throws {
    #expect(try parse("null").isNull)
    #expect(try parse("true").boolValue == true)
    #expect(try parse("false").boolValue == false)
    #expect(try parse(#""hi""#).stringValue == "hi")
    #expect(try parse("42").numberValue == JSONNumber(42))
    #expect(try parse("-7").numberValue == JSONNumber(-7))
    #expect(try parse(" \t\r\n 3 \r\n").numberValue == JSONNumber(3))
    #expect(try parse(#""""#).stringValue == "")
}

@Test func nestedDocument() throws {
    let v = try parse(#"{"a": [1, 2.5, "x", null, true, false, {}, []], "b": {"c": {"d": "e"}}}"#)
    let a = try #require(v["a"]?.arrayValue)
    #expect(a.count == 8)
    #expect(a[0].numberValue == JSONNumber(1))
    #expect(a[1].numberValue == JSONNumber(literal: "2.5"))
    #expect(a[2].stringValue == "x")
    #expect(a[3].isNull)
    #expect(a[4].boolValue == true && a[5].boolValue == false)
    #expect(a[6].objectValue?.isEmpty == true)
    #expect(a[7].arrayValue?.isEmpty == true)
    #expect(v["b"]?["c"]?["d"]?.stringValue == "e")
    #expect(v.objectValue?.keys == ["a", "b"])
    #expect(v.description == #"{"a":[1,2.5,"x",null,true,false,{},[]],"b":{"c":{"d":"e"}}}"#)
}

@Test func objectKeepsMemberOrderAndLargeObjectsWork() throws {
    let keys = (0..<40).map { "key\($0)" }
    let text = "{" + keys.enumerated().map { #""\#($1)": \#($0)"# }.joined(separator: ",") + "}"
    let object = try #require(try parse(text).objectValue)
    #expect(object.keys == keys)
    #expect(object["key33"]?.numberValue == JSONNumber(33))
}

@Test func byteOrderMarkIsSkipped() throws {
    let v = try parseBytes([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8))
    #expect(v["a"]?.numberValue == JSONNumber(1))
    #expect(v.location == loc(1, 1))
    #expect(v.objectValue?.member("a")?.keyLocation == loc(1, 2))
}

// MARK: Numbers

@Test func numbersAreExact() throws {
    #expect(try number("0.1") == JSONNumber(significand: 1, exponent: -1))
    #expect(try number("0.1").description == "0.1")
    #expect(try number("12345678901234567890123").description == "12345678901234567890123")
    #expect(try number("1e400").description == "1e+400")
    #expect(try number("1e400") != number("1e399"))
    #expect(try number("-0") == JSONNumber(0))
    #expect(try number("-0.0") == JSONNumber(0))
    #expect(try number("1.0") == JSONNumber(1))
    #expect(try number("1.0").int64Value == 1)
    #expect(try number("1E2") == JSONNumber(100))
    #expect(try number("1e-2") == JSONNumber(significand: 1, exponent: -2))
    #expect(try number("-1.5E+3") == JSONNumber(-1500))
    #expect(try number("9223372036854775807").int64Value == Int64.max)
    #expect(try number("-9223372036854775808").int64Value == Int64.min)
    #expect(try number("9223372036854775808").int64Value == nil)
    #expect(try number("9223372036854775808").description == "9223372036854775808")
    #expect(try number("0.30000000000000004") != number("0.3"))
    #expect(try number("123.456e-2").description == "1.23456")
}

@Test func fastPathNumbersMatchTheLiteralParser() throws {
    let literals = [
        "0", "-0", "7", "10", "100", "-100", "1.5", "-1.25", "0.001", "1e3", "1E+3", "1e-3", "25e-1",
        "123456789012345678", "1234567890123456789", "-1234567890123456789", "12345678901234567890",
        "0.0000000000000000000000000001", "1.000000000000000000000000001", "99999999999999999999e-20",
        "4.5e18", "9.3e18", "-9.3e18", "1e18", "1e19", "3.14159265358979323846264338327950288",
        "1e-400", "-2.5e-400", "100e-2", "0e10", "0.0e-10", "5e0", "123.4560000",
        "1234567890123456789012345.678900000", "0.00000000000000000000012345678901234567890123",
        "-100000000000000000000000000", "10000000000000000000000e-10", "1.0000000000000000000000",
        "12345678901234567890.0e5", "99999999999999999999", "9223372036854775807.000",
        "-9223372036854775808.0000000000", "9223372036854775808.0000000000", "123456789012345678901234567890e-30",
        "1234567890123456789.5", "0.1234567890123456789", "0.12345678901234567891", "1000000000000000000000.5",
    ]
    for text in literals {
        let fromReader = try number(text)
        let fromLiteral = try #require(JSONNumber(literal: text))
        #expect(fromReader == fromLiteral, "\(text)")
        #expect(fromReader.hashValue == fromLiteral.hashValue, "\(text)")
        #expect(fromReader.description == fromLiteral.description, "\(text)")
        #expect(fromReader.isInteger == fromLiteral.isInteger, "\(text)")
    }
}

@Test func randomNumbersMatchTheLiteralParser() throws {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(state >> 33) % bound
    }
    func digits(_ n: Int, zerosLikely: Bool) -> String {
        String((0..<n).map { _ in Character(String(zerosLikely && next(3) == 0 ? 0 : next(10))) })
    }
    for _ in 0..<3_000 {
        var text = next(2) == 0 ? "-" : ""
        let intLength = 1 + next(25)
        let intPart = next(4) == 0 ? "0" : String(1 + next(9)) + digits(intLength - 1, zerosLikely: true)
        text += intPart
        if next(2) == 0 { text += "." + digits(1 + next(25), zerosLikely: true) }
        if next(3) == 0 { text += ["e", "E"][next(2)] + ["", "+", "-"][next(3)] + String(next(40)) }
        let fromReader = try number(text)
        let fromLiteral = try #require(JSONNumber(literal: text))
        #expect(fromReader == fromLiteral, "\(text)")
        #expect(fromReader.description == fromLiteral.description, "\(text)")
    }
}

// MARK: Strings

@Test func stringEscapes() throws {
    let v = try parse(#""a\"b\\c\/d\be\ff\ng\rh\ti\u0041\u00e9\u4E2D\u0000""#)
    #expect(v.stringValue == "a\"b\\c/d\u{8}e\u{C}f\ng\rh\ti" + "A\u{E9}\u{4E2D}\u{0}")
}

@Test func surrogatePairCombinesIntoOneScalar() throws {
    let s = try #require(try parse(#""x\uD83D\uDE00y""#).stringValue)
    #expect(s == "x😀y")
    #expect(s.unicodeScalars.count == 3)
    #expect(s.unicodeScalars.map(\.value) == [0x78, 0x1F600, 0x79])
}

@Test func rawNonASCIIAndDELAndC1AreAccepted() throws {
    #expect(try parse("\"caf\u{E9} \u{4E2D} 😀\"").stringValue == "caf\u{E9} \u{4E2D} 😀")
    #expect(try parse("\"a\u{7F}b\"").stringValue == "a\u{7F}b")
    #expect(try parse("\"\u{80}\u{85}\u{9F}\"").stringValue?.unicodeScalars.map(\.value) == [0x80, 0x85, 0x9F])
}

@Test func longStringsWithAndWithoutEscapes() throws {
    let plain = String(repeating: "abcdefghij", count: 100)
    #expect(try parse("\"\(plain)\"").stringValue == plain)
    let mixed = String(repeating: "é漢😀x", count: 50)
    #expect(try parse("\"\(mixed)\\n\(mixed)\"").stringValue == mixed + "\n" + mixed)
}

// MARK: Locations

@Test func locationsOfNestedValuesAndKeys() throws {
    let text = """
        {
          "a": [10, {"b": true}],
          "c":
            "d"
        }
        """
    let v = try parse(text)
    #expect(v.location == loc(1, 1))
    let object = try #require(v.objectValue)
    #expect(object.member("a")?.keyLocation == loc(2, 3))
    let a = try #require(v["a"])
    #expect(a.location == loc(2, 8))
    #expect(a.arrayValue?[0].location == loc(2, 9))
    #expect(a.arrayValue?[1].location == loc(2, 13))
    #expect(a.arrayValue?[1].objectValue?.member("b")?.keyLocation == loc(2, 14))
    #expect(a.arrayValue?[1]["b"]?.location == loc(2, 19))
    #expect(object.member("c")?.keyLocation == loc(3, 3))
    #expect(v["c"]?.location == loc(4, 5))
}

@Test func columnsCountScalarsAfterMultiByteCharacters() throws {
    // "é" is 2 bytes, "中" 3 bytes, "😀" 4 bytes: each counts as one column.
    let v = try parse("{\"é中😀\": [\"😀\", 1], \"k\": \"\\u00e9x\", \"z\": 2}")
    let object = try #require(v.objectValue)
    #expect(object.members[0].keyLocation == loc(1, 2))
    let array = try #require(v["é中😀"]?.arrayValue)
    #expect(v["é中😀"]?.location == loc(1, 9))
    #expect(array[0].location == loc(1, 10))
    #expect(array[1].location == loc(1, 15))
    #expect(object.member("k")?.keyLocation == loc(1, 19))
    #expect(object.member("z")?.keyLocation == loc(1, 35))
    #expect(v["z"]?.location == loc(1, 40))
}

@Test func crlfCountsAsOneLineBreak() throws {
    let v = try parse("{\r\n\"a\": 1,\r\n\r\n  \"b\": 2}")
    #expect(v.objectValue?.member("b")?.keyLocation == loc(4, 3))
    #expect(v["b"]?.location == loc(4, 8))
}

// MARK: Errors

/// (input, code, line, column, substring of the message)
private let errorCases: [(String, String, UInt32, UInt32, String)] = [
    ("{\"a\": 1]", "json.syntax", 1, 8, #"expected "," or "}" after object member, found "]""#),
    ("[1 2]", "json.syntax", 1, 4, #"expected "," or "]" after array element, found "2""#),
    ("[1,]", "json.syntax", 1, 4, "trailing commas are not allowed"),
    ("{\"a\": 1,}", "json.syntax", 1, 9, "trailing commas are not allowed"),
    ("{\"a\" 1}", "json.syntax", 1, 6, #"expected ":" after object key, found "1""#),
    ("{a: 1}", "json.syntax", 1, 2, #"expected a string key or "}" after "{", found "a""#),
    ("{\"a\": 1, 2}", "json.syntax", 1, 10, #"expected a string key after ",", found "2""#),
    ("// c\n1", "json.syntax", 1, 1, "comments are not allowed"),
    ("[1] /* c */", "json.syntax", 1, 5, #"expected end of input after the JSON value, found "/""#),
    ("['a']", "json.syntax", 1, 2, "strings must use double quotes"),
    ("01", "json.syntax", 1, 2, "leading zeros are not allowed"),
    ("[-01]", "json.syntax", 1, 4, "leading zeros are not allowed"),
    ("NaN", "json.syntax", 1, 1, #"expected a JSON value, found "NaN""#),
    ("[Infinity]", "json.syntax", 1, 2, #"found "Infinity""#),
    ("-Infinity", "json.syntax", 1, 2, #"expected a digit after "-", found "Infinity""#),
    ("1.", "json.syntax", 1, 3, "expected a digit after the decimal point, found end of input"),
    (".5", "json.syntax", 1, 1, #"expected a JSON value, found ".""#),
    ("1e", "json.syntax", 1, 3, "expected a digit in the exponent of the number, found end of input"),
    ("1e+x", "json.syntax", 1, 4, #"found "x""#),
    ("+1", "json.syntax", 1, 1, #"found "+""#),
    ("tru", "json.syntax", 1, 1, #"expected a JSON value, found "tru""#),
    ("[nul]", "json.syntax", 1, 2, #"found "nul""#),
    ("[fals]", "json.syntax", 1, 2, #"found "fals""#),
    ("truex", "json.syntax", 1, 5, #"expected end of input after the JSON value, found "x""#),
    ("{} {}", "json.syntax", 1, 4, #"expected end of input after the JSON value, found "{""#),
    ("1 2", "json.syntax", 1, 3, "expected end of input"),
    ("[1,\n  2,\n  3", "json.syntax", 3, 4, #"expected "," or "]" after array element, found end of input"#),
    ("{\"a\":", "json.syntax", 1, 6, "expected a JSON value, found end of input"),
    ("\"abc", "json.syntax", 1, 5, "string that starts at line 1, column 1, found end of input"),
    ("[\"a\nb\"]", "json.syntax", 1, 4, "control characters must be escaped in strings: found U+000A"),
    ("\"a\tb\"", "json.syntax", 1, 3, "found U+0009"),
    ("\"\u{0}\"", "json.syntax", 1, 2, "found U+0000"),
    (#"  "a\qb""#, "json.syntax", 1, 5, #"invalid escape in string"#),
    (#""\u12G4""#, "json.syntax", 1, 2, #"expected 4 hex digits, found "G4""#),
    (#""\u12"#, "json.syntax", 1, 2, "expected 4 hex digits, found end of input"),
    (#"["é", "\uD800"]"#, "json.lone-surrogate", 1, 8, #"lone surrogate escape "\uD800""#),
    (#""\uDE00""#, "json.lone-surrogate", 1, 2, "does not follow a high surrogate"),
    (#""ab\uD83D\u0041""#, "json.lone-surrogate", 1, 4, "not followed by a low surrogate"),
    (#""\uD83Dx""#, "json.lone-surrogate", 1, 2, "not followed by a low surrogate"),
    ("", "json.empty", 1, 1, "expected a JSON value, found end of input"),
    ("  \n\t ", "json.empty", 2, 3, "found end of input"),
    ("[\u{E9}]", "json.syntax", 1, 2, #"expected a JSON value, found "é""#),
]

@Test func errorsHaveCodeLocationAndMessage() {
    for (input, code, line, column, message) in errorCases {
        let error = failure(input)
        #expect(error?.code == code, "\(input)")
        #expect(error?.location == loc(line, column), "\(input): \(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(input): \(String(describing: error?.message))")
    }
}

@Test func invalidUTF8IsReportedAtItsPosition() {
    let cases: [([UInt8], UInt32, UInt32)] = [
        (Array("\"ab".utf8) + [0xFF] + Array("\"".utf8), 1, 4),  // never valid
        (Array("[\"é\",\n \"x".utf8) + [0x80] + Array("\"]".utf8), 2, 4),  // stray continuation
        (Array("\"".utf8) + [0xC0, 0xAF] + Array("\"".utf8), 1, 2),  // overlong "/"
        (Array("\"".utf8) + [0xE0, 0x80, 0xAF] + Array("\"".utf8), 1, 2),  // overlong 3-byte
        (Array("\"中".utf8) + [0xED, 0xA0, 0x80] + Array("\"".utf8), 1, 3),  // encoded surrogate
        (Array("\"".utf8) + [0xF4, 0x90, 0x80, 0x80] + Array("\"".utf8), 1, 2),  // above U+10FFFF
        (Array("\"a".utf8) + [0xE4, 0xB8], 1, 3),  // cut short by end
        (Array("\"a".utf8) + [0xC3, 0x41] + Array("\"".utf8), 1, 3),  // missing continuation
        (Array("{\"k".utf8) + [0xFE] + Array("\": 1}".utf8), 1, 4),  // in a key
        (Array("[1, ".utf8) + [0xFF] + Array("]".utf8), 1, 5),  // outside a string
        (Array("{}\n ".utf8) + [0xC3], 2, 2),  // trailing
        (Array("\"0123456789abcdef".utf8) + [0x9F] + Array("\"".utf8), 1, 18),  // after a fast-scanned run
    ]
    for (bytes, line, column) in cases {
        let error = failure(bytes)
        #expect(error?.code == "json.invalid-utf8", "\(bytes)")
        #expect(error?.location == loc(line, column), "\(bytes): \(String(describing: error))")
    }
}

@Test func duplicateKeysNameTheKeyAndBothPositions() throws {
    let error = try #require(failure("{\n  \"a\": 1,\n  \"b\": {\"a\": 2},\n  \"a\": 3\n}"))
    #expect(error.code == "json.duplicate-key")
    #expect(error.message == #"duplicate key "a" (first at line 2, column 3)"#)
    #expect(error.location == loc(4, 3))
    #expect(error.related == [loc(2, 3)])
}

@Test func duplicateKeysAreFoundInLargeObjects() throws {
    let members = (0..<30).map { #""k\#($0)": \#($0)"# }.joined(separator: ", ")
    let text = "{\(members), \"k17\": 0}"
    let error = try #require(failure(text))
    #expect(error.code == "json.duplicate-key")
    #expect(error.message.hasPrefix(#"duplicate key "k17""#))
    let firstOffset = ("{" + (0..<17).map { #""k\#($0)": \#($0), "# }.joined()).utf8.count
    let secondOffset = "{\(members), ".utf8.count
    #expect(error.related == [loc(1, UInt32(firstOffset + 1))])
    #expect(error.location == loc(1, UInt32(secondOffset + 1)))
    // Keys equal only after unescaping are duplicates too.
    let escaped = try #require(failure(#"{"ab": 1, "a\u0062": 2}"#))
    #expect(escaped.code == "json.duplicate-key")
    #expect(escaped.location == loc(1, 11))
}

@Test func depthLimitIsEnforcedWithoutRecursion() throws {
    let deep = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
    let error = try #require(failure(deep))
    #expect(error.code == "json.too-deep")
    #expect(error.location == loc(1, 1_001))
    #expect(error.message.contains("1000"))
    // With an enormous limit the parser still only uses its explicit stack.
    let unterminated = try #require(failure(deep, maxDepth: 10_000_000))
    #expect(unterminated.code == "json.syntax")
    #expect(unterminated.location == loc(1, 100_001))
    // Exactly at the limit is fine; one more is not.
    #expect(failure(Array((String(repeating: "[", count: 1_000) + String(repeating: "]", count: 1_000)).utf8)) == nil)
    #expect(
        failure(Array((String(repeating: "{\"a\":", count: 1_001) + "1" + String(repeating: "}", count: 1_001)).utf8))?.code
            == "json.too-deep")
}

@Test func veryDeepDocumentParsesIteratively() throws {
    let depth = 200_000
    let text = [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
    var value = try JSONReader.parse(text, file: testFile, limits: LoadLimits(maxDepth: 10_000_000))
    // Take the tree apart level by level (releasing it recursively would itself be deep).
    var levels = 1
    while case .array(var elements) = value.kind, !elements.isEmpty {
        let child = elements.removeLast()
        value = child
        levels += 1
    }
    #expect(levels == depth)
    #expect(value.location == loc(1, UInt32(depth)))
}

// MARK: JSON Lines

@Test func jsonLinesParseEachLineIndependently() throws {
    let text = "{\"a\": 1}\r\n\n   \n[1, 2,]\n  \"x\" \n{\"b\": \"é\", \"c\": tru}\n7"
    let entries = JSONReader.parseLines(Array(text.utf8), file: testFile, limits: LoadLimits())
    #expect(entries.map(\.line) == [1, 4, 5, 6, 7])
    let first = try entries[0].result.get()
    #expect(first["a"]?.numberValue == JSONNumber(1))
    #expect(first["a"]?.location == loc(1, 7))
    guard case .failure(let bad) = entries[1].result else {
        Issue.record("line 4 should fail")
        return
    }
    #expect(bad.code == "json.syntax")
    #expect(bad.location == loc(4, 7))
    let third = try entries[2].result.get()
    #expect(third.stringValue == "x")
    #expect(third.location == loc(5, 3))
    guard case .failure(let bad2) = entries[3].result else {
        Issue.record("line 6 should fail")
        return
    }
    #expect(bad2.location == loc(6, 17))
    #expect(bad2.message.contains("end of line") == false)
    #expect(try entries[4].result.get().numberValue == JSONNumber(7))
    #expect(try entries[4].result.get().location == loc(7, 1))
}

@Test func jsonLinesReportEndOfLineAndEmptyInput() throws {
    #expect(JSONReader.parseLines([], file: testFile, limits: LoadLimits()).isEmpty)
    #expect(JSONReader.parseLines(Array("\n \r\n".utf8), file: testFile, limits: LoadLimits()).isEmpty)
    let entries = JSONReader.parseLines(Array("[1,\n2]\n".utf8), file: testFile, limits: LoadLimits())
    #expect(entries.count == 2)
    guard case .failure(let error) = entries[0].result else {
        Issue.record("line 1 should fail")
        return
    }
    #expect(error.message == "expected a JSON value, found end of line")
    #expect(error.location == loc(1, 4))
    #expect(entries[1].line == 2)
    guard case .failure(let error2) = entries[1].result else {
        Issue.record("line 2 should fail")
        return
    }
    #expect(error2.location == loc(2, 2))
    #expect(error2.message == #"expected end of line after the JSON value, found "]""#)
    // The comma ending line 1 does not make line 2's "]" a trailing comma.
    let split = JSONReader.parseLines(Array("[1,\n]".utf8), file: testFile, limits: LoadLimits())
    guard split.count == 2, case .failure(let error3) = split[1].result else {
        Issue.record("line 2 should fail")
        return
    }
    #expect(error3.message == #"expected a JSON value, found "]""#)
    #expect(error3.location == loc(2, 1))
}

@Test func sourceLoaderUsesTheReader() throws {
    let v = try SourceLoader.parse(#"{"x": [1]}"#, format: .json, file: testFile)
    #expect(v["x"]?.arrayValue?.first?.location == loc(1, 8))
}

// MARK: Keys shared between lines and duplicate detection

@Test func jsonLinesShareKeysWithoutMixingThemUp() throws {
    // 300 distinct keys of every length up to 70 bytes (the cache keeps keys up to 64 and has
    // 64 slots, so slots are overwritten and keys collide), non-ASCII ones among them, each line
    // repeating keys of the lines before it.
    let keys = (0..<300).map { i -> String in
        let stem = i % 7 == 0 ? "clé-\(i)" : "key\(i)"
        return stem + String(repeating: "x", count: i % 71)
    }
    var lines: [String] = []
    for line in 0..<60 {
        let chosen = (0..<8).map { keys[(line * 37 + $0 * 53) % keys.count] }
        let unique = Array(Set(chosen))
        let members = unique.enumerated().map { #"\#(JSONWriter.quoted($0.element)): \#(line * 10 + $0.offset)"# }
        lines.append("{" + members.joined(separator: ", ") + "}")
    }
    let text = lines.joined(separator: "\n")
    let entries = JSONReader.parseLines(Array(text.utf8), file: testFile, limits: LoadLimits())
    #expect(entries.count == lines.count)
    for (entry, line) in zip(entries, lines) {
        let fromLines = try entry.result.get()
        let alone = try parse(line)
        #expect(fromLines == alone)
        #expect(fromLines.objectValue?.keys == alone.objectValue?.keys)
    }
}

@Test func duplicateKeysAreFoundWhateverTheKeyLength() throws {
    // Same length, different bytes: not duplicates (short keys are compared inline, long ones by
    // their bytes).
    #expect(failure(#"{"ab": 1, "ba": 2}"#) == nil)
    let long1 = String(repeating: "a", count: 40) + "1"
    let long2 = String(repeating: "a", count: 40) + "2"
    #expect(failure(#"{"\#(long1)": 1, "\#(long2)": 2}"#) == nil)
    #expect(failure(#"{"é": 1, "è": 2}"#) == nil)
    // Equal keys of every size are duplicates, within one line of JSON Lines too (where keys come
    // from the shared cache).
    for key in ["a", "fifteen_bytes__", "sixteen_bytes___", long1, "ünïcödé-key"] {
        let error = try #require(failure(#"{"\#(key)": 1, "b": 2, "\#(key)": 3}"#))
        #expect(error.code == "json.duplicate-key")
        let lines = JSONReader.parseLines(
            Array(#"{"\#(key)": 0}\#n{"\#(key)": 1, "\#(key)": 2}"#.utf8), file: testFile, limits: LoadLimits())
        #expect(lines.count == 2)
        guard case .failure(let lineError) = lines[1].result else {
            Issue.record("line 2 with \(key) twice should fail")
            continue
        }
        #expect(lineError.code == "json.duplicate-key")
    }
}

/// The duplicate check compares a fingerprint of each key first (its length and first and last
/// eight bytes): keys that share one are still compared in full, and a key's fingerprint is the
/// same whether it is read a word at a time, byte by byte at the end of the input, or unescaped.
@Test func duplicateKeysAreFoundWhateverTheFingerprint() throws {
    let one = "abcdefgh-one-stuvwxyz"
    let two = "abcdefgh-two-stuvwxyz"
    #expect(failure(#"{"\#(one)": 1, "\#(two)": 2}"#) == nil)
    #expect(failure(#"{"\#(one)": 1, "\#(two)": 2, "\#(one)": 3}"#)?.code == "json.duplicate-key")
    for length in 1...20 {
        let key = String((0..<length).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
        // The second key ends four bytes before the end of the input.
        let error = try #require(failure(#"{"\#(key)":1,"\#(key)":2}"#), "\(key)")
        #expect(error.code == "json.duplicate-key" && error.location == loc(1, UInt32(length + 7)), "\(key)")
        let escaped = #"\u00"# + String(key.utf8.first!, radix: 16) + key.dropFirst()
        #expect(failure(#"{"\#(key)":1,"\#(escaped)":2}"#)?.code == "json.duplicate-key", "\(escaped)")
        #expect(failure(#"{"\#(escaped)":1,"\#(key)":2}"#)?.code == "json.duplicate-key", "\(escaped)")
        #expect(failure(#"{"\#(key)":1,"\#(key)x":2}"#) == nil, "\(key)")
    }
}

@Test func canonicallyEquivalentNamesAreDifferentMembers() throws {
    // RFC 8259 and JSON Schema compare member names by code points: "é" (U+00E9) and "e" + U+0301
    // are two names, in small objects (linear scan) and large ones (index), in JSON and YAML.
    let composed = "\u{E9}"
    let decomposed = "e\u{301}"
    let filler = (0..<20).map { #""f\#($0)": 0"# }
    for extra in [[], filler] {
        let text = "{" + ([#""\#(composed)": 1"#, #""\#(decomposed)": 2"#] + extra).joined(separator: ", ") + "}"
        let object = try #require(try parse(text).objectValue)
        #expect(object[composed]?.numberValue == JSONNumber(1))
        #expect(object[decomposed]?.numberValue == JSONNumber(2))
        #expect(object.count == 2 + extra.count)
        let yaml = try SourceLoader.parse(text, format: .yaml)
        #expect(yaml.objectValue?[composed]?.numberValue == JSONNumber(1))
        #expect(yaml.objectValue?[decomposed]?.numberValue == JSONNumber(2))
    }
    // Equal code points are still duplicates, whatever the object's size.
    #expect(
        failure("{" + ([#""\#(decomposed)": 1"#] + filler + [#""\#(decomposed)": 2"#]).joined(separator: ", ") + "}")?.code
            == "json.duplicate-key")
    // An object built in code keeps the two names apart too.
    var built = JSONObject()
    built[composed] = .number(JSONNumber(1))
    built[decomposed] = .number(JSONNumber(2))
    #expect(built.count == 2)
}
