import CLibYAML

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads YAML 1.2 text (core schema, JSON data model) into a located ``JSONValue`` tree.
///
/// libyaml's event parser does the syntax; events stream straight into ``YAMLTreeBuilder``, which
/// keeps partially built containers on an explicit stack; on large text libyaml runs on a second
/// thread (``YAMLEventPipe``). Scalars resolve by the core schema (``YAMLScalar``); numbers stay
/// exact. Every failure is a ``SourceError`` with a 1-based position.
enum YAMLReader {
    /// Parses one YAML document.
    /// - Parameters:
    ///   - bytes: UTF-8 (or UTF-16 with a BOM) text; kept alive for the whole parse.
    ///   - file: The file the text came from, for locations.
    ///   - limits: Depth and alias-expansion limits.
    /// - Returns: The document's root value; `null` for an empty stream.
    /// - Throws: ``SourceError`` with a `yaml.*` code.
    static func parse(
        _ bytes: [UInt8], file: SourceFileID, limits: LoadLimits, threading: Threading = .automatic
    ) throws(SourceError) -> JSONValue {
        let result: Result<JSONValue, SourceError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(SourceError) {
                return .success(try parse(buffer, file: file, limits: limits, releasing: nil, threading: threading))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses one YAML document from text the caller hands over and no longer needs, giving its
    /// memory back to the system as libyaml moves past it.
    ///
    /// The text of a large document is about half the size of its located tree and was held until
    /// the tree was complete (on the 2.9 MB OpenAI description, 3 MB of the 10 MB heap peak of a
    /// `validate --schema`). Every ``ConsumedText/chunk`` bytes, the pages libyaml has read past
    /// (less a margin over its 16 KB raw buffer) are `MADV_DONTNEED`ed, after the line and column
    /// at their end are recorded for a later reader error's position. The values are the same as
    /// ``parse(_:file:limits:)``'s, and so are the errors and their positions.
    /// - Parameters:
    ///   - bytes: As for ``parse(_:file:limits:)``; its pages read zero (or are freed) afterwards,
    ///     so it must not be shared (a shared array is copied first).
    ///   - file: The file the text came from, for locations.
    ///   - limits: Depth and alias-expansion limits.
    /// - Returns: The document's root value; `null` for an empty stream.
    /// - Throws: ``SourceError`` with a `yaml.*` code.
    static func parse(
        releasing bytes: consuming [UInt8], file: SourceFileID, limits: LoadLimits, threading: Threading = .automatic
    ) throws(SourceError) -> JSONValue {
        var bytes = bytes
        let result: Result<JSONValue, SourceError> = bytes.withUnsafeMutableBufferPointer { buffer in
            var consumed = ConsumedText(base: buffer.baseAddress)
            do throws(SourceError) {
                return .success(
                    try parse(UnsafeBufferPointer(buffer), file: file, limits: limits, releasing: &consumed, threading: threading))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Where libyaml's parser runs.
    enum Threading {
        /// On a second thread (``YAMLEventPipe``) for text of ``YAMLEventPipe/minimumText`` or more
        /// when the machine has a second core online; otherwise on the calling thread.
        case automatic
        /// On the calling thread.
        case single
        /// On a second thread whatever the text's size (tests), unless no thread can be made.
        case pipelined
    }

    private static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, file: SourceFileID, limits: LoadLimits,
        releasing consumed: UnsafeMutablePointer<ConsumedText>?, threading: Threading
    ) throws(SourceError) -> JSONValue {
        if buffer.isEmpty {
            return JSONValue(.null, location: SourceLocation(file: file, line: 1, column: 1))
        }
        // libyaml keeps pointers into the parser struct itself, so it must not move: heap-allocate.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw SourceError(
                code: "yaml.syntax", message: "cannot initialise the YAML parser (out of memory)",
                location: SourceLocation(file: file, line: 0, column: 0))
        }
        defer { yaml_parser_delete(parser) }
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer { event.deallocate() }

        yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
        var builder = YAMLTreeBuilder(file: file, limits: limits, textSize: buffer.count)
        let twoThreads =
            switch threading {
            case .automatic: buffer.count >= YAMLEventPipe.minimumText && YAMLEventPipe.hasSecondCore
            case .single: false
            case .pipelined: true
            }
        if twoThreads {
            let pipe = YAMLEventPipe(parser: parser, bytes: buffer, file: file, consumed: consumed)
            if pipe.start() {
                defer { pipe.close() }
                return try run(pipe, &builder, file: file)
            }
        }
        return try run(parser, event, &builder, bytes: buffer, file: file, consumed: consumed)
    }

    /// Pulls events until the stream ends, feeding them to the builder; frees every event.
    private static func run(
        _ parser: UnsafeMutablePointer<yaml_parser_t>, _ event: UnsafeMutablePointer<yaml_event_t>, _ builder: inout YAMLTreeBuilder,
        bytes: UnsafeBufferPointer<UInt8>, file: SourceFileID, consumed: UnsafeMutablePointer<ConsumedText>?
    ) throws(SourceError) -> JSONValue {
        while true {
            try nextEvent(parser, into: event, bytes: bytes, file: file, consumed: consumed)
            defer { yaml_event_delete(event) }
            if let value = try build(event, &builder, file: file) { return value }
        }
    }

    /// Parses the next event into `event`, then gives back the text libyaml has read past (every
    /// ``ConsumedText/chunk`` bytes, when `consumed` is given). Both readers' step: this thread's
    /// loop and ``YAMLEventPipe``'s parser thread.
    /// - Throws: The parser's error as a `yaml.syntax` ``SourceError`` (`event` is then empty).
    static func nextEvent(
        _ parser: UnsafeMutablePointer<yaml_parser_t>, into event: UnsafeMutablePointer<yaml_event_t>,
        bytes: UnsafeBufferPointer<UInt8>, file: SourceFileID, consumed: UnsafeMutablePointer<ConsumedText>?
    ) throws(SourceError) {
        guard yaml_parser_parse(parser, event) == 1 else {
            throw syntaxError(parser, bytes: bytes, from: consumed?.pointee.position ?? TextPosition(), file: file)
        }
        if let consumed, let current = parser.pointee.input.string.current,
            current - bytes.baseAddress! >= consumed.pointee.position.offset + ConsumedText.chunk + ConsumedText.margin
        {
            consumed.pointee.release(upTo: current - bytes.baseAddress! - ConsumedText.margin, of: bytes)
        }
    }

    /// Builds the events a ``YAMLEventPipe`` hands over, batch by batch; the pipe deletes them.
    private static func run(_ pipe: YAMLEventPipe, _ builder: inout YAMLTreeBuilder, file: SourceFileID) throws(SourceError)
        -> JSONValue
    {
        while let batch = try pipe.nextBatch() {
            for i in batch.indices {
                if let value = try build(batch.baseAddress! + i, &builder, file: file) { return value }
            }
            pipe.giveBack()
        }
        // The parser thread ends with the stream-end event or an error, so this is not reached.
        throw SourceError(
            code: "yaml.syntax", message: "the YAML parser stopped before the end of the stream",
            location: SourceLocation(file: file, line: 0, column: 0))
    }

    /// Feeds one event to the builder; the document's value at the end of the stream, else `nil`.
    @inline(__always)
    private static func build(_ event: UnsafePointer<yaml_event_t>, _ builder: inout YAMLTreeBuilder, file: SourceFileID)
        throws(SourceError) -> JSONValue?
    {
        let mark = event.pointee.start_mark
        let location = SourceLocation(
            file: file, line: UInt32(truncatingIfNeeded: mark.line &+ 1),
            column: UInt32(truncatingIfNeeded: mark.column &+ 1))
        switch event.pointee.type {
        case YAML_SCALAR_EVENT:
            let s = event.pointee.data.scalar
            let text = UnsafeBufferPointer(start: s.value, count: s.length)
            let tag = s.tag == nil ? .none : YAMLScalar.Tag(UnsafePointer(s.tag))
            try builder.scalar(
                text, plain: s.style == YAML_PLAIN_SCALAR_STYLE, tag: tag,
                anchor: name(s.anchor), at: location)
        case YAML_MAPPING_START_EVENT:
            let m = event.pointee.data.mapping_start
            let tag = m.tag == nil ? .none : YAMLScalar.Tag(UnsafePointer(m.tag))
            try builder.start(isMap: true, tag: tag, anchor: name(m.anchor), at: location)
        case YAML_SEQUENCE_START_EVENT:
            let q = event.pointee.data.sequence_start
            let tag = q.tag == nil ? .none : YAMLScalar.Tag(UnsafePointer(q.tag))
            try builder.start(isMap: false, tag: tag, anchor: name(q.anchor), at: location)
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            try builder.end()
        case YAML_ALIAS_EVENT:
            try builder.alias(name(event.pointee.data.alias.anchor) ?? "", at: location)
        case YAML_DOCUMENT_START_EVENT:
            try builder.documentStart(at: location)
        case YAML_STREAM_END_EVENT:
            return builder.finish(at: SourceLocation(file: file, line: 1, column: 1))
        default:
            break
        }
        return nil
    }

    /// An anchor or alias name.
    @inline(__always)
    private static func name(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }

    /// The parser's error as a ``SourceError`` at libyaml's problem position: `yaml.invalid-encoding`
    /// for bytes its reader cannot decode, `yaml.syntax` for the rest.
    /// - Parameter from: Where the text still held starts (``ConsumedText/position``): reader
    ///   errors are found ahead of libyaml's raw buffer, never in text already released.
    private static func syntaxError(
        _ parser: UnsafeMutablePointer<yaml_parser_t>, bytes: UnsafeBufferPointer<UInt8>, from: TextPosition, file: SourceFileID
    ) -> SourceError {
        let p = parser.pointee
        var message = p.problem.map { String(cString: $0) } ?? "invalid YAML"
        var location: SourceLocation
        var code = "yaml.syntax"
        switch p.error {
        case YAML_MEMORY_ERROR:
            return SourceError(
                code: "yaml.syntax", message: "out of memory while parsing YAML",
                location: SourceLocation(file: file, line: 0, column: 0))
        case YAML_READER_ERROR:
            // The reader's decoding problems ("invalid leading UTF-8 octet", "incomplete UTF-16
            // surrogate pair", "invalid Unicode character", …); its others are "control characters
            // are not allowed" and "input is too long".
            if message.contains("UTF-") || message.contains("surrogate") || message == "invalid Unicode character" {
                code = "yaml.invalid-encoding"
            }
            // Reader errors carry a byte offset, not a mark.
            if p.problem_value != -1 {
                message += " (#x" + String(UInt32(bitPattern: p.problem_value), radix: 16, uppercase: true) + ")"
            }
            var at = from
            at.advance(to: max(p.problem_offset, at.offset), in: bytes)
            location = SourceLocation(file: file, line: at.line, column: at.column)
        default:
            if let context = p.context {
                message += " " + String(cString: context)
                // Where the unfinished sequence, mapping or scalar started: an unclosed `[` or
                // quote is found only at the end of the text, far from where it was opened.
                let start = p.context_mark
                if start.line != p.problem_mark.line || start.column != p.problem_mark.column {
                    message += " started at line \(start.line &+ 1), column \(start.column &+ 1)"
                }
            }
            // libyaml names no character; a tab where a token should start is nearly always
            // indentation, which YAML allows only with spaces (YAML 1.2.2 §6.1).
            if message.hasPrefix("found character that cannot start any token"), let at = p.buffer.pointer, at < p.buffer.last,
                at.pointee == 0x09
            {
                message += " (a tab: YAML indents with spaces, never tabs)"
            }
            location = SourceLocation(
                file: file, line: UInt32(truncatingIfNeeded: p.problem_mark.line &+ 1),
                column: UInt32(truncatingIfNeeded: p.problem_mark.column &+ 1))
        }
        return SourceError(code: code, message: message, location: location)
    }

    /// The 1-based line and column (in characters) of a byte offset.
    static func position(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: SourceFileID) -> SourceLocation {
        var at = TextPosition()
        at.advance(to: offset, in: bytes)
        return SourceLocation(file: file, line: at.line, column: at.column)
    }
}

/// A byte offset into YAML text with its 1-based line and column (columns count characters:
/// bytes that do not continue a UTF-8 sequence). A line ends at LF, CR LF or a lone CR.
struct TextPosition {
    var offset = 0
    var line: UInt32 = 1
    var column: UInt32 = 1

    /// Moves to `end` (at most `bytes.count`), counting the lines and characters between.
    ///
    /// Text without CR (the usual case) is counted by
    /// `memchr` and a loop the compiler vectorises; the result is the same as the byte loop's.
    mutating func advance(to end: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        let end = min(end, bytes.count)
        guard end > offset, let base = bytes.baseAddress else { return }
        if memchr(base + offset, Int32(UInt8(ascii: "\r")), end - offset) == nil {
            let run = UnsafeBufferPointer(start: base + offset, count: end - offset)
            var newlines = 0
            for c in run { newlines &+= c == UInt8(ascii: "\n") ? 1 : 0 }
            var lineStart = 0
            if newlines > 0 {
                line &+= UInt32(truncatingIfNeeded: newlines)
                column = 1
                lineStart = run.count
                while run[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
            }
            var characters = 0
            for c in run[lineStart...] { characters &+= c & 0xC0 != 0x80 ? 1 : 0 }
            column &+= UInt32(truncatingIfNeeded: characters)
            offset = end
            return
        }
        var i = offset
        while i < end {
            let c = bytes[i]
            if c == UInt8(ascii: "\n") || (c == UInt8(ascii: "\r") && (i + 1 >= bytes.count || bytes[i + 1] != UInt8(ascii: "\n"))) {
                line &+= 1
                column = 1
            } else if c & 0xC0 != 0x80 && c != UInt8(ascii: "\r") {
                column &+= 1
            }
            i += 1
        }
        offset = end
    }
}

/// The part of a text ``YAMLReader/parse(releasing:file:limits:)`` has given back: everything
/// before ``position``, whose line and column it keeps.
struct ConsumedText {
    /// Bytes libyaml reads past before the next release (a few `madvise` calls a megabyte).
    static let chunk = 256 * 1024
    /// Bytes kept behind libyaml's read position: its raw buffer (16 KB) holds text up to that far
    /// back, and reader errors are found in it.
    static let margin = 64 * 1024

    let base: UnsafeMutablePointer<UInt8>?
    /// Where the text still held starts (rounded to pages when released).
    var position = TextPosition()

    /// Records the position at `end` and releases the whole pages before it.
    mutating func release(upTo end: Int, of bytes: UnsafeBufferPointer<UInt8>) {
        guard let base, end > position.offset else { return }
        let page = Int(getpagesize())
        let from = position.offset
        // Whole pages only: the first and last pages of the buffer may hold malloc's bookkeeping.
        let first = (Int(bitPattern: base + from) + page - 1) & ~(page - 1)
        let last = Int(bitPattern: base + end) & ~(page - 1)
        guard last > first else { return }
        position.advance(to: last - Int(bitPattern: base), in: bytes)
        _ = madvise(UnsafeMutableRawPointer(bitPattern: first), last - first, MADV_DONTNEED)
    }
}
