import SpecSource

/// One body part of a multipart body (RFC 2046 §5.1.1).
struct MultipartPart {
    /// Its header fields in order, names lower-cased, values without surrounding whitespace
    /// (folded lines joined).
    var headers: [(name: String, value: String)]
    /// Its content.
    var body: ArraySlice<UInt8>
    /// Its position in the body, from 0.
    var index: Int

    /// The values of header `name` (lower case) joined by `, `, or `nil`.
    func header(_ name: String) -> String? {
        let values = headers.compactMap { $0.name == name ? $0.value : nil }
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    /// `Content-Disposition: form-data; name="…"` (RFC 7578 §4.2): the disposition type (lower
    /// case) and its parameters; `nil` without the header.
    var disposition: (type: String, parameters: [(name: String, value: String)])? {
        guard let value = header("content-disposition") else { return nil }
        let parsed = HeaderParameters.parse(value)
        return (parsed.value.lowercased(), parsed.parameters)
    }
}

/// Checks a part's header fields against one Encoding Object Header Object: the Header Object,
/// the values of that field (in order), the field's instance location and its label in messages.
typealias PartHeaderCheck = (Parameter, [String], String, String, inout ExchangeReport) throws(ContractError) -> Void

/// What a part's own `Content-Type` field says.
enum PartContentType {
    /// The part has no `Content-Type` field.
    case absent
    case mediaType(MediaType)
    /// The field is not a media type; the message says so (after the part's label).
    case malformed(String)
}

/// The checks every multipart reader makes of a part before reading its content: by field name
/// (`FormReader`) or by position (`PositionalMultipartReader`).
extension MultipartPart {
    /// The part's `Content-Type`, with an `undocumentedContentType` error when its Encoding
    /// Object's `contentType` does not allow it (OpenAPI 3.2.0 §4.8.15.1).
    /// - Parameters:
    ///   - location: The part's instance location; `label` names it in messages.
    ///   - source: Where the Encoding Object (or the media type) is documented.
    func contentType(
        allowedBy encoding: Encoding?, at location: String, label: String, source: SourceLocation, _ report: inout ExchangeReport
    ) -> PartContentType {
        guard let declared = header("content-type") else { return .absent }
        guard let parsed = MediaType(declared) else {
            return .malformed("has Content-Type \(JSONWriter.quoted(declared)), which is not a media type")
        }
        if let encoding, !encoding.allows(parsed) {
            report.error(
                .undocumentedContentType, location, "encoding",
                "\(label) has Content-Type \(parsed.essence), but its encoding allows \(encoding.contentTypeText ?? "")", source)
        }
        return .mediaType(parsed)
    }

    /// Checks the part's header fields against the Encoding Object's `headers`, each at
    /// `location/header/<name>`.
    func checkHeaders(
        of encoding: Encoding?, at location: String, label: String, _ check: PartHeaderCheck, _ report: inout ExchangeReport
    ) throws(ContractError) {
        for header in encoding?.headers ?? [] {
            let key = header.name.lowercased()
            try check(
                header, headers.compactMap { $0.name == key ? $0.value : nil }, location + "/header/" + JSONPointer.escape(key),
                "header \(JSONWriter.quoted(header.name)) of \(label)", &report)
        }
    }

    /// The part's content parsed as JSON, or a message saying where it is not JSON.
    func jsonContent() -> Result<JSONValue, PartReadFailure> {
        do { return .success(try SourceLoader.parse(Array(body), format: .json)) } catch {
            let at = error.location.isKnown ? " at line \(error.location.line), column \(error.location.column)" : ""
            return .failure(PartReadFailure(message: "is not valid JSON\(at): \(error.message)"))
        }
    }
}

/// Why a part's content could not be read; the message follows the part's label.
struct PartReadFailure: Error {
    let message: String
}

/// A value with `; name=value` parameters, as `Content-Type` (RFC 9110 §5.6.6) and
/// `Content-Disposition` (RFC 6266 §4.1) write them: tokens or quoted strings (with `\` escapes).
enum HeaderParameters {
    /// The part before the first `;` (trimmed) and the parameters in order, names lower-cased.
    /// Malformed pieces (no `=`, an unterminated quote) are skipped or read up to the end.
    static func parse(_ text: String) -> (value: String, parameters: [(name: String, value: String)]) {
        let bytes = Array(text.utf8)
        var i = 0
        func skipSpace() { while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 } }
        var start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: ";") { i += 1 }
        let value = String(decoding: bytes[start..<i], as: UTF8.self).trimmingWhitespace()
        var parameters: [(String, String)] = []
        while i < bytes.count {
            i += 1  // the `;`
            skipSpace()
            start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: ";") { i += 1 }
            let name = String(decoding: bytes[start..<i], as: UTF8.self).trimmingWhitespace().lowercased()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { continue }
            i += 1
            skipSpace()
            var parameterValue: [UInt8] = []
            if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count { i += 1 }
                    parameterValue.append(bytes[i])
                    i += 1
                }
                if i < bytes.count { i += 1 }  // the closing quote
                while i < bytes.count, bytes[i] != UInt8(ascii: ";") { i += 1 }
            } else {
                start = i
                while i < bytes.count, bytes[i] != UInt8(ascii: ";") { i += 1 }
                parameterValue = Array(bytes[start..<i])
                while let last = parameterValue.last, last == 0x20 || last == 0x09 { parameterValue.removeLast() }
            }
            if !name.isEmpty { parameters.append((name, String(decoding: parameterValue, as: UTF8.self))) }
        }
        return (String(value), parameters)
    }

    /// The value of parameter `name` (lower case) in `text`, or `nil`.
    static func value(of name: String, in text: String) -> String? {
        parse(text).parameters.first { $0.name == name }?.value
    }
}

