import SchemaValidation
import SpecSource

/// A sequential body read into items (OpenAPI 3.2.0 §4.8.14.2, "Sequential Media Types":
/// "treating them as if the values were in an array in the same order").
struct SequenceReading {
    /// One item: its value, or why the text at its place is not one.
    enum Item {
        case value(JSONValue)
        case invalid(String)
    }

    var items: [Item] = []
    /// Problems with the body as a whole (text before the first record separator).
    var errors: [String] = []
    /// Findings that are not violations (a stream that ends inside an event).
    var warnings: [String] = []
}

/// Reads the items of JSON Lines, NDJSON, JSON text sequences and server-sent event streams.
enum SequenceReader {
    static func read(_ bytes: [UInt8], as mediaType: MediaType) -> SequenceReading {
        if mediaType.isEventStream { return eventStream(bytes) }
        if mediaType.isRecordSeparated { return jsonTextSequence(bytes) }
        return jsonLines(bytes)
    }

    /// JSON Lines / NDJSON: one JSON text per line, lines separated by LF (a CR before it is
    /// dropped); blank lines are skipped (NDJSON 1.0: parsers "MAY silently ignore empty lines"),
    /// and the last line may or may not end in LF.
    static func jsonLines(_ bytes: [UInt8]) -> SequenceReading {
        var reading = SequenceReading()
        var start = 0
        var line = 1
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let slice = bytes[start..<end]
            if !slice.allSatisfy(isJSONWhitespace) {
                reading.items.append(parse(slice, line: line))
            }
            start = end + 1
            line += 1
        }
        return reading
    }

    /// RFC 7464 JSON text sequences: each text follows a record separator (RS, 0x1E) and ends in
    /// LF. Consecutive separators make no empty items (§2.1); a top-level number, `true`, `false`
    /// or `null` not followed by whitespace may have been cut short and is not accepted (§2.4).
    static func jsonTextSequence(_ bytes: [UInt8]) -> SequenceReading {
        var reading = SequenceReading()
        let rs: UInt8 = 0x1E
        var start = bytes.firstIndex(of: rs) ?? bytes.count
        if !bytes[..<start].allSatisfy(isJSONWhitespace) {
            reading.errors.append("a JSON text sequence starts with a record separator (0x1E) before each text (RFC 7464 §2.1)")
        }
        while start < bytes.count {
            let textStart = start + 1
            var end = textStart
            while end < bytes.count, bytes[end] != rs { end += 1 }
            let slice = bytes[textStart..<end]
            start = end
            if slice.allSatisfy(isJSONWhitespace) { continue }
            var item = parse(slice, line: nil)
            if case .value(let value) = item, slice.last.map(isJSONWhitespace) != true {
                switch value.kind {
                case .number, .bool, .null:
                    item = .invalid(
                        "may be truncated: a top-level number, true, false or null must be followed by whitespace (RFC 7464 §2.4)")
                default: break
                }
            }
            reading.items.append(item)
        }
        return reading
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// One JSON text; `line` places a parse error in the body.
    private static func parse(_ slice: ArraySlice<UInt8>, line: Int?) -> SequenceReading.Item {
        do {
            return .value(try SourceLoader.parse(Array(slice), format: .json))
        } catch {
            var place: [String] = []
            if let line { place.append("line \(line)") }
            if error.location.isKnown { place.append("column \(error.location.column)") }
            return .invalid("is not valid JSON\(place.isEmpty ? "" : " (" + place.joined(separator: ", ") + ")"): \(error.message)")
        }
    }

    /// `text/event-stream`, parsed as the HTML standard's "Parsing an event stream" says (§9.2.6):
    /// UTF-8 decoded (a leading BOM dropped, invalid bytes replaced), lines ending in CRLF, LF or
    /// CR; a line starting with `:` is a comment; `field: value` (one space after the colon
    /// dropped) or a bare `field` with an empty value; `data` lines join with LF; `id` values
    /// containing NULL and `retry` values that are not all ASCII digits are ignored; other fields
    /// are ignored. An empty line dispatches the event — only when data was given, as the standard
    /// does — and an event the stream ends inside is not dispatched.
    ///
    /// Each dispatched event is one item, modelled as OpenAPI 3.2.0 §4.8.14.5 does: an object with
    /// `data` (string), and `event`, `id` (strings) and `retry` (an integer) when the event's own
    /// lines set them.
    static func eventStream(_ bytes: [UInt8]) -> SequenceReading {
        var reading = SequenceReading()
        var text = String(decoding: bytes, as: UTF8.self)
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        var data: String?
        var event: String?
        var id: String?
        var retry: JSONNumber?
        func dispatch() {
            defer {
                data = nil
                event = nil
                id = nil
                retry = nil
            }
            guard let data else { return }
            var object = JSONObject()
            object.append(JSONObject.Member(key: "data", value: .string(data)))
            if let event { object.append(JSONObject.Member(key: "event", value: .string(event))) }
            if let id { object.append(JSONObject.Member(key: "id", value: .string(id))) }
            if let retry { object.append(JSONObject.Member(key: "retry", value: .number(retry))) }
            reading.items.append(.value(JSONValue(.object(object))))
        }
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            var end = i
            while end < scalars.endIndex, scalars[end] != "\n", scalars[end] != "\r" { end = scalars.index(after: end) }
            let line = Substring(scalars[i..<end])
            if end < scalars.endIndex {
                let crlf =
                    scalars[end] == "\r" && scalars.index(after: end) < scalars.endIndex && scalars[scalars.index(after: end)] == "\n"
                i = scalars.index(end, offsetBy: crlf ? 2 : 1)
            } else {
                i = end
            }
            if line.isEmpty {
                dispatch()
                continue
            }
            // By code point, as the standard says (a combining mark after the colon or the space
            // is part of the value): see `Substring.pieces(between:)`.
            if line.hasBytePrefix(":") { continue }
            let field: Substring
            var value: Substring
            if let (before, after) = line.split(atFirst: UInt8(ascii: ":")) {
                field = before
                value = after.hasBytePrefix(" ") ? after.droppingBytes(1) : after
            } else {
                field = line
                value = ""
            }
            switch field {
            case "data":
                if data == nil { data = String(value) } else { data! += "\n" + value }
            case "event":
                event = String(value)
            case "id":
                if !value.utf8.contains(0) { id = String(value) }
            case "retry":
                if !value.isEmpty, value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                    let n = JSONNumber(literal: String(value))
                {
                    retry = n
                }
            default:
                break
            }
        }
        if data != nil {
            reading.warnings.append("the event stream ends inside an event (no empty line after it), which is not dispatched")
        }
        return reading
    }
}

