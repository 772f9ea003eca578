import SchemaValidation
import SpecSource

/// A media type (RFC 6838 §4.2, RFC 9110 §8.3.1) reduced to what matching needs: `type/subtype`
/// in lower case, without parameters.
struct MediaType: Equatable, Sendable {
    /// `type/subtype`, lower case.
    let essence: String
    /// The type (`application`), lower case; most fit a small inline string, so comparing costs
    /// no more than comparing two words.
    let type: String
    /// The subtype (`json`, `problem+json`, `*`), lower case.
    let subtype: String

    static func == (a: MediaType, b: MediaType) -> Bool { a.essence == b.essence }

    /// Parses `type/subtype; parameters` (case-insensitive, parameters dropped); `nil` when it is
    /// not of that form. Reads bytes once; copies only when the text is not already the essence.
    init?(_ text: String) {
        var copy = text
        let parsed: (type: String, subtype: String, whole: Bool, upper: Bool)? = copy.withUTF8 { bytes in
            var start = 0
            var end = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
            while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
            while start < end, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
            var slash = -1
            var upper = false
            for i in start..<end {
                let byte = bytes[i]
                if byte == UInt8(ascii: "/") {
                    guard slash < 0 else { return nil }
                    slash = i
                }
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { upper = true }
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: ",") { return nil }
            }
            guard slash > start, slash < end - 1 else { return nil }
            func lowered(_ range: Range<Int>) -> String {
                guard upper else { return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
                return String(
                    decoding: bytes[range].map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }, as: UTF8.self)
            }
            return (lowered(start..<slash), lowered(slash + 1..<end), start == 0 && end == bytes.count, upper)
        }
        guard let parsed else { return nil }
        type = parsed.type
        subtype = parsed.subtype
        // The usual header (`application/json`) is its own essence: no copy.
        essence = parsed.whole && !parsed.upper ? text : parsed.type + "/" + parsed.subtype
    }

    /// JSON, or a structured syntax suffix `+json` (RFC 6839 §3.1): `application/problem+json`.
    var isJSON: Bool {
        (type == "application" && subtype == "json") || subtype.hasSuffix("+json")
    }

    /// `text/*`: validated as one string.
    var isText: Bool { type == "text" }

    /// A form read by name into an object: `application/x-www-form-urlencoded` or
    /// `multipart/form-data` (OpenAPI 3.2.0 §4.8.14.3, "Encoding By Name").
    var isForm: Bool {
        (type == "application" && subtype == "x-www-form-urlencoded") || (type == "multipart" && subtype == "form-data")
    }

    /// `multipart/*`.
    var isMultipart: Bool { type == "multipart" }

    /// Whether this Content key can be chosen for a body read by name or position: it matches
    /// `application/x-www-form-urlencoded` or some `multipart/*` type (``specificity(matching:)``),
    /// the only bodies whose parts an Encoding Object describes.
    var mayMatchForm: Bool {
        type == "*" || type == "multipart" || (type == "application" && (subtype == "*" || subtype == "x-www-form-urlencoded"))
    }

    /// A sequence of JSON texts: JSON Lines (`application/jsonl`), NDJSON
    /// (`application/x-ndjson`), JSON text sequences (`application/json-seq`, RFC 7464, and the
    /// `+json-seq` suffix, RFC 8091).
    var isJSONSequence: Bool {
        type == "application" && (subtype == "jsonl" || subtype == "x-ndjson") || isRecordSeparated
    }

    /// RFC 7464 JSON text sequences: `application/json-seq` and `+json-seq` types.
    var isRecordSeparated: Bool { subtype == "json-seq" || subtype.hasSuffix("+json-seq") }

    /// `text/event-stream` (server-sent events).
    var isEventStream: Bool { type == "text" && subtype == "event-stream" }

    /// A sequential media type whose items are validated one by one (OpenAPI 3.2.0 §4.8.14.2,
    /// "Sequential Media Types").
    var isSequential: Bool { isJSONSequence || isEventStream }

    /// How specific a key is when it matches: exact 2, `type/*` 1, `*/*` 0; `nil` when it does not
    /// match `actual`.
    func specificity(matching actual: MediaType) -> Int? {
        if type == "*" && subtype == "*" { return 0 }
        guard type == actual.type else { return nil }
        if subtype == "*" { return 1 }
        return subtype == actual.subtype ? 2 : nil
    }
}

extension OpenAPIOperation.Content {
    /// The most specific documented key matching `contentType`: exact, then `type/*`, then `*/*`,
    /// parameters and case ignored ("the most specific key is applicable", OpenAPI 3.1.1
    /// §4.8.13.1); the first such key in document order among equally specific ones.
    static func select(_ contentType: String, in content: [OpenAPIOperation.Content]) -> OpenAPIOperation.Content? {
        MediaType(contentType).flatMap { select($0, in: content) }
    }

    /// The most specific documented key matching `actual`.
    static func select(_ actual: MediaType, in content: [OpenAPIOperation.Content]) -> OpenAPIOperation.Content? {
        // Indices, so that only the chosen entry is copied.
        var best = -1
        var bestSpecificity = -1
        for i in content.indices {
            guard let s = content[i].key?.specificity(matching: actual), s > bestSpecificity else { continue }
            best = i
            bestSpecificity = s
        }
        return best < 0 ? nil : content[best]
    }
}

/// What a body or a content-described value turned into.
enum DecodedContent {
    /// A JSON value to validate.
    case value(JSONValue)
    /// A media type whose content the checks do not read (binary): the
    /// reason, reported among the unchecked items.
    case unchecked(String)
    /// The content is not what its media type says (JSON that does not parse, text that is not
    /// UTF-8): the reason, reported as an error.
    case invalid(String)
}

/// Reads content by media type: JSON (and `+json`) parsed, `text/*` as a string, other types left
/// unchecked. Bodies in form media types (``FormReader``) and sequential media types
/// (``SequenceReader``) are read before they get here, because they need the schema and the
/// Encoding Objects, or validate item by item.
enum ContentDecoder {
    static func decode(_ bytes: [UInt8], as mediaType: MediaType) -> DecodedContent {
        if mediaType.isJSON {
            do {
                return .value(try SourceLoader.parse(bytes, format: .json))
            } catch {
                let at = error.location.isKnown ? " at line \(error.location.line), column \(error.location.column)" : ""
                return .invalid("not valid JSON\(at): \(error.message)")
            }
        }
        if mediaType.isText, !mediaType.isEventStream {
            guard let text = String(validating: bytes, as: UTF8.self) else { return .invalid("not valid UTF-8 text") }
            return .value(.string(text))
        }
        return .unchecked("\(mediaType.essence) content is not checked")
    }

    /// A content-described parameter's or header's text, read by its media type.
    static func decode(text: String, as mediaType: MediaType) -> DecodedContent {
        if mediaType.isText, !mediaType.isJSON, !mediaType.isEventStream { return .value(.string(text)) }
        return decode(Array(text.utf8), as: mediaType)
    }
}
