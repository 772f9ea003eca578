import CLibYAML

/// Reads YAML 1.2 text (core schema, JSON data model) into a located ``JSONValue`` tree.
///
/// libyaml's event parser does the syntax; events stream straight into ``YAMLTreeBuilder``, which
/// keeps partially built containers on an explicit stack. Scalars resolve by the core schema
/// (``YAMLScalar``); numbers stay exact. Every failure is a ``SourceError`` with a 1-based position.
enum YAMLReader {
    /// Parses one YAML document.
    /// - Parameters:
    ///   - bytes: UTF-8 (or UTF-16 with a BOM) text; kept alive for the whole parse.
    ///   - file: The file the text came from, for locations.
    ///   - limits: Depth and alias-expansion limits.
    /// - Returns: The document's root value; `null` for an empty stream.
    /// - Throws: ``SourceError`` with a `yaml.*` code.
    static func parse(_ bytes: [UInt8], file: SourceFileID, limits: LoadLimits) throws(SourceError) -> JSONValue {
        if bytes.isEmpty {
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

        let result: Result<JSONValue, SourceError> = bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            do throws(SourceError) {
                return .success(try run(parser, event, bytes: buffer, file: file, limits: limits))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Pulls events until the stream ends, feeding them to the builder; frees every event.
    private static func run(
        _ parser: UnsafeMutablePointer<yaml_parser_t>, _ event: UnsafeMutablePointer<yaml_event_t>,
        bytes: UnsafeBufferPointer<UInt8>, file: SourceFileID, limits: LoadLimits
    ) throws(SourceError) -> JSONValue {
        var builder = YAMLTreeBuilder(file: file, limits: limits, textSize: bytes.count)
        while true {
            guard yaml_parser_parse(parser, event) == 1 else {
                throw syntaxError(parser, bytes: bytes, file: file)
            }
            defer { yaml_event_delete(event) }
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
        }
    }

    /// An anchor or alias name.
    @inline(__always)
    private static func name(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }

    /// The parser's error as a `yaml.syntax` ``SourceError`` at libyaml's problem position.
    private static func syntaxError(_ parser: UnsafeMutablePointer<yaml_parser_t>, bytes: UnsafeBufferPointer<UInt8>, file: SourceFileID)
        -> SourceError
    {
        let p = parser.pointee
        var message = p.problem.map { String(cString: $0) } ?? "invalid YAML"
        var location: SourceLocation
        switch p.error {
        case YAML_MEMORY_ERROR:
            return SourceError(
                code: "yaml.syntax", message: "out of memory while parsing YAML",
                location: SourceLocation(file: file, line: 0, column: 0))
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset, not a mark.
            if p.problem_value != -1 {
                message += " (#x" + String(UInt32(bitPattern: p.problem_value), radix: 16, uppercase: true) + ")"
            }
            location = position(ofOffset: p.problem_offset, in: bytes, file: file)
        default:
            if let context = p.context {
                message += " " + String(cString: context)
            }
            location = SourceLocation(
                file: file, line: UInt32(truncatingIfNeeded: p.problem_mark.line &+ 1),
                column: UInt32(truncatingIfNeeded: p.problem_mark.column &+ 1))
        }
        return SourceError(code: "yaml.syntax", message: message, location: location)
    }

    /// The 1-based line and column (in characters) of a byte offset.
    static func position(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: SourceFileID) -> SourceLocation {
        var line: UInt32 = 1
        var column: UInt32 = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let c = bytes[i]
            if c == UInt8(ascii: "\n") || (c == UInt8(ascii: "\r") && (i + 1 >= bytes.count || bytes[i + 1] != UInt8(ascii: "\n"))) {
                line += 1
                column = 1
            } else if c & 0xC0 != 0x80 && c != UInt8(ascii: "\r") {
                column += 1
            }
            i += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