extension OpenAPIDocument {
    /// Whether the document's version defines how a sequential media type's items meet its
    /// schemas (`itemSchema`, and `schema` over the items as an array): OpenAPI 3.2 and later.
    package var definesSequentialSchemas: Bool { !(version.hasPrefix("3.0") || version.hasPrefix("3.1")) }

    /// Whether `key`, a Content Object key, names a sequential media type (JSON Lines, NDJSON,
    /// JSON text sequences, server-sent events).
    package static func isSequentialMediaType(_ key: String) -> Bool { MediaType(key).map { !$0.isJSON && $0.isSequential } ?? false }

    /// Whether `contentType` is `application/json` or a `+json` type (parameters and case ignored).
    package static func isJSONMediaType(_ contentType: String) -> Bool { MediaType(contentType)?.isJSON ?? false }

    /// A body in a sequential media type: each item validated against `itemSchema` (errors at
    /// `…/body/{index}/…`), and the items as an array against `schema` when every item was read
    /// (OpenAPI 3.2.0 §4.8.14.2). Documents before 3.2 define neither: their `schema` is reported
    /// as not applied, and only the stream's syntax is checked.
    func checkSequence(
        _ body: [UInt8], mediaType: MediaType, _ content: OpenAPIOperation.Content, direction: ValidationDirection,
        bodyLocation: String, source: SourceLocation, _ report: inout ExchangeReport
    ) throws(ContractError) {
        let reading = SequenceReader.read(body, as: mediaType)
        for problem in reading.errors {
            report.error(.unreadableContent, bodyLocation, "content", "the body is not valid \(mediaType.essence): \(problem)", source)
        }
        for warning in reading.warnings { report.warning(.unreadableContent, bodyLocation, "content", warning, source) }
        let itemSchema = try compiledItemSchema(content)?.directed(direction)
        var values: [JSONValue] = []
        values.reserveCapacity(reading.items.count)
        var allRead = true
        for (index, item) in reading.items.enumerated() {
            switch item {
            case .invalid(let why):
                allRead = false
                report.error(.unreadableContent, bodyLocation + "/\(index)", "content", "item \(index) \(why)", source)
            case .value(let value):
                values.append(value)
                if let itemSchema { report.add(itemSchema.validate(value), under: bodyLocation + "/\(index)") }
            }
        }
        guard allRead, let schema = try compiledSchema(content) else { return }
        guard definesSequentialSchemas else {
            // OpenAPI 3.0 and 3.1 say nothing of how a stream maps to `schema`; 3.2's reading (the
            // items as one array, an event stream's items objects with string `data`) fails every
            // stream of the documents that meant each event's data (OpenAI's and OpenRouter's).
            report.unchecked(
                .uncheckedContent, bodyLocation, "schema",
                "the \(mediaType.essence) body was read, but its schema is not applied: OpenAPI \(version) does not say "
                    + "how a stream maps to a schema (3.2 defines itemSchema for that)", content.source?.value.location ?? source)
            return
        }
        report.add(schema.directed(direction).validate(.array(values)), under: bodyLocation)
    }
}