/// Splits a multipart body into its parts (RFC 2046 §5.1.1, as RFC 7578 uses it for
/// `multipart/form-data`).
///
/// A delimiter is `--boundary` at the start of a line, followed by optional transport padding
/// and a line break; the close delimiter is `--boundary--`. Text before the first delimiter (the
/// preamble) and after the close delimiter (the epilogue) is ignored. Lines may end in CRLF, as
/// the RFC says, or in a bare LF, as hand-written and some recorded bodies do; the line break
/// before a delimiter belongs to the delimiter. Delimiters are only looked for at line starts, so
/// the work is linear in the body's size.
enum MultipartParser {
    static func parse(_ bytes: [UInt8], boundary: String) throws(DecodingFailure) -> [MultipartPart] {
        let boundaryBytes = Array(boundary.utf8)
        // RFC 2046 §5.1.1: 1 to 70 characters, not ending with a space.
        guard (1...70).contains(boundaryBytes.count), boundaryBytes.last != 0x20 else {
            throw DecodingFailure(message: "the multipart boundary must have 1 to 70 characters and not end with a space")
        }
        let dashBoundary = [UInt8(ascii: "-"), UInt8(ascii: "-")] + boundaryBytes
        let lf = UInt8(ascii: "\n")
        let cr = UInt8(ascii: "\r")
        let n = bytes.count

        /// Where the line that follows the one starting at `p` starts, or `n`.
        func nextLine(after p: Int) -> Int {
            var q = p
            while q < n, bytes[q] != lf { q += 1 }
            return q < n ? q + 1 : n
        }
        /// Whether a delimiter line starts at line start `p`: the delimiter's kind and where the
        /// next line starts.
        func delimiter(at p: Int) -> (close: Bool, next: Int)? {
            guard p + dashBoundary.count <= n else { return nil }
            for k in 0..<dashBoundary.count where bytes[p + k] != dashBoundary[k] { return nil }
            var q = p + dashBoundary.count
            if q + 2 <= n, bytes[q] == UInt8(ascii: "-"), bytes[q + 1] == UInt8(ascii: "-") {
                return (true, nextLine(after: q))
            }
            while q < n, bytes[q] == 0x20 || bytes[q] == 0x09 { q += 1 }
            if q == n { return nil }
            if bytes[q] == lf { return (false, q + 1) }
            if bytes[q] == cr, q + 1 < n, bytes[q + 1] == lf { return (false, q + 2) }
            return nil
        }
        /// The first delimiter line at or after line start `p`.
        func findDelimiter(from p: Int) -> (start: Int, close: Bool, next: Int)? {
            var line = p
            while line < n {
                if let d = delimiter(at: line) { return (line, d.close, d.next) }
                line = nextLine(after: line)
            }
            return nil
        }

        guard var current = findDelimiter(from: 0) else {
            throw DecodingFailure(message: "the multipart body has no delimiter line \"--\(boundary)\"")
        }
        var parts: [MultipartPart] = []
        while !current.close {
            guard let next = findDelimiter(from: current.next) else {
                throw DecodingFailure(message: "the multipart body has no close delimiter \"--\(boundary)--\"")
            }
            // The line break before the delimiter belongs to it.
            var end = next.start
            if end > current.next, bytes[end - 1] == lf {
                end -= 1
                if end > current.next, bytes[end - 1] == cr { end -= 1 }
            }
            parts.append(part(bytes[current.next..<end], index: parts.count))
            current = next
        }
        return parts
    }

    /// A part: header lines up to the first empty line, then the content.
    private static func part(_ slice: ArraySlice<UInt8>, index: Int) -> MultipartPart {
        let lf = UInt8(ascii: "\n")
        let cr = UInt8(ascii: "\r")
        var headers: [(name: String, value: String)] = []
        var p = slice.startIndex
        var bodyStart = slice.endIndex
        while p < slice.endIndex {
            var lineEnd = p
            while lineEnd < slice.endIndex, slice[lineEnd] != lf { lineEnd += 1 }
            var textEnd = lineEnd
            if textEnd > p, slice[textEnd - 1] == cr { textEnd -= 1 }
            let next = lineEnd < slice.endIndex ? lineEnd + 1 : slice.endIndex
            if textEnd == p {
                bodyStart = next
                break
            }
            let line = String(decoding: slice[p..<textEnd], as: UTF8.self)
            if slice[p] == 0x20 || slice[p] == 0x09, !headers.isEmpty {
                // An obsolete folded continuation line (RFC 5322 §2.2.3).
                headers[headers.count - 1].value += " " + line.trimmingWhitespace()
            } else if let (name, value) = Substring(line).split(atFirst: UInt8(ascii: ":")) {
                headers.append((String(name.trimmingWhitespace()).lowercased(), String(value.trimmingWhitespace())))
            }
            p = next
        }
        return MultipartPart(headers: headers, body: slice[bodyStart...], index: index)
    }
}
