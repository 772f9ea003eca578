import Testing

@testable import SpecSource

/// ``JSONLinesText``: JSON Lines split into chunks parsed on their own give the entries of the
/// whole text, with its line numbers.
@Suite struct JSONLinesTextTests {
    private static let file = SourceFileID.intern("chunks.jsonl")

    private static func loc(_ line: UInt32, _ column: UInt32) -> SpecSource.SourceLocation {
        SpecSource.SourceLocation(file: file, line: line, column: column)
    }

    /// Every chunk parsed on its own, in order.
    private static func entries(_ text: JSONLinesText, _ chunks: [JSONLinesText.Chunk]) -> [JSONLinesEntry] {
        var entries: [JSONLinesEntry] = []
        for chunk in chunks { text.parse(chunk, limits: LoadLimits()) { entries.append($0) } }
        return entries
    }

    /// The entries of `bytes` parsed in chunks of at most `maxEntries` entries and `maxBytes`
    /// bytes equal those of parsing it whole: same lines, values (with their locations) and errors.
    private static func expectSameAsWhole(
        _ bytes: [UInt8], maxEntries: Int, maxBytes: Int = 1 << 20, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> [JSONLinesEntry] {
        let text = JSONLinesText(bytes: bytes, file: file)
        let chunks = text.chunks(maxEntries: maxEntries, maxBytes: maxBytes)
        let whole = entries(text, text.chunks(maxEntries: .max, maxBytes: .max))
        let split = entries(text, chunks)
        #expect(split.map(\.line) == whole.map(\.line), sourceLocation: sourceLocation)
        for (a, b) in zip(split, whole) {
            switch (a.result, b.result) {
            case (.success(let x), .success(let y)): #expect(x == y && x.location == y.location, sourceLocation: sourceLocation)
            case (.failure(let x), .failure(let y)): #expect(x == y, sourceLocation: sourceLocation)
            default: Issue.record("line \(a.line): \(a.result) parsed in chunks, \(b.result) whole", sourceLocation: sourceLocation)
            }
        }
        // The chunks follow each other, start on the line they say and hold the entries they say.
        #expect(chunks.reduce(0) { $0 + $1.entryCount } == whole.count, sourceLocation: sourceLocation)
        for (chunk, next) in zip(chunks, chunks.dropFirst()) {
            #expect(chunk.range.upperBound == next.range.lowerBound, sourceLocation: sourceLocation)
            let newlines = bytes[chunk.range].filter { $0 == UInt8(ascii: "\n") }.count
            #expect(next.firstLine == chunk.firstLine + newlines, sourceLocation: sourceLocation)
        }
        for chunk in chunks {
            #expect(chunk.entryCount >= 1 && chunk.entryCount <= maxEntries, sourceLocation: sourceLocation)
            var count = 0
            text.parse(chunk, limits: LoadLimits()) { _ in count += 1 }
            #expect(count == chunk.entryCount, sourceLocation: sourceLocation)
        }
        return split
    }

    @Test func linesAcrossChunkEdgesKeepTheirNumbers() throws {
        // Blank lines (empty, spaces, tabs, a lone \r) between and at both ends, CRLF line ends,
        // a value split over two lines (two errors), a non-ASCII line, no final line break.
        let text = "\n{\"a\": 1}\r\n \t\r\n[1,\n2]\n\"é\"\n\r\n\n{\"b\": [true, null]}\r\n  7  \n\n{\"c\": tru}\n\"last\""
        for maxEntries in [1, 2, 3, 4, 5, 100] {
            let entries = Self.expectSameAsWhole(Array(text.utf8), maxEntries: maxEntries)
            #expect(entries.map(\.line) == [2, 4, 5, 6, 9, 10, 12, 13], "maxEntries \(maxEntries)")
            guard entries.count == 8 else { continue }
            #expect(try entries[0].result.get()["a"]?.location == Self.loc(2, 7))
            #expect(try entries[3].result.get().location == Self.loc(6, 1))
            #expect(try entries[4].result.get()["b"]?.arrayValue?.last?.location == Self.loc(9, 14))
            #expect(try entries[5].result.get().location == Self.loc(10, 3))
            #expect(try entries[7].result.get().stringValue == "last")
            for (index, line, column) in [(1, 4, 4), (2, 5, 2), (6, 12, 7)] {
                guard case .failure(let error) = entries[index].result else {
                    Issue.record("line \(line) should fail (maxEntries \(maxEntries))")
                    continue
                }
                #expect(error.location == Self.loc(UInt32(line), UInt32(column)), "maxEntries \(maxEntries)")
            }
        }
    }

    @Test func aParseErrorInALaterChunkKeepsItsLineAndMessage() throws {
        var lines = (1...300).map { #"{"n": \#($0), "s": "line \#($0)"}"# }
        lines[256] = #"{"n": 257, "s": "unterminated}"#
        lines[270] = #"{"n": 271, "n": 0}"#
        let text = Array(lines.joined(separator: "\n").utf8)
        let entries = Self.expectSameAsWhole(text, maxEntries: 128)
        try #require(entries.count == 300)
        #expect(entries.map(\.line) == Array(1...300))
        guard case .failure(let unterminated) = entries[256].result, case .failure(let duplicate) = entries[270].result else {
            Issue.record("lines 257 and 271 should fail")
            return
        }
        #expect(unterminated.code == "json.syntax")
        #expect(unterminated.location.line == 257)
        #expect(duplicate.code == "json.duplicate-key")
        #expect(duplicate.location.line == 271)
        #expect(try entries[299].result.get()["n"]?.location == Self.loc(300, 7))
        let chunks = JSONLinesText(bytes: text, file: Self.file).chunks(maxEntries: 128)
        #expect(chunks.map(\.firstLine) == [1, 129, 257])
        #expect(chunks.map(\.entryCount) == [128, 128, 44])
    }

    @Test func aByteOrderMarkIsSkippedInTheFirstChunkOnly() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}\n[2]\n3\n".utf8)
        for maxEntries in [1, 2, 3] {
            let entries = Self.expectSameAsWhole(bytes, maxEntries: maxEntries)
            try #require(entries.count == 3)
            #expect(try entries[0].result.get().location == Self.loc(1, 1))
            #expect(try entries[1].result.get().location == Self.loc(2, 1))
        }
        let chunks = JSONLinesText(bytes: bytes, file: Self.file).chunks(maxEntries: 1)
        #expect(chunks.first?.range.lowerBound == 3)
        // A BOM anywhere else is not whitespace.
        let later = Self.expectSameAsWhole(Array("1\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("2\n".utf8), maxEntries: 1)
        guard later.count == 2, case .failure(let error) = later[1].result else {
            Issue.record("a BOM on line 2 should fail")
            return
        }
        #expect(error.location.line == 2)
    }

    @Test func chunksCloseAtTheByteBudgetAndLongLinesStandAlone() throws {
        let long = "\"" + String(repeating: "x", count: 5_000) + "\""
        let lines = ["1", "2", long, "3", "4", "5", long, long, "6"]
        let bytes = Array(lines.joined(separator: "\r\n").utf8)
        let entries = Self.expectSameAsWhole(bytes, maxEntries: 100, maxBytes: 1_000)
        #expect(entries.count == lines.count)
        let chunks = JSONLinesText(bytes: bytes, file: Self.file).chunks(maxEntries: 100, maxBytes: 1_000)
        // Small lines gather until a line takes the chunk past the budget.
        #expect(chunks.map(\.entryCount) == [3, 4, 1, 1])
        #expect(chunks.map(\.firstLine) == [1, 4, 8, 9])
    }

    @Test func textsWithoutEntriesHaveNoChunks() {
        for text in ["", "\n", " \r\n\t\n", "\n\n\n"] {
            #expect(JSONLinesText(bytes: Array(text.utf8), file: Self.file).chunks(maxEntries: 1).isEmpty)
        }
        #expect(JSONLinesText(bytes: [0xEF, 0xBB, 0xBF], file: Self.file).chunks().isEmpty)
    }
}
