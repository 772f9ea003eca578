import Dispatch
import Testing

@testable import SpecSource

// The reader's string building and its per-thread stack storage; the helpers (`parse`,
// `failure`, `loc`) are in JSONReaderTests.swift.

// MARK: Strings scanned a word at a time

/// The reader scans strings eight bytes at a time and jumps to the first byte that needs
/// attention (a quote, a backslash, a control character, a non-ASCII byte): put each kind at
/// every offset within a word, after and before plain bytes, and check the value, the following
/// value's column and the error's column.
@Test func stringBytesThatNeedAttentionAtEveryOffsetOfAWord() throws {
    for before in 0..<17 {
        for after in [0, 1, 7, 8, 9] {
            let head = String(repeating: "a", count: before)
            let tail = String(repeating: "b", count: after)
            for (written, value) in [(#"\n"#, "\n"), (#"\""#, "\""), (#"\\"#, "\\"), ("é", "é"), ("🎬", "🎬"), ("中", "中"), ("", "")] {
                let text = #"[""# + head + written + tail + #"", 1]"#
                let parsed = try parse(text)
                let elements = try #require(parsed.arrayValue)
                #expect(elements[0].stringValue == head + value + tail, "\(text)")
                // Columns count the scalars as written: the 1 is after the string, a comma, a space.
                let column = 1 + 1 + (1 + before + written.unicodeScalars.count + after + 1) + 2
                #expect(elements[1].location.column == UInt32(column), "\(text)")
            }
            // A raw control character and a byte that is not UTF-8 are errors at their column.
            for bad: UInt8 in [0x01, 0x1F, 0xFF, 0x80] {
                let bytes = Array(#"[""#.utf8) + Array(head.utf8) + [bad] + Array(tail.utf8) + Array(#""]"#.utf8)
                let error = try #require(failure(bytes), "\(before) \(after) \(bad)")
                #expect(error.location.column == UInt32(2 + before + 1), "\(before) \(after) \(bad): \(error)")
            }
        }
    }
}

// MARK: Strings built without a second validation

/// Strings of up to 15 ASCII bytes are built in the standard library's inline form by the reader
/// itself, and the others from bytes it has validated, without the standard library checking them
/// again: each must be the string the standard library makes from the same bytes, whatever its
/// length, its content, and how close it ends to the end of the input.
@Test func stringsAreTheStandardLibrarysStringsAtEveryLength() throws {
    #if arch(x86_64) || arch(arm64)
        #expect(SmallASCIIString.discriminator != nil, "small strings are built directly on 64-bit little-endian systems")
    #endif
    let pieces = ["a", "Z", "~", "é", "中", "🎬", "\u{7F}"]
    for length in 0...40 {
        for piece in pieces {
            // `length` scalars: plain ASCII with `piece` last, so that every length is tried with
            // and without a multi-byte character.
            let value = String(repeating: "x", count: max(0, length - 1)) + (length > 0 ? piece : "")
            let expected = String(decoding: Array(value.utf8), as: UTF8.self)
            // As a value and as a key, far from and right at the end of the input.
            for text in [#"[""# + value + #"", 0, 0, 0, 0, 0, 0, 0, 0, 0]"#, #"""# + value + #"""#, #"{""# + value + #"":1}"#] {
                let parsed = try parse(text)
                let string: String
                if let object = parsed.objectValue {
                    string = try #require(object.members.first?.key)
                } else if let array = parsed.arrayValue {
                    string = try #require(array.first?.stringValue)
                } else {
                    string = try #require(parsed.stringValue)
                }
                #expect(string == expected, "\(text)")
                #expect(string.utf8.elementsEqual(expected.utf8), "\(text)")
                #expect(string.hashValue == expected.hashValue, "\(text)")
                #expect(string.count == expected.count && string.unicodeScalars.count == expected.unicodeScalars.count, "\(text)")
                #expect(string.utf16.count == expected.utf16.count, "\(text)")
                #expect(string.isContiguousUTF8)
                var grown = string
                grown.append("!")
                #expect(grown == expected + "!", "\(text)")
                #expect(String(string.reversed()) == String(expected.reversed()), "\(text)")
            }
        }
    }
}

/// Strings decoded from escapes are built without a second validation too.
@Test func escapedStringsAreTheStandardLibrarysStrings() throws {
    let cases: [(String, String)] = [
        (#"\u0041"#, "A"), (#"a\tb"#, "a\tb"), (#"\u00e9\u4e2d"#, "é中"), (#"\ud83c\udfac x"#, "🎬 x"),
        (#"\"quoted\" and long enough to be stored out of line"#, "\"quoted\" and long enough to be stored out of line"),
        (#"caf\u00e9 long enough to be stored out of line"#, "café long enough to be stored out of line"),
    ]
    for (written, value) in cases {
        let string = try #require(try parse(#"""# + written + #"""#).stringValue)
        #expect(string == value && string.utf8.elementsEqual(value.utf8), "\(written)")
        #expect(string.count == value.count && string.hashValue == value.hashValue, "\(written)")
    }
}

// MARK: Stack storage kept between documents

/// A thread keeps its parser's stack storage for the next document: a parse that failed half-way
/// (with values, keys and open containers still on the stacks) or one that grew the stacks past
/// what is kept must leave the next parse on that thread unaffected.
@Test func stackStorageKeptBetweenDocumentsStartsEmpty() throws {
    let good = #"{"a": [1, {"b": "two"}], "c": {"d": null}}"#
    let expected = try parse(good)
    let wide = "[" + (0..<1_000).map { #"{"k\#($0)": [\#($0)]}"# }.joined(separator: ",") + "]"
    for first in [#"{"a": [1, {"b": "two", "b": 3}]}"#, #"{"a": [1, {"b": "#, wide, "[" + String(repeating: "[", count: 500)] {
        _ = failure(first)
        let again = try parse(good)
        #expect(again == expected, "after \(first.prefix(40))")
        #expect(again.objectValue?.keys == ["a", "c"])
        #expect(again["a"]?.arrayValue?[1]["b"]?.location == loc(1, 17))
    }
    // The storage is kept by this thread once, and handed out once.
    _ = try parse(good)
    let kept = JSONParserStorage.take()
    #expect(kept != nil)
    #expect(JSONParserStorage.take() == nil)
    if let kept { JSONParserStorage.keep(kept) }
}

/// Threads parse with their own storage.
@Test func threadsParseWithTheirOwnStacks() throws {
    let documents = (0..<64).map { i in #"{"id": \#(i), "items": [\#((0..<(i % 7)).map { #"{"n": \#($0)}"# }.joined(separator: ","))]}"# }
    let expected = try documents.map { try parse($0) }
    // Each iteration writes only its own element.
    nonisolated(unsafe) let results = UnsafeMutableBufferPointer<JSONValue?>.allocate(capacity: documents.count * 8)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    DispatchQueue.concurrentPerform(iterations: results.count) { i in
        results[i] = try? parse(documents[i % documents.count])
    }
    for i in 0..<results.count { #expect(results[i] == expected[i % documents.count], "\(i)") }
}
