#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The text of a JSON Lines (NDJSON) file, split at line boundaries into chunks that are parsed
/// independently, so that each core can parse (and validate) its own chunk.
///
/// Parsing every chunk in order yields exactly the entries of ``SourceLoader/loadJSONLines(contentsOf:limits:)``:
/// the same values, the same 1-based line numbers in every location and error, the same blank
/// lines skipped (a line holding only spaces, tabs and `\r`). A leading UTF-8 byte order mark is
/// skipped; `\r\n` line ends are tolerated (`\r` is JSON whitespace).
public struct JSONLinesText: Sendable {
    /// The file the text came from, for locations.
    public let file: SourceFileID
    /// The UTF-8 text.
    let bytes: [UInt8]
    /// The size of the text, in bytes.
    public var byteCount: Int { bytes.count }

    /// Whole lines of the text, parsed by ``JSONLinesText/parse(_:limits:_:)``.
    public struct Chunk: Sendable, Equatable {
        /// Byte offsets of the chunk in the text: whole lines, each with its `\n` (the last line of
        /// the text may have none). The first chunk starts after the byte order mark, if any.
        public let range: Range<Int>
        /// The 1-based line number of the chunk's first line.
        public let firstLine: Int
        /// The non-blank lines of the chunk: the number of entries parsing it yields.
        public let entryCount: Int
    }

    /// Wraps the text of a JSON Lines file.
    /// - Parameters:
    ///   - bytes: UTF-8 text, optionally starting with a byte order mark.
    ///   - file: The file the text came from, for locations.
    public init(bytes: [UInt8], file: SourceFileID) {
        self.bytes = bytes
        self.file = file
    }

    /// Splits the text at line ends into chunks of at most `maxEntries` non-blank lines and about
    /// `maxBytes` bytes (a longer line is a chunk of its own), in file order.
    ///
    /// One pass over the text (`memchr` per line); it allocates only the result.
    /// - Returns: The chunks, covering every line; none for a text without a non-blank line.
    public func chunks(maxEntries: Int = 128, maxBytes: Int = 1 << 20) -> [Chunk] {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return [] }
            let count = buffer.count
            var chunks: [Chunk] = []
            var lineStart = JSONReader.bomLength(base, count)
            var line = 1
            var chunkStart = lineStart
            var chunkLine = 1
            var entries = 0
            while lineStart < count {
                let lineEnd = Self.lineEnd(base, from: lineStart, count: count)
                if !Self.isBlank(base, lineStart, lineEnd) { entries += 1 }
                lineStart = lineEnd + 1
                line += 1
                if entries >= maxEntries || (entries > 0 && min(lineStart, count) - chunkStart >= maxBytes) {
                    chunks.append(Chunk(range: chunkStart..<min(lineStart, count), firstLine: chunkLine, entryCount: entries))
                    chunkStart = min(lineStart, count)
                    chunkLine = line
                    entries = 0
                }
            }
            if entries > 0 { chunks.append(Chunk(range: chunkStart..<count, firstLine: chunkLine, entryCount: entries)) }
            return chunks
        }
    }

    /// Parses the lines of `chunk` (one of ``chunks(maxEntries:maxBytes:)``), handing each
    /// non-blank line's entry to `body` in file order. Lines are parsed independently: an error on
    /// one line does not stop the others. Safe to call for different chunks on different threads.
    /// - Parameters:
    ///   - chunk: The lines to parse.
    ///   - limits: Resource limits, applied to each line.
    ///   - including: Which lines (by 1-based line number) to parse; the others are skipped
    ///     unread, and `body` is not called for them. All, when `nil`.
    ///   - body: Called once per entry.
    public func parse(_ chunk: Chunk, limits: LoadLimits, including: ((Int) -> Bool)? = nil, _ body: (JSONLinesEntry) -> Void) {
        parse(chunk, limits: limits, including: including, screen: nil, body)
    }

    /// Reads the line at hand into a ``JSONStreamVisitor``, with the rules and errors of parsing
    /// it (see ``parse(_:limits:including:screen:_:)``).
    package typealias LineStream = (any JSONStreamVisitor) throws(SourceError) -> Void

    /// ``parse(_:limits:including:_:)``, letting `screen` settle lines without a tree first.
    ///
    /// For each line it would parse, `screen` gets the line's number and a function that reads
    /// the line into a visitor, with ``SourceLoader/stream(json:file:limits:to:)``'s rules, its
    /// errors thrown. When `screen` returns `true` the line is settled: no tree is built, and
    /// `body` is not called for it. Otherwise the line is parsed and handed to `body` as without
    /// `screen`, a syntax error included (so `screen` should not settle a line whose reading threw).
    package func parse(
        _ chunk: Chunk, limits: LoadLimits, including: ((Int) -> Bool)? = nil, screen: ((Int, LineStream) -> Bool)?,
        _ body: (JSONLinesEntry) -> Void
    ) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, chunk.range.upperBound <= buffer.count, !chunk.range.isEmpty else { return }
            var parser = JSONParser(base: base, count: buffer.count, file: file, maxDepth: limits.maxDepth)
            parser.keyCache = JSONKeyCache()
            var lineStart = chunk.range.lowerBound
            var line = chunk.firstLine
            let end = chunk.range.upperBound
            while lineStart < end {
                let lineEnd = Self.lineEnd(base, from: lineStart, count: end)
                if !Self.isBlank(base, lineStart, lineEnd), including?(line) ?? true {
                    let number = UInt32(truncatingIfNeeded: line)
                    let settled =
                        screen?(line) { visitor throws(SourceError) in
                            parser.reset(start: lineStart, end: lineEnd, line: number, atEndOf: "line")
                            try parser.streamDocument(visitor)
                        } ?? false
                    if !settled {
                        parser.reset(start: lineStart, end: lineEnd, line: number, atEndOf: "line")
                        do throws(SourceError) {
                            body(JSONLinesEntry(line: line, result: .success(try parser.parseDocument())))
                        } catch {
                            body(JSONLinesEntry(line: line, result: .failure(error)))
                        }
                    }
                }
                lineStart = lineEnd + 1
                line += 1
            }
        }
    }

    /// The offset of the first `\n` at or after `start`, or `count` when there is none.
    @inline(__always)
    private static func lineEnd(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        guard let found = memchr(base + start, Int32(UInt8(ascii: "\n")), count - start) else { return count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether `start..<end` holds only spaces, tabs and carriage returns.
    @inline(__always)
    private static func isBlank(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let b = base[i]
            if b != UInt8(ascii: " ") && b != UInt8(ascii: "\t") && b != UInt8(ascii: "\r") { return false }
            i += 1
        }
        return true
    }
}
